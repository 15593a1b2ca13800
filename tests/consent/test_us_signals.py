"""US privacy signals (GPC, US Privacy string, GPP) validated from what a page returns."""

from __future__ import annotations

from scanner.consent.us_signals import us_signals_of


def test_a_gpc_aware_cmp_exposes_the_opt_out() -> None:
    data = {
        "gpc": True,
        "usp": "1YYN",
        "gpp": {"string": "DBABLA~BVQqAAAAAgA.QA", "applicable": [7],
                "usnat": {"SaleOptOut": 1, "Gpc": True, "Other": 3}},
    }  # fmt: skip
    assert us_signals_of(data) == [
        ("gpc.navigator", "true"),
        ("usp.string", "1YYN"),
        ("usp.opt_out_sale", "Y"),
        ("gpp.string", "DBABLA~BVQqAAAAAgA.QA"),
        ("gpp.applicable", "7"),
        ("gpp.usnat.SaleOptOut", "1"),
        ("gpp.usnat.Gpc", "true"),
    ]


def test_page_controlled_values_are_validated() -> None:
    data = {"gpc": "yes", "usp": "<script>", "gpp": {"string": "a b", "applicable": ["x", 2],
            "usnat": {"SaleOptOut": "1"}}}  # fmt: skip
    assert us_signals_of(data) == [("gpc.navigator", "false"), ("gpp.applicable", "2")]
    assert us_signals_of({}) == [("gpc.navigator", "false")]
