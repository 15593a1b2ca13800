"""Reading cookie policies (plain text, HTML tables and lists, URLs) and comparing them."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_records import cookie, meta, page

from scanner.commands.import_policy import draft_from_policy
from scanner.declared.loader import parse_declarations
from scanner.knowledge import load_knowledge
from scanner.model import (
    Category,
    ConsentEvidence,
    ConsentState,
    CookieDeclaration,
    Declarations,
    ScanResult,
    StateResult,
)
from scanner.policy.compare import Status, compare, differences
from scanner.policy.draft import readable_lifetime, render_draft
from scanner.policy.model import Policy, PolicyCookie
from scanner.policy.source import load_policy, parse_policy
from scanner.policy.text import cookies_in_text
from scanner.policy.words import category_in, lifetime_in

DATA = Path(__file__).parent / "policy_data"
ESG = (DATA / "esg_albanian.txt").read_text(encoding="utf-8")
ENKOSOFT = (DATA / "enkosoft_plain.txt").read_text(encoding="utf-8")
AD, AN, NE = Category.ADVERTISING, Category.ANALYTICS, Category.NECESSARY

HTML_TABLE = """<html><body><h2>Cookies analytiques</h2>
<table><tr><th>Nom du cookie</th><th>Fournisseur</th><th>Durée</th><th>Finalité</th></tr>
<tr><td>_ga, _gid</td><td>Google</td><td>13 mois</td><td>Mesure d'audience</td></tr>
<tr><td>_hjid</td><td>Hotjar</td><td>Session</td><td>Heatmaps</td></tr></table>
<h2>Cookies</h2><table><tr><th>Name</th><th>Category</th><th>Expiry</th></tr>
<tr><td>sessid_x</td><td>Strictly necessary</td><td>1 day</td></tr></table>
<ul><li><code>pref_lang</code>: remembers the language, 6 months</li></ul>
<script>var x = "_fake_cookie: 1 year";</script></body></html>"""


def by_name(cookies: list[PolicyCookie] | tuple[PolicyCookie, ...]) -> dict[str, PolicyCookie]:
    return {c.name: c for c in cookies}


def test_the_albanian_table_as_plain_text_yields_names_vendors_and_categories() -> None:
    found = by_name(cookies_in_text(ESG, load_knowledge()))
    assert len(found) == 66
    assert found["autoplay_*"].category is NE and found["autoplay_*"].vendor == "EnigmaSoft"
    assert found["locale"].category is NE
    assert found["ui_lang"].category is NE
    assert found["_fbp"].category is AD and found["_fbp"].vendor == "Facebook"
    assert found["IDE"].vendor == "DoubleClick nga Google" and found["IDE"].category is AD
    assert found["DV"].category is AD and found["VISITOR_INFO1_LIVE"].vendor == "YouTube nga Google"
    assert found["_ga"].category is AN and found["_gat_UA-*"].vendor == "Google Analytics"
    assert found["_gid"].category is AN and found["_lfa"].category is AN
    assert "Skedarët" not in found and "TRUSTe" not in found


def test_a_policy_without_a_cookie_list_yields_no_names() -> None:
    assert cookies_in_text(ENKOSOFT, load_knowledge()) == []
    assert parse_policy(ENKOSOFT, "enkosoft.txt").cookies == ()


def test_prose_mentions_only_known_cookie_shaped_names() -> None:
    text = "Analytics\n\nWe use Google Analytics (_ga, _gid) and our own Banana cookie.\n"
    found = by_name(cookies_in_text(text, load_knowledge()))
    assert set(found) == {"_ga", "_gid"}
    assert found["_ga"].category is AN


def test_html_tables_lists_and_section_headings() -> None:
    found = by_name(parse_policy(HTML_TABLE, "p.html", load_knowledge()).cookies)
    assert set(found) == {"_ga", "_gid", "_hjid", "sessid_x", "pref_lang"}
    assert found["_ga"].category is AN and found["_ga"].vendor == "Google"
    assert found["_ga"].lifetime_text == "13 months"
    assert found["_hjid"].lifetime_text == "session" and found["_hjid"].lifetime is None
    assert found["sessid_x"].category is NE and found["sessid_x"].lifetime == 86_400
    assert found["pref_lang"].lifetime_text == "6 months"


@pytest.mark.parametrize(
    ("text", "category"),
    [("E nevojshme", NE), ("Reklamim", AD), ("Performanca, Analitika dhe Kërkimi", AN),
     ("Cookies publicitaires", AD), ("Notwendige Cookies", NE), ("Lista e biskotave", None)],
)  # fmt: skip
def test_category_words_in_several_languages(text: str, category: Category | None) -> None:
    assert category_in(text) is category


def test_lifetimes_in_several_languages() -> None:
    assert lifetime_in("skadon pas 2 vjet") is not None
    assert [lifetime_in(t).text for t in ("13 muaj", "30 jours", "2 Jahre", "Sesion")] == [  # type: ignore[union-attr]
        "13 months",
        "30 days",
        "2 years",
        "session",
    ]
    assert lifetime_in("no period here") is None


def test_readable_lifetime_rounds_up() -> None:
    assert readable_lifetime(None) == "session"
    assert readable_lifetime(63_072_000) == "2 years"
    assert readable_lifetime(15_552_000) == "6 months"
    assert readable_lifetime(31_536_000) == "1 year"
    assert readable_lifetime(3_600) == "1 hour"


def test_a_rendered_draft_loads_and_quotes_hostile_text() -> None:
    policy = parse_policy(ESG, "esg.txt", load_knowledge())
    text = draft_from_policy(policy)
    decls = parse_declarations(text, "draft.yaml")
    assert len(decls.cookies) == 66
    hostile = render_draft(["a\nsite: evil"], [], site=None)
    assert parse_declarations(hostile).site is None


@pytest.fixture
def policy_server(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "policy.html").write_text(HTML_TABLE, encoding="utf-8")
    handler = type(
        "Quiet",
        (http.server.SimpleHTTPRequestHandler,),
        {"log_message": lambda *_a: None},
    )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: handler(*a, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/policy.html"
    server.shutdown()
    server.server_close()


def test_a_policy_is_fetched_over_http(policy_server: str) -> None:
    policy = load_policy(policy_server)
    assert {"_ga", "_gid", "_hjid"} <= policy.names()


def test_three_way_comparison() -> None:
    policy = Policy(
        "p", (PolicyCookie("_ga", AN), PolicyCookie("old_one"), PolicyCookie("_gat_*", AN))
    )
    decls = Declarations(
        cookies=(
            CookieDeclaration("_ga", NE, 3),
            CookieDeclaration("sessionid", NE, 4),
            CookieDeclaration("ghost", NE, 5),
        )
    )
    seen = (cookie("sessionid"), cookie("ab"), cookie("_gat_UA1"))
    observations = (page(ConsentState.NONE, cookies=seen),)
    state = StateResult(ConsentState.NONE, ConsentEvidence(ConsentState.NONE, True), observations)
    rows = {r.name: r for r in compare(policy, decls, ScanResult(meta(), decls, (state,), ()))}
    assert rows["_ga"].status is Status.CATEGORY_DIFFERS
    assert rows["old_one"].status is Status.POLICY_ONLY
    assert rows["sessionid"].status is Status.NOT_IN_POLICY
    assert rows["ghost"].status is Status.DECLARED_ONLY
    assert rows["ab"].status is Status.OBSERVED_ONLY
    assert rows["_gat_UA1"].status is Status.NOT_DECLARED
    assert len(differences(list(rows.values()))) == len(rows)
    agreeing = compare(Policy("p", (PolicyCookie("ghost", NE),)), decls, None)
    assert {r.name: r.status for r in agreeing}["ghost"] is Status.EVERYWHERE
