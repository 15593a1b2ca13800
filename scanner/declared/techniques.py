"""The ``techniques:`` section: fingerprinting and session recording the site admits to.

Format::

    techniques:
      - technique: canvas            # required: canvas | canvas_font | font_probing | webgl |
                                     #   audio | session_recording
        script: devicecheck.test     # the scripts' domain or glob; omitted: any script
        category: necessary          # required, as for cookies (necessary: no consent needed)
        provider: DeviceCheck
        purpose: Fraud prevention at checkout
"""

from __future__ import annotations

from collections.abc import Callable

from yaml.nodes import Node

from scanner.declared.yamlnodes import NodeReader, line_of, present
from scanner.model import Category, TechniqueDeclaration

TECHNIQUES = ("canvas", "canvas_font", "font_probing", "webgl", "audio", "session_recording")
_KEYS = ("technique", "script", "category", "provider", "purpose")
CategoryOf = Callable[[NodeReader, Node, str], Category]


def parse_techniques(
    reader: NodeReader, node: Node | None, category_of: CategoryOf
) -> tuple[TechniqueDeclaration, ...]:
    """Every technique declaration, refusing the same technique and script twice."""
    declarations: list[TechniqueDeclaration] = []
    first_line: dict[tuple[str, str | None], int] = {}
    for index, item in enumerate(reader.sequence(node, "techniques")):
        where = f"techniques[{index}]"
        declared = _technique(reader, item, where, category_of)
        key = (declared.technique, declared.script)
        if key in first_line:
            scope = f" for '{declared.script}'" if declared.script else ""
            message = (
                f"technique '{declared.technique}'{scope} is declared twice "
                f"(first at line {first_line[key]})"
            )
            raise reader.error(item, where, message)
        first_line[key] = declared.line
        declarations.append(declared)
    return tuple(declarations)


def _technique(
    reader: NodeReader, item: Node, where: str, category_of: CategoryOf
) -> TechniqueDeclaration:
    fields = reader.mapping(item, where, _KEYS)
    name_node = reader.required(item, fields, "technique", where)
    name = reader.string(name_node, f"{where}.technique").strip().lower()
    if name not in TECHNIQUES:
        message = f"unknown technique {name!r} (allowed: {', '.join(TECHNIQUES)})"
        raise reader.error(name_node, f"{where}.technique", message)
    script = present(fields, "script")
    return TechniqueDeclaration(
        technique=name,
        category=category_of(reader, reader.required(item, fields, "category", where), where),
        line=line_of(item),
        script=None if script is None else reader.domain(script, f"{where}.script", True),
        provider=reader.optional_text(fields, "provider", where),
        purpose=reader.optional_text(fields, "purpose", where),
    )
