"""Keep hostile pages from blocking the crawl: no dialogs, no print, no pop-up windows."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine
from importlib import resources
from typing import Any

from playwright.async_api import BrowserContext, Dialog, Error, Page

GUARD_SCRIPT = (
    resources.files("scanner.crawl.browser").joinpath("guards.js").read_text(encoding="utf-8")
)


async def install_guards(context: BrowserContext) -> None:
    """Neutralise alert/confirm/prompt/print/open in every frame; dismiss any dialog left."""
    await context.add_init_script(script=GUARD_SCRIPT)
    context.on("page", watch_page)
    for page in context.pages:
        watch_page(page)


def watch_page(page: Page) -> None:
    """Answer the dialogs of ``page`` without blocking; close its pop-ups at once."""
    page.on("dialog", _dismiss)
    page.on("popup", _close_popup)


def _close_popup(popup: Page) -> None:
    _spawn(_quietly(popup.close(run_before_unload=False)))


def _dismiss(dialog: Dialog) -> None:
    """Dismiss a dialog; a beforeunload one is accepted (leave the page) so navigation goes on."""
    _spawn(_quietly(dialog.accept() if dialog.type == "beforeunload" else dialog.dismiss()))


def _spawn(work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.ensure_future(work)
    _PENDING.add(task)
    task.add_done_callback(_PENDING.discard)


async def _quietly(work: Coroutine[Any, Any, None]) -> None:
    with contextlib.suppress(Error):
        await work


_PENDING: set[asyncio.Task[None]] = set()
