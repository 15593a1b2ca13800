"""Join the cookie jar with a visit's writes into cookie records (values only as digests)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from scanner.crawl.collectors.cookies.kept import KeptCookies
from scanner.crawl.collectors.cookies.setcookie import CookieWrite
from scanner.crawl.collectors.cookies.writes import SeenWrite
from scanner.crawl.devtools.shared_workers import WorkerRequest
from scanner.crawl.navigation.first_party import FirstParty
from scanner.knowledge.domains import domain_matches, host_of
from scanner.model import CookieRecord, Phase, SetBy
from scanner.model.digest import keyed_digest


class CookieJoin:
    """Turns one state's jar, visit by visit, into records of new or rewritten cookies."""

    def __init__(
        self,
        first_party: FirstParty,
        phase: Callable[[float], Phase],
        kept: KeptCookies,
        digest_key: bytes,
        scrub: Callable[[str], str] = lambda url: url,
    ) -> None:
        self._first_party = first_party
        self._phase = phase
        self._kept = kept
        self._digest_key = digest_key
        self._scrub = scrub  # a cookie value copied into the setter's URL is digested
        self._jar_seen: set[tuple[str, str, str]] = set()
        self._shared: list[WorkerRequest] = []  # the state's shared workers' requests

    def shared_request(self, request: WorkerRequest) -> None:
        """A shared worker's request: its answer may set cookies the scanner cannot see."""
        self._shared.append(request)

    def join(
        self, page_url: str, writes: list[SeenWrite], jar: Iterable[Any], now: float
    ) -> list[CookieRecord]:
        """Join ``jar`` with a visit's ``writes``: records of new or rewritten cookies."""
        records: list[CookieRecord] = []
        for cookie in jar:
            key = (cookie["name"], cookie["domain"], cookie["path"])
            matching = [w for w in writes if write_matches(w.write, cookie)]
            for write in one_per_phase(matching, self._phase):
                records.append(self._cookie_record(cookie, page_url, write, write.at))
                self._kept.recorded(records[-1])
            if not matching and key not in self._jar_seen:
                records.append(self._cookie_record(cookie, page_url, None, now))
                self._kept.recorded(records[-1])
            self._jar_seen.add(key)
        return records

    def _cookie_record(
        self, cookie: Any, page_url: str, write: SeenWrite | None, at: float
    ) -> CookieRecord:
        expires = float(cookie.get("expires", -1))
        stored = None if expires <= 0 else max(round(expires - at), 0)
        domain = str(cookie["domain"])
        return CookieRecord(
            name=str(cookie["name"]),
            domain=domain,
            path=str(cookie["path"]),
            value_digest=self.digest(str(cookie.get("value", ""))),
            lifetime_requested=write.write.lifetime if write else stored,
            lifetime_stored=stored,
            expires_stored=None if expires <= 0 else expires,
            secure=bool(cookie.get("secure")),
            http_only=bool(cookie.get("httpOnly")),
            same_site=str(cookie.get("sameSite", "")),
            partitioned=bool(cookie.get("partitionKey")),
            party=self._first_party.party(domain.lstrip(".")),
            set_by=write.set_by if write else SetBy.UNKNOWN,
            setter_url=self._scrub(write.setter_url) if write else None,
            raw_expiry=write.write.raw_expiry if write else None,
            phase=self._phase(at),
            page_url=page_url,
            setter_worker=write.worker if write else None,
            setter_unknown=None if write else self._why_unknown(domain),
            partition_key=partition_site(cookie.get("partitionKey")),
        )

    def _why_unknown(self, domain: str) -> str | None:
        """Why a cookie with no seen write has no setter: a shared worker's answer from a host
        the cookie's domain covers (DevTools shows no Set-Cookie header of those)."""
        answer = next(  # the latest
            (a for a in reversed(self._shared) if domain_matches(host_of(a.url), domain)),
            None,
        )
        if answer is None:
            return None
        return (
            f"possibly set by the answer to {self._scrub(answer.url)} ({answer.worker}): "
            "Chromium shows no "
            "Set-Cookie header of a shared worker's answers, so the setter and the lifetime "
            "asked for are unknown"
        )

    def digest(self, value: str) -> str:
        """A per-scan keyed digest: shows a change without revealing or confirming the value."""
        return keyed_digest(self._digest_key, value)


def write_matches(write: CookieWrite, cookie: Any) -> bool:
    """Whether ``write`` set the jar entry ``cookie`` (name, path, domain or host-only)."""
    if write.deletion or write.name != cookie["name"]:
        return False
    if write.path is not None and write.path != cookie["path"]:
        return False
    jar_domain = str(cookie["domain"])
    if jar_domain.startswith("."):
        return write.domain == jar_domain.lstrip(".")
    return domain_matches(jar_domain, write.domain) and write.domain == jar_domain


def one_per_phase(writes: list[SeenWrite], phase_of: Any) -> list[SeenWrite]:
    """The last write of each phase (a script writing a cookie every second is one finding)."""
    chosen: dict[Phase, SeenWrite] = {}
    for write in writes:
        chosen[phase_of(write.at)] = write
    return list(chosen.values())


def partition_site(key: Any) -> str | None:
    """The top-level site of a partitioned cookie, as Playwright gives it (a site string, or a
    DevTools ``{topLevelSite, hasCrossSiteAncestor}``); None when not partitioned."""
    if isinstance(key, dict):
        key = key.get("topLevelSite")
    return str(key) if key else None
