"""Markdown written by hand: what every report section uses to put user text into Markdown.

Every piece of user text passes through `escape` (running text) or `cell`
(a table cell), so what a team typed shows literally in any CommonMark or
GitHub viewer: `<b>`, `*`, `# `, `|` and `[x](y)` are text, never markup.
Our own markup (headings, bullets, bold labels, tables) is added around the
escaped text, never inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from canvas_core.i18n import N_, _
from canvas_core.plan import Note
from canvas_core.steps.costs.rules import format_number

# Characters that start inline markup anywhere in a line (CommonMark + GitHub:
# emphasis, code, links, raw HTML and entities, tables, strikethrough, math).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# What starts a block only at the beginning of a line: a list item ("- ", "+ ",
# "1. ", "1) "), and a line of only "-" or "=" (a thematic break, or a setext
# underline that turns the line above into a heading). "-5 %" or "4.2 million"
# stay as typed.
_BULLET = re.compile(r"^([-+])(?=[ \t]|$)")
_RULE = re.compile(r"^([-=])[-= \t]*$")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")


def _escape_line(line: str) -> str:
    # Leading blanks would make an indented code block; trailing ones a hard break.
    line = _INLINE.sub(r"\\\1", line.strip().replace("\x00", "\ufffd"))
    line = _RULE.sub(lambda m: "\\" + m.group(0), _BULLET.sub(r"\\\1", line))
    return _ORDERED.sub(r"\1\\\2", line)


def escape(text: str, *, indent: str = "") -> str:
    """User text as literal Markdown. Lines stay lines (as hard line breaks, continued
    at `indent` so they stay inside a list item); blank lines are dropped."""
    lines = [_escape_line(line) for line in text.splitlines()]
    return f"\\\n{indent}".join(line for line in lines if line)


def cell(text: str) -> str:
    """User text as one table cell: on one line, pipes escaped."""
    return _escape_line(" ".join(text.split()))


def table(header: list[str], rows: Iterable[list[str]], right: Iterable[int] = ()) -> list[str]:
    """A GitHub table; header cells are ours, row cells must come escaped already."""
    right = set(right)
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def bullet(text: str, level: int = 0) -> str:
    indent = "  " * level
    return f"{indent}- {escape(text, indent=indent + '  ')}"


def fence(text: str, info: str) -> list[str]:
    """A code fence longer than any run of backticks inside, so nothing can close it early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return [f"{ticks}{info}", text, ticks, ""]


# A note's status as the report prints it after the note (declared before any language is known).
STATUS_WORDS: dict[str, str] = {"available": N_("available"), "planned": N_("planned"), "missing": N_("missing"),
                                "question": N_("question")}


def note(item: Note, level: int = 0) -> str:
    """A note as a bullet, its status after it (in the report's language)."""
    if not item.status:
        return bullet(item.text, level)
    word = STATUS_WORDS.get(item.status.value, item.status.value)
    return bullet(item.text, level) + f" *({_(word)})*"


def number(value: Decimal | int | None) -> str:
    return "" if value is None else format_number(value)
