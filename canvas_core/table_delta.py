"""Apply a data editor's delta ({edited_rows, added_rows, deleted_rows}) to a
list of items with ids, all or nothing: every row is checked before anything
changes, so a bad cell leaves the list as it was."""

from __future__ import annotations

from typing import Any, Callable, Protocol, TypeVar


class _HasId(Protocol):
    id: str


T = TypeVar("T", bound=_HasId)


def blank(value: Any) -> Any:
    """None for an emptied cell (the editor sends NaN for an emptied number)."""
    return None if isinstance(value, float) and value != value else value


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
        updated[item_id] = update(updated.get(item_id, by_id[item_id]), row, f"Row {int(position) + 1}")
    added = [create(row, f"New row {n + 1}") for n, row in enumerate(edits.get("added_rows") or [])
             if not is_blank_row(row)]
    deleted = {row_ids[int(position)] for position in (edits.get("deleted_rows") or [])}
    if not (updated or added or deleted):
        return None
    return [updated.get(item.id, item) for item in items if item.id not in deleted] + added, deleted
