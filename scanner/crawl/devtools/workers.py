"""Which page a worker's request belongs to, how a worker is named, and a request's frames."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from playwright.async_api import Error, Frame, Page, Request

SERVICE_WORKER = "service worker"


class _Visited(Protocol):
    url: str
    started: float


V = TypeVar("V", bound=_Visited)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def worker_visit(visits: Iterable[V], script_url: str) -> V | None:
    """The visit a service worker's request belongs to: the latest one on the worker's
    origin (its registration's pages), else the latest visit at all."""
    ordered = sorted(visits, key=lambda v: v.started, reverse=True)
    origin = _origin(script_url)
    same = [v for v in ordered if _origin(v.url) == origin]
    found = same or ordered
    return found[0] if found else None


def worker_of(request: Request) -> str | None:
    """``service worker <script URL>`` for a service worker's request, else ``None``."""
    worker = request.service_worker
    return None if worker is None else f"{SERVICE_WORKER} {worker.url}"


def frame_chain(request: Request) -> tuple[str, ...]:
    """The URLs of the frames from the top document down to an iframe's request frame
    (empty for requests of the top document or of a worker)."""
    try:
        frame: Frame | None = request.frame
    except Error:
        return ()
    chain = []
    while frame is not None:
        chain.append(frame.url)
        frame = frame.parent_frame
    return tuple(reversed(chain)) if len(chain) > 1 else ()


def page_of(request: Request) -> Page | None:
    """The page a request was made in (``None`` for a service worker's request)."""
    try:
        return request.frame.page
    except Error:
        return None
