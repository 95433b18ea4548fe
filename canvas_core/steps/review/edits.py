"""Every change to the review step: the team's open questions, the facilitator's note, and the
facilitator's decision on the screening verdict."""

from __future__ import annotations

from canvas_core.canvas.editing import EditError
from canvas_core.i18n import _, current
from canvas_core.numbers import format_decimal
from canvas_core.plan import MAX_ITEMS, MAX_NOTE_CHARS, Plan, ScreeningDecision, Verdict, utc_now


def _count(number: int) -> str:
    """A count as the person's language writes it (5,000 or 5.000)."""
    return format_decimal(number, current())


def set_open_questions(plan: Plan, text: str) -> None:
    """One question per line; blank lines are not questions."""
    questions = [line.strip() for line in text.splitlines() if line.strip()]
    if len(questions) > MAX_ITEMS:
        raise EditError(_("At most {limit} open questions; this list has {count}.").format(
            limit=_count(MAX_ITEMS), count=_count(len(questions))))
    too_long = next((q for q in questions if len(q) > MAX_NOTE_CHARS), None)
    if too_long is not None:
        raise EditError(_("A question holds at most {limit} characters; one has {count}.").format(
            limit=_count(MAX_NOTE_CHARS), count=_count(len(too_long))))
    plan.review.open_questions = questions


def set_facilitator_note(plan: Plan, text: str) -> None:
    plan.review.facilitator_note = text.strip()


def accept_verdict(plan: Plan, computed: Verdict, by: str) -> None:
    plan.review.decision = ScreeningDecision(computed=computed, verdict=computed, by=by.strip()[:300], at=utc_now())


def override_verdict(plan: Plan, computed: Verdict, verdict: Verdict, reason: str, by: str) -> None:
    """A verdict other than the computed one stands only with a written reason."""
    if not reason.strip():
        raise EditError(_("Say why the verdict is overridden: the reason is kept and printed in the report."))
    if verdict == computed:
        raise EditError(_("That is the computed verdict: accept it instead of overriding it."))
    plan.review.decision = ScreeningDecision(computed=computed, verdict=verdict, reason=reason.strip(),
                                             by=by.strip()[:300], at=utc_now())


def withdraw_decision(plan: Plan) -> None:
    plan.review.decision = None
