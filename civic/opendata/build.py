"""Build the open-data package: a zip holding a Frictionless Data Package.

    civic-open-data-YYYYMMDD-HHMMSS.zip
        datapackage.json    resources, Table Schemas (fr/en), licence, creation time
        data/<name>.csv     UTF-8 without BOM, comma, header, RFC 4180 (raw values)
        LICENCE.txt         the licence and the attribution to give
        LISEZMOI.txt        what is inside and the privacy rules (README.txt in English)

Rows are streamed from the database straight into the zip (`yield_per`, no list in
memory); the zip is written as `*.zip.part` then renamed, so the page never serves half a
file. The last KEEP builds are kept.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from flask import current_app, url_for

from civic.core.tabular import csv_stream
from civic.opendata import schema, texts
from civic.opendata.rows import ROWS, Context

KEEP = 3
PROGRESS_EVERY = 10_000
NAME_RE = re.compile(r"^civic-open-data-(\d{8})-(\d{6})\.zip$")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

Progress = Callable[[str, str, int], None]  # (event "start"|"rows"|"done", resource, rows)


@dataclass(frozen=True)
class Build:
    path: Path
    created: datetime
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def package_dir(directory: str | os.PathLike | None = None) -> Path:
    return Path(directory or current_app.config["OPEN_DATA_DIR"])


def builds(directory: str | os.PathLike | None = None) -> list[Build]:
    """The finished builds, newest first."""
    folder = package_dir(directory)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = NAME_RE.match(path.name)
        if match and path.is_file():
            created = datetime.strptime("".join(match.groups()), "%Y%m%d%H%M%S")
            found.append(Build(path, created.replace(tzinfo=UTC), path.stat().st_size))
    return sorted(found, key=lambda b: b.name, reverse=True)


def latest_build(directory: str | os.PathLike | None = None) -> Build | None:
    found = builds(directory)
    return found[0] if found else None


def _datetime_cell(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.strftime(DATETIME_FORMAT)


_CELLS = {
    int: str, float: repr, datetime: _datetime_cell, date: date.isoformat,
    bool: lambda value: "true" if value else "false",
}


def cell(value) -> str:
    """A value as open data writes it: raw text, ISO dates, `true`/`false`, empty for none."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return value
    return _CELLS.get(kind, str)(value)


class _Counting(io.RawIOBase):
    """Forwards bytes to a zip entry while counting and hashing them."""

    def __init__(self, target):
        self.target, self.size, self.hash = target, 0, hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.size += len(data)
        self.hash.update(data)
        self.target.write(data)
        return len(data)


def _urls() -> dict[str, str]:
    """Templates of absolute page addresses ("{}" where the id goes)."""
    marker = 987654321
    endpoints = {"proposal": ("proposals.detail", "proposal_id"),
                 "experiment": ("experiments.detail", "experiment_id"),
                 "amendment": ("amendments.detail", "amendment_id"),
                 "section": ("masterplan.section", "section_id"),
                 "revision": ("masterplan.revision", "number"),
                 "organization": ("organizations.detail", "slug")}
    with current_app.test_request_context("/", base_url=current_app.config["BASE_URL"]):
        return {kind: url_for(endpoint, **{arg: marker}, _external=True)
                .replace(str(marker), "{}")
                for kind, (endpoint, arg) in endpoints.items()}


def _write_resource(archive: zipfile.ZipFile, resource: dict, ctx: Context,
                    progress: Progress | None) -> dict:
    name = resource["name"]
    columns = [f["name"] for f in resource["fields"]]
    if progress:
        progress("start", name, 0)
    count = 0
    with archive.open(f"data/{name}.csv", "w", force_zip64=True) as entry:
        counter = _Counting(entry)
        buffered = io.BufferedWriter(counter, buffer_size=1 << 16)
        text = io.TextIOWrapper(buffered, encoding="utf-8", newline="")
        cells = ([cell(row.get(column)) for column in columns] for row in ROWS[name](ctx))
        # Chunk 0 is the header, chunk n the n-th row: raw values, no BOM.
        for count, chunk in enumerate(csv_stream(columns, cells, bom=False, defuse=False)):
            text.write(chunk)
            if progress and count and count % PROGRESS_EVERY == 0:
                progress("rows", name, count)
        text.flush()
        text.detach()
        buffered.flush()
    if progress:
        progress("done", name, count)
    described = schema.descriptor(resource)
    described["bytes"] = counter.size
    described["hash"] = f"sha256:{counter.hash.hexdigest()}"
    return described


def datapackage(resources: list[dict], created: datetime) -> dict:
    config = current_app.config
    base = config["BASE_URL"]
    metropolis = config["METROPOLIS_NAME"]
    return {
        "profile": "tabular-data-package",
        "name": "civic-open-data",
        "title": texts.title_fr(config), "title_en": texts.title_en(config),
        "description": texts.DESCRIPTION_FR.format(metropolis=metropolis),
        "description_en": texts.DESCRIPTION_EN.format(metropolis=metropolis),
        "homepage": f"{base}/open-data",
        "created": created.strftime(DATETIME_FORMAT),
        "keywords": list(texts.KEYWORDS),
        "licenses": [{"name": config["OPEN_DATA_LICENSE_ID"],
                      "title": config["OPEN_DATA_LICENSE_NAME"],
                      "path": config["OPEN_DATA_LICENSE_URL"]}],
        "publisher": metropolis,
        "resources": resources,
    }


def build_package(directory: str | os.PathLike | None = None,
                  progress: Progress | None = None, *, now: datetime | None = None) -> Path:
    """Write a new package into `directory` (OPEN_DATA_DIR) and return its path."""
    created = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    folder = package_dir(directory)
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"civic-open-data-{created:%Y%m%d-%H%M%S}.zip"
    part = final.with_name(final.name + ".part")
    publish_names = bool(current_app.config["OPEN_DATA_PUBLISH_NAMES"])
    ctx = Context(urls=_urls())
    try:
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED,
                             compresslevel=6) as archive:
            described = [_write_resource(archive, resource, ctx, progress)
                         for resource in schema.resources(publish_names)]
            package = datapackage(described, created)
            archive.writestr("datapackage.json",
                             json.dumps(package, ensure_ascii=False, indent=2) + "\n")
            for filename, content in texts.documents(current_app.config, created,
                                                     publish_names).items():
                archive.writestr(filename, content)
        os.replace(part, final)
    finally:
        part.unlink(missing_ok=True)
    for old in builds(folder)[KEEP:]:
        old.path.unlink(missing_ok=True)
    return final
