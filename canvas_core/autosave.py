"""Autosave: every change is written at once, and never over someone else's.

An OpenPlan is what one browser tab holds: the plan, the stored version its
edits are based on, and that version's text (the base of a three-way merge).
When another session saved in between, the two changes are merged if they
touch different notes or fields; otherwise the save is refused, the tab
switches to the other version, and the outcome carries both values so the
user sees exactly what was not saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from canvas_core.i18n import _
from canvas_core.merge import Conflict, MergeConflict, merge_plans
from canvas_core.plan import Plan, utc_now
from canvas_core.store import (
    PlanRepository,
    StoredPlan,
    StoreUnavailable,
    VersionConflict,
)

MAX_MERGE_ATTEMPTS = 3


@dataclass
class OpenPlan:
    plan: Plan
    version: int | None = None  # None: a new plan, stored on its first change
    base_json: str | None = None  # what the plan was when last saved (or, for a draft, when opened)
    dirty: bool = False  # a change that could not be written yet

    @classmethod
    def draft(cls, plan: Plan) -> OpenPlan:
        """A plan not stored yet, written on its first change."""
        return cls(plan, None, plan.to_json())

    @classmethod
    def from_store(cls, stored: StoredPlan) -> OpenPlan:
        return cls(stored.plan, stored.version, stored.plan.to_json())


@dataclass(frozen=True)
class SaveOutcome:
    status: Literal["saved", "merged", "conflict", "failed"]
    message: str = ""
    conflicts: tuple[Conflict, ...] = ()
    at: datetime = field(default_factory=utc_now)


def save(store: PlanRepository, open_plan: OpenPlan) -> SaveOutcome:
    try:
        return _save(store, open_plan)
    except StoreUnavailable as error:
        open_plan.dirty = True
        return SaveOutcome("failed", _("Not saved: {error}. Your changes are kept in this tab and saved with the "
                                       "next change.").format(error=error))


def _save(store: PlanRepository, open_plan: OpenPlan) -> SaveOutcome:
    if open_plan.plan.to_json() == open_plan.base_json:
        open_plan.dirty = False
        return SaveOutcome("saved")  # nothing changed since the version it is based on: nothing to write
    open_plan.plan.meta.updated_at = utc_now()  # the time of the change is the time it is saved
    if open_plan.version is None:
        store.create(open_plan.plan)
        _now_based_on(open_plan, 1)
        return SaveOutcome("saved")
    merged = False
    for _attempt in range(MAX_MERGE_ATTEMPTS):
        try:
            _now_based_on(open_plan, store.save(open_plan.plan, open_plan.version))
            return SaveOutcome("merged" if merged else "saved",
                               _("Merged with changes saved in another session.") if merged else "")
        except VersionConflict as conflict:
            current = conflict.current
            if store.is_deleted(open_plan.plan.id):
                open_plan.dirty = True
                return SaveOutcome("failed", _("Not saved: this plan was deleted in another session. Restore it "
                                               "from Home to keep working; your changes stay in this tab."))
            base = Plan.from_json(open_plan.base_json) if open_plan.base_json else current.plan
            try:
                open_plan.plan = merge_plans(base, open_plan.plan, current.plan)
            except MergeConflict as refused:
                _take(open_plan, current)
                return SaveOutcome(
                    "conflict",
                    _("Not saved: someone changed the same thing in another session. This tab now shows their "
                      "version; your text is below so nothing is lost."),
                    tuple(refused.conflicts),
                )
            # The merged plan is theirs plus my changes: it is now based on theirs.
            open_plan.version = current.version
            open_plan.base_json = current.plan.to_json()
            merged = True
    open_plan.dirty = True
    return SaveOutcome("failed", _("Not saved: the plan kept changing in other sessions. Try again."))


def refresh(store: PlanRepository, open_plan: OpenPlan) -> SaveOutcome | None:
    """Catch up with saves from other sessions (called on every rerun).

    A tab without pending changes simply takes the newer version; a tab with a
    change that could not be written tries to save it now, merging as usual.
    """
    if open_plan.dirty:  # includes a new plan whose first save failed
        return save(store, open_plan)
    if open_plan.version is None:
        return None
    try:
        latest = store.version_of(open_plan.plan.id)
        if latest is not None and latest > open_plan.version:
            _take(open_plan, store.get(open_plan.plan.id, include_deleted=True))
    except StoreUnavailable:
        return None  # reading others' changes can wait for the next rerun
    return None


def _now_based_on(open_plan: OpenPlan, version: int) -> None:
    open_plan.version = version
    open_plan.base_json = open_plan.plan.to_json()
    open_plan.dirty = False


def _take(open_plan: OpenPlan, stored: StoredPlan) -> None:
    open_plan.plan = stored.plan
    _now_based_on(open_plan, stored.version)
