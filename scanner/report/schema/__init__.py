"""The JSON Schema (draft 2020-12) of report.json, shipped as package data."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMA_FILE = "report.schema.json"


def load_schema() -> dict[str, Any]:
    """The report.json schema as a dict."""
    schema: dict[str, Any] = json.loads(
        resources.files(__name__).joinpath(SCHEMA_FILE).read_text("utf-8")
    )
    return schema
