"""Apply a data editor's delta ({edited_rows, added_rows, deleted_rows}) to a
list of items with ids, all or nothing: every row is checked before anything
changes, so a bad cell leaves the list as it was."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from pydantic import ValidationError

from canvas_core.canvas.editing import EditError
from canvas_core.i18n import _
from canvas_core.numbers import NumberLimits, NumberRefused, parse_number
from canvas_core.validation import problems


class _HasId(Protocol):
    id: str


T = TypeVar("T", bound=_HasId)


def blank(value: Any) -> Any:
    """None for an emptied cell (an emptied number arrives as NaN)."""
    return None if isinstance(value, float) and value != value else value


def number_cell(raw: Any, *, language: str, limits: NumberLimits, where: str, column: str) -> Decimal | None:
    """The number typed into a cell (exactly as typed), None for an emptied one.

    Anything else is refused naming the row, the column and the text, e.g.
    'Row 2, Months: "12,5" is not a number in an English plan (use 12.5).' `column` is the column's
    English name (its id): it is shown translated.
    """
    raw = blank(raw)
    if raw is None:
        return None
    try:
        return parse_number(str(raw), language, limits)
    except NumberRefused as refused:
        raise EditError(_("{where}, {column}: {reason}. The last valid values were kept.").format(
            where=where, column=_(column), reason=refused.reason)) from None


def refusal(error: ValidationError, where: str, columns: dict[str, str]) -> EditError:
    """The first problem of a rejected row, naming its row and column in the table's words."""
    found = problems(error, names={_(name): field for name, field in columns.items()})
    return EditError(_("{where}, {problem}. The last valid values were kept.").format(where=where, problem=found))


def is_blank_row(row: dict[str, Any]) -> bool:
    return all(blank(v) in (None, "", [], False) for v in row.values())


def apply_delta(
    items: list[T],
    row_ids: list[str],
    edits: dict[str, Any],
    update: Callable[[T, dict[str, Any], str], T],
    create: Callable[[dict[str, Any], str], T],
) -> tuple[list[T], set[str]] | None:
    """The new list and the ids deleted, or None when the delta changes nothing.

    `row_ids` are the item ids in the order the table showed them; `update` and
    `create` validate a row ("Row 2", "New row 1" name it in their messages) and
    raise to refuse it. Blank new rows are not items yet and are skipped.
    """
    by_id = {item.id: item for item in items}
    updated: dict[str, T] = {}
    for position, row in (edits.get("edited_rows") or {}).items():
        item_id = row_ids[int(position)]
        updated[item_id] = update(updated.get(item_id, by_id[item_id]), row,
                                  _("Row {number}").format(number=int(position) + 1))
    added = [create(row, _("New row {number}").format(number=n + 1)) for n, row in enumerate(edits.get("added_rows") or [])
             if not is_blank_row(row)]
    deleted = {row_ids[int(position)] for position in (edits.get("deleted_rows") or [])}
    if not (updated or added or deleted):
        return None
    return [updated.get(item.id, item) for item in items if item.id not in deleted] + added, deleted
