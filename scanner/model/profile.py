"""The visitor a scan's browser presented, and the tells a site could still use to spot it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tell:
    """One way a site could still tell the scanner from a person.

    ``id`` is short and stable (``webgl.software``); ``detail`` is a sentence for people.
    """

    id: str
    detail: str


@dataclass(frozen=True, slots=True)
class BrowserProfile:
    """The browser profile a scan used, as a page, an iframe and a worker read it.

    Sizes are ``WIDTHxHEIGHT``; ``brands`` are ``navigator.userAgentData`` brands
    (``Chromium 156``); ``where`` is ``local`` or ``remote ENDPOINT`` (no credentials).
    ``headless`` is None when the browser did not say. ``error`` says why the probe could
    not read the browser (the other fields are then what the scan asked for).
    """

    user_agent: str
    brands: tuple[str, ...]
    platform: str
    viewport: str
    screen: str
    window: str
    languages: tuple[str, ...]
    webgl_renderer: str
    headless: bool | None
    where: str
    error: str | None = None
