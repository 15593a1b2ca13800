"""The registrable domains one state treats as first party, fixed once the start page lands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from scanner.crawl.navigation.links import LinkPolicy
from scanner.knowledge.domains import host_of, registrable_domain
from scanner.model import FirstPartyDomain, Party

LANDED = "landed"
START_URL = "start_url"


class FirstParty:
    """First-party registrable domains and the reason each is one, in the order learnt.

    Before the start page lands the set holds the start URL's domain and the configured ones
    (declared ``site:``, ``first_party:``, ``--first-party``); :meth:`landed` adds the domain
    the visitor ends up on after redirects. Records are made after that, so every record and
    the judgement built from them agree on the party.
    """

    def __init__(self, start_url: str, configured: Iterable[FirstPartyDomain] = ()) -> None:
        self._reasons: dict[str, str] = {}
        self._add(registrable_domain(host_of(start_url)), START_URL)
        for entry in configured:
            self._add(entry.domain, entry.reason)

    def _add(self, domain: str, reason: str) -> None:
        domain = domain.lower().strip(".")
        if domain and domain not in self._reasons:
            self._reasons[domain] = reason

    def landed(self, final_url: str | None) -> None:
        """The visitor landed on ``final_url`` (after redirects): its site is first party."""
        if final_url and final_url.startswith(("http://", "https://")):
            self._add(registrable_domain(host_of(final_url)), LANDED)

    @property
    def domains(self) -> frozenset[str]:
        """Every first-party registrable domain."""
        return frozenset(self._reasons)

    def party(self, host: str) -> Party:
        """First party when ``host`` belongs to one of the first-party domains."""
        return Party.FIRST if registrable_domain(host) in self._reasons else Party.THIRD

    def records(self) -> tuple[FirstPartyDomain, ...]:
        """The domains with their reasons, as recorded in the state's result."""
        return tuple(FirstPartyDomain(d, r) for d, r in self._reasons.items())


def landed_policy(policy: LinkPolicy, final_url: str | None) -> LinkPolicy:
    """The link policy also following links on the site the start URL landed on."""
    if not final_url or not final_url.startswith(("http://", "https://")):
        return policy
    domains = policy.site_domains | {registrable_domain(host_of(final_url))}
    return replace(policy, site_domains=domains)
