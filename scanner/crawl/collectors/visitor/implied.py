"""Consent a site infers from behaviour: the consent records a page holds (its CMP's recorded
choice, TCF purposes, Google Consent Mode), read before and after each interaction."""

from __future__ import annotations

from playwright.async_api import Error, Page

from scanner.consent.cmp import detected, read_choice
from scanner.consent.cmp_rules import CmpRule, load_cmp_rules
from scanner.consent.signals import read_page_signals

Record = dict[str, str]
WHEN = "now"


async def present_cmps(page: Page) -> tuple[CmpRule, ...]:
    """The known consent managers on the page (their recorded choice is part of the record)."""
    try:
        return await detected(page, load_cmp_rules())
    except Error:
        return ()


async def consent_record(page: Page, cmps: tuple[CmpRule, ...]) -> Record:
    """``cmp.choice``, ``tcf.purposes`` and ``gcm.<key>`` as the page holds them now."""
    record: Record = {}
    for rule in cmps:
        try:
            choice = await read_choice(page, rule)
        except Error:
            continue
        if choice:
            record["cmp.choice"] = f"{choice} ({rule.name})"
            break
    for key, value in await read_page_signals(page, WHEN):
        kind, _, name = key.split(".", 2)
        if kind == "tcf" and name == "purposes":
            record["tcf.purposes"] = value
        elif kind == "gcm":
            record[f"gcm.{name}"] = value
    return record


def _granted(signal: str, value: str | None) -> bool:
    if value is None:
        return False
    if signal == "cmp.choice":
        return value.startswith("accept")
    if signal == "tcf.purposes":
        return value != "none"
    return value == "granted"


def newly_granted(before: Record, after: Record) -> list[tuple[str, str, str]]:
    """The signals granted in ``after`` that were not in ``before``: (signal, before, after)."""
    return [
        (signal, before.get(signal, "absent"), value)
        for signal, value in sorted(after.items())
        if _granted(signal, value) and not _granted(signal, before.get(signal))
    ]
