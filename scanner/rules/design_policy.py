"""The banner design checks, each one switched off when the policy says so (with its reason)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from scanner.model import Finding
from scanner.model.findings import finding
from scanner.rules.context import RuleContext
from scanner.rules.design import CHECKS

Rule = Callable[[RuleContext], Iterable[Finding]]


def _off(ctx: RuleContext) -> dict[str, str]:
    return dict(ctx.declarations.policy.banner_checks_off)


def _guarded(kind: str, rule: Rule) -> Rule:
    def run(ctx: RuleContext) -> Iterator[Finding]:
        if kind not in _off(ctx):
            yield from rule(ctx)

    run.__name__ = run.__qualname__ = kind
    run.__doc__ = rule.__doc__
    return run


def banner_check_off(ctx: RuleContext) -> Iterator[Finding]:
    """Each design check the policy turned off, with the reason it gives."""
    line = ctx.declarations.policy.banner_checks_off_line
    for kind, reason in ctx.declarations.policy.banner_checks_off:
        yield finding(
            "banner_check_off", None, None, kind,
            f"The banner check '{kind}' is off by policy: {reason}",
            [("check", kind), ("reason", reason),
             ("declared", f"policy.banner_checks_off (line {line})")],
            declaration_line=line,
        )  # fmt: skip


DESIGN_RULES: tuple[Rule, ...] = (
    *(_guarded(kind, rule) for kind, rule in CHECKS.items()),
    banner_check_off,
)
