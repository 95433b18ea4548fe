"""The plan as a PDF a stakeholder can read without the app: `build_pdf(plan)`.

Pure function of the plan and the workshop records it is given (no Streamlit, no
database, no files written): cover, executive summary, every step in journey order
(each canvas on a landscape page that mirrors its published grid), one section per
workshop run on the plan, and a last page with sources and licences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from canvas_core.canvas.pdf import FLOOR_SIZE
from canvas_core.i18n import _, language
from canvas_core.plan import Plan
from canvas_core.report.context import ReportContext
from canvas_core.report.document import Geometry, build
from canvas_core.report.sections import report_sections
from canvas_core.report.summary import iteration_label

if TYPE_CHECKING:
    from canvas_core.workshop.model import WorkshopRecord

PAGE_SIZE_NAMES = {"a4": "A4", "letter": "letter"}


def build_pdf(plan: Plan, *, page_size: Literal["A4", "letter"] = "A4", iteration: str | None = None,
              today: dt.date | None = None, workshops: Sequence[WorkshopRecord] = ()) -> bytes:
    """The report as PDF bytes, in the plan's language. `iteration` labels a saved iteration (e.g. "3: after the workshop");
    `workshops`, the records of the rooms run on the plan, add a workshop section each."""
    size = PAGE_SIZE_NAMES.get(page_size.lower())
    if size is None:
        raise ValueError(f"page size must be A4 or letter, not {page_size!r}")
    with language(plan.meta.language):  # the plan's language, whatever the reader's (or no session's)
        ctx = ReportContext(plan=plan, geometry=Geometry.for_size(size), iteration=iteration_label(plan, iteration),
                            today=today or dt.date.today(), workshops=tuple(workshops))
        story = [flowable for section in report_sections() for flowable in section(ctx)]
        name = plan.meta.name.strip() or _("Untitled plan")
        footer = (_("{plan} · iteration {iteration}").format(plan=name, iteration=ctx.iteration) if ctx.iteration
                  else name)
        return build(story, geometry=ctx.geometry, footer=footer, title=name,
                     author=plan.meta.team.strip() or "ML Canvas Studio",
                     subject=_("ML project plan: {name}").format(name=name), page_ref_size=FLOOR_SIZE)
