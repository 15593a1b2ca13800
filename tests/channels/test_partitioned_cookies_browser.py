"""A partitioned (CHIPS) cookie of a cross-site embed: its top-level site, setter and judgement."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from channels_site import SHOP, build_channels_site
from sitescan import scan_site

from scanner.demo.server import LocalSite
from scanner.model import ConsentState, Party, ScanResult, SetBy
from scanner.report.context.inventory import build_inventory

pytestmark = pytest.mark.browser
UNDER = "partitioned under https://channel-shop.test"


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScanResult]:
    with LocalSite(build_channels_site(tmp_path_factory.mktemp("channels"))) as site:
        yield scan_site(site, SHOP, states=(ConsentState.NONE,), depth=1, concurrency=1)


def test_the_embeds_partitioned_cookie_keeps_its_top_level_site_and_setter(
    scan: ScanResult,
) -> None:
    (cookie,) = [c for s in scan.states for c in s.cookies() if c.name == "pe_uid"]
    assert cookie.partitioned and cookie.partition_key == "https://channel-shop.test"
    assert (cookie.party, cookie.set_by) == (Party.THIRD, SetBy.HEADER)
    assert cookie.setter_url == "https://embed.partner-embed.test/widget.html"
    assert cookie.page_url == f"https://{SHOP}/reviews.html"


def test_it_is_judged_like_any_cookie_and_says_where_it_lives(scan: ScanResult) -> None:
    found = next(
        f for f in scan.findings
        if f.kind == "cookie_before_consent" and f.subject == "pe_uid @ embed.partner-embed.test"
    )  # fmt: skip
    assert dict(found.evidence)["partitioned"] == UNDER
    (row,) = [r for r in build_inventory(scan).cookies if r.name == "pe_uid"]  # the sites only:
    # the report says "partitioned under SITE" in its own language
    assert row.partitioned == "https://channel-shop.test" and row.party is Party.THIRD
