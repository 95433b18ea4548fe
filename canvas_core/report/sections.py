"""The PDF report's sections in journey order, read from the step registry.

Cover and executive summary, every step's own section (a canvas step's is the
generic canvas grid), canvases no step shows, notes kept under blocks this
version does not draw, the workshops run on the plan, then the sources. The Markdown
export walks the same parts (report.summary.body_in_order), so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from canvas_core.canvas.pdf import canvas_section, other_notes_section
from canvas_core.canvas.specs import CanvasSpec
from canvas_core.report.context import ReportContext
from canvas_core.report.sources_page import sources_section
from canvas_core.report.summary import as_shown, body_in_order
from canvas_core.report.summary_pages import cover, summary_section
from canvas_core.report.workshop_page import workshop_section
from canvas_core.steps import Step

Section = Callable[[ReportContext], list[Flowable]]


def _part(part: Step | CanvasSpec) -> Section:
    if isinstance(part, Step):
        return lambda ctx: part.facet("pdf_section")(ctx, as_shown(part))  # its title in the report's language
    return lambda ctx: canvas_section(ctx, part)


def report_sections() -> list[Section]:
    """Cover and summary, every step in journey order, canvases no step shows, other notes, the
    workshops run on the plan (if any), sources."""
    return [cover, summary_section, *(_part(part) for part in body_in_order()), other_notes_section,
            workshop_section, sources_section]
