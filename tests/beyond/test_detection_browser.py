"""Fingerprinting, session recording and key logging detected on real libraries, not on controls."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from api_driver import Seen, visit
from beyond_site import SHOP, build_beyond_site

from scanner.crawl.collectors.fingerprinting import detect_fingerprinting
from scanner.crawl.collectors.keystrokes.marker import find_marker, new_marker
from scanner.crawl.collectors.recording import detect_recording
from scanner.demo.server import LocalSite
from scanner.knowledge.recorders import bundled_recorders

pytestmark = pytest.mark.browser
FPJS = "https://libs.beyond-cdn.test/fingerprintjs/dist/fp.umd.min.js"
CHART_DONE = (
    "window.Chart && Chart.getChart('sales') && !Chart.animator.running(Chart.getChart('sales'))"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalSite]:
    with LocalSite(build_beyond_site(tmp_path_factory.mktemp("beyond"))) as served:
        yield served


def _visit(
    site: LocalSite, path: str, until: str = "true", marker: str = "", sent_to: str = ""
) -> Seen:
    return asyncio.run(visit(site, site.url(SHOP, path), until, marker, sent_to))


def test_fingerprintjs_meets_the_canvas_font_webgl_and_audio_criteria(site: LocalSite) -> None:
    seen = _visit(site, "/fingerprint", "document.documentElement.dataset.visitor")
    found = {(d.script, d.technique) for d in detect_fingerprinting(seen.calls)}
    assert found == {(FPJS, t) for t in ("canvas", "font_probing", "webgl", "audio")}
    canvas = next(d for d in detect_fingerprinting(seen.calls) if d.technique == "canvas")
    assert "Cwm fjordbank gly" in canvas.evidence
    assert "navigator.plugins" in canvas.supporting


def test_a_chart_js_chart_is_not_fingerprinting(site: LocalSite) -> None:
    seen = _visit(site, "/chart", CHART_DONE)
    assert {c.api for c in seen.calls} >= {"canvas.measure"}  # instrumented, drawing text
    assert detect_fingerprinting(seen.calls) == ()


def test_rrweb_streaming_is_session_recording_and_leaks_what_is_typed(site: LocalSite) -> None:
    marker = new_marker()
    seen = _visit(
        site, "/recording", marker=marker, sent_to="https://rec.replay-stream.test/events"
    )
    (recording,) = detect_recording(seen.sent, seen.calls, bundled_recorders())
    assert (recording.host, recording.vendor) == ("rec.replay-stream.test", None)
    assert "FullSnapshot x1" in recording.evidence and recording.bytes_sent > 1000
    assert recording.script == "https://libs.beyond-cdn.test/rrweb/dist/rrweb.umd.min.js"
    assert {(h.host, h.encoding) for h in find_marker(seen.sent, marker)} == {
        ("rec.replay-stream.test", "plain")
    }
    assert detect_fingerprinting(seen.calls) == ()


def test_a_key_logger_sends_the_marker_base64_encoded(site: LocalSite) -> None:
    marker = new_marker()
    seen = _visit(
        site, "/keylogger", marker=marker, sent_to="https://keys.keystroke-metrics.test/k"
    )
    assert seen.typed_into == "email"
    hits = find_marker(seen.sent, marker)
    assert [(h.host, h.encoding, h.location) for h in hits] == [
        ("keys.keystroke-metrics.test", "base64", "body")
    ]
    assert detect_recording(seen.sent, seen.calls, bundled_recorders()) == ()


def test_a_plain_form_sends_nothing_typed(site: LocalSite) -> None:
    marker = new_marker()
    seen = _visit(site, "/form", marker=marker)
    assert seen.typed_into == "message"
    assert find_marker(seen.sent, marker) == ()
    assert detect_recording(seen.sent, seen.calls, bundled_recorders()) == ()


def test_an_offscreen_canvas_read_back_is_fingerprinting(site: LocalSite) -> None:
    seen = _visit(site, "/offscreen", "document.documentElement.dataset.read")
    (found,) = detect_fingerprinting(seen.calls)
    assert found.technique == "canvas" and found.evidence.startswith("convertToBlob of a 200x40")


def test_rrweb_uploads_deflated_with_fflate_are_read_and_leak_what_is_typed(
    site: LocalSite,
) -> None:
    marker = new_marker()
    seen = _visit(
        site, "/recording-deflate", marker=marker, sent_to="https://rec.replay-stream.test/upload"
    )
    uploads = [s for s in seen.sent if s.url.endswith("/upload")]
    assert uploads and all(marker not in s.body for s in uploads)  # the body is binary
    (recording,) = detect_recording(seen.sent, seen.calls, bundled_recorders())
    assert recording.host == "rec.replay-stream.test"
    assert "FullSnapshot x1" in recording.evidence and "(in a deflated body)" in recording.evidence
    assert {(h.host, h.encoding, h.location) for h in find_marker(seen.sent, marker)} == {
        ("rec.replay-stream.test", "plain", "body in a deflated body")
    }
