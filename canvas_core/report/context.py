"""What every section of one report build shares: the plan, the page geometry, the workshops
run on the plan and the numbering of continuation ("detail") entries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from canvas_core.plan import Plan
from canvas_core.report.document import Geometry

if TYPE_CHECKING:
    from canvas_core.workshop.model import WorkshopRecord


@dataclass
class ReportContext:
    plan: Plan
    geometry: Geometry
    iteration: str | None  # e.g. "2" or "2: after the first workshop"; None when unknown
    today: dt.date
    workshops: Sequence[WorkshopRecord] = ()  # the rooms run on the plan, for the workshop pages
    _details: int = field(default=0, repr=False)

    def next_detail_label(self) -> str:
        """D1, D2, ...: one per block whose text continues after its canvas."""
        self._details += 1
        return f"D{self._details}"

    @property
    def currency(self) -> str:
        return self.plan.meta.currency

    @property
    def language(self) -> str:
        return self.plan.meta.language
