"""The workflow step as a Markdown section: tasks, the Mermaid diagram, candidates, integration, characteristics."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core.i18n import _
from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, escape, fence, number, table
from canvas_core.steps import Step
from canvas_core.steps.workflow import rules as workflow


def section(plan: Plan, step: Step) -> Iterator[str]:
    wf = plan.workflow
    yield f"## {_(step.title)}"
    yield ""
    if wf.process_name.strip():
        yield _("**Process:** {name}").format(name=cell(wf.process_name))
        yield ""
    names = {t.id: t.name for t in wf.tasks}
    yield f"### {_(workflow.TASKS_LABEL)}"
    yield ""
    if wf.tasks:
        chosen_mark = " **" + _("(chosen)") + "**"
        rows = ([cell(t.name) + (chosen_mark if t.id == wf.chosen_task_id else ""), cell(t.actor), cell(t.input),
                 cell(t.output), number(t.minutes_per_case), number(t.cases_per_month),
                 _("yes") if t.prediction_candidate else "",
                 cell(", ".join(names[i] for i in t.leads_to if i in names)), cell(t.pain)] for t in wf.tasks)
        yield from table([_("Task"), _("Who"), _("Input"), _("Output"), _("Minutes per case"), _("Cases per month"),
                          _("Prediction candidate"), _("Leads to"), _("Pain")], rows, [4, 5])
        yield from fence(workflow.to_mermaid(workflow.process_graph(wf)), "mermaid")
    else:
        yield _("No tasks yet.")
        yield ""
    candidates = list(workflow.rank_candidates(wf))
    if candidates:
        yield "### " + _("Prediction candidates, ranked")
        yield ""
        yield from table([_("Rank"), _("Task"), _("Hours saved per month"), _("Errors avoided per month"),
                          _(workflow.COST_LABEL), _("Score"), _("Warning")],
                         ([str(c.rank), cell(c.task.name), number(c.hours_saved_per_month),
                           number(c.errors_avoided_per_month),
                           cell(_(workflow.COST_WORDS[c.wrong_prediction_cost]) if c.wrong_prediction_cost else ""),
                           number(c.score), cell(c.warning)] for c in candidates), [0, 2, 3, 5])
    chosen = names.get(wf.chosen_task_id or "")
    not_chosen = _("not chosen yet")
    yield f"### {_(workflow.CHOSEN_LABEL)}: {cell(chosen) if chosen else not_chosen}"
    yield ""
    judgement = escape(wf.judgement, indent="  ") if wf.judgement.strip() else "*" + _("not described yet") + "*"
    yield f"**{_(workflow.JUDGEMENT_LABEL)}:** {judgement}"
    yield ""
    integration = wf.integration
    for field, label in workflow.INTEGRATION_LABELS.items():
        answer = getattr(integration, field)
        if field == "mode":
            given = _(workflow.MODE_WORDS[answer.value]) if answer.value in workflow.MODE_WORDS else ""
        else:
            given = answer.text
        flag = " *(" + _("marked unclear") + ")*" if answer.unclear else ""
        text = escape(given, indent="  ") if given.strip() else "*" + _("not answered yet") + "*"
        yield f"- **{cell(_(label))}:**{flag} {text}"
        if answer.unclear and answer.unclear_what.strip():
            unclear = _("Unclear:")
            yield f"  - *{unclear}* {escape(answer.unclear_what, indent='    ')}"
    yield ""
    yield "### " + _("Use-case characteristics")
    yield ""
    ch = wf.characteristics
    for field, label in workflow.CHARACTERISTIC_LABELS.items():
        rating = getattr(ch, field)
        score = (_("don't know") if rating.dont_know else
                 _("{score} of 5").format(score=rating.score) if rating.score is not None else _("no score yet"))
        note = f" {escape(rating.note, indent='  ')}" if rating.note.strip() else ""
        yield f"- **{cell(_(label))}:** {score}.{note}"
    for field, label in workflow.REASON_LABELS.items():
        value = getattr(ch, field)
        answer = _(workflow.ANSWER_WORDS[value]) if value in workflow.ANSWER_WORDS else _("not answered yet")
        yield f"- **{cell(_(label))}:** {answer}"
    if ch.reasons_note.strip():
        heading = _("Note on the reasons:")
        yield f"- **{heading}** {escape(ch.reasons_note, indent='  ')}"
    yield ""
