"""Reports of the hooks running in a worker: validated, with the worker's own URL as href."""

from __future__ import annotations

import json

import pytest

from scanner.crawl.devtools.worker_hooks import worker_report

SW = "https://shop.test/sw.js"
ARITY = {"cookie": 4, "api": 5}  # the cookie and API collectors' bindings


def test_a_cookie_write_takes_the_worker_url_as_its_href() -> None:
    payload = json.dumps(["cookie", "a=x; Max-Age=60", "https://shop.test/lib.js", "", 1000])
    report = worker_report(payload, SW, ARITY)
    assert report is not None
    assert (report.kind, report.args) == (
        "cookie",
        ("a=x; Max-Age=60", "https://shop.test/lib.js", SW, 1000),
    )


def test_an_api_call_takes_the_worker_url_as_its_href() -> None:
    payload = json.dumps(["api", "canvas.read", "https://shop.test/fp.js", "{}", "", 5])
    report = worker_report(payload, SW, ARITY)
    assert report is not None and report.args[3] == SW


@pytest.mark.parametrize(
    "payload",
    ["not json", "{}", "[]", '["cookie", "a=x"]', '["api", 1, 2, 3, 4, 5, 6]', '["eval", 1]'],
)
def test_anything_else_a_worker_sends_is_dropped(payload: str) -> None:
    assert worker_report(payload, SW, ARITY) is None
