"""The executive summary of a plan as plain data, computed once and drawn by
both the PDF and the Markdown export.

Nothing here formats for a medium: strings are plain text, and wherever they
quote the user (a task name, a note, an asset) they are raw, so every renderer
escapes them. The screening verdict is not part of it yet: the signals are the
inputs that exist today, each naming the answer or step to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from canvas_core.canvas.specs import BlockSpec, CanvasSpec, canvases
from canvas_core.levels import VERDICT_WORDS
from canvas_core.plan import CanvasContent, NoteStatus, Plan, ScreeningDecision
from canvas_core.steps import STEPS, Step, completeness_by_step
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.review.consistency import ConsistencyWarning, consistency_warnings
from canvas_core.steps.review.screening import Screening, screen
from canvas_core.steps.review.signals import Signal, screening_signals
from canvas_core.steps.workflow import rules as workflow


@dataclass(frozen=True)
class OpenQuestion:
    where: str  # e.g. "ML Canvas · Features" or "Workflow integration · Fallback ..."
    text: str  # "Left empty", "Marked unclear: <answer>", the text of a note marked as a question, ...


@dataclass(frozen=True)
class KeyFigure:
    label: str  # e.g. "One-time cost (expected)"
    value: str  # formatted in the plan's currency and language


@dataclass(frozen=True)
class ExecutiveSummary:
    screening: Screening  # the computed verdict and its reasons
    decision: ScreeningDecision | None  # the facilitator's acceptance or override, if any
    consistency: tuple[ConsistencyWarning, ...]  # twin answers that do not fit together
    signals: tuple[Signal, ...]
    key_figures: tuple[KeyFigure, ...]
    open_questions: tuple[OpenQuestion, ...]  # all of them, most important first
    completeness: tuple[tuple[str, float], ...]  # (step title, share 0..1) in journey order


WHERE = " · "
LEFT_EMPTY = "Left empty"
UNCLEAR = "Marked unclear"
ASSET_QUESTION = "Status is an open question"
WORKFLOW_STEP = next(s.title for s in STEPS if s.id == "workflow")
REVIEW_STEP = next(s.title for s in STEPS if s.id == "review")


def canvases_in_order() -> tuple[CanvasSpec, ...]:
    """Every bundled canvas: those that are steps in journey order, then any other canvas file."""
    specs = canvases()
    in_steps = [specs[s.canvas_id] for s in STEPS if s.canvas_id in specs]
    return (*in_steps, *(spec for spec in specs.values() if spec not in in_steps))


def body_in_order() -> tuple[Step | CanvasSpec, ...]:
    """What a report shows between the summary and the sources: every step in journey order,
    then any canvas file that no step shows (drawn by the generic canvas section)."""
    shown = {s.canvas_id for s in STEPS}
    return (*STEPS, *(spec for spec in canvases_in_order() if spec.id not in shown))


def iteration_label(plan: Plan, iteration: str | None = None) -> str | None:
    """The iteration a report prints: the label asked for (blank: none), else the number the
    plan counts (saving an iteration raises it; a new plan is in its first)."""
    if iteration is not None:
        return iteration.strip() or None
    return str(plan.meta.iteration)


def executive_summary(plan: Plan) -> ExecutiveSummary:
    shares = completeness_by_step(plan)
    return ExecutiveSummary(
        screening=screen(plan),
        decision=plan.review.decision,
        consistency=consistency_warnings(plan),
        signals=screening_signals(plan),
        key_figures=key_figures(plan),
        open_questions=open_questions(plan),
        completeness=tuple((s.title, shares[s.id]) for s in STEPS if s.id != "review"),
    )


# --- key figures -------------------------------------------------------------------------


def key_figures(plan: Plan) -> tuple[KeyFigure, ...]:
    """The cost totals (expected values) and, when the workflow step states it, the time saved.
    A plan without cost lines has no cost figures: zeros would read like a free project."""
    currency, language = plan.meta.currency, plan.meta.language

    def money(amount: Decimal) -> str:
        return costs.format_money(amount, currency, language)

    figures: list[KeyFigure] = []
    if plan.costs.lines:
        summary = costs.summarize(plan.costs)
        years = summary.horizon_years
        figures += [
            KeyFigure("One-time cost (expected)", money(summary.one_time.expected)),
            KeyFigure("Running cost per year (expected)", money(summary.running_per_year.expected)),
            KeyFigure(f"Total cost of ownership, {years} year{'s' if years > 1 else ''} (expected)",
                      money(summary.total_cost_of_ownership.expected)),
            KeyFigure("Yearly benefit needed to break even", money(summary.break_even_per_year.expected)),
        ]
    chosen = workflow.chosen_candidate(plan.workflow)
    if chosen is not None and chosen.hours_saved_per_month:
        figures.append(KeyFigure("Hours saved per year by the chosen task", f"{chosen.hours_saved_per_month * 12:,.0f}"))
    return tuple(figures)


# --- open questions ----------------------------------------------------------------------


def open_questions(plan: Plan) -> tuple[OpenQuestion, ...]:
    """Most important first: the team's own questions, answers marked unclear (a signal to
    redesign), data whose status is an open question, notes marked as a question, then
    every canvas block or sub-item left empty."""
    return (
        *(OpenQuestion(REVIEW_STEP, q) for q in plan.review.open_questions if q.strip()),
        *_unclear_integration(plan),
        *_questioned_assets(plan),
        *_questioned_notes(plan),
        *_left_empty(plan),
    )


def _unclear_integration(plan: Plan):
    integration = plan.workflow.integration
    for field, label in workflow.INTEGRATION_LABELS.items():
        answer = getattr(integration, field)
        if not answer.unclear:
            continue
        given = (answer.value or "") if field == "mode" else answer.text.strip()
        yield OpenQuestion(f"{WORKFLOW_STEP}{WHERE}{label}", f"{UNCLEAR}: {given}" if given else UNCLEAR)


def _questioned_assets(plan: Plan):
    step = next(s.title for s in STEPS if s.id == "data_landscape")
    for asset in plan.data_landscape.assets:
        if asset.status == "question":
            about = asset.description.strip()
            yield OpenQuestion(f"{step}{WHERE}{asset.name}", f"{ASSET_QUESTION}: {about}" if about else ASSET_QUESTION)


def _place(spec: CanvasSpec, block: BlockSpec, topic: str | None = None) -> str:
    parts = [spec.short_title, block.title]
    title = next((s.title for s in block.subitems if s.id == topic), None)
    if title:
        parts.append(title)
    return WHERE.join(parts)


def _questioned_notes(plan: Plan):
    for spec in canvases_in_order():
        content = plan.canvases.get(spec.id)
        if content is None:
            continue
        for block in spec.blocks_in_reading_order:
            stored = content.blocks.get(block.id)
            for note in stored.notes if stored else ():
                if note.status == NoteStatus.QUESTION:
                    yield OpenQuestion(_place(spec, block, note.topic), note.text)


def _left_empty(plan: Plan):
    for spec in canvases_in_order():
        content: CanvasContent | None = plan.canvases.get(spec.id)
        for block in spec.blocks_in_reading_order:
            stored = content.blocks.get(block.id) if content else None
            notes = stored.notes if stored else []
            if not notes:
                yield OpenQuestion(_place(spec, block), LEFT_EMPTY)
                continue
            # A partly answered block: name each sub-item nobody wrote a note for.
            topics = {n.topic for n in notes}
            for sub in block.subitems:
                if sub.id not in topics:
                    yield OpenQuestion(_place(spec, block, sub.id), LEFT_EMPTY)


def standing_verdict(summary: ExecutiveSummary) -> str:
    """The verdict that stands: the facilitator's decision if there is one, else the computed one."""
    return summary.decision.verdict if summary.decision else summary.screening.verdict


def decision_lines(summary: ExecutiveSummary) -> list[str]:
    """The decision in plain words (may quote a name and a reason: raw user text, escape it)."""
    decision, computed = summary.decision, summary.screening.verdict
    if decision is None:
        return ["Not yet accepted or overridden by the facilitator."]
    by = f" by {decision.by}" if decision.by else ""
    when = decision.at.strftime("%Y-%m-%d")
    if decision.verdict == decision.computed:
        lines = [f"Accepted{by} on {when}."]
    else:
        lines = [f"Overridden{by} on {when}: the screening said {VERDICT_WORDS[decision.computed]}, the team decided "
                 f"{VERDICT_WORDS[decision.verdict]}. Reason: {decision.reason}"]
    if decision.computed != computed:
        lines.append(f"The plan has changed since: the screening now says {VERDICT_WORDS[computed]}.")
    return lines
