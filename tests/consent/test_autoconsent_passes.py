"""When autoconsent has looked everywhere (every frame's instance finished a pass, none found),
and what each instance is handed at its start."""

from __future__ import annotations

import json

from scanner.consent.autoconsent import AutoconsentBundle, _Run

BUNDLE = AutoconsentBundle("autoconsent", "", ())


def test_nothing_once_every_started_frame_finished_a_pass() -> None:
    run = _Run(BUNDLE, "optOut")
    run.report("top", 2)  # the top frame began its second pass: its first found nothing
    assert not run.nothing.is_set()  # frames are still being started
    run.started = 2
    run.check()
    assert not run.nothing.is_set()  # the iframe has not reported yet
    run.report("frame", 1)
    assert not run.nothing.is_set()  # the iframe is still in its first pass
    run.report("frame", 2)
    assert run.nothing.is_set()


def test_a_detected_cmp_is_never_nothing() -> None:
    run = _Run(BUNDLE, "optIn")
    run.started, run.cmp = 1, "Cookiebot"
    run.report("top", 3)
    assert not run.nothing.is_set()


def test_the_init_message_is_the_config_and_every_rule_as_json() -> None:
    rules = ({"name": "cmp-a", "detectCmp": [{"exists": "#a"}]}, {"name": "b\u2028", "x": [1]})
    bundle = AutoconsentBundle("autoconsent", "", rules, rules_json=json.dumps(list(rules)))
    config = {"enabled": True, "autoAction": "optOut"}
    want = {"type": "initResp", "config": config, "rules": {"autoconsent": list(rules)}}
    assert json.loads(bundle.init_message(config)) == want
    # A bundle made without the JSON (as here in tests) makes it on demand.
    assert json.loads(AutoconsentBundle("a", "", rules).init_message(config)) == want
