"""The screening signals of the review step: what each step's own rules say about readiness,
each with the answers to fix. Plain data: the review page, the PDF and the Markdown show them."""

from __future__ import annotations

from dataclasses import dataclass

from canvas_core.levels import Level
from canvas_core.plan import Plan
from canvas_core.steps.data_landscape import rules as data_landscape
from canvas_core.steps.workflow import rules as workflow

WORKFLOW_SIGNAL = "Workflow integration readiness"
DATA_SIGNAL = "Data landscape"


@dataclass(frozen=True)
class Signal:
    """One screening signal that exists today."""

    name: str  # e.g. "Workflow integration readiness"
    level: Level
    summary: str
    reasons: tuple[str, ...]  # each names the answer or step to fix; may quote raw user text


def screening_signals(plan: Plan) -> tuple[Signal, ...]:
    return (_workflow_signal(plan), _data_signal(plan))


def _workflow_signal(plan: Plan) -> Signal:
    ready = workflow.readiness(plan.workflow)
    return Signal(WORKFLOW_SIGNAL, ready.level, ready.summary,
                  tuple(f"{r.answer}: {r.text}" for r in ready.reasons))


def _data_signal(plan: Plan) -> Signal:
    found = data_landscape.findings(plan)
    levels = {f.level for f in found}
    level: Level = "red" if "red" in levels else "amber" if "amber" in levels else "green"
    reasons = tuple(f"{f.title}: {f.detail}" for f in found)
    if not plan.data_landscape.assets:
        return Signal(DATA_SIGNAL, "amber", "No data assets listed yet.",
                      ("Data landscape: list the data the project has and needs.",))
    if not found:
        return Signal(DATA_SIGNAL, "green", "Nothing to act on in the data landscape.", ())
    red = sum(f.level == "red" for f in found)
    counts = ([f"{red} serious"] if red else []) + ([f"{len(found) - red} to check"] if len(found) > red else [])
    summary = f"{len(found)} finding{'s' if len(found) > 1 else ''} ({', '.join(counts)})."
    return Signal(DATA_SIGNAL, level, summary, reasons)
