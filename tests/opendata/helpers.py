"""Reading a built package back: its files, its CSV rows."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rows(path: Path, name: str) -> list[dict]:
    with zipfile.ZipFile(path) as archive:
        text = archive.read(f"data/{name}.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def descriptor(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("datapackage.json"))
