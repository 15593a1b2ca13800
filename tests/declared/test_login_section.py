"""The login section of expected_cookies.yaml: values only by variable name, errors at file:line."""

from __future__ import annotations

import pytest

from scanner.declared import parse_declarations
from scanner.errors import ConfigError
from scanner.model import LoginDeclaration

GOOD = """\
login:
  url: https://www.example.com/login
  fields:
    "#email": SHOP_USER
    "#password": SHOP_PASSWORD
  submit: "button[type=submit]"
  success_url: "https://www.example.com/account*"
"""


def test_a_login_is_read_with_variable_names_and_its_line() -> None:
    login = parse_declarations("site: https://www.example.com\n" + GOOD, "f.yaml").login
    assert login == LoginDeclaration(
        url="https://www.example.com/login",
        fields=(("#email", "SHOP_USER"), ("#password", "SHOP_PASSWORD")),
        submit="button[type=submit]",
        success_url="https://www.example.com/account*",
        line=3,
    )


def test_no_login_section_means_no_login() -> None:
    assert parse_declarations("site: https://www.example.com\n").login is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  success_url: \"https://www.example.com/account*\"\n", ""),
         "f.yaml:2: login: give success_url or success_selector"),
        (("SHOP_PASSWORD", "'hunter2 with spaces'"),
         "f.yaml:5: login.fields.#password: expected the NAME of an environment variable"),
        (("https://www.example.com/login", "www.example.com/login"),
         "f.yaml:2: login.url: expected an http(s) URL"),
        (("  submit: \"button[type=submit]\"\n", ""),
         "f.yaml:2: login: missing required key 'submit'"),
    ],
)  # fmt: skip
def test_mistakes_name_the_line_and_key(change: tuple[str, str], expected: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_declarations(GOOD.replace(*change), "f.yaml")
    assert str(error.value).startswith(expected)
