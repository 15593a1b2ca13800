"""The fix list: findings grouped by what is responsible (a tag, a response header, a vendor)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit, urlunsplit

from scanner.i18n import DEFAULT_LANGUAGE, N_
from scanner.model import Category, ConsentState, Finding, RequestRecord, ScanResult
from scanner.model.findings import sort_findings
from scanner.report.text.l10n import Words
from scanner.report.text.safe_text import clean

# Kinds a consent gate fixes: something ran before the choice or after a refusal.
_TIMING = ("_before_consent", "_after_reject")
_CHAIN_LIMIT = 20
NAME_LIMIT = 400  # characters of a tag URL, host or vendor a label shows
CMP_LIMIT = 80


class Culprit(StrEnum):
    """What a group of findings is attributed to."""

    SCRIPT = "script"  # the tag that loaded the script that set the cookie or sent the request
    HEADER = "header"  # a response's Set-Cookie header, from a page the site serves
    VENDOR = "vendor"  # not attributable to a script: the vendor's domain
    SITE = "site"  # about the site as a whole (banner, consent, pages, declarations)


LABELS = {
    Culprit.SCRIPT: N_("Tag %(name)s"),
    Culprit.HEADER: N_("Set-Cookie header of %(name)s"),
    Culprit.VENDOR: N_("Vendor %(name)s (no script found)"),
    Culprit.SITE: N_("The site as a whole"),
}


@dataclass(frozen=True, slots=True)
class FixGroup:
    """Everything one tag, header or vendor does wrong, and the gate that fixes it."""

    culprit: Culprit
    name: str
    findings: tuple[Finding, ...]
    states: tuple[ConsentState, ...]
    kinds: tuple[str, ...]
    pages: tuple[str, ...]
    categories: tuple[Category, ...]
    cmp: str | None

    @property
    def needs_gate(self) -> bool:
        """Whether a consent gate fixes (some of) these findings."""
        return any(f.kind.endswith(_TIMING) for f in self.findings)

    def label(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What is responsible, as a reader names it (in ``language``)."""
        return Words(language)(LABELS[self.culprit], name=clean(self.name, NAME_LIMIT))

    def gate(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The concrete change that fixes the timing findings, in ``language`` (empty when
        none need a gate). Plain text: each format escapes it its own way."""
        if not self.needs_gate:
            return ""
        words = Words(language)
        named = [words.term(c.value) for c in self.categories if c is not Category.UNKNOWN]
        category = (
            words(N_("category %(name)s"), name=words.either(named))
            if named
            else words(N_("its category (classify it first)"))
        )
        who = (
            words(N_("the consent manager (%(cmp)s)"), cmp=clean(self.cmp, CMP_LIMIT))
            if self.cmp
            else words(N_("the consent manager"))
        )
        if self.culprit is Culprit.HEADER:
            text = N_("Send this header only after %(who)s reports consent for %(category)s.")
        else:
            text = N_(
                "Load this only after %(who)s reports consent for %(category)s; "
                "keep it off after a refusal."
            )
        return words(text, who=who, category=category)


def fix_list(result: ScanResult) -> tuple[FixGroup, ...]:
    """Findings (waived ones left out) grouped by what is responsible, most findings first."""
    chains = _Chains(result)
    grouped: dict[tuple[Culprit, str], list[Finding]] = {}
    for f in sort_findings(result.findings):
        if f.waiver is None:
            grouped.setdefault(chains.culprit(f), []).append(f)
    cmp = next((s.consent.cmp for s in result.states if s.consent.cmp), None)
    categories = _Categories(result)
    groups = [_group(key, items, categories, cmp) for key, items in grouped.items()]
    order = list(Culprit)
    return tuple(sorted(groups, key=lambda g: (order.index(g.culprit), -len(g.findings), g.name)))


def _group(
    key: tuple[Culprit, str], items: list[Finding], categories: _Categories, cmp: str | None
) -> FixGroup:
    states = {f.state for f in items if f.state is not None}
    return FixGroup(
        culprit=key[0],
        name=key[1],
        findings=tuple(items),
        states=tuple(s for s in ConsentState if s in states),
        kinds=tuple(dict.fromkeys(f.kind for f in items)),
        pages=tuple(sorted({f.page for f in items if f.page})),
        categories=categories.of(items),
        cmp=cmp,
    )


class _Categories:
    """The categories of judged cookies and hosts, looked up by what findings name."""

    def __init__(self, result: ScanResult) -> None:
        self.cookies, self.hosts = _category_index(result)

    def of(self, items: Iterable[Finding]) -> tuple[Category, ...]:
        """The non-necessary categories of the cookies and third parties ``items`` name."""
        found: set[Category] = set()
        for f in items:
            found |= self.cookies.get((f.cookie_name or "", f.cookie_domain or ""), set())
            found |= self.hosts.get(f.request_domain or "", set())
        found -= {Category.NECESSARY}
        return tuple(c for c in Category if c in found)


def _category_index(
    result: ScanResult,
) -> tuple[dict[tuple[str, str], set[Category]], dict[str, set[Category]]]:
    judgement = result.judgement
    cookies: dict[tuple[str, str], set[Category]] = {}
    for c in judgement.cookies:
        cookies.setdefault((c.name, c.domain), set()).add(c.classification.category)
    hosts: dict[str, set[Category]] = {}
    for h in judgement.hosts:
        for key in (h.host, h.registrable_domain):
            hosts.setdefault(key, set()).add(h.classification.category)
    return cookies, hosts


def strip_query(url: str) -> str:
    """A URL without its query and fragment (they carry ids, never the tag's identity)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


class _Chains:
    """Initiator chains of every state: from a script or request back to the tag a page loaded."""

    def __init__(self, result: ScanResult) -> None:
        self.requests: dict[str, RequestRecord] = {}
        self.documents: set[str] = set()
        for state in result.states:
            for obs in state.observations:
                self.documents.update(u for u in (obs.url, obs.final_url) if u)
                for r in obs.requests:
                    self.requests.setdefault(r.url, r)
                    if r.resource_type == "document":
                        self.documents.add(r.url)
                    self.documents.add(r.frame_url)
        # host -> registrable domain, as the crawl recorded it (reports never reclassify)
        self.domains = {r.host: r.registrable_domain for r in self.requests.values()}
        self.vendor_tags = self._vendor_tags()

    def culprit(self, f: Finding) -> tuple[Culprit, str]:
        """What ``f`` is attributed to: a tag, a first-party header, a vendor, or the site."""
        lead = self._lead(dict(f.evidence))
        if lead is not None:
            found = self._from_url(lead)
            if found is not None:
                return found
        vendor = f.request_domain or (f.cookie_domain or "").lstrip(".")
        if not vendor:
            return Culprit.SITE, ""
        domain = self.domains.get(vendor, vendor)
        tag = self.vendor_tags.get(domain)
        return (Culprit.SCRIPT, tag) if tag else (Culprit.VENDOR, domain)

    def _lead(self, evidence: dict[str, str]) -> str | None:
        """The URL a finding's evidence points at: the script, the setter, the initiator."""
        for key in ("script", "setter", "initiator", "url"):
            url = evidence.get(key, "")
            if "://" in url and not (key == "initiator" and url in self.documents):
                return url
        return None

    def _from_url(self, url: str) -> tuple[Culprit, str] | None:
        """The tag behind a script or request URL, or the first-party page whose header it is."""
        request = self.requests.get(url)
        if request is None or request.resource_type == "script":
            return Culprit.SCRIPT, strip_query(self.tag(url))
        if request.initiator and request.initiator not in self.documents:
            return Culprit.SCRIPT, strip_query(self.tag(request.initiator))
        if request.resource_type == "document" and request.party == "first":
            return Culprit.HEADER, request.host
        domain = request.registrable_domain
        tag = self.vendor_tags.get(domain)
        return (Culprit.SCRIPT, tag) if tag else None

    def _vendor_tags(self) -> dict[str, str]:
        """Third-party domains whose scripts all lead to one tag: that tag."""
        tags: dict[str, set[str]] = {}
        for r in self.requests.values():
            if r.resource_type == "script" and r.party != "first":
                tags.setdefault(r.registrable_domain, set()).add(strip_query(self.tag(r.url)))
        return {domain: next(iter(t)) for domain, t in tags.items() if len(t) == 1}

    def tag(self, script: str) -> str:
        """The script a page itself loaded that (through scripts it loaded) led to ``script``."""
        seen = {script}
        current = script
        for _ in range(_CHAIN_LIMIT):
            request = self.requests.get(current)
            parent = request.initiator if request else None
            if not parent or parent in self.documents or parent in seen:
                return current
            seen.add(parent)
            current = parent
        return current
