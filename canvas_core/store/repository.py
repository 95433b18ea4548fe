"""The plan store's contract: what the app may ask of wherever plans live.

Every save names the version it was based on; a save against a plan that has
moved on is refused with the current version (the caller merges or reports).
Deleted plans are kept for RETENTION and can be restored until then. Links are
capabilities: the plan id opens a plan for editing, a view token read-only, and
a browser's list holds the plans it created or opened through a link. Whatever
goes wrong underneath reaches the app as StoreUnavailable, never as a driver's
own exception. Two implementations keep this contract: SqlPlanStore (SQLite,
PostgreSQL) and InMemoryPlanStore (for tests); tests/test_store.py runs them all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from canvas_core.plan import Plan


@dataclass(frozen=True)
class StoredPlan:
    plan: Plan
    version: int


@dataclass(frozen=True)
class PlanSummary:
    id: str
    name: str
    version: int
    completeness: float
    updated_at: datetime
    deleted_at: datetime | None


@dataclass(frozen=True)
class RememberedPlan:
    """A plan on a browser's list: its summary and the access the browser was given."""

    summary: PlanSummary
    access: str  # "edit" or "view"
    view_token: str | None  # the link to open it with, for a plan this browser may only view


@dataclass(frozen=True)
class IterationInfo:
    number: int
    label: str
    created_at: datetime


class PlanNotFound(KeyError):
    pass


class VersionConflict(Exception):
    """The plan moved on since the version a change was based on."""

    def __init__(self, current: StoredPlan):
        super().__init__(f"plan {current.plan.id} is at version {current.version}")
        self.current = current


class IterationExists(ValueError):
    pass


class StoreUnavailable(Exception):
    """The database could not be read or written. The message says why in plain words and
    ends with the driver's own words in brackets, for whoever runs the server."""



class PlanRepository(Protocol):
    def create(self, plan: Plan) -> StoredPlan: ...
    def get(self, plan_id: str, *, include_deleted: bool = False) -> StoredPlan: ...
    def is_deleted(self, plan_id: str) -> bool: ...
    def version_of(self, plan_id: str) -> int | None: ...
    def save(self, plan: Plan, base_version: int) -> int: ...
    def list_plans(self, limit: int = 50) -> list[PlanSummary]: ...
    def list_deleted(self) -> list[PlanSummary]: ...
    def delete(self, plan_id: str) -> None: ...
    def restore(self, plan_id: str) -> None: ...
    def purge_expired(self) -> int: ...
    def add_iteration(self, plan: Plan, number: int, label: str) -> IterationInfo: ...
    def view_token(self, plan_id: str) -> str: ...
    def plan_for_view(self, token: str) -> str: ...
    def remember(self, browser: str, plan_id: str, access: str) -> None: ...
    def remembered(self, browser: str, *, deleted: bool = False, limit: int = 50) -> list[RememberedPlan]: ...
    def list_iterations(self, plan_id: str) -> list[IterationInfo]: ...
    def get_iteration(self, plan_id: str, number: int) -> Plan: ...
    def close(self) -> None: ...


def browser_key(browser: str) -> str:
    """What a store keeps of a browser's token: its hash, so the store alone opens nothing."""
    return hashlib.sha256(browser.encode()).hexdigest()
