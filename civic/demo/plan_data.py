"""Demo content: the smart-city master plan, kept as text in plan.toml beside this file."""
from __future__ import annotations

import tomllib
from pathlib import Path

AXES: list[dict] = tomllib.loads((Path(__file__).with_name("plan.toml")).read_text("utf-8"))["axes"]
