"""What the profile probe read, turned into the browser profile and the tells left (no browser)."""

from __future__ import annotations

from typing import Any

from scanner.crawl.browser.tells import browser_profile, remaining_tells, unprobed_profile
from scanner.crawl.options import BrowserOptions

UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0.0.0 Safari/537.36"
)
HEADLESS_UA = UA.replace("Chrome/", "HeadlessChrome/")
SWIFTSHADER = "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)"
GPU = "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)"


def facts(**changes: Any) -> dict[str, Any]:
    base = {
        "webdriver": False,
        "ua": UA,
        "brands": ["Not:A-Brand 8", "Chromium 156"],
        "ua_platform": "Linux",
        "platform": "Linux x86_64",
        "languages": ["en-US"],
        "cores": 8,
    }
    return base | changes


def person() -> dict[str, Any]:
    """What a person's headed Chrome with a GPU reads: no tell."""
    sizes = {"screen": [1920, 1080], "outer": [1366, 860], "inner": [1366, 768]}
    page = facts(**sizes, webgl=GPU, globals=[])
    iframe = facts(screen=[1920, 1080], outer=[1366, 860], inner=[300, 150])
    return {"browser_ua": UA, "page": page, "worker": facts(), "iframe": iframe}


def ids(readings: dict[str, Any]) -> list[str]:
    return [t.id for t in remaining_tells(readings)]


def test_a_person_s_browser_shows_no_tell() -> None:
    assert ids(person()) == []


def test_a_bare_headless_chromium_shows_every_tell_where_it_was_seen() -> None:
    bot = person()
    bot["page"] |= {
        "webdriver": True,
        "ua": HEADLESS_UA,
        "brands": ["HeadlessChrome 156"],
        "webgl": SWIFTSHADER,
        "screen": [800, 600],
        "outer": [1366, 768],
        "globals": ["__playwright__binding__"],
    }
    bot["worker"] |= {"ua": HEADLESS_UA, "brands": ["HeadlessChrome 156"], "languages": []}
    bot["iframe"] |= {"screen": [800, 600], "brands": ["HeadlessChrome 156"]}
    bot["iframe"]["ua"] = HEADLESS_UA
    bot["iframe"]["webdriver"] = True
    tells = {t.id: t.detail for t in remaining_tells(bot)}
    assert list(tells) == [
        "navigator.webdriver",
        "ua.headless",
        "uadata.headless-brand",
        "navigator.languages-empty",
        "worker.differs",
        "webgl.software",
        "window.no-frame",
        "screen.800x600",
        "screen.smaller-than-window",
        "automation.globals",
    ]
    assert tells["navigator.webdriver"].endswith("(page, iframe): the page is told a driver "
                                                 "controls the browser.")  # fmt: skip
    assert "(page, iframe, worker)" in tells["ua.headless"]
    assert tells["worker.differs"] == "a worker reads a different set of languages than its page."
    assert tells["webgl.software"] == f"software WebGL renderer (no GPU): {SWIFTSHADER}."
    assert "(page, iframe)" in tells["screen.800x600"]


def test_the_scanners_own_headless_set_up_leaves_the_software_renderer_and_the_frame() -> None:
    """As the probe reads the scanner's headless Chromium on a machine without a GPU."""
    scan = person()
    scan["browser_ua"] = HEADLESS_UA
    scan["page"] |= {"webgl": SWIFTSHADER, "screen": [1366, 768], "outer": [1366, 768]}
    scan["iframe"] |= {"screen": [800, 600], "outer": [1366, 768]}
    assert ids(scan) == [
        "webgl.software", "window.no-frame", "screen.800x600", "screen.smaller-than-window"
    ]  # fmt: skip
    profile = browser_profile(scan, "local")
    assert profile.headless is True
    assert (profile.viewport, profile.screen, profile.window) == ("1366x768",) * 3
    assert profile.brands == ("Not:A-Brand 8", "Chromium 156") and profile.platform == "Linux"
    assert profile.user_agent == UA and profile.webgl_renderer == SWIFTSHADER
    assert profile.error is None


def test_mismatches_between_places_and_hints_are_tells() -> None:
    odd = person()
    for place in ("page", "iframe", "worker"):
        odd[place]["ua_platform"] = "Windows"
    odd["iframe"]["cores"] = 2
    odd["page"]["webgl"] = "none"
    assert ids(odd) == ["uadata.platform-mismatch", "iframe.differs", "webgl.none"]
    assert "hardwareConcurrency" in remaining_tells(odd)[1].detail


def test_missing_places_are_not_tells_and_an_unread_browser_says_why() -> None:
    alone = person()
    alone["worker"] = alone["iframe"] = None
    assert ids(alone) == []
    assert browser_profile(alone, "local").headless is False
    options = BrowserOptions(user_agent=UA, viewport=(1280, 720), endpoint="ws://node:9222/x")
    profile = unprobed_profile(options, "remote ws://node:9222/x", "the probe failed: gone")
    assert (profile.viewport, profile.headless, profile.error) == (
        "1280x720", None, "the probe failed: gone"
    )  # fmt: skip
