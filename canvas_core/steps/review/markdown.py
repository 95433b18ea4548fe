"""The review step as a Markdown section: the team's open questions and the facilitator's note."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core.i18n import _
from canvas_core.plan import Plan
from canvas_core.report.markdown_text import bullet, escape
from canvas_core.steps import Step


def section(plan: Plan, step: Step) -> Iterator[str]:
    """The team's own open questions and the facilitator's note, as the PDF's review page."""
    yield f"## {_(step.title)}"
    yield ""
    yield "### " + _("Open questions of the team")
    yield ""
    questions = [q for q in plan.review.open_questions if q.strip()]
    yield from (bullet(q) for q in questions) if questions else (_("None."),)
    yield ""
    note = plan.review.facilitator_note
    yield (_("**Facilitator's note:** {note}").format(note=escape(note)) if note.strip()
           else _("No facilitator's note yet."))
    yield ""
