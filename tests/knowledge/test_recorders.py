"""The bundled session-replay vendor list and its URL patterns."""

from __future__ import annotations

import pytest

from scanner.knowledge.explain import recorder_lines
from scanner.knowledge.recorders import bundled_recorders, url_matches


@pytest.mark.parametrize(
    ("url", "vendor"),
    [
        ("https://in.hotjar.com/api/v2/client", "Hotjar"),
        ("https://z.clarity.ms/collect", "Microsoft Clarity"),
        ("https://rs.fullstory.com/rec/bundle", "FullStory"),
        ("https://r.lr-ingest.io/i?a=1", "LogRocket"),
        ("https://eu.i.posthog.com/s/?compression=gzip", "PostHog session recording"),
        ("https://mc.yandex.ru/webvisor/123", "Yandex Metrica Webvisor"),
        ("https://eu.i.posthog.com/e/", None),
        ("https://www.clarity.ms/tag/abc", None),
        ("https://notclarity.ms/collect", None),
    ],
)
def test_recording_endpoints(url: str, vendor: str | None) -> None:
    found = bundled_recorders().endpoint_vendor(url)
    assert (found.name if found else None) == vendor


def test_patterns_glob_the_host_and_prefix_the_path() -> None:
    assert url_matches("https://clarity.ms/collect", "*.clarity.ms/collect")
    assert not url_matches("https://a.clarity.ms/collected/x", "*.clarity.ms/collect/")
    assert bundled_recorders().script_vendor("https://static.hotjar.com/c/hotjar-1.js")


def test_the_list_names_the_major_vendors() -> None:
    names = {v.name for v in bundled_recorders().vendors}
    assert {"Hotjar", "Microsoft Clarity", "FullStory", "LogRocket", "Smartlook",
            "Mouseflow", "Lucky Orange", "Inspectlet", "Quantum Metric"} <= names  # fmt: skip
    assert "15 vendors" in bundled_recorders().version


def test_explain_names_the_session_replay_vendor() -> None:
    lines = recorder_lines("static.hotjar.com", bundled_recorders())
    assert lines[0].startswith("Session replay: Hotjar")
    assert recorder_lines("Microsoft Clarity", bundled_recorders())[0].startswith(
        "Session replay: Microsoft Clarity"
    )
    assert recorder_lines("example.com", bundled_recorders()) == []
