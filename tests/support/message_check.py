"""Whether a finding's English one-line message says anything its subject and evidence do not.

Reports in another language leave the message out (it is never machine-translated), so every
specific it states must also be in the subject or the evidence, which every language shows.
"""

from __future__ import annotations

import re

from scanner.model import Finding

# A quote, not an apostrophe: no letter right outside it ("the site's ... scanner's" is none).
QUOTED = re.compile(r"(?<!\w)'([^']+)'(?!\w)|\"([^\"]+)\"")
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
# Quoted words that are the scanner's own wording, not a specific of the finding.
OWN_WORDS = frozenset({"accept all", "reject all", "accept", "reject", "gpc", "gpc-accept", "none"})


def specifics(message: str) -> list[str]:
    """What a message states that a reader needs: quoted names and values, and numbers."""
    quoted = [a or b for a, b in QUOTED.findall(message)]
    return [*(q for q in quoted if q.lower() not in OWN_WORDS), *NUMBER.findall(message)]


def unbacked(f: Finding) -> list[str]:
    """The specifics of ``f.message`` found neither in its subject nor in its evidence."""
    pool = "\n".join([f.subject, f.page or "", *(v for _, v in f.evidence)])
    return [s for s in specifics(f.message) if s not in pool]
