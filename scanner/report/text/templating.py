"""The Jinja environment every HTML page shares: autoescaping, filters, inline assets."""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from scanner.report.text.safe_text import clean

TEMPLATES = "scanner.report.templates"
SITE_TEXT_LIMIT = 500
EVIDENCE_LABELS = {
    "phase": "when",
    "set_by": "set by",
    "setter": "setter (who set it)",
    "initiator": "initiator (who asked for it)",
    "lifetime_requested": "lifetime asked",
    "lifetime_stored": "lifetime stored",
    "raw_expiry": "expiry as sent",
    "resource_type": "resource type",
}
PHASES = {
    "before_consent": "before the consent action",
    "after_consent": "after the consent action",
}


def site_text(value: object, limit: int = SITE_TEXT_LIMIT) -> str:
    """Jinja filter: site text on one line, control characters visible, cut to ``limit``."""
    return clean("" if value is None else str(value), limit)


def evidence_label(key: str) -> str:
    """Jinja filter: a readable label for an evidence key."""
    return EVIDENCE_LABELS.get(key, key.replace("_", " "))


def evidence_value(key: str, value: str) -> str:
    """Readable evidence values: phases in words."""
    return PHASES.get(value, value) if key == "phase" else value


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("scanner.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["site"] = site_text
    env.filters["label"] = evidence_label
    env.globals["evidence_value"] = evidence_value
    return env


@functools.cache
def assets() -> dict[str, Any]:
    """The inline style sheet and script, and the CSP that allows exactly them."""
    folder = resources.files(TEMPLATES)
    css = folder.joinpath("report.css").read_text("utf-8")
    js = folder.joinpath("report.js").read_text("utf-8")
    csp = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src '{sha256_source(css)}'; script-src '{sha256_source(js)}'"
    )
    return {"css": css, "js": js, "csp": csp}


def sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
