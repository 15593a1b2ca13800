"""Global Privacy Control as the visitor sends it in the GPC states: the ``Sec-GPC: 1`` header on
every request and ``navigator.globalPrivacyControl`` in every frame."""

from __future__ import annotations

from dataclasses import replace

from playwright.async_api import BrowserContext

from scanner.crawl.options import BrowserOptions

GPC_HEADER = ("Sec-GPC", "1")
GPC_SCRIPT = (
    "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', "
    "{configurable: true, enumerable: true, get: () => true});"
)


def gpc_options(options: BrowserOptions, sends_gpc: bool) -> BrowserOptions:
    """The browser options of one state: the GPC states add ``Sec-GPC: 1`` to every request."""
    if not sends_gpc:
        return options
    return replace(options, extra_headers=(*options.extra_headers, GPC_HEADER))


async def send_gpc(context: BrowserContext) -> None:
    """``navigator.globalPrivacyControl`` is true in every frame of ``context``."""
    await context.add_init_script(script=GPC_SCRIPT)
