"""Data editors that show the plan's rows.

An editor must never get its own output back as input (every second edit
would be lost), so after a delta is applied to the plan, or refused, the
editor gets a new key and shows the plan afresh. Editors of one group share the generation.

Numbers are shown as text written for the plan's language and come back as the
text typed: a number column of the grid would strip characters and clamp to
its limits before our code saw them. canvas_core.numbers reads the text or
refuses it with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pandas as pd
import streamlit as st

from canvas_core.numbers import NumberLimits, format_decimal


def editor_key(group: str, name: str) -> str:
    return f"{name}-{st.session_state.get(f'{group}-generation', 0)}"


def renew(group: str) -> None:
    """Show every editor of `group` afresh on the next render."""
    st.session_state[f"{group}-generation"] = st.session_state.get(f"{group}-generation", 0) + 1


@contextmanager
def renewed(group: str) -> Iterator[None]:
    """Apply a table's delta, then show the group's editors afresh even when the delta was
    refused: a refused cell would otherwise go on showing a value that was not stored (and
    ride along, refused again, with every later edit)."""
    try:
        yield
    finally:
        renew(group)


def cell(value: Any) -> Any:
    """A plan value as a table cell: Decimals as floats, lists as lists of strings."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return float(value) if hasattr(value, "as_tuple") else value


def number_text(value: Decimal | int | None, language: str, limits: NumberLimits) -> str | None:
    """A stored number as its cell shows it: every stored digit, money with its cents."""
    return None if value is None else format_decimal(value, language, decimals=limits.decimals)


def rows(items: Iterable[Any], columns: dict[str, str], numbers: dict[str, NumberLimits], language: str) -> pd.DataFrame:
    """One row per item, `columns` mapping table column -> field; `numbers` are the number fields
    (an empty number shows as an empty cell, never as "None")."""
    def value(item: Any, field: str) -> Any:
        raw = getattr(item, field)
        return (number_text(raw, language, numbers[field]) or "") if field in numbers else cell(raw)

    return pd.DataFrame([{column: value(item, field) for column, field in columns.items()} for item in items],
                        columns=list(columns))


def number_column(**kwargs: Any) -> Any:
    """A column for a number typed as text: right-aligned like numbers, no character limit
    (a cut-off number would be a changed number; the parser refuses one too long)."""
    return st.column_config.TextColumn(alignment="right", **kwargs)
