"""Shards of a sites file: deterministic, balanced, stable under reordering, every site once."""

from __future__ import annotations

import pytest

from scanner.declared.shards import Shard, assign, parse_shard, shard_sites
from scanner.declared.sites import SiteEntry, slug_of
from scanner.errors import ConfigError


def site(name: str, urls: int = 1) -> SiteEntry:
    return SiteEntry(
        name, slug_of(name), tuple(f"https://{slug_of(name)}.test/{n}" for n in range(urls)),
        None, "sites.yaml:1",
    )  # fmt: skip


SITES = tuple(site(f"site {n}", urls=3 if n in (2, 7) else 1) for n in range(11))


def test_parse_shard() -> None:
    assert parse_shard("2/4") == Shard(2, 4) and str(Shard(2, 4)) == "2/4"
    for bad in ("0/2", "3/2", "1", "a/b", "1/0"):
        with pytest.raises(ConfigError):
            parse_shard(bad)


@pytest.mark.parametrize("count", [1, 2, 3, 4, 20])
def test_every_site_is_in_exactly_one_shard_and_loads_are_balanced(count: int) -> None:
    parts = assign(SITES, count)
    slugs = [s.slug for part in parts for s in part]
    assert sorted(slugs) == sorted(s.slug for s in SITES)
    loads = [sum(max(len(s.urls), 1) for s in part) for part in parts]
    assert max(loads) - min(loads) <= 3  # at most one heaviest site apart


def test_shards_do_not_depend_on_the_order_of_the_file() -> None:
    shuffled = SITES[5:] + SITES[:5][::-1]
    for k in (1, 2, 3):
        assert {s.slug for s in shard_sites(SITES, Shard(k, 3))} == {
            s.slug for s in shard_sites(shuffled, Shard(k, 3))
        }


def test_a_shard_keeps_file_order() -> None:
    part = shard_sites(SITES, Shard(1, 2))
    assert list(part) == [s for s in SITES if s in part]
