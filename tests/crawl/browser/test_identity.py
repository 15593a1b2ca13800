"""The visitor's identity: client hints that match what Chromium itself announces."""

from __future__ import annotations

from scanner.crawl.browser.identity import brand_list, user_agent_override, visitor_identity
from scanner.crawl.options import BrowserOptions

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"  # noqa: E501


def test_brands_match_chromium_156_as_measured() -> None:
    # what navigator.userAgentData reported in Chromium 156.0.8078.129 without any override
    assert brand_list("156", "") == [
        {"brand": "Not:A-Brand", "version": "8"},
        {"brand": "Chromium", "version": "156"},
    ]
    assert brand_list("156", "156.0.8078.129")[1] == {
        "brand": "Chromium",
        "version": "156.0.8078.129",
    }


def test_override_agrees_with_the_user_agent() -> None:
    linux = user_agent_override(UA, "156.0.8078.129", "en-US")
    assert (linux["platform"], linux["userAgentMetadata"]["platform"]) == ("Linux x86_64", "Linux")
    windows = user_agent_override(UA.replace("X11; Linux x86_64", "Windows NT 10.0"), "", "de")
    assert (windows["platform"], windows["userAgentMetadata"]["platform"]) == ("Win32", "Windows")
    assert not any("Headless" in b["brand"] for b in linux["userAgentMetadata"]["brands"])


def test_no_user_agent_no_override() -> None:
    assert visitor_identity(BrowserOptions()) == ((), ())
    frames, workers = visitor_identity(BrowserOptions(user_agent=UA, browser_version="156.0.1.2"))
    assert [m for m, _ in frames] == ["Emulation.setUserAgentOverride"]
    assert [m for m, _ in workers] == ["Network.setUserAgentOverride"]
