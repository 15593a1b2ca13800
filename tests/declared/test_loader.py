"""Tests for scanner.declared.loader: expected_cookies.yaml validation with file:line errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from scanner.declared.loader import load_declarations, parse_category, parse_declarations
from scanner.errors import ConfigError, ExitCode
from scanner.model import Category, ConsentControls, Declarations
from scanner.model.durations import MONTH, YEAR

EXAMPLE = Path(__file__).resolve().parents[2] / "expected_cookies.yaml"
CATEGORIES = Path(__file__).resolve().parents[2] / "scanner" / "data" / "categories.yaml"
FILE = "expected_cookies.yaml"


def parse(text: str, warnings: list[str] | None = None) -> Declarations:
    """Parse dedented YAML as if it came from expected_cookies.yaml."""
    sink = warnings.append if warnings is not None else None
    return parse_declarations(textwrap.dedent(text), FILE, sink)


def error_of(text: str) -> str:
    """The full message of the ConfigError that parsing ``text`` raises."""
    with pytest.raises(ConfigError) as info:
        parse(text)
    assert info.value.exit_code is ExitCode.USAGE
    return str(info.value)


# --- a valid file -----------------------------------------------------------------------------


FULL = """\
site: https://www.example.com
consent:
  accept: "#accept-all"
  reject: ["#settings", "#reject-all"]
cookies:
  - name: _ga
    category: Analytics
    provider: Google Analytics
    domain: .Example.com
    max_age: 13 months
    purpose: Distinguishes visitors
  - name: sid
    category: essential
    max_age: session
  - name: pref
    category: preferences
    max_age: 3600
  - name: _ga
    category: analytics
    domain: shop.example.com
third_parties:
  - domain: google-analytics.com
    category: statistics
    provider: Google
    purpose: Measures visits
  - domain: "*.doubleclick.net"
    category: marketing
