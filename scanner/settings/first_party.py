"""The first-party domains a scan is configured with: declared site, declared list, flags."""

from __future__ import annotations

from collections.abc import Mapping

from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import Declarations, FirstPartyDomain

DECLARED_SITE = "declared_site"


def configured_first_party(
    declarations: Declarations, flagged: list[str], sources: Mapping[str, str]
) -> tuple[FirstPartyDomain, ...]:
    """The declared ``site:``'s domain, ``first_party:`` entries and ``--first-party`` ones.

    Each carries why it is first party; the crawl adds the start URL's and the landed site's.
    """
    entries: list[FirstPartyDomain] = []
    if declarations.site:
        entries.append(
            FirstPartyDomain(registrable_domain(host_of(declarations.site)), DECLARED_SITE)
        )
    where = f"declared in {declarations.path or 'the declared file'}"
    entries += [FirstPartyDomain(registrable_domain(d), where) for d in declarations.first_party]
    source = sources.get("first_party", "flag")
    how = "--first-party" if source == "flag" else source
    entries += [FirstPartyDomain(registrable_domain(d), how) for d in flagged]
    return tuple(entries)
