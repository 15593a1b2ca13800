"""Getting a browser: the one flow `cookiescan browser --install` and `cookiescan setup` run."""

from __future__ import annotations

from collections.abc import Callable

from scanner.crawl.browser.install import (
    HOW_TO_GET_ONE,
    BrowserCheck,
    check_browser,
    install_browser,
)
from scanner.errors import ExitCode


def get_browser(
    browser_path: str | None, install: bool, say: Callable[[str], None]
) -> BrowserCheck:
    """The browser a scan would use; with ``install``, get one first when none is found."""
    if install:
        return install_browser(lambda: check_browser(browser_path), say=say)
    return check_browser(browser_path)


def advise_if_missing(found: BrowserCheck) -> int:
    """Print how to get a browser when none was found: exit 3; else 0."""
    if found.location is None:
        print(HOW_TO_GET_ONE, flush=True)
        return int(ExitCode.SCAN_FAILED)
    return int(ExitCode.CLEAN)
