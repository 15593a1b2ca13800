"""The sync bridge's shim: a Playwright without the internals it uses fails with a clear message."""

from __future__ import annotations

import asyncio
import types
from typing import Any

import pytest

from scanner.pytest_plugin import bridge


class _SyncWithoutInternals:
    """A sync API object of a future Playwright: no ``_impl_obj``, no ``_sync``."""


def test_a_sync_object_without_impl_obj_is_a_clear_error() -> None:
    with pytest.raises(bridge.PlaywrightBridgeError) as caught:
        bridge.as_async(_SyncWithoutInternals())
    message = str(caught.value)
    assert "_SyncWithoutInternals._impl_obj is missing" in message
    assert f"Playwright {bridge.playwright_version()}" in message
    assert "playwright>=1.65,<2" in message
    assert not isinstance(caught.value, AttributeError)


def test_a_missing_sync_runner_is_a_clear_error_and_the_coroutine_is_closed() -> None:
    async def work() -> int:
        return 1

    coroutine = work()
    with pytest.raises(bridge.PlaywrightBridgeError, match=r"\._sync is missing"):
        bridge.run(_SyncWithoutInternals(), coroutine)
    assert coroutine.cr_frame is None  # closed: no "never awaited" warning
    asyncio.run(asyncio.sleep(0))


def test_a_changed_async_mapping_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = types.ModuleType("playwright._impl._async_base")
    changed.mapping = types.SimpleNamespace(from_impl=lambda obj: obj)  # type: ignore[attr-defined]
    real_import = bridge.importlib.import_module

    def fake_import(name: str, *args: Any) -> Any:
        return changed if name == "playwright._impl._async_base" else real_import(name, *args)

    monkeypatch.setattr(bridge.importlib, "import_module", fake_import)
    bridge._mapping.cache_clear()
    try:
        with pytest.raises(bridge.PlaywrightBridgeError, match=r"mapping\._mapping is missing"):
            bridge.as_async(types.SimpleNamespace(_impl_obj=object()))
    finally:
        bridge._mapping.cache_clear()


def test_the_installed_playwright_has_every_internal_the_bridge_uses() -> None:
    mapping = bridge._mapping()
    assert all(hasattr(mapping, part) for part in bridge._MAPPING_PARTS)
