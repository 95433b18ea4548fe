"""Recognises a block part named at the start of a typed note ("Goals: plan night shifts"),
so a note typed into a cell's add box lands in that part as it would from the block dialog."""

from __future__ import annotations

import re

from canvas_core.canvas.specs import BlockSpec
from canvas_core.i18n import _

_LEADING_NAME = re.compile(r"^\s*([^:\n]{1,60}?)\s*:(.*)\Z", re.DOTALL)


def _normalised(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def split_part(block: BlockSpec, text: str) -> tuple[str | None, str]:
    """(part id, note text) when the text starts with one of the block's part names (title, its
    translation in the current language, or id; any case and spacing) and a colon; otherwise
    (None, text) with the text unchanged. The note text after the colon may be empty: the caller
    decides what an empty note means."""
    match = _LEADING_NAME.match(text)
    if not match or not block.subitems:
        return None, text
    name = _normalised(match.group(1))
    for part in block.subitems:
        if name in (_normalised(part.title), _normalised(_(part.title)), _normalised(part.id)):
            return part.id, match.group(2).strip()
    return None, text
