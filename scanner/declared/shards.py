"""Deterministic, balanced shards of a sites file (`scan --sites FILE --shard K/N`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.declared.sites import SiteEntry
from scanner.errors import ConfigError

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Shard:
    """The ``index``-th (1-based) of ``count`` parts of a portfolio."""

    index: int
    count: int

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(text: str) -> Shard:
    """K/N with 1 <= K <= N."""
    match = _SHARD.match(text)
    if not match or not 1 <= int(match.group(1)) <= int(match.group(2)):
        raise ConfigError(f"'{text}' is not a shard K/N with 1 <= K <= N, e.g. 2/4", "--shard")
    return Shard(int(match.group(1)), int(match.group(2)))


def site_weight(site: SiteEntry) -> int:
    """A site's page budget relative to the others: every site crawls up to --max-pages per
    state, so sites weigh the same, except that each extra start URL counts as one more site."""
    return max(len(site.urls), 1)


def assign(sites: tuple[SiteEntry, ...], count: int) -> tuple[tuple[SiteEntry, ...], ...]:
    """Split ``sites`` into ``count`` parts of about equal weight.

    Heaviest first (ties by folder name), each to the lightest part so far (ties: lowest
    index): the same sites give the same parts whatever their order in the file.
    """
    parts: list[list[SiteEntry]] = [[] for _ in range(count)]
    loads = [0] * count
    for site in sorted(sites, key=lambda s: (-site_weight(s), s.slug)):
        lightest = min(range(count), key=lambda i: (loads[i], i))
        parts[lightest].append(site)
        loads[lightest] += site_weight(site)
    order = {site.slug: n for n, site in enumerate(sites)}
    return tuple(tuple(sorted(p, key=lambda s: order[s.slug])) for p in parts)


def shard_sites(sites: tuple[SiteEntry, ...], shard: Shard) -> tuple[SiteEntry, ...]:
    """The sites of ``shard``, in file order."""
    return assign(sites, shard.count)[shard.index - 1]
