"""The executive summary of a plan as plain data, computed once and drawn by
both the PDF and the Markdown export.

Nothing here formats for a medium: strings are plain text, and wherever they
quote the user (a task name, a note, an asset) they are raw, so every renderer
escapes them. The screening verdict is not part of it yet: the signals are the
inputs that exist today, each naming the answer or step to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_EVEN, Decimal

from canvas_core.canvas.specs import BlockSpec, CanvasSpec, canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, current, date_text, ngettext
from canvas_core.levels import RULE_LEVEL_WORDS, VERDICT_WORDS
from canvas_core.numbers import format_decimal
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
# Declared before any language is known: translated where a summary is made (in the report's language).
LEFT_EMPTY = N_("Left empty")
UNCLEAR = N_("Marked unclear")
ASSET_QUESTION = N_("Status is an open question")


def _step_title(step_id: str) -> str:
    title = next(s.title for s in STEPS if s.id == step_id)
    return _(title)


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


def as_shown(step: Step) -> Step:
    """`step` with its title and summary in the report's language, as each step's section is handed it:
    a section that prints `step.title` heads its part in the plan's language."""
    return replace(step, title=_(step.title), summary=_(step.summary))


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
        completeness=tuple((_(s.title), shares[s.id]) for s in STEPS if s.id != "review"),
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
            KeyFigure(_("One-time cost (expected)"), money(summary.one_time.expected)),
            KeyFigure(_("Running cost per year (expected)"), money(summary.running_per_year.expected)),
            KeyFigure(ngettext("Total cost of ownership, {count} year (expected)",
                               "Total cost of ownership, {count} years (expected)", years).format(count=years),
                      money(summary.total_cost_of_ownership.expected)),
            KeyFigure(_("Yearly benefit needed to break even"), money(summary.break_even_per_year.expected)),
        ]
    chosen = workflow.chosen_candidate(plan.workflow)
    if chosen is not None and chosen.hours_saved_per_month:
        hours = Decimal(chosen.hours_saved_per_month * 12).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
        figures.append(KeyFigure(_("Hours saved per year by the chosen task"), format_decimal(hours, language)))
    return tuple(figures)


# --- open questions ----------------------------------------------------------------------


def open_questions(plan: Plan) -> tuple[OpenQuestion, ...]:
    """Most important first: the team's own questions, answers marked unclear (a signal to
    redesign), data whose status is an open question, notes marked as a question, then
    every canvas block or sub-item left empty."""
    return (
        *(OpenQuestion(_step_title("review"), q) for q in plan.review.open_questions if q.strip()),
        *_unclear_integration(plan),
        *_questioned_assets(plan),
        *_questioned_notes(plan),
        *_left_empty(plan),
    )


def _unclear_integration(plan: Plan):
    integration = plan.workflow.integration
    step = _step_title("workflow")
    for field, label in workflow.INTEGRATION_LABELS.items():
        answer = getattr(integration, field)
        if not answer.unclear:
            continue
        given = (answer.value or "") if field == "mode" else answer.text.strip()
        yield OpenQuestion(f"{step}{WHERE}{_(label)}",
                           _("Marked unclear: {answer}").format(answer=given) if given else _(UNCLEAR))


def _questioned_assets(plan: Plan):
    step = _step_title("data_landscape")
    for asset in plan.data_landscape.assets:
        if asset.status == "question":
            about = asset.description.strip()
            yield OpenQuestion(f"{step}{WHERE}{asset.name}",
                               _("Status is an open question: {description}").format(description=about) if about
                               else _(ASSET_QUESTION))


def _place(spec: CanvasSpec, block: BlockSpec, topic: str | None = None) -> str:
    parts = [_(spec.short_title), shown_title(block.title)]
    title = next((s.title for s in block.subitems if s.id == topic), None)
    if title:
        parts.append(_(title))
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
                yield OpenQuestion(_place(spec, block), _(LEFT_EMPTY))
                continue
            # A partly answered block: name each sub-item nobody wrote a note for.
            topics = {n.topic for n in notes}
            for sub in block.subitems:
                if sub.id not in topics:
                    yield OpenQuestion(_place(spec, block, sub.id), _(LEFT_EMPTY))


def standing_verdict(summary: ExecutiveSummary) -> str:
    """The verdict that stands: the facilitator's decision if there is one, else the computed one."""
    return summary.decision.verdict if summary.decision else summary.screening.verdict


def decision_lines(summary: ExecutiveSummary) -> list[str]:
    """The decision in plain words (may quote a name and a reason: raw user text, escape it)."""
    decision, computed = summary.decision, summary.screening.verdict
    if decision is None:
        return [_("Not yet accepted or overridden by the facilitator.")]
    when = date_text(decision.at.date())
    if decision.verdict == decision.computed:
        accepted = (_("Accepted by {name} on {date}.") if decision.by else _("Accepted on {date}."))
        lines = [accepted.format(name=decision.by, date=when)]
    else:
        overridden = (_("Overridden by {name} on {date}: the screening said {computed}, the team decided {decided}. "
                        "Reason: {reason}") if decision.by else
                      _("Overridden on {date}: the screening said {computed}, the team decided {decided}. "
                        "Reason: {reason}"))
        lines = [overridden.format(name=decision.by, date=when, computed=_(VERDICT_WORDS[decision.computed]),
                                   decided=_(VERDICT_WORDS[decision.verdict]), reason=decision.reason)]
    if decision.computed != computed:
        lines.append(_("The plan has changed since: the screening now says {verdict}.").format(
            verdict=_(VERDICT_WORDS[computed])))
    return lines


def fixed_in() -> str:
    """Where a screening reason is fixed: the PDF and the Markdown fill it with their own escaping."""
    return _("Fixed in {step} ({answer}). What would change it: {fix} Rule {rule}, source: {source}.")


def percent(share: float) -> str:
    """A share as the report's language writes it: "75%" (en), "75 %" (de)."""
    return _("{percent}%").format(percent=f"{share * 100:.0f}")


def settling(summary: ExecutiveSummary) -> str:
    """What would change the verdict: settling the reasons that decide it ("settling the 2 condition
    reasons below."); the Markdown says it too."""
    deciding = summary.screening.deciding
    word = _(RULE_LEVEL_WORDS[deciding[0].rule.level])
    level = word.lower() if current() == "en" else word  # German nouns keep their capital
    return ngettext("settling the {count} {level} reason below.", "settling the {count} {level} reasons below.",
                    len(deciding)).format(count=len(deciding), level=level)
