"""The sites file of `cookiescan scan --sites`: a YAML list of sites, validated at file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node, ScalarNode

from scanner.declared.yamlnodes import NodeReader, Warn, compose, kind, line_of, present, tag
from scanner.errors import ConfigError

_SITE_KEYS = ("name", "urls", "declared")
_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class SiteEntry:
    """One site to scan: its name, the folder its reports go to, start URLs, declared file.

    ``urls`` may be empty: the site's declared file then names it (``site:``).
    ``declared`` is ``None`` when the site uses the run's own --declared file.
    """

    name: str
    slug: str
    urls: tuple[str, ...]
    declared: Path | None
    location: str


def slug_of(name: str) -> str:
    """A folder name for a site: lower-case letters, digits and dashes."""
    return _UNSAFE.sub("-", name.lower()).strip("-")[:63]


def load_sites(path: Path, warn: Warn) -> tuple[SiteEntry, ...]:
    """Read and validate a sites file; ``ConfigError`` names file, line and key."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as e:
        raise ConfigError("sites file not found", location=str(path)) from e
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read sites file: {e}", location=str(path)) from e
    return parse_sites(text, str(path), path.parent, warn)


def parse_sites(text: str, path: str, base: Path, warn: Warn) -> tuple[SiteEntry, ...]:
    """Validate a sites file given as text; declared paths are relative to ``base``."""
    root = compose(text, path)
    reader = NodeReader(path, warn)
    if root is None or (isinstance(root, ScalarNode) and tag(root) == "null"):
        raise ConfigError("the sites file lists no sites", location=path)
    items = reader.sequence(root, "")
    if not items:
        raise reader.error(root, "", f"expected a list of sites, got {kind(root)}")
    sites = tuple(_site(reader, item, f"[{n}]", base) for n, item in enumerate(items))
    seen: dict[str, SiteEntry] = {}
    for site in sites:
        if site.slug in seen:
            other = seen[site.slug]
            message = f"site name '{site.name}' makes the same folder as '{other.name}'"
            raise ConfigError(f"{message} ({other.location})", location=site.location)
        seen[site.slug] = site
    return sites


def _site(reader: NodeReader, item: Node, where: str, base: Path) -> SiteEntry:
    fields = reader.mapping(item, where, _SITE_KEYS)
    name_node = reader.required(item, fields, "name", where)
    name = reader.string(name_node, f"{where}.name").strip()
    if not slug_of(name):
        raise reader.error(name_node, f"{where}.name", "needs at least one letter or digit")
    urls_node = present(fields, "urls")
    urls: list[str] = []
    if isinstance(urls_node, ScalarNode):
        urls = [reader.url(urls_node, f"{where}.urls")]
    else:
        nodes = reader.sequence(urls_node, f"{where}.urls")
        urls = [reader.url(n, f"{where}.urls[{i}]") for i, n in enumerate(nodes)]
    declared = present(fields, "declared")
    declared_path = None
    if declared is not None:
        declared_path = base / reader.string(declared, f"{where}.declared").strip()
    location = f"{reader.path}:{line_of(item)}"
    return SiteEntry(name, slug_of(name), tuple(urls), declared_path, location)
