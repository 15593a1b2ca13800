"""The ``policy`` and ``waivers`` sections of expected_cookies.yaml, validated at file:line.

Format::

    policy:                              # the limits the team sets (all optional)
      max_lifetime: 12 months            # longest cookie lifetime allowed (default 13 months)
      allow_first_party_analytics_before_consent: false
      always_allowed_third_parties: [cdn.example.net, "*.cloudfront.net"]
      fail_on: high                      # info | low | medium | high | never
      accept_overrides_gpc: false        # an explicit "accept" overrides Global Privacy Control
      banner_checks_off:                 # banner design checks turned off, each with a reason
        consent_not_withdrawable: the account page links to the consent settings
      interaction: full                  # none | basic | full: what the scanner does as a visitor
      dwell: 5                           # seconds on a landing page for its pending timers
    waivers:                             # accepted findings, each until a date
      - kind: undeclared_cookie          # required: a finding kind (or a glob of kinds)
        subject: "_hj* @ *"              # required: the finding's subject, exact or a glob
        state: none                      # optional: a consent state (none, accept, reject, …)
        reason: Hotjar is being removed  # required
        owner: privacy@example.com       # required
        expires: 2025-12-31              # required: YYYY-MM-DD; past it the waiver fails
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from difflib import get_close_matches

from yaml.constructor import SafeConstructor
from yaml.nodes import Node, ScalarNode

from scanner.declared.matching import is_glob
from scanner.declared.yamlnodes import NodeReader, line_of, present, tag
from scanner.i18n import UnknownLanguage, normalize
from scanner.model import ConsentState, ScanPolicy, Severity, Waiver
from scanner.model.banner import DESIGN_CHECKS
from scanner.model.findings import finding_kinds

POLICY_KEYS = (
    "max_lifetime",
    "allow_first_party_analytics_before_consent",
    "always_allowed_third_parties",
    "fail_on",
    "accept_overrides_gpc",
    "banner_checks_off",
    "interaction",
    "dwell",
    "report_language",
)
INTERACTION_CHOICES = ("none", "basic", "full")
WAIVER_KEYS = ("kind", "subject", "state", "reason", "owner", "expires")
FAIL_ON_CHOICES = (*(s.value for s in Severity), "never")
WAIVER_KINDS_PREFIX = "waiver_"
LONG_WAIVER = timedelta(days=366)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_policy(reader: NodeReader, node: Node | None) -> ScanPolicy:
    """The ``policy`` section (defaults when absent)."""
    if node is None:
        return ScanPolicy()
    fields = reader.mapping(node, "policy", POLICY_KEYS)
    lifetime = present(fields, "max_lifetime")
    seconds, text = (None, None) if lifetime is None else _max_lifetime(reader, lifetime)
    where = "policy.always_allowed_third_parties"
    allowed = reader.sequence(fields.get("always_allowed_third_parties"), where)
    return ScanPolicy(
        max_lifetime=seconds,
        max_lifetime_text=text,
        allow_first_party_analytics_before_consent=_boolean(
            reader, fields, "allow_first_party_analytics_before_consent"
        ),
        always_allowed_third_parties=tuple(
            reader.domain(item, f"{where}[{i}]", True) for i, item in enumerate(allowed)
        ),
        fail_on=_fail_on(reader, present(fields, "fail_on")),
        line=line_of(node),
        accept_overrides_gpc=_boolean(reader, fields, "accept_overrides_gpc"),
        accept_overrides_gpc_line=_line(present(fields, "accept_overrides_gpc")),
        banner_checks_off=_checks_off(reader, present(fields, "banner_checks_off")),
        banner_checks_off_line=_line(present(fields, "banner_checks_off")),
        interaction=_interaction(reader, present(fields, "interaction")),
        dwell=_dwell(reader, present(fields, "dwell")),
        report_language=_language(reader, present(fields, "report_language")),
    )


def _checks_off(reader: NodeReader, node: Node | None) -> tuple[tuple[str, str], ...]:
    """``policy.banner_checks_off``: design check -> the reason it is off (required)."""
    if node is None:
        return ()
    where = "policy.banner_checks_off"
    off: list[tuple[str, str]] = []
    for key, value in reader.mapping(node, where, DESIGN_CHECKS).items():
        reason = reader.string(value, f"{where}.{key}").strip()
        if not reason:
            raise reader.error(value, f"{where}.{key}", "give the reason the check is off")
        off.append((key, reason))
    return tuple(off)


def _max_lifetime(reader: NodeReader, node: Node) -> tuple[int, str]:
    """A positive duration; 'session' is not a maximum."""
    seconds, text = reader.lifetime(node, "policy.max_lifetime")
    if seconds is None or seconds <= 0:
        raise reader.error(node, "policy.max_lifetime", "expected a duration such as '13 months'")
    return seconds, text


def _boolean(reader: NodeReader, fields: dict[str, Node], key: str) -> bool:
    """``policy.<key>``: true / false (``False`` when absent)."""
    node = present(fields, key)
    if node is None:
        return False
    if not (isinstance(node, ScalarNode) and tag(node) == "bool"):
        raise reader.error(node, f"policy.{key}", f"expected true or false, got {node.value!r}")
    return bool(SafeConstructor().construct_yaml_bool(node))


def _line(node: Node | None) -> int | None:
    return None if node is None else line_of(node)


def _language(reader: NodeReader, node: Node | None) -> str | None:
    """A shipped report language (``en``, ``de``, ``de-AT``...)."""
    if node is None:
        return None
    try:
        return normalize(reader.string(node, "policy.report_language"))
    except UnknownLanguage as e:
        raise reader.error(node, "policy.report_language", str(e)) from e


def _fail_on(reader: NodeReader, node: Node | None) -> str | None:
    """A severity name or 'never'."""
    if node is None:
        return None
    text = reader.string(node, "policy.fail_on").strip().lower()
    if text not in FAIL_ON_CHOICES:
        message = f"'{text}' is not a severity; use one of {', '.join(FAIL_ON_CHOICES)}"
        raise reader.error(node, "policy.fail_on", message)
    return text


def _interaction(reader: NodeReader, node: Node | None) -> str | None:
    """none, basic or full."""
    if node is None:
        return None
    text = reader.string(node, "policy.interaction").strip().lower()
    if text not in INTERACTION_CHOICES:
        message = f"'{text}' is not an interaction level; use {', '.join(INTERACTION_CHOICES)}"
        raise reader.error(node, "policy.interaction", message)
    return text


def _dwell(reader: NodeReader, node: Node | None) -> float | None:
    """Seconds, zero or more."""
    if node is None:
        return None
    try:
        seconds = float(str(node.value)) if isinstance(node, ScalarNode) else -1.0
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 120:
        raise reader.error(node, "policy.dwell", f"expected seconds (0-120), got {node.value!r}")
    return seconds


def parse_waivers(reader: NodeReader, node: Node | None, today: date) -> tuple[Waiver, ...]:
    """Every waiver, refusing the same kind, subject and state twice."""
    waivers: list[Waiver] = []
    first_line: dict[tuple[str, str, str | None], int] = {}
    for index, item in enumerate(reader.sequence(node, "waivers")):
        waiver = _waiver(reader, item, f"waivers[{index}]", today)
        key = (waiver.kind, waiver.subject, waiver.state)
        if key in first_line:
            message = f"this waiver is listed twice (first at line {first_line[key]})"
            raise reader.error(item, f"waivers[{index}]", message)
        first_line[key] = line_of(item)
        waivers.append(waiver)
    return tuple(waivers)


def _waiver(reader: NodeReader, item: Node, where: str, today: date) -> Waiver:
    """One validated waiver; an expiry more than a year ahead is warned about."""
    fields = reader.mapping(item, where, WAIVER_KEYS)
    expires_node = reader.required(item, fields, "expires", where)
    expires = _date(reader, expires_node, f"{where}.expires")
    if expires > today + LONG_WAIVER:
        reader.warn(
            f"{reader.path}:{line_of(expires_node)}: {where}.expires: {expires} is more than "
            "a year away; waivers are meant to be reviewed (set an earlier date)"
        )
    return Waiver(
        kind=_kind(reader, reader.required(item, fields, "kind", where), f"{where}.kind"),
        subject=_text(reader, item, fields, "subject", where),
        reason=_text(reader, item, fields, "reason", where),
        owner=_text(reader, item, fields, "owner", where),
        expires=expires.isoformat(),
        line=line_of(item),
        state=_state(reader, present(fields, "state"), f"{where}.state"),
    )


def _text(reader: NodeReader, item: Node, fields: dict[str, Node], key: str, where: str) -> str:
    """A required, non-empty string."""
    node = reader.required(item, fields, key, where)
    text = reader.string(node, f"{where}.{key}").strip()
    if not text:
        raise reader.error(node, f"{where}.{key}", "must not be empty")
    return text


def _kind(reader: NodeReader, node: Node, where: str) -> str:
    """A catalogued finding kind, or a glob of kinds; waiver findings cannot be waived."""
    text = reader.string(node, where).strip()
    if text.startswith(WAIVER_KINDS_PREFIX):
        raise reader.error(node, where, "waiver findings cannot themselves be waived")
    known = finding_kinds()
    if not is_glob(text) and text not in known:
        close = get_close_matches(text, list(known), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise reader.error(node, where, f"unknown finding kind '{text}'{hint}")
    return text


def _state(reader: NodeReader, node: Node | None, where: str) -> ConsentState | None:
    """An optional consent state."""
    if node is None:
        return None
    text = reader.string(node, where).strip().lower()
    try:
        return ConsentState(text)
    except ValueError:
        states = ", ".join(s.value for s in ConsentState)
        raise reader.error(node, where, f"'{text}' is not a consent state ({states})") from None


def _date(reader: NodeReader, node: Node, where: str) -> date:
    """A YYYY-MM-DD date, quoted or not."""
    text = str(node.value).strip() if isinstance(node, ScalarNode) else ""
    if tag(node) in ("str", "timestamp") and _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise reader.error(node, where, f"expected a date as YYYY-MM-DD, got {text or 'nothing'!r}")
