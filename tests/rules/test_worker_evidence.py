"""A cookie a worker's script wrote says so in every cookie finding's evidence."""

from __future__ import annotations

from sample_records import cookie

from scanner.model import SetBy
from scanner.rules.context import cookie_evidence

SW = "service worker https://shop.test/sw.js"


def test_a_worker_written_cookie_names_its_worker() -> None:
    evidence = dict(cookie_evidence(cookie("push", setter_worker=SW)))
    assert evidence["setter_worker"] == SW


def test_other_cookies_keep_their_evidence_unchanged() -> None:
    assert "setter_worker" not in dict(cookie_evidence(cookie("push")))


def test_a_cookie_whose_setter_cannot_be_seen_says_why() -> None:
    why = "possibly set by the answer to https://sync.test/s (shared worker https://shop.test/w.js)"
    unknown = cookie("cs_id", set_by=SetBy.UNKNOWN, setter_url=None, setter_unknown=why)
    evidence = dict(cookie_evidence(unknown))
    assert (evidence["setter"], evidence["setter_unknown"]) == ("unknown", why)
    assert "setter_unknown" not in dict(cookie_evidence(cookie("push")))
