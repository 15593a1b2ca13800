"""`cookiescan explain NAME`: what the knowledge base knows about a cookie name or domain."""

from __future__ import annotations

import argparse
from typing import Any

from scanner.knowledge import load_knowledge
from scanner.knowledge.explain import explain


def register(commands: Any) -> None:
    """Add the `explain` subcommand."""
    parser = commands.add_parser(
        "explain",
        help="say what is known about a cookie name or a domain",
        description="Look a cookie name (or a domain) up in the knowledge base: vendor, "
        "category, retention and the source of each fact. Exit 0.",
    )
    parser.add_argument("name", metavar="NAME", help="a cookie name or a domain")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the explanation."""
    for line in explain(args.name, load_knowledge()):
        print(line)
    return 0
