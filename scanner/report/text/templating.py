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
    # Consent, banner design, storage, waiver and coverage evidence (every key a rule writes
    # has a label here; tests/rules/conftest.py checks the keys the rule tests produce).
    "accept": N_("accept control"),
    "accept_overrides_gpc": N_("accept overrides GPC"),
    "accept_steps": N_("steps to accept"),
    "after": N_("value after"),
    "after_implied_consent": N_("after consent inferred from interaction"),
    "beacon": N_("beacon"),
    "before": N_("value before"),
    "before_accept": N_("before the accept"),
    "channel": N_("channel"),
    "check": N_("check"),
    "cmp": N_("consent manager"),
    "confidence": N_("confidence"),
    "cookies": N_("cookies"),
    "count": N_("count"),
    "declared_category": N_("declared category"),
    "deletion_attempts": N_("deletion attempts"),
    "detail": N_("detail"),
    "error": N_("error"),
    "expires": N_("expires"),
    "failure": N_("failure"),
    "followed_by": N_("followed by"),
    "detected_in": N_("detected in"),
    "body": N_("request body"),
    "font_weight_gap": N_("font weight gap"),
    "frame_chain": N_("frame chain"),
    "from_worker": N_("sent by a worker"),
    "gpc_state": N_("in the gpc state"),
    "interaction": N_("interaction"),
    "kept_from_before_choice": N_("kept from before the choice"),
    "known_category": N_("known category"),
    "known_vendor": N_("known vendor"),
    "matches": N_("matches"),
    "offer": N_("paid offer"),
    "origin": N_("origin"),
    "owner": N_("owner"),
    "pages": N_("pages"),
    "partition": N_("partition"),
    "partitioned": N_("partitioned"),
    "protocol": N_("protocol"),
    "read": N_("read"),
    "reason": N_("reason"),
    "reasons": N_("reasons"),
    "refusal": N_("refusal control"),
    "reject_steps": N_("steps to reject"),
    "reopen": N_("reopening the settings"),
    "screenshot": N_("screenshot"),
    "self_test": N_("self-test"),
    "setter_unknown": N_("why the setter is unknown"),
    "setter_worker": N_("set by a worker"),
    "signal": N_("signal"),
    "states_not_applied": N_("states not applied"),
    "status": N_("HTTP status"),
    "steps": N_("steps"),
    "still_sent_on": N_("still sent on"),
    "storage": N_("storage"),
    "strategy": N_("strategy"),
    "third_parties": N_("third parties"),
    "toggles_on": N_("toggles on"),
    "toggles_seen": N_("toggles seen"),
    "type": N_("type"),
    "value_length": N_("value length"),
    "value_unchanged": N_("value unchanged"),
    "via": N_("via"),
    "wall_text": N_("banner text"),
    "writer": N_("writer"),
    "writer_frame": N_("writer's frame"),
    "writer_unknown": N_("why the writer is unknown"),
    "written_after_choice": N_("written after the choice"),
    "written_phase": N_("written"),
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
