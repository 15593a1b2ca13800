"""Storage entries of the ``cookies:`` list: entries with a ``type:`` other than ``cookie``.

Format::

    cookies:
      - name: mp_*_mixpanel          # required: the key, exact or a glob; for IndexedDB the
        type: local_storage          #   ``database/store`` (``keyval-store/*``), for Cache
        category: analytics          #   Storage the cache's name
        provider: Mixpanel           # type: cookie (default) | local_storage | session_storage |
        domain: example.com          #   indexeddb | cache_storage
        purpose: Visitor id          # domain: the origin's host or a parent of it

Storage has no lifetime: ``max_age`` on a storage entry is an error.
"""

from __future__ import annotations

from collections.abc import Callable

from yaml.nodes import MappingNode, Node

from scanner.declared.storage_types import COOKIE, TYPES, parse_type, storage_kind
from scanner.declared.yamlnodes import NodeReader, line_of, present
from scanner.model import Category, StorageDeclaration

STORAGE_KEYS = ("name", "type", "category", "provider", "domain", "purpose", "max_age")
CategoryOf = Callable[[NodeReader, Node, str], Category]


def entry_type(reader: NodeReader, item: Node, where: str) -> str:
    """The ``type:`` of a ``cookies:`` entry (``cookie`` when absent or not a mapping)."""
    if not isinstance(item, MappingNode):
        return COOKIE
    node = next((v for k, v in item.value if getattr(k, "value", None) == "type"), None)
    if node is None or present({"type": node}, "type") is None:
        return COOKIE
    text = reader.string(node, f"{where}.type")
    found = parse_type(text)
    if found is None:
        message = f"unknown type {text.strip()!r} (allowed: {', '.join(TYPES)})"
        raise reader.error(node, f"{where}.type", message)
    return found


def parse_storage(
    reader: NodeReader, node: Node | None, category_of: CategoryOf
) -> tuple[StorageDeclaration, ...]:
    """Every storage entry of the ``cookies:`` list, refusing the same key, type and domain
    twice."""
    declarations: list[StorageDeclaration] = []
    first_line: dict[tuple[str, str, str | None], int] = {}
    for index, item in enumerate(reader.sequence(node, "cookies")):
        where = f"cookies[{index}]"
        kind = storage_kind(entry_type(reader, item, where))
        if kind is None:
            continue
        declared = _storage(reader, item, where, category_of)
        key = (declared.name, declared.kind.value, declared.domain)
        if key in first_line:
            message = (
                f"{kind.declared_type} '{declared.name}' is declared twice "
                f"(first at line {first_line[key]})"
            )
            raise reader.error(item, where, message)
        first_line[key] = declared.line
        declarations.append(declared)
    return tuple(declarations)


def _storage(
    reader: NodeReader, item: Node, where: str, category_of: CategoryOf
) -> StorageDeclaration:
    fields = reader.mapping(item, where, STORAGE_KEYS)
    if "max_age" in fields:
        message = "storage has no lifetime: remove max_age from a storage entry"
        raise reader.error(fields["max_age"], f"{where}.max_age", message)
    name_node = reader.required(item, fields, "name", where)
    name = reader.string(name_node, f"{where}.name").strip()
    if not name:
        raise reader.error(name_node, f"{where}.name", "a storage key must not be empty")
    kind = storage_kind(entry_type(reader, item, where))
    assert kind is not None  # parse_storage only hands storage entries here
    domain = present(fields, "domain")
    return StorageDeclaration(
        name=name,
        kind=kind,
        category=category_of(reader, reader.required(item, fields, "category", where), where),
        line=line_of(item),
        provider=reader.optional_text(fields, "provider", where),
        domain=None if domain is None else reader.domain(domain, f"{where}.domain", False),
        purpose=reader.optional_text(fields, "purpose", where),
    )
