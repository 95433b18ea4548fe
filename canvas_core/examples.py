"""Worked example plans shipped under data/examples."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from canvas_core import i18n
from canvas_core.migrations import load_stored
from canvas_core.plan import Plan

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "examples"
# The example each language lists first, so it is the one Home opens unless another is picked.
FIRST_EXAMPLES = {"en": "support_mail_triage", "de": "kundenmails_triage"}
FIRST_EXAMPLE = FIRST_EXAMPLES[i18n.SOURCE]


@functools.cache
def _example_json() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(EXAMPLES_DIR.glob("*.json"))}


@functools.cache
def _languages() -> dict[str, str]:
    """Example id -> the language it is written in (its plan's language)."""
    return {key: i18n.base(json.loads(text)["meta"].get("language")) for key, text in _example_json().items()}


def example_names(lang: str | None = None) -> dict[str, str]:
    """Example id -> plan name, for a picker, in the order a person in `lang` (default: the current
    language) sees them: the examples written in that language first, its own first example at the
    top, then the others, each language's first example leading, by file name."""
    return _ordered_names(i18n.base(lang or i18n.current()))


@functools.cache
def _ordered_names(lang: str) -> dict[str, str]:
    languages = _languages()

    def order(key: str) -> tuple[bool, str, bool, str]:
        written = languages[key]
        return written != lang, written, key != FIRST_EXAMPLES.get(written), key

    return {key: load_stored(_example_json()[key]).meta.name for key in sorted(_example_json(), key=order)}


def load_example(example_id: str) -> Plan:
    """The example exactly as shipped (tests and benchmarks use this)."""
    return load_stored(_example_json()[example_id])


def copy_of_example(example_id: str) -> Plan:
    """A fresh plan with the example's content, so the user's edits never touch the original."""
    return load_example(example_id).as_new()
