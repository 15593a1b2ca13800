"""A held worker runs only after what the scanner told it (hold.py, targets.py), even when
the scanner hears late of it (a starved machine) or the worker is slow to do it."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Route, async_playwright

from scanner.crawl.browser.launch import launch_profile
from scanner.crawl.browser.locate import find_browser
from scanner.crawl.devtools.targets import PageTargets, Target
from scanner.crawl.options import BrowserOptions

pytestmark = pytest.mark.browser
PAGE = "https://told.cookiescan.invalid/"
# The worker's first line says what it was told: "told" once the scanner's command ran.
_HTML = """<!doctype html><body><script>
const code = "postMessage(String(self.__told));";
const w = new Worker(URL.createObjectURL(new Blob([code], {type: "text/javascript"})));
w.onmessage = (e) => { document.title = e.data; };
</script></body>"""
_TELL = "{ const t = Date.now(); while (Date.now() - t < %d) {} self.__told = 'told'; }"


class _Unheard:
    def on_network_event(self, page: Any, method: str, event: Any, target: Target | None) -> None:
        """Dropped."""

    def on_worker_call(self, page: Any, target: Target, payload: str) -> None:
        """Dropped."""


class _LateTargets(PageTargets):
    """Hears of each child ``late`` seconds after the browser says it attached."""

    late = 0.0

    def _on_attached(self, event: dict[str, Any], parents: tuple[str, ...] = ()) -> None:
        asyncio.get_running_loop().call_later(self.late, super()._on_attached, event, parents)


async def _serve(route: Route) -> None:
    await route.fulfill(body=_HTML, content_type="text/html")


def _worker_says(late: float, busy_ms: int) -> str:
    async def run() -> str:
        with tempfile.TemporaryDirectory() as profile:
            async with async_playwright() as pw:
                path = find_browser(None, pw.chromium.executable_path).path
                context = await launch_profile(pw, BrowserOptions(path), Path(profile))
                page = await context.new_page()
                tell = (("Runtime.evaluate", {"expression": _TELL % busy_ms}),)
                targets = _LateTargets(context, page, _Unheard(), tell)
                targets.late = late
                await targets.attach()
                await page.route("**/*", _serve)
                await page.goto(PAGE)
                await page.wait_for_function("document.title !== ''")
                said = await page.title()
                await context.close()
                return said

    return asyncio.run(run())


@pytest.mark.parametrize(("late", "busy_ms"), [(0.0, 0), (0.0, 2000), (4.0, 0)])
def test_a_worker_s_first_line_runs_after_the_scanner_s_commands(late: float, busy_ms: int) -> None:
    assert _worker_says(late, busy_ms) == "told"
