"""The Jinja environment every HTML page shares: autoescaping, filters, inline assets."""

from __future__ import annotations

import base64
import functools
import hashlib
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from scanner.i18n import DEFAULT_LANGUAGE, N_, normalize, translations
from scanner.report.text import l10n
from scanner.report.text.safe_text import clean

TEMPLATES = "scanner.report.templates"
SITE_TEXT_LIMIT = 500
EVIDENCE_LABELS = {
    "phase": N_("when"),
    "set_by": N_("set by"),
    "setter": N_("setter (who set it)"),
    "initiator": N_("initiator (who asked for it)"),
    "lifetime_requested": N_("lifetime asked"),
    "lifetime_stored": N_("lifetime stored"),
    "raw_expiry": N_("expiry as sent"),
    "resource_type": N_("resource type"),
    # The other keys rules write, in words (keys not listed show with spaces for underscores).
    "category": N_("category"),
    "party": N_("party"),
    "classification_source": N_("classification source"),
    "url": N_("URL"),
    "host": N_("host"),
    "script": N_("script"),
    "technique": N_("technique"),
    "what_it_did": N_("what it did"),
    "navigator_reads": N_("navigator reads"),
    "requests": N_("requests"),
    "declared": N_("declared"),
    "states": N_("states"),
    "limit": N_("limit"),
    "provider": N_("provider"),
    "vendor": N_("vendor"),
    "what_was_sent": N_("what was sent"),
    "bytes_sent": N_("bytes sent"),
    "field": N_("field"),
    "sent_to": N_("sent to"),
    "encoding": N_("encoding"),
    "location": N_("location"),
    "first_request": N_("first request"),
    "cookies_written": N_("cookies written"),
    "none_state": N_("none state"),
}
PHASES = {
    "before_consent": N_("before the consent action"),
    "after_consent": N_("after the consent action"),
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
def environment(language: str = DEFAULT_LANGUAGE) -> Environment:
    """The template environment of one report language (gettext, locale-aware filters)."""
    language = normalize(language)
    env = Environment(
        loader=PackageLoader("scanner.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["site"] = site_text
    env.filters["label"] = lambda key: l10n.term(evidence_label(key), language)
    env.filters["term"] = lambda value: l10n.term(value, language)
    env.filters["num"] = lambda value, pattern=None: l10n.number(value, language, pattern)
    env.filters["datetime"] = lambda value: l10n.date_time(str(value), language)
    env.filters["duration"] = lambda value: l10n.duration(str(value), language)
    env.filters["phrase"] = lambda value: l10n.phrase(str(value), language)
    env.filters["cell"] = lambda value: l10n.cell(str(value), language)
    env.globals["evidence_value"] = lambda key, value: l10n.term(
        evidence_value(key, value), language
    )
    env.globals["language"] = language
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
