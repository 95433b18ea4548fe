"""The screening signals of the review step: what each step's own rules say about readiness,
each with the answers to fix. Plain data: the review page, the PDF and the Markdown show them."""

from __future__ import annotations

from dataclasses import dataclass

from canvas_core.i18n import N_, _, ngettext
from canvas_core.levels import Level
from canvas_core.plan import Plan
from canvas_core.steps.data_landscape import rules as data_landscape
from canvas_core.steps.workflow import rules as workflow

# The signals' names (catalogue texts: a signal carries its name in the language it was made in).
WORKFLOW_SIGNAL = N_("Workflow integration readiness")
DATA_SIGNAL = N_("Data landscape")


@dataclass(frozen=True)
class Signal:
    """One screening signal that exists today."""

    name: str  # e.g. "Workflow integration readiness", in the current language
    level: Level
    summary: str
    reasons: tuple[str, ...]  # each names the answer or step to fix; may quote raw user text


def screening_signals(plan: Plan) -> tuple[Signal, ...]:
    """Each step's signal, its texts in the current language."""
    return (_workflow_signal(plan), _data_signal(plan))


def _workflow_signal(plan: Plan) -> Signal:
    ready = workflow.readiness(plan.workflow)
    return Signal(_(WORKFLOW_SIGNAL), ready.level, ready.summary,
                  tuple(f"{r.answer}: {r.text}" for r in ready.reasons))


def _data_signal(plan: Plan) -> Signal:
    found = data_landscape.findings(plan)
    levels = {f.level for f in found}
    level: Level = "red" if "red" in levels else "amber" if "amber" in levels else "green"
    reasons = tuple(f"{f.title}: {f.detail}" for f in found)
    if not plan.data_landscape.assets:
        return Signal(_(DATA_SIGNAL), "amber", _("No data assets listed yet."),
                      (_("Data landscape: list the data the project has and needs."),))
    if not found:
        return Signal(_(DATA_SIGNAL), "green", _("Nothing to act on in the data landscape."), ())
    red = sum(f.level == "red" for f in found)
    counts = ([_("{count} serious").format(count=red)] if red else []) + (
        [_("{count} to check").format(count=len(found) - red)] if len(found) > red else [])
    summary = ngettext("{count} finding ({counts}).", "{count} findings ({counts}).", len(found)).format(
        count=len(found), counts=", ".join(counts))
    return Signal(_(DATA_SIGNAL), level, summary, reasons)
