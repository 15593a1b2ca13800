"""The one shim over Playwright internals: run the scanner's async code on a sync object's loop.

pytest-playwright hands tests sync API objects; the recorder and the consent engine use the
async API. Both APIs wrap the same implementation objects and run on the same event loop
(under the sync API a greenlet drives it), so the async wrapper of a sync object drives the
very same page. The two APIs cache their wrapper on the implementation object under one
attribute name; the async side is given its own, so a test's sync objects stay sync.

That needs Playwright internals (``_impl_obj``, ``_sync``, the async wrapper mapping). They are
looked up here and only here: when a Playwright release changes them, the plugin fails with
``PlaywrightBridgeError`` naming what is missing and the versions it was tested with, never
with an AttributeError from deep inside a test.
"""

from __future__ import annotations

import importlib
from collections.abc import Coroutine
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

T = TypeVar("T")
TESTED = ">=1.65,<2"  # the Playwright versions this shim was checked with (pyproject's pin)
_ASYNC_WRAPPER = "_cookiescan_async_api_instance_"
_MAPPING_PARTS = ("_mapping", "from_impl", "from_maybe_impl")


class PlaywrightBridgeError(RuntimeError):
    """The installed Playwright lacks an internal the sync bridge needs."""

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"cookiescan's pytest plugin cannot drive Playwright {playwright_version()}'s sync "
            f"objects: {missing} is missing. The sync bridge relies on Playwright internals and "
            f"was tested with playwright{TESTED}; install a version in that range "
            "(pip install 'playwright>=1.65,<2')."
        )


def playwright_version() -> str:
    """The installed Playwright's version ("unknown" when its metadata is missing)."""
    try:
        return version("playwright")
    except PackageNotFoundError:
        return "unknown"


@cache
def _mapping() -> Any:
    """Playwright's async wrapper mapping, checked for every part the bridge uses."""
    try:
        base = importlib.import_module("playwright._impl._async_base")
    except ImportError as exc:
        raise PlaywrightBridgeError("the module playwright._impl._async_base") from exc
    mapping = getattr(base, "mapping", None)
    if mapping is None:
        raise PlaywrightBridgeError("playwright._impl._async_base.mapping")
    for part in _MAPPING_PARTS:
        if not hasattr(mapping, part):
            raise PlaywrightBridgeError(f"playwright._impl._async_base.mapping.{part}")
    return mapping


def _internal(obj: Any, name: str) -> Any:
    """``obj.<name>`` of a sync API object, or a clear error naming it."""
    try:
        return getattr(obj, name)
    except AttributeError as exc:
        raise PlaywrightBridgeError(f"{type(obj).__name__}.{name}") from exc


def _from_maybe_impl(obj: Any, visited: Any = None) -> Any:
    """The async mapping's lookup, caching wrappers under their own attribute."""
    mapping = _mapping()
    if not obj or isinstance(obj, dict | list):
        return type(mapping).from_maybe_impl(mapping, obj, visited)
    api_class = mapping._mapping.get(getattr(obj, "_api_impl_class", type(obj)))
    if api_class is None:
        return obj
    wrapper = getattr(obj, _ASYNC_WRAPPER, None)
    if wrapper is None:
        wrapper = api_class(obj)
        setattr(obj, _ASYNC_WRAPPER, wrapper)
    return wrapper


def _isolate() -> None:
    """Give async wrappers their own cache (idempotent; async-only programs are unaffected)."""
    mapping = _mapping()
    if getattr(mapping, "from_maybe_impl", None) is not _from_maybe_impl:
        mapping.from_maybe_impl = _from_maybe_impl


def as_async(sync_object: Any) -> Any:
    """The async API object wrapping the same page, context or frame as ``sync_object``."""
    _isolate()
    return _mapping().from_impl(_internal(sync_object, "_impl_obj"))


def run(sync_object: Any, coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to completion on the loop that drives ``sync_object``."""
    try:
        sync = _internal(sync_object, "_sync")
    except PlaywrightBridgeError:
        coroutine.close()
        raise
    result: T = sync(coroutine)
    return result
