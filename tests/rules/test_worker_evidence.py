"""A cookie a worker's script wrote says so in every cookie finding's evidence."""

from __future__ import annotations

from sample_records import cookie

from scanner.rules.context import cookie_evidence

SW = "service worker https://shop.test/sw.js"


def test_a_worker_written_cookie_names_its_worker() -> None:
    evidence = dict(cookie_evidence(cookie("push", setter_worker=SW)))
    assert evidence["setter_worker"] == SW


def test_other_cookies_keep_their_evidence_unchanged() -> None:
    assert "setter_worker" not in dict(cookie_evidence(cookie("push")))
