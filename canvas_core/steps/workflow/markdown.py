"""The workflow step as a Markdown section: tasks, the Mermaid diagram, candidates, integration, characteristics."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, escape, fence, number, table
from canvas_core.steps import Step
from canvas_core.steps.workflow import rules as workflow


def section(plan: Plan, step: Step) -> Iterator[str]:
    wf = plan.workflow
    yield f"## {step.title}"
    yield ""
    if wf.process_name.strip():
        yield f"**Process:** {cell(wf.process_name)}"
        yield ""
    names = {t.id: t.name for t in wf.tasks}
    yield f"### {workflow.TASKS_LABEL}"
    yield ""
    if wf.tasks:
        rows = ([cell(t.name) + (" **(chosen)**" if t.id == wf.chosen_task_id else ""), cell(t.actor), cell(t.input),
                 cell(t.output), number(t.minutes_per_case), number(t.cases_per_month),
                 "yes" if t.prediction_candidate else "", cell(", ".join(names[i] for i in t.leads_to if i in names)),
                 cell(t.pain)] for t in wf.tasks)
        yield from table(["Task", "Who", "Input", "Output", "Minutes per case", "Cases per month",
                           "Prediction candidate", "Leads to", "Pain"], rows, [4, 5])
        yield from fence(workflow.to_mermaid(workflow.process_graph(wf)), "mermaid")
    else:
        yield "No tasks yet."
        yield ""
    candidates = list(workflow.rank_candidates(wf))
    if candidates:
        yield "### Prediction candidates, ranked"
        yield ""
        yield from table(["Rank", "Task", "Hours saved per month", "Errors avoided per month", workflow.COST_LABEL,
                           "Score", "Warning"],
                          ([str(c.rank), cell(c.task.name), number(c.hours_saved_per_month),
                            number(c.errors_avoided_per_month), cell(c.wrong_prediction_cost or ""),
                            number(c.score), cell(c.warning)] for c in candidates), [0, 2, 3, 5])
    chosen = names.get(wf.chosen_task_id or "")
    yield f"### {workflow.CHOSEN_LABEL}: {cell(chosen) if chosen else 'not chosen yet'}"
    yield ""
    judgement = escape(wf.judgement, indent="  ") if wf.judgement.strip() else "*not described yet*"
    yield f"**{workflow.JUDGEMENT_LABEL}:** {judgement}"
    yield ""
    integration = wf.integration
    for field, label in workflow.INTEGRATION_LABELS.items():
        answer = getattr(integration, field)
        given = workflow.MODE_WORDS.get(answer.value or "", "") if field == "mode" else answer.text
        flag = " *(marked unclear)*" if answer.unclear else ""
        text = escape(given, indent="  ") if given.strip() else "*not answered yet*"
        yield f"- **{cell(label)}:**{flag} {text}"
        if answer.unclear and answer.unclear_what.strip():
            yield f"  - *Unclear:* {escape(answer.unclear_what, indent='    ')}"
    yield ""
    yield "### Use-case characteristics"
    yield ""
    ch = wf.characteristics
    for field, label in workflow.CHARACTERISTIC_LABELS.items():
        rating = getattr(ch, field)
        score = ("don't know" if rating.dont_know else f"{rating.score} of 5" if rating.score is not None
                 else "no score yet")
        note = f" {escape(rating.note, indent='  ')}" if rating.note.strip() else ""
        yield f"- **{cell(label)}:** {score}.{note}"
    for field, label in workflow.REASON_LABELS.items():
        value = getattr(ch, field)
        yield f"- **{cell(label)}:** {workflow.ANSWER_WORDS.get(value or '', 'not answered yet')}"
    if ch.reasons_note.strip():
        yield f"- **Note on the reasons:** {escape(ch.reasons_note, indent='  ')}"
    yield ""
