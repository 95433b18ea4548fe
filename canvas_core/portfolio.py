"""Choosing among ideas: each plan as one row of figures, and a plain digest of each step for
comparing plans side by side.

Value and feasibility stay separate measures, never one blended score: value is what the hours the
chosen task saves are worth in a year (an estimate the team gives on the cost step), feasibility
the use-case characteristics the team scored (data availability, and the problem's difficulty and
accuracy requirement counted the other way round), both shown beside the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from canvas_core import levels
from canvas_core.canvas.specs import canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import _, current, ngettext
from canvas_core.plan import Plan, Verdict
from canvas_core.steps import Step, overall_completeness
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.data_landscape import rules as data_landscape
from canvas_core.steps.review.screening import screen
from canvas_core.steps.workflow import rules as workflow


@dataclass(frozen=True)
class PortfolioRow:
    plan_id: str
    name: str
    currency: str
    verdict: Verdict  # the verdict that stands (the facilitator's decision, else the computed one)
    computed: Verdict
    completeness: float
    one_time: Decimal | None  # expected; None without cost lines
    total_cost_of_ownership: Decimal | None
    break_even_per_year: Decimal | None
    value_per_year: Decimal | None  # hours saved a year x value of an hour, when both are given
    feasibility: float | None  # 1 (hard) to 5 (easy), from the three use-case scores

    @property
    def value_covers_break_even(self) -> bool | None:
        if self.value_per_year is None or self.break_even_per_year is None:
            return None
        return self.value_per_year >= self.break_even_per_year


def yearly_value(plan: Plan) -> Decimal | None:
    value = costs.value_estimate(plan)
    return value.yearly_value if value else None


def feasibility(plan: Plan) -> float | None:
    """The mean of data availability, 6 - problem difficulty and 6 - accuracy requirement (each 1 to 5);
    None until all three are scored."""
    ch = plan.workflow.characteristics
    scores = (ch.data_availability.score, ch.problem_difficulty.score, ch.accuracy_requirement.score)
    if any(s is None for s in scores):
        return None
    availability, difficulty, accuracy = scores
    return (availability + (6 - difficulty) + (6 - accuracy)) / 3


def portfolio_row(plan: Plan) -> PortfolioRow:
    screening = screen(plan)
    decision = plan.review.decision
    summary = costs.summarize(plan.costs) if plan.costs.lines else None
    return PortfolioRow(
        plan_id=plan.id, name=plan.meta.name, currency=plan.meta.currency,
        verdict=decision.verdict if decision else screening.verdict, computed=screening.verdict,
        completeness=overall_completeness(plan),
        one_time=summary.one_time.expected if summary else None,
        total_cost_of_ownership=summary.total_cost_of_ownership.expected if summary else None,
        break_even_per_year=summary.break_even_per_year.expected if summary else None,
        value_per_year=yearly_value(plan), feasibility=feasibility(plan),
    )


# --- a step in a few plain lines --------------------------------------------------------------


def step_digest(plan: Plan, step: Step) -> list[str]:
    """What the plan says in `step`, as plain lines (raw user text: show it as text, never markup)."""
    if step.canvas_id:
        return _canvas_digest(plan, step.canvas_id)
    return {"workflow": _workflow_digest, "costs": _costs_digest, "data_landscape": _landscape_digest,
            "review": _review_digest}.get(step.id, lambda _: [])(plan)


def _canvas_digest(plan: Plan, canvas_id: str) -> list[str]:
    spec = canvases()[canvas_id]
    content = plan.canvases.get(canvas_id)
    lines = []
    for block in spec.blocks_in_reading_order:
        stored = content.blocks.get(block.id) if content else None
        notes = [n.text for n in stored.notes] if stored else []
        lines.append(_("{block}: {notes}").format(block=shown_title(block.title),
                                                  notes="; ".join(notes) if notes else _("(empty)")))
    return lines


def _workflow_digest(plan: Plan) -> list[str]:
    wf = plan.workflow
    chosen = workflow.chosen_task(wf)
    lines = [ngettext("Process: {name} ({count} task)", "Process: {name} ({count} tasks)", len(wf.tasks)).format(
                 name=wf.process_name or _("(not named)"), count=len(wf.tasks)),
             _("{label}: {answer}").format(label=_(workflow.CHOSEN_LABEL),
                                           answer=chosen.name if chosen else _("(not chosen)"))]
    for field, label in workflow.INTEGRATION_LABELS.items():
        answer = getattr(wf.integration, field)
        if field == "mode":
            mode = workflow.MODE_WORDS.get(answer.value or "", "")
            given = _(mode)
        else:
            given = answer.text
        line = _("{label}: {answer}").format(label=_(label), answer=given or _("(not answered)"))
        lines.append(line + " [" + _("unclear") + "]" if answer.unclear else line)
    lines.append(_("Readiness: {summary}").format(summary=workflow.readiness(wf).summary))
    return lines


def _costs_digest(plan: Plan) -> list[str]:
    if not plan.costs.lines:
        return [_("No cost lines yet.")]
    summary = costs.summarize(plan.costs)

    def money(amount: Decimal) -> str:
        return costs.format_money(amount, plan.meta.currency, plan.meta.language)

    value = yearly_value(plan)
    years = summary.horizon_years
    return [_("One-time: {amount}").format(amount=money(summary.one_time.expected)),
            _("Running per year: {amount}").format(amount=money(summary.running_per_year.expected)),
            ngettext("Total cost of ownership, {count} year: {amount}",
                     "Total cost of ownership, {count} years: {amount}", years).format(
                count=years, amount=money(summary.total_cost_of_ownership.expected)),
            _("Benefit needed to break even: {amount} a year").format(amount=money(summary.break_even_per_year.expected)),
            _("Value of the hours saved: {amount} a year").format(amount=money(value)) if value is not None
            else _("Value of the hours saved: (not estimated)")]


def _landscape_digest(plan: Plan) -> list[str]:
    assets = plan.data_landscape.assets
    if not assets:
        return [_("No assets yet.")]
    english = current() == "en"
    statuses = ", ".join(
        _("{count} {status}").format(count=sum(a.status == s for a in assets),
                                     status=_(label).lower() if english else _(label))  # German nouns keep capitals
        for s, label in data_landscape.STATUS_LABELS.items())
    found = data_landscape.findings(plan)
    heading = ngettext("{count} asset: {statuses}", "{count} assets: {statuses}", len(assets))
    return [heading.format(count=len(assets), statuses=statuses), *(f"{f.title}" for f in found)]


def _review_digest(plan: Plan) -> list[str]:
    screening = screen(plan)
    return [_("Verdict (computed): {verdict}").format(verdict=_(levels.VERDICT_WORDS[screening.verdict])),
            *(f"{_(levels.RULE_LEVEL_WORDS[r.rule.level])}: {_(r.rule.title)}" for r in screening.reasons)]
