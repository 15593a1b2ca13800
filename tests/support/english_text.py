"""English UI text left in a translated report: the English catalog's phrases, found in text
(report.html, report.md, index.html and the portfolio, each with its quoted values left out)."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator

from bs4 import BeautifulSoup

from scanner.i18n import catalog
from scanner.i18n.catalogs import template_catalog
from scanner.report.context import ReportContext
from scanner.report.context.comparison import Status
from scanner.report.formats.markdown import md
from scanner.report.text.profile import profile_summary, tells_summary

_PLACEHOLDER = re.compile(r"%\(\w+\)s")
_MIN_CHUNK = 4


def _english(msgid: str | tuple[str, ...]) -> Iterator[str]:
    """The English texts of one message: the msgid, or a kind text from the English catalog."""
    ids = (msgid,) if isinstance(msgid, str) else msgid
    for one in ids:
        yield catalog("en").get(one).string if one.startswith("kind.") else one  # type: ignore[union-attr]


def _translated(language: str) -> str:
    """Every translation of ``language`` joined: words the language itself uses."""
    strings = (m.string for m in catalog(language) if m.id)
    return "\n".join(s if isinstance(s, str) else "\n".join(s) for s in strings)


@functools.cache
def english_phrases(language: str) -> tuple[str, ...]:
    """Literal chunks of the English messages (split at placeholders) ``language`` translates."""
    own = _translated(language)
    found = set()
    for message in template_catalog():
        if not message.id:
            continue
        for text in _english(message.id):
            for chunk in _PLACEHOLDER.split(text):
                chunk = chunk.strip(" .,:;()")
                if (
                    len(chunk) >= _MIN_CHUNK
                    and re.search("[A-Za-z]{3}", chunk)
                    and chunk not in own
                ):
                    found.add(chunk)
    return tuple(sorted(found, key=len, reverse=True))


def english_left(text: str, language: str) -> list[str]:
    """The English phrases (whole words) that occur in ``text``."""
    return [
        phrase
        for phrase in english_phrases(language)
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
    ]


_ESCAPED = re.compile(r"\\(.)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def recorded_values(ctx: ReportContext) -> list[str]:
    """What a report quotes as recorded (site text, versions, subjects, names, the browser
    profile, error texts): left out of the check as report.html's ``class="q"`` is."""
    result, meta = ctx.result, ctx.result.meta
    values = [result.declarations.site or "", *meta.targets, meta.scanner_version]
    values += [meta.browser_version or "", (meta.error or "")[:300]]
    if meta.browser_profile is not None:
        values += [profile_summary(meta.browser_profile)]
        values += [tells_summary(meta.browser_profile, meta.remaining_tells)]
    resolved = ctx.comparison.with_status(Status.RESOLVED) if ctx.comparison else ()
    for f in (*result.findings, *resolved):
        values += [f.subject, f.page or ""]
    values += [v for g in ctx.fixes for v in (g.name, g.cmp or "")]
    if ctx.comparison is not None:
        c = ctx.comparison
        changed = (*c.cookies_appeared, *c.cookies_disappeared, *c.third_parties_appeared)
        values += [i.subject for i in (*changed, *c.third_parties_disappeared)]
    for state in result.states:
        values += [(state.incomplete or "")[:300]]
        values += [v[:300] for r in state.restarts for v in (r.reason, r.page_url)]
    return sorted({v for v in values if v}, key=len, reverse=True)


def markdown_text(markdown: str, recorded: list[str]) -> str:
    """What a reader of rendered Markdown sees, without recorded values and code spans."""
    for value in recorded:
        markdown = markdown.replace(md(value, 100_000), " ")
    markdown = _CODE_SPAN.sub(" ", markdown)
    return html.unescape(_ESCAPED.sub(r"\1", markdown))


def page_text(page: str) -> str:
    """The text of an HTML page without quoted text (``class="q"``), code, script and style."""
    tree = BeautifulSoup(page, "html.parser")
    for element in tree.select(".q, code, script, style"):
        element.decompose()
    return tree.get_text(" ")
