"""Build the "channels" and "bodies" fixture sites: their pages plus the pinned npm libraries
they serve."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parents[1]
PAGES = TESTS / "sites" / "channels"
MODULES = TESTS / "cmp-packages" / "node_modules"
SHOP = "www.channel-shop.test"
# served path under the shop -> file in node_modules
LIBRARIES = {
    f"{SHOP}/vendor/mixpanel.umd.js": "mixpanel-browser/dist/mixpanel.umd.js",
}
BAKERY = "www.proxy-bakery.test"
BODY_PAGES = TESTS / "sites" / "bodies"
BODY_LIBRARIES = {
    f"{BAKERY}/vendor/mixpanel.umd.js": "mixpanel-browser/dist/mixpanel.umd.js",
}


def build_channels_site(root: Path) -> Path:
    """Copy the fixture pages and the npm libraries into ``root``; skip when npm was not run."""
    return _build(root, PAGES, LIBRARIES)


def build_bodies_site(root: Path) -> Path:
    """The bakery whose trackers only their request bodies give away (see its yaml)."""
    return _build(root, BODY_PAGES, BODY_LIBRARIES)


def _build(root: Path, pages: Path, libraries: dict[str, str]) -> Path:
    missing = [src for src in libraries.values() if not (MODULES / src).is_file()]
    if missing:
        pytest.skip(f"npm packages not installed ({', '.join(missing)}): run 'make cmp-fixtures'")
    shutil.copytree(pages, root, dirs_exist_ok=True)
    for served, src in libraries.items():
        target = root / served
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / src, target)
    return root
