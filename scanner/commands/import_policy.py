"""`cookiescan import-policy FILE|URL`: a draft declared list from a published cookie policy."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich.console import Console

from scanner.errors import ExitCode
from scanner.model import Category
from scanner.policy.draft import DraftCookie, render_draft, write_new
from scanner.policy.model import Policy, PolicyCookie

DEFAULT_OUT = "expected_cookies.draft.yaml"
MAX_PURPOSE = 300


def register(commands: Any) -> None:
    """Add the `import-policy` subcommand."""
    parser = commands.add_parser(
        "import-policy",
        help="write a draft declared list from a published cookie policy",
        description="Read a cookie policy (HTML tables or lists, or plain text, in any of the "
        "languages in data/categories.yaml) and write the cookie names it lists, with category, "
        "vendor and lifetime where it gives them. Exit 0, also when it lists no cookie names "
        "(then nothing is written and a message says so).",
    )
    parser.add_argument("policy", metavar="FILE|URL", help="a policy file or http(s) URL")
    parser.add_argument("--out", default=DEFAULT_OUT, help=f"the draft to write ({DEFAULT_OUT})")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.set_defaults(run=run)


def draft_cookie(cookie: PolicyCookie) -> DraftCookie:
    """A draft entry for one listed cookie; no category means a guess marked REVIEW."""
    purpose = " ".join(cookie.purpose.split())
    return DraftCookie(
        name=cookie.name,
        category=cookie.category or Category.UNKNOWN,
        provider=cookie.vendor,
        max_age=cookie.lifetime_text if cookie.type == "cookie" else None,
        purpose=purpose if len(purpose) <= MAX_PURPOSE else purpose[: MAX_PURPOSE - 1] + "…",
        review="" if cookie.category else "the policy gives no category: guessed necessary",
        type=cookie.type,
    )


def draft_from_policy(policy: Policy) -> str:
    """The draft declared list for a parsed policy."""
    header = [
        f"Draft written by `cookiescan import-policy` from {policy.source}.",
        "Only what the policy states is filled in; check every entry before scanning with it.",
    ]
    return render_draft(header, [draft_cookie(c) for c in policy.cookies])


def run(args: argparse.Namespace) -> int:
    """Run `cookiescan import-policy`."""
    console = Console(highlight=False)
    # Imported here: an HTML parser and the knowledge base are slow to import (see cli).
    from scanner.knowledge import load_knowledge
    from scanner.policy.source import load_policy

    policy = load_policy(args.policy, load_knowledge())
    if not policy.cookies:
        console.print(f"no cookie names found in {args.policy}; nothing written", markup=False)
        return int(ExitCode.CLEAN)
    write_new(Path(args.out), draft_from_policy(policy), args.force)
    categorised = sum(1 for c in policy.cookies if c.category)
    console.print(
        f"wrote {args.out}: {len(policy.cookies)} cookie names, {categorised} with a category",
        markup=False,
    )
    return int(ExitCode.CLEAN)
