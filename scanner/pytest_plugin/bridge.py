"""Run the scanner's async browser code on a sync Playwright object's own connection and loop.

pytest-playwright hands tests sync API objects; the recorder and the consent engine use the
async API. Both APIs wrap the same implementation objects and run on the same event loop
(under the sync API a greenlet drives it), so the async wrapper of a sync object drives the
very same page. The two APIs cache their wrapper on the implementation object under one
attribute name; the async side is given its own, so a test's sync objects stay sync.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

from playwright._impl import _async_base

T = TypeVar("T")
_ASYNC_WRAPPER = "_cookiescan_async_api_instance_"
_mapping: Any = _async_base.mapping


def _from_maybe_impl(obj: Any, visited: Any = None) -> Any:
    """The async mapping's lookup, caching wrappers under their own attribute."""
    if not obj or isinstance(obj, dict | list):
        return type(_mapping).from_maybe_impl(_mapping, obj, visited)
    api_class = _mapping._mapping.get(getattr(obj, "_api_impl_class", type(obj)))
    if api_class is None:
        return obj
    wrapper = getattr(obj, _ASYNC_WRAPPER, None)
    if wrapper is None:
        wrapper = api_class(obj)
        setattr(obj, _ASYNC_WRAPPER, wrapper)
    return wrapper


def _isolate() -> None:
    """Give async wrappers their own cache (idempotent; async-only programs are unaffected)."""
    if getattr(_mapping, "from_maybe_impl", None) is not _from_maybe_impl:
        _mapping.from_maybe_impl = _from_maybe_impl


def as_async(sync_object: Any) -> Any:
    """The async API object wrapping the same page, context or frame as ``sync_object``."""
    _isolate()
    return _mapping.from_impl(sync_object._impl_obj)


def run(sync_object: Any, coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to completion on the loop that drives ``sync_object``."""
    result: T = sync_object._sync(coroutine)
    return result
