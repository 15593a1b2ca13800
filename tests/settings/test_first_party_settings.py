"""First-party domains from the declared file, --first-party and COOKIESCAN_FIRST_PARTY."""

from __future__ import annotations

import argparse

import pytest

from scanner import cli
from scanner.crawl.navigation.first_party import FirstParty
from scanner.declared.loader import parse_declarations
from scanner.errors import ConfigError
from scanner.model import Declarations, FirstPartyDomain, Party
from scanner.pipeline.run import crawl_plan
from scanner.settings.env import apply_defaults, apply_env
from scanner.settings.flags import build_config

DECLARED = "site: https://www.brand.com/\nfirst_party:\n  - brand-static.com\n"


def parse(env: dict[str, str], *argv: str) -> argparse.Namespace:
    args = cli.build_parser().parse_args(["scan", *argv])
    return apply_defaults(apply_env(args, env))


def reasons(env: dict[str, str], *argv: str, declared: str = DECLARED) -> dict[str, str]:
    declarations = parse_declarations(declared, "ec.yaml")
    config = build_config(parse(env, *argv), declarations, ["https://brand.com/"])
    return {e.domain: e.reason for e in crawl_plan(config).crawl.first_party}


def test_declared_site_list_and_flags_each_say_why() -> None:
    found = reasons({}, "--first-party", "cdn.brandimg.net", "--first-party", "brand.eu")
    assert found == {
        "brand.com": "declared_site",
        "brand-static.com": "first_party: in ec.yaml",
        "brandimg.net": "--first-party",
        "brand.eu": "--first-party",
    }


def test_the_environment_gives_them_too() -> None:
    found = reasons({"COOKIESCAN_FIRST_PARTY": "brand.eu, brand.de"}, declared="")
    assert found == {
        "brand.eu": "env COOKIESCAN_FIRST_PARTY",
        "brand.de": "env COOKIESCAN_FIRST_PARTY",
    }


@pytest.mark.parametrize("bad", ["not a domain", "http://", "x"])
def test_a_bad_domain_names_the_flag(bad: str) -> None:
    with pytest.raises(ConfigError, match="--first-party"):
        reasons({}, "--first-party", bad, declared="")


def test_the_landed_site_joins_the_start_url_and_configured_domains() -> None:
    first = FirstParty("https://brand.com/", (FirstPartyDomain("brand-static.com", "flag"),))
    assert first.party("www.brandshop.com") is Party.THIRD
    first.landed("https://www.brandshop.com/en/")
    first.landed("about:blank")
    assert [(e.domain, e.reason) for e in first.records()] == [
        ("brand.com", "start_url"),
        ("brand-static.com", "flag"),
        ("brandshop.com", "landed"),
    ]
    assert first.party("cdn.brandshop.com") is Party.FIRST
    assert first.party("img.brand-static.com") is Party.FIRST
    assert first.party("tracker.net") is Party.THIRD


def test_no_declared_list_means_only_what_the_crawl_learns() -> None:
    config = build_config(parse({}), Declarations(), ["https://brand.com/"])
    assert crawl_plan(config).crawl.first_party == ()