"""


def test_full_file_is_read_with_lines() -> None:
    decls = parse(FULL)
    assert decls.path == FILE
    assert decls.site == "https://www.example.com"
    assert decls.consent == ConsentControls(("#accept-all",), ("#settings", "#reject-all"))
    ga, sid, pref, ga_shop = decls.cookies
    assert (ga.name, ga.category, ga.line, ga.provider) == (
        "_ga",
        Category.ANALYTICS,
        6,
        "Google Analytics",
    )
    assert (ga.domain, ga.max_age, ga.max_age_text) == ("example.com", 13 * MONTH, "13 months")
    assert ga.purpose == "Distinguishes visitors"
    assert (sid.category, sid.line, sid.max_age, sid.max_age_text) == (
        Category.NECESSARY,
        12,
        None,
        "session",
    )
    assert (sid.domain, sid.provider, sid.purpose) == (None, "", "")
    assert (pref.category, pref.max_age, pref.max_age_text) == (Category.FUNCTIONAL, 3600, "3600")
    assert (ga_shop.domain, ga_shop.max_age, ga_shop.max_age_text) == (
        "shop.example.com",
        None,
        None,
    )
    ga_tp, dc = decls.third_parties
    assert (ga_tp.domain, ga_tp.category, ga_tp.line) == (
        "google-analytics.com",
        Category.ANALYTICS,
        22,
    )
    assert (ga_tp.provider, ga_tp.purpose) == ("Google", "Measures visits")
    assert (dc.domain, dc.category, dc.line) == ("*.doubleclick.net", Category.ADVERTISING, 26)


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file_declares_nothing(text: str) -> None:
    assert parse(text) == Declarations(path=FILE)


def test_empty_sections_and_optional_keys_are_allowed() -> None:
    decls = parse("site:\nconsent:\ncookies:\nthird_parties: []\n")
    assert decls == Declarations(path=FILE)
    decls = parse(
        "consent:\n  accept:\n  reject: []\n"
        "cookies:\n  - name: a\n    category: ads\n    provider:\n"
    )
    assert decls.consent == ConsentControls()
    assert decls.cookies[0].provider == ""


def test_single_selector_and_glob_names_are_kept() -> None:
    decls = parse("consent:\n  reject: '#no'\ncookies:\n  - {name: '_ga_*', category: analytics}\n")
    assert decls.consent.reject == ("#no",)
    assert decls.cookies[0].name == "_ga_*"


def test_same_name_on_different_domains_is_not_a_duplicate() -> None:
    decls = parse(FULL)
    assert [c.domain for c in decls.cookies if c.name == "_ga"] == [
        "example.com",
        "shop.example.com",
    ]


def test_international_domain_is_stored_in_punycode() -> None:
    decls = parse("third_parties:\n  - domain: Bücher.de\n    category: ads\n")
    assert decls.third_parties[0].domain == "xn--bcher-kva.de"


def test_yaml_integer_lifetime_in_any_notation() -> None:
    decls = parse("cookies:\n  - name: a\n    category: ads\n    max_age: 0x10\n")
    assert (decls.cookies[0].max_age, decls.cookies[0].max_age_text) == (16, "0x10")


# --- the project's example file -------------------------------------------------------------


def test_example_file_loads_cleanly() -> None:
    warnings: list[str] = []
    decls = load_declarations(EXAMPLE, warnings.append)
    assert warnings == []
    assert decls.path == str(EXAMPLE)
    assert decls.site is not None and decls.site.startswith("https://")
    assert decls.consent.accept and decls.consent.reject
    names = {c.name: c for c in decls.cookies}
    assert {"_ga", "_ga_*", "_fbp", "cookie_consent"} <= set(names)
    assert names["_ga"].category is Category.ANALYTICS and names["_ga"].max_age == 2 * YEAR
    assert names["_fbp"].category is Category.ADVERTISING
    assert names["cookie_consent"].category is Category.NECESSARY
    assert any(c.max_age is None and c.max_age_text == "session" for c in decls.cookies)
    parties = {t.category for t in decls.third_parties}
    assert {Category.NECESSARY, Category.ANALYTICS, Category.ADVERTISING} <= parties


# --- categories -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "category"),
    [
        ("necessary", Category.NECESSARY),
        ("Strictly Necessary", Category.NECESSARY),
        ("strictly_necessary", Category.NECESSARY),
        ("strictly-necessary", Category.NECESSARY),
        ("essential", Category.NECESSARY),
        ("required", Category.NECESSARY),
        ("TECHNICAL", Category.NECESSARY),
        ("preferences", Category.FUNCTIONAL),
        ("preference", Category.FUNCTIONAL),
        ("functionality", Category.FUNCTIONAL),
        ("functional", Category.FUNCTIONAL),
        ("statistics", Category.ANALYTICS),
        ("statistic", Category.ANALYTICS),
        ("analytics", Category.ANALYTICS),
        ("performance", Category.ANALYTICS),
        ("measurement", Category.ANALYTICS),
        ("marketing", Category.ADVERTISING),
        ("targeting", Category.ADVERTISING),
        ("advertising", Category.ADVERTISING),
        ("ads", Category.ADVERTISING),
        ("advertisement", Category.ADVERTISING),
        ("Social Media", Category.ADVERTISING),
        ("social_media", Category.ADVERTISING),
        ("  analytics  ", Category.ANALYTICS),
    ],
)
def test_parse_category_synonyms(word: str, category: Category) -> None:
    assert parse_category(word) is category


@pytest.mark.parametrize("word", ["unknown", "", "moons", "analytic s x", "necessaryish"])
def test_parse_category_unknown_words(word: str) -> None:
    assert parse_category(word) is None


def test_category_data_file_names_only_the_four_categories() -> None:
    table = yaml.safe_load(CATEGORIES.read_text(encoding="utf-8"))
    four = {c.value for c in Category} - {Category.UNKNOWN.value}
    assert set(table) == four
    for name, words in table.items():
        assert name in words
        assert all(parse_category(w) is Category(name) for w in words)


def test_category_synonym_in_file() -> None:
    decls = parse("cookies:\n  - name: a\n    category: Strictly Necessary\n")
    assert decls.cookies[0].category is Category.NECESSARY


# --- file errors ------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(ConfigError) as info:
        load_declarations(path)
    assert info.value.location == str(path)
    assert str(info.value) == f"{path}: declarations file not found"


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_declarations(tmp_path)
    assert str(info.value).startswith(f"{tmp_path}: cannot read declarations file: ")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"site: https://example.com\ncookies:\n  - name: \xff\n")
    with pytest.raises(ConfigError) as info:
        load_declarations(path)
    assert str(info.value) == f"{path}:3: not valid UTF-8 (byte 45)"


def test_load_reads_a_file_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffcookies:\n  - name: a\n    category: ads\n".encode())
    decls = load_declarations(path)
    assert decls.cookies[0].line == 2
    assert decls.path == str(path)


# --- YAML syntax ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "cookies:\n  - name: a\n   category: b\n",
            f"{FILE}:3: invalid YAML: while parsing a block collection, "
            "expected <block end>, but found '<block mapping start>'",
        ),
        (
            "site: https://a.com\n---\nsite: https://b.com\n",
            f"{FILE}:2: invalid YAML: expected a single document in the stream, "
            "but found another document",
        ),
        (
            "cookies:\n  - name: a\n\tcategory: ads\n",
            f"{FILE}:3: invalid YAML: while scanning for the next token, "
            "found character '\\t' that cannot start any token",
        ),
        (
            "site: x\ncookies:\n  - name: \x07\n",
            f"{FILE}:3: invalid YAML: special characters are not allowed",
        ),
    ],
)
def test_yaml_syntax_errors_carry_the_line(text: str, expected: str) -> None:
    assert error_of(text) == expected


# --- structure and types ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- a\n- b\n",
            "1: the top level must be a mapping with keys site, first_party, consent, cookies, "
            "third_parties, techniques, policy, waivers, login, got a list",
        ),
        (
            "just text\n",
            "1: the top level must be a mapping with keys site, first_party, consent, cookies, "
            "third_parties, techniques, policy, waivers, login, got a string",
        ),
        ("cookies:\n  name: a\n", "2: cookies: expected a list ('- ' items), got a mapping"),
        ("first_party: brand.com\n", "1: first_party: expected a list ('- ' items), got a string"),
        ("first_party:\n  - a b\n", "2: first_party[0]: 'a b' is not a domain"),
        (
            "first_party:\n  - x.com\n  - x.com\n",
            "3: first_party[1]: domain 'x.com' is listed twice",
        ),
        ("cookies: _ga\n", "1: cookies: expected a list ('- ' items), got a string"),
        ("cookies:\n  - _ga\n", "2: cookies[0]: expected a mapping, got a string"),
        ("third_parties:\n  - [a]\n", "2: third_parties[0]: expected a mapping, got a list"),
        ("consent: '#accept'\n", "1: consent: expected a mapping, got a string"),
        (
            "consent:\n  accept: {a: 1}\n",
            "2: consent.accept: expected a CSS selector or a list of them, got a mapping",
        ),
        (
            "consent:\n  reject:\n    - '#a'\n    - 3\n",
            "4: consent.reject[1]: expected a CSS selector or a list of them, got an integer "
            "(put it in quotes)",
        ),
        ("consent:\n  accept: '  '\n", "2: consent.accept: a selector must not be empty"),
        ("consent:\n  reject: ['#a', '']\n", "2: consent.reject[1]: a selector must not be empty"),
        (
            "cookies:\n  - name: yes\n    category: ads\n",
            "2: cookies[0].name: expected a string, got a boolean (put it in quotes)",
        ),
        (
            "cookies:\n  - name: a\n    category: ads\n    provider: [x]\n",
            "4: cookies[0].provider: expected a string, got a list",
        ),
        (
            "cookies:\n  - name: a\n    category: 3\n",
            "3: cookies[0].category: expected a string, got an integer (put it in quotes)",
        ),
        (
            "cookies:\n  - name: a\n    category: ads\n    max_age: [1]\n",
            "4: cookies[0].max_age: expected a lifetime such as '13 months' or 'session', "
            "got a list",
        ),
        (
            "cookies:\n  - name: a\n    category: ads\n    max_age: 2024-01-01\n",
            "4: cookies[0].max_age: expected a lifetime such as '13 months' or 'session', "
            "got a date",
        ),
        (
            "cookies:\n  - name: a\n    category: ads\n    purpose: !custom x\n",
            "4: cookies[0].purpose: expected a string, got a value tagged !custom "
            "(put it in quotes)",
        ),
        ("? [a]\n: 1\n", "1: expected a key, got a list"),
        (
            "cookies:\n  - name: a\n    category: ads\n    name: b\n",
            "4: cookies[0]: key 'name' appears twice",
        ),
        ("site: https://a.com\nsite: https://b.com\n", "2: key 'site' appears twice"),
    ],
)
def test_structure_and_type_errors(text: str, expected: str) -> None:
    assert error_of(text) == f"{FILE}:{expected}"


# --- required keys and values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cookies:\n  - category: ads\n", "2: cookies[0]: missing required key 'name'"),
        (
            "cookies:\n  - name: a\n    category: ads\n  - name: b\n    provider: x\n",
            "4: cookies[1]: missing required key 'category'",
        ),
        (
            "third_parties:\n  - category: ads\n",
            "2: third_parties[0]: missing required key 'domain'",
        ),
        (
            "third_parties:\n  - domain: a.com\n",
            "2: third_parties[0]: missing required key 'category'",
        ),
        ("cookies:\n  - name:\n    category: ads\n", "2: cookies[0].name: missing a value"),
        ("cookies:\n  - name: a\n    category: ~\n", "3: cookies[0].category: missing a value"),
        (
            "cookies:\n  - name: ''\n    category: ads\n",
            "2: cookies[0].name: a cookie name must not be empty",
        ),
        (
            "cookies:\n  - name: '   '\n    category: ads\n",
            "2: cookies[0].name: a cookie name must not be empty",
        ),
    ],
)
def test_required_key_errors(text: str, expected: str) -> None:
    assert error_of(text) == f"{FILE}:{expected}"


def test_unknown_category_lists_the_allowed_values() -> None:
    text = "cookies:\n  - name: a\n    category: ads\n  - name: b\n    category: Tracking\n"
    assert error_of(text) == (
        f"{FILE}:5: cookies[1].category: unknown category 'Tracking' (allowed: necessary, "
        "functional, analytics, advertising, or a synonym such as 'essential', 'statistics', "
        "'marketing')"
    )


def test_unknown_is_not_a_declarable_category() -> None:
    text = "third_parties:\n  - domain: a.com\n    category: unknown\n"
    assert error_of(text).startswith(
        f"{FILE}:3: third_parties[0].category: unknown category 'unknown'"
    )


def test_bad_lifetime_names_file_line_and_key() -> None:
    text = "cookies:\n" + "".join(f"  - name: c{i}\n    category: ads\n" for i in range(3))
    text += "  - name: _ga\n    category: analytics\n    max_age: 13 moons\n"
    assert error_of(text) == (
        f"{FILE}:10: cookies[3].max_age: cannot read '13 moons' as a lifetime "
        "(try '13 months', '30 days', 'session')"
    )


def test_negative_lifetime_is_refused() -> None:
    text = "cookies:\n  - name: a\n    category: ads\n    max_age: -5\n"
    assert error_of(text) == f"{FILE}:4: cookies[0].max_age: a lifetime cannot be negative (got -5)"


# --- duplicates -------------------------------------------------------------------------------


def test_duplicate_cookie_without_domain() -> None:
    text = "cookies:\n  - name: a\n    category: ads\n  - name: a\n    category: analytics\n"
    assert error_of(text) == f"{FILE}:4: cookies[1]: cookie 'a' is declared twice (first at line 2)"


def test_duplicate_cookie_with_domain_after_normalising() -> None:
    text = (
        "cookies:\n  - name: a\n    category: ads\n    domain: example.com\n"
        "  - name: a\n    category: ads\n    domain: .EXAMPLE.com\n"
    )
    assert error_of(text) == (
        f"{FILE}:5: cookies[1]: cookie 'a' (domain example.com) is declared twice (first at line 2)"
    )


def test_duplicate_third_party() -> None:
    text = (
        "third_parties:\n  - {domain: a.com, category: ads}\n  - {domain: A.com, category: ads}\n"
    )
    assert error_of(text) == (
        f"{FILE}:3: third_parties[1]: domain 'a.com' is declared twice (first at line 2)"
    )


# --- site and domains -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com",
        "example.com",
        "https://",
        "https:///path",
        "https://a b.com",
        "https://example.com:99999/",
        "javascript:alert(1)",
    ],
)
def test_bad_site_url(url: str) -> None:
    assert error_of(f"cookies: []\nsite: '{url}'\n") == (
        f"{FILE}:2: site: expected an http(s) URL such as 'https://www.example.com', got {url!r}"
    )


@pytest.mark.parametrize("url", ["http://localhost:8080/", "https://shop.example.com/de?x=1"])
def test_good_site_url(url: str) -> None:
    assert parse(f"site: {url}\n").site == url


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "https://example.com",
            "expected a domain such as 'example.com', got 'https://example.com'",
        ),
        ("example.com/path", "expected a domain such as 'example.com', got 'example.com/path'"),
        ("*.example.com", "'*.example.com' is not a domain"),
        ("exa mple.com", "'exa mple.com' is not a domain"),
        ("a..b", "'a..b' is not a domain"),
    ],
)
def test_bad_cookie_domain(value: str, expected: str) -> None:
    text = f"cookies:\n  - name: a\n    category: ads\n    domain: '{value}'\n"
    assert error_of(text) == f"{FILE}:4: cookies[0].domain: {expected}"


def test_bad_third_party_domain() -> None:
    text = "third_parties:\n  - domain: 'a b.com'\n    category: ads\n"
    assert (
        error_of(text)
        == f"{FILE}:2: third_parties[0].domain: 'a b.com' is not a domain or domain glob"
    )


# --- unknown keys warn ------------------------------------------------------------------------


def test_unknown_keys_warn_with_line_and_are_ignored() -> None:
    warnings: list[str] = []
    text = """\
    version: 2
    consent:
      accept: '#a'
      timeout: 5
    cookies:
      - name: a
        category: ads
      - name: b
        category: ads
      - name: c
        category: ads
        foo: bar
        catgory: x
    third_parties:
      - domain: a.com
        category: ads
        max-age: 1 day
    """
    decls = parse(text, warnings)
    assert warnings == [
        f"{FILE}:1: unknown key 'version' in the top level (ignored)",
        f"{FILE}:4: unknown key 'timeout' in consent (ignored)",
        f"{FILE}:12: unknown key 'foo' in cookies[2] (ignored)",
        f"{FILE}:13: unknown key 'catgory' in cookies[2] (ignored); did you mean 'category'?",
        f"{FILE}:17: unknown key 'max-age' in third_parties[0] (ignored)",
    ]
    assert [c.name for c in decls.cookies] == ["a", "b", "c"]
    assert decls.cookies[2].category is Category.ADVERTISING


def test_misspelt_cookie_key_suggests_the_known_one() -> None:
    warnings: list[str] = []
    parse("cookies:\n  - name: a\n    category: ads\n    max-age: 1 day\n", warnings)
    assert warnings == [
        f"{FILE}:4: unknown key 'max-age' in cookies[0] (ignored); did you mean 'max_age'?"
    ]


def test_default_warn_is_silent() -> None:
    decls = parse_declarations("surprise: 1\n")
    assert decls == Declarations(path="<string>")
