"""Worked example plans shipped under data/examples."""

from __future__ import annotations

import functools
from pathlib import Path

from canvas_core.migrations import load_stored
from canvas_core.plan import Plan

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "data" / "examples"
# Listed first, so it is the one Home opens unless another is picked; the others follow by file name.
FIRST_EXAMPLE = "support_mail_triage"


@functools.cache
def _example_json() -> dict[str, str]:
    paths = sorted(EXAMPLES_DIR.glob("*.json"), key=lambda path: (path.stem != FIRST_EXAMPLE, path.stem))
    return {path.stem: path.read_text(encoding="utf-8") for path in paths}


@functools.cache
def example_names() -> dict[str, str]:
    """Example id -> plan name, for a picker (parsed once: the files never change)."""
    return {key: load_stored(text).meta.name for key, text in _example_json().items()}


def load_example(example_id: str) -> Plan:
    """The example exactly as shipped (tests and benchmarks use this)."""
    return load_stored(_example_json()[example_id])


def copy_of_example(example_id: str) -> Plan:
    """A fresh plan with the example's content, so the user's edits never touch the original."""
    return load_example(example_id).as_new()
