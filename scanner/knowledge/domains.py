"""Registrable domains and first/third party, from the bundled public suffix list (offline)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

from scanner.model import Party

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), include_psl_private_domains=True)


def host_of(url: str) -> str:
    """The lower-case host of a URL ('' when it has none or cannot be read)."""
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """The registrable domain (eTLD+1) of a host.

    Hosts under a suffix the public suffix list does not know (``.test``, ``.local``,
    ``.internal``: staging and test hosts) take their last two labels, so that
    ``www.shop.test`` and ``cdn.shop.test`` are one site, as they would be on a real TLD.
    IP addresses and single-label hosts (``localhost``) are their own site.
    """
    host = host.lower().lstrip(".").rstrip(".")
    if not host or _is_ip(host) or "." not in host:
        return host
    parts = _EXTRACT(host)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    if parts.suffix:
        return host
    return ".".join(host.split(".")[-2:])


def cookie_site(cookie_domain: str) -> str:
    """The registrable domain a cookie belongs to (its Domain attribute without the dot)."""
    return registrable_domain(cookie_domain.lstrip("."))


def party_of(host: str, site_domain: str) -> Party:
    """First party when ``host`` belongs to the scanned site's registrable domain."""
    return Party.FIRST if registrable_domain(host) == site_domain else Party.THIRD


def domain_matches(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains."""
    host, domain = host.lower().lstrip("."), domain.lower().lstrip(".")
    return host == domain or host.endswith("." + domain)
