"""The facets of a canvas step (see canvas_core.steps): any canvas file is measured, drawn in
the PDF and written as Markdown by the same generic code."""

from __future__ import annotations

from collections.abc import Iterable

from canvas_core.canvas.completeness import canvas_completeness
from canvas_core.canvas.specs import canvases
from canvas_core.plan import Plan


def completeness(plan: Plan, step) -> float:
    return canvas_completeness(canvases()[step.canvas_id], plan.canvases.get(step.canvas_id))


def pdf_section(ctx, step) -> list:
    from canvas_core.canvas.pdf import (
        canvas_section,  # reportlab loads with the first PDF only
    )

    return canvas_section(ctx, canvases()[step.canvas_id])


def markdown_section(plan: Plan, step) -> Iterable[str]:
    from canvas_core.canvas.markdown import canvas_section

    return canvas_section(canvases()[step.canvas_id], plan)
