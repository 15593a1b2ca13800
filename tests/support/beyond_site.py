"""Build the "beyond cookies" fixture site: its pages plus the pinned npm libraries it serves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parents[1]
PAGES = TESTS / "sites" / "beyond"
MODULES = TESTS / "cmp-packages" / "node_modules"
CDN = "libs.beyond-cdn.test"
SHOP = "www.beyond-shop.test"
# served path under the CDN host -> file in node_modules (UMD builds, served as .js)
LIBRARIES = {
    "fingerprintjs/dist/fp.umd.min.js": "@fingerprintjs/fingerprintjs/dist/fp.umd.min.js",
    "chart.js/dist/chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "rrweb/dist/rrweb.umd.min.js": "rrweb/dist/rrweb.umd.min.cjs",
    "fflate/umd/index.js": "fflate/umd/index.js",
}


def build_beyond_site(root: Path) -> Path:
    """Copy the fixture pages and the npm libraries into ``root``; skip when npm was not run."""
    missing = [src for src in LIBRARIES.values() if not (MODULES / src).is_file()]
    if missing:
        pytest.skip(f"npm packages not installed ({', '.join(missing)}): run 'make cmp-fixtures'")
    shutil.copytree(PAGES, root, dirs_exist_ok=True)
    for served, src in LIBRARIES.items():
        target = root / CDN / served
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(MODULES / src, target)
    return root
