"""When autoconsent has looked everywhere: every frame's instance finished a pass, none found."""

from __future__ import annotations

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
