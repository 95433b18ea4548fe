"""Where plans live: the contract (repository), the SQL store and the in-memory store."""

from canvas_core.config import RETENTION
from canvas_core.store.memory import InMemoryPlanStore
from canvas_core.store.repository import (
    IterationExists,
    IterationInfo,
    PlanNotFound,
    PlanRepository,
    PlanSummary,
    RememberedPlan,
    StoredPlan,
    StoreUnavailable,
    VersionConflict,
)
from canvas_core.store.sql import SqlPlanStore, browser_plans_table, metadata
from canvas_core.store.workshop_tables import WORKSHOP_TABLES  # noqa: F401 - created with the plans' tables

__all__ = [
    "RETENTION", "InMemoryPlanStore", "IterationExists", "IterationInfo", "PlanNotFound", "PlanRepository",
    "PlanSummary", "RememberedPlan", "SqlPlanStore", "StoreUnavailable", "StoredPlan", "VersionConflict",
    "browser_plans_table", "metadata",
]
