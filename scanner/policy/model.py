"""What a published cookie policy says: cookie names with what it tells about each."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.model import Category


@dataclass(frozen=True, slots=True)
class PolicyCookie:
    """One cookie name (or glob, or storage key) a policy lists; empty fields: the policy does
    not say."""

    name: str
    category: Category | None = None
    vendor: str = ""
    lifetime: int | None = None
    lifetime_text: str | None = None
    purpose: str = ""
    line: int | None = None
    type: str = "cookie"  # or a storage type from the policy's type column: local_storage, ...


@dataclass(frozen=True, slots=True)
class Policy:
    """Every cookie a policy lists, once each, in the order it lists them."""

    source: str
    cookies: tuple[PolicyCookie, ...] = ()

    def names(self) -> set[str]:
        """The names (and globs) the policy lists."""
        return {c.name for c in self.cookies}


def unique(cookies: list[PolicyCookie]) -> tuple[PolicyCookie, ...]:
    """The first entry of each name, in order."""
    seen: dict[str, PolicyCookie] = {}
    for cookie in cookies:
        seen.setdefault(cookie.name, cookie)
    return tuple(seen.values())
