"""Plans in this process's memory: the same contract as the SQL store, for fast tests.

Plans are kept as JSON text, as a database keeps them, so what comes back is a
copy and a caller's later edits never reach the store unsaved. One lock makes
each call atomic, like a database transaction.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime

from canvas_core.config import RETENTION
from canvas_core.migrations import load_stored
from canvas_core.plan import Plan, new_plan_id, utc_now
from canvas_core.steps import overall_completeness
from canvas_core.store.repository import (
    IterationExists,
    IterationInfo,
    PlanNotFound,
    PlanSummary,
    RememberedPlan,
    StoredPlan,
    VersionConflict,
    browser_key,
)


@dataclass
class _Row:
    name: str
    version: int
    completeness: float
    updated_at: datetime
    data: str
    deleted_at: datetime | None = None
    iterations: dict[int, tuple[IterationInfo, str]] = field(default_factory=dict)

    def summary(self, plan_id: str) -> PlanSummary:
        return PlanSummary(plan_id, self.name, self.version, self.completeness, self.updated_at, self.deleted_at)


class InMemoryPlanStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[str, _Row] = {}
        self._view_tokens: dict[str, str] = {}  # plan id -> token
        self._browsers: dict[tuple[str, str], tuple[str, datetime]] = {}  # (browser key, plan id) -> access, when

    def close(self) -> None:
        pass

    # --- plans ---------------------------------------------------------------------

    def _row(self, plan_id: str, *, include_deleted: bool = True) -> _Row:
        row = self._plans.get(plan_id)
        if row is None or (row.deleted_at is not None and not include_deleted):
            raise PlanNotFound(plan_id)
        return row

    @staticmethod
    def _contents(plan: Plan) -> dict:
        return {"name": plan.meta.name, "completeness": overall_completeness(plan),
                "updated_at": plan.meta.updated_at, "data": plan.to_json()}

    def create(self, plan: Plan) -> StoredPlan:
        with self._lock:
            if plan.id in self._plans:
                raise ValueError(f"plan {plan.id} exists")
            self._plans[plan.id] = _Row(version=1, **self._contents(plan))
        return StoredPlan(load_stored(plan.to_json()), 1)

    def get(self, plan_id: str, *, include_deleted: bool = False) -> StoredPlan:
        with self._lock:
            row = self._row(plan_id, include_deleted=include_deleted)
            return StoredPlan(load_stored(row.data), row.version)

    def is_deleted(self, plan_id: str) -> bool:
        with self._lock:
            row = self._plans.get(plan_id)
            return row is not None and row.deleted_at is not None

    def version_of(self, plan_id: str) -> int | None:
        with self._lock:
            row = self._plans.get(plan_id)
            return row.version if row else None

    def save(self, plan: Plan, base_version: int) -> int:
        with self._lock:
            row = self._row(plan.id)
            if row.version == base_version:
                row.version += 1
                for name, value in self._contents(plan).items():
                    setattr(row, name, value)
                return row.version
            current = StoredPlan(load_stored(row.data), row.version)
        raise VersionConflict(current)

    def _summaries(self, *, deleted: bool) -> list[PlanSummary]:
        rows = [(pid, r) for pid, r in self._plans.items() if (r.deleted_at is not None) == deleted]
        return [r.summary(pid) for pid, r in sorted(rows, key=lambda item: item[1].updated_at, reverse=True)]

    def list_plans(self, limit: int = 50) -> list[PlanSummary]:
        with self._lock:
            return self._summaries(deleted=False)[:limit]

    def list_deleted(self) -> list[PlanSummary]:
        with self._lock:
            return self._summaries(deleted=True)

    def _set_deleted(self, plan_id: str, when: datetime | None) -> None:
        with self._lock:
            row = self._row(plan_id)
            row.deleted_at = when
            row.version += 1

    def delete(self, plan_id: str) -> None:
        self._set_deleted(plan_id, utc_now())

    def restore(self, plan_id: str) -> None:
        self._set_deleted(plan_id, None)

    def purge_expired(self, now: datetime | None = None) -> int:
        cutoff = (now or utc_now()) - RETENTION
        with self._lock:
            expired = [pid for pid, r in self._plans.items() if r.deleted_at is not None and r.deleted_at < cutoff]
            for plan_id in expired:
                del self._plans[plan_id]
                self._view_tokens.pop(plan_id, None)
                for key in [k for k in self._browsers if k[1] == plan_id]:
                    del self._browsers[key]
        return len(expired)

    # --- links and the plans a browser knows -------------------------------------------

    def view_token(self, plan_id: str) -> str:
        with self._lock:
            self._row(plan_id)
            return self._view_tokens.setdefault(plan_id, new_plan_id())

    def plan_for_view(self, token: str) -> str:
        with self._lock:
            for plan_id, held in self._view_tokens.items():
                if held == token and self._plans[plan_id].deleted_at is None:
                    return plan_id
        raise PlanNotFound(token)

    def remember(self, browser: str, plan_id: str, access: str) -> None:
        key = (browser_key(browser), plan_id)
        with self._lock:
            if plan_id not in self._plans:
                return
            held = self._browsers.get(key)
            self._browsers[key] = ("edit" if held and held[0] == "edit" else access, utc_now())

    def remembered(self, browser: str, *, deleted: bool = False, limit: int = 50) -> list[RememberedPlan]:
        mine = browser_key(browser)
        with self._lock:
            entries = [
                RememberedPlan(self._plans[pid].summary(pid), access,
                               self._view_tokens.get(pid) if access == "view" else None)
                for (who, pid), (access, _) in self._browsers.items()
                if who == mine and (self._plans[pid].deleted_at is not None) == deleted
            ]
        return sorted(entries, key=lambda e: e.summary.updated_at, reverse=True)[:limit]

    # --- iterations ------------------------------------------------------------------

    def add_iteration(self, plan: Plan, number: int, label: str) -> IterationInfo:
        with self._lock:
            row = self._row(plan.id)
            if number in row.iterations:
                raise IterationExists(f"Iteration {number} is already saved for this plan.")
            info = IterationInfo(number, label[:300], utc_now())
            row.iterations[number] = (info, plan.to_json())
        return info

    def list_iterations(self, plan_id: str) -> list[IterationInfo]:
        with self._lock:
            row = self._plans.get(plan_id)
            return [info for _, (info, _) in sorted(row.iterations.items())] if row else []

    def get_iteration(self, plan_id: str, number: int) -> Plan:
        with self._lock:
            row = self._plans.get(plan_id)
            if row is None or number not in row.iterations:
                raise PlanNotFound(f"{plan_id} iteration {number}")
            return load_stored(row.iterations[number][1])
