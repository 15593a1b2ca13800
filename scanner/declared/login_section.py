"""The ``login`` section of expected_cookies.yaml, validated at file:line.

Format::

    login:                                 # sign in once per consent state, before the crawl
      url: https://www.example.com/login   # required: the page with the login form
      fields:                              # required: CSS selector -> NAME of an environment
        "#email": SHOP_USER                #   variable holding the value (never the value)
        "#password": SHOP_PASSWORD
      submit: "button[type=submit]"        # required: the control that sends the form
      success_url: "**/account*"           # a URL glob reached after signing in, and/or
      success_selector: "#logout"          # an element only a signed-in visitor sees
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node

from scanner.declared.yamlnodes import NodeReader, line_of
from scanner.model import LoginDeclaration

LOGIN_KEYS = ("url", "fields", "submit", "success_url", "success_selector")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_login(reader: NodeReader, node: Node | None) -> LoginDeclaration | None:
    """The ``login`` section, or ``None`` when absent."""
    if node is None:
        return None
    fields = reader.mapping(node, "login", LOGIN_KEYS)
    url = reader.string(reader.required(node, fields, "url", "login"), "login.url").strip()
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise reader.error(fields["url"], "login.url", f"expected an http(s) URL, got {url!r}")
    success_url = reader.optional_text(fields, "success_url", "login") or None
    success_selector = reader.optional_text(fields, "success_selector", "login") or None
    if success_url is None and success_selector is None:
        message = "give success_url or success_selector (how to tell the login worked)"
        raise reader.error(node, "login", message)
    submit = reader.string(reader.required(node, fields, "submit", "login"), "login.submit")
    return LoginDeclaration(
        url=url,
        fields=_fields(reader, reader.required(node, fields, "fields", "login")),
        submit=submit.strip(),
        success_url=success_url,
        success_selector=success_selector,
        line=line_of(node),
    )


def _fields(reader: NodeReader, node: Node) -> tuple[tuple[str, str], ...]:
    """Selector -> environment variable name pairs; values are never written in the file."""
    if not isinstance(node, MappingNode):
        raise reader.error(node, "login.fields", "expected a mapping of selector: VARIABLE")
    pairs = []
    for key_node, value_node in node.value:
        selector = reader.string(key_node, "login.fields", "a CSS selector").strip()
        name = reader.string(value_node, f"login.fields.{selector}", "a variable name").strip()
        if not _ENV_NAME.fullmatch(name):
            message = f"expected the NAME of an environment variable, got {name!r}"
            raise reader.error(value_node, f"login.fields.{selector}", message)
        pairs.append((selector, name))
    if not pairs:
        raise reader.error(node, "login.fields", "name at least one field")
    return tuple(pairs)
