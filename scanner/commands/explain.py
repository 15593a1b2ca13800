"""`cookiescan explain NAME`: what the knowledge base knows of a cookie, storage key or domain."""

from __future__ import annotations

import argparse
from typing import Any

from scanner.judge.verdicts import attribution
from scanner.knowledge import KnownCookie, load_knowledge
from scanner.knowledge.explain import explain


def register(commands: Any) -> None:
    """Add the `explain` subcommand."""
    parser = commands.add_parser(
        "explain",
        help="say what is known about a cookie name, a storage key, a domain, a finding kind or a "
        "state",
        description="Look a cookie name (or a domain) up in the knowledge base: vendor, "
        "category, retention and the source of each fact, and when and how confidently a scan "
        "attributes the cookie to that vendor (--domain: on that domain). A storage key of a "
        "known SDK (localStorage, sessionStorage, IndexedDB 'database/store', a cache name) "
        "gets its vendor and category. A finding kind "
        "(gpc_overridden_by_accept) gets its rule, why and fix; a consent state (gpc-accept) "
        "what the visitor does in it. Exit 0.",
    )
    parser.add_argument(
        "name",
        metavar="NAME",
        help="a cookie name, a storage key, a domain, a finding kind or a consent state",
    )
    parser.add_argument(
        "--domain",
        metavar="D",
        default=None,
        help="the domain the cookie is set on: says whether a scan attributes it to the vendor "
        "(a generic name such as 'sessionid' only counts on the vendor's own domain)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the explanation."""
    name, domain = args.name.strip(), args.domain

    def attributed(entry: KnownCookie) -> str:
        return attribution(entry, name, domain.strip().lower().strip(".") if domain else None)

    for line in explain(name, load_knowledge(), attributed, domain):
        print(line)
    return 0
