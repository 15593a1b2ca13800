"""The first-party domains a scan is configured with: declared site, declared list, flags."""

from __future__ import annotations

from collections.abc import Mapping

from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import FirstPartyDomain
from scanner.settings.config import ScanConfig
from scanner.settings.parse import parse_first_party

DECLARED_SITE = "declared_site"


def flagged_first_party(
    values: list[str] | None, sources: Mapping[str, str]
) -> tuple[FirstPartyDomain, ...]:
    """``--first-party`` (or ``COOKIESCAN_FIRST_PARTY``) domains, each with where it came from."""
    source = sources.get("first_party", "flag")
    how = "--first-party" if source == "flag" else source
    domains = (registrable_domain(parse_first_party(v)) for v in values or ())
    return tuple(FirstPartyDomain(d, how) for d in domains)


def first_party_of(config: ScanConfig) -> tuple[FirstPartyDomain, ...]:
    """The declared ``site:``'s domain, the ``first_party:`` entries, then the flagged ones.

    Each carries why it is first party; the crawl adds the start URL's and the landed site's.
    """
    declarations = config.declarations
    entries: list[FirstPartyDomain] = []
    if declarations.site:
        site = registrable_domain(host_of(declarations.site))
        entries.append(FirstPartyDomain(site, DECLARED_SITE))
    where = f"first_party: in {declarations.path or 'the declared file'}"
    entries += [FirstPartyDomain(registrable_domain(d), where) for d in declarations.first_party]
    return (*entries, *config.first_party)
