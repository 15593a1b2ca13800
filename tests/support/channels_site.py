"""Build the "channels" fixture site: its pages plus the pinned npm libraries it serves."""

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


def build_channels_site(root: Path) -> Path:
    """Copy the fixture pages and the npm libraries into ``root``; skip when npm was not run."""
    missing = [src for src in LIBRARIES.values() if not (MODULES / src).is_file()]
    if missing:
        pytest.skip(f"npm packages not installed ({', '.join(missing)}): run 'make cmp-fixtures'")
    shutil.copytree(PAGES, root, dirs_exist_ok=True)
    for served, src in LIBRARIES.items():
        target = root / served
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / src, target)
    return root
