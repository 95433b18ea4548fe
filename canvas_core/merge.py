"""Three-way merge of two sessions' edits to the same plan.

When a session saves a change based on an older stored version, we merge
`base` (what this session last loaded or saved), `mine` (this session now) and
`theirs` (the store now). Edits to different notes or fields combine; edits to
the same thing are conflicts, and the caller refuses the save.

Works on the JSON form of a plan (`model_dump(mode="json")`), so the rules are
generic: a new field or canvas needs no change here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from pydantic import ValidationError

from canvas_core.i18n import N_, _
from canvas_core.plan import Plan
from canvas_core.validation import problems


class _Missing(Enum):
    MISSING = "missing"

    def __repr__(self) -> str:
        return "MISSING"


# Stands for "absent on this side" (deleted, or never there). Not None: None is
# a real value in plans (no status, no date), and a deletion must not look like one.
MISSING = _Missing.MISSING

_ORDER_CHANGED = N_("The order was changed differently in both sessions.")

# Never a conflict: it only records when the plan last changed.
_UPDATED_AT = ("meta", "updated_at")


@dataclass(frozen=True)
class Conflict:
    """One place both sessions changed differently.

    `mine` / `theirs` are the JSON values at `path` on each side, or MISSING
    when that side deleted it. `reason` is set when the generic sentence does
    not fit (a reordering, or a combined plan that is not valid)."""

    path: tuple[str | int, ...]
    mine: object
    theirs: object
    reason: str = ""


class MergeConflict(Exception):
    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        super().__init__("; ".join(describe(c) for c in conflicts))


def merge_documents(base: dict, mine: dict, theirs: dict) -> dict:
    """The merged JSON document; raises MergeConflict listing every conflict."""
    conflicts: list[Conflict] = []
    merged = _merge(base, mine, theirs, (), conflicts)
    if conflicts:
        raise MergeConflict(conflicts)
    # The merge reuses subtrees of the inputs; the caller must be free to mutate either.
    return copy.deepcopy(merged)


def merge_plans(base: Plan, mine: Plan, theirs: Plan) -> Plan:
    merged = merge_documents(*(p.model_dump(mode="json") for p in (base, mine, theirs)))
    try:
        return Plan.model_validate(merged)
    except ValidationError as error:
        # E.g. both sessions' additions together exceed a block's note limit.
        reason = _("Together the two sessions' changes do not make a valid plan ({problems}).").format(
            problems=problems(error, sep="."))
        raise MergeConflict([Conflict((), MISSING, MISSING, reason)]) from error


def describe(conflict: Conflict) -> str:
    where = _readable(conflict.path)
    if conflict.reason:
        reason = _(conflict.reason)  # a reason declared with N_ (the order), or one worded already
        return reason if not conflict.path else f"{reason} ({where})"
    if MISSING in (conflict.mine, conflict.theirs):
        return _("It was deleted in one session and changed in the other: {where}.").format(where=where)
    return _("It was changed differently in both sessions: {where}.").format(where=where)


def _readable(path: tuple[str | int, ...]) -> str:
    return " › ".join(str(part).replace("_", " ") for part in path) or _("the whole plan")


def _merge(base, mine, theirs, path, conflicts):
    # The classic rule holds at every level, and it makes a one-sided change an exact identity.
    if mine == theirs:
        return mine
    if mine == base:
        return theirs
    if theirs == base:
        return mine
    # Both changed it.
    if path == _UPDATED_AT and isinstance(mine, str) and isinstance(theirs, str):
        return max(mine, theirs, key=datetime.fromisoformat)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        return _merge_dicts(base if isinstance(base, dict) else {}, mine, theirs, path, conflicts)
    if isinstance(mine, list) and isinstance(theirs, list):
        base_list = base if isinstance(base, list) else []
        if _is_collection(base_list) and _is_collection(mine) and _is_collection(theirs):
            return _merge_collections(base_list, mine, theirs, path, conflicts)
    conflicts.append(Conflict(path, mine, theirs))
    return mine


def _merge_dicts(base, mine, theirs, path, conflicts):
    merged = {}
    for key in {**base, **mine, **theirs}:  # union of keys, in a stable order
        value = _merge(base.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING), (*path, key), conflicts)
        if value is not MISSING:
            merged[key] = value
    return merged


def _is_collection(items: list) -> bool:
    """Notes, tasks, cost lines, data assets: dicts with unique ids (an empty list fits any)."""
    if not all(isinstance(item, dict) and "id" in item for item in items):
        return False
    return len({item["id"] for item in items}) == len(items)


def _merge_collections(base, mine, theirs, path, conflicts):
    """Merge items by id like dict values, and the order separately."""
    by_id = [{item["id"]: item for item in side} for side in (base, mine, theirs)]
    merged_items = _merge_dicts(*by_id, path, conflicts)

    # Order of the items all three share: take the side that reordered them, if only one did.
    common = by_id[0].keys() & by_id[1].keys() & by_id[2].keys()
    base_order, mine_order, theirs_order = ([i for i in side if i in common] for side in by_id)
    if mine_order == base_order:
        order = theirs_order
    elif theirs_order in (base_order, mine_order):
        order = mine_order
    else:
        conflicts.append(Conflict(path, mine_order, theirs_order, _ORDER_CHANGED))
        order = mine_order

    # Their additions where they put them: before the shared item that follows them
    # there, else at the end (a note appended stays last even if mine moved things) ...
    theirs_ids = list(by_id[2])
    for index, item_id in enumerate(theirs_ids):
        if item_id not in by_id[0]:
            after = [i for i in theirs_ids[index + 1 :] if i in common]
            order.insert(order.index(after[0]) if after else len(order), item_id)
    # ... then mine, appended in my order: concurrent additions must never conflict.
    order += [i for i in by_id[1] if i not in by_id[0] and i not in order]
    return [merged_items[i] for i in order if i in merged_items]
