"""The workflow integration step: the process diagram, the integration statement, the tasks,
the ranked prediction candidates and the use-case characteristics."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, Spacer

from canvas_core.i18n import _
from canvas_core.plan import Workflow, WorkflowTask
from canvas_core.report.context import ReportContext
from canvas_core.report.document import PORTRAIT, new_page
from canvas_core.report.tables import table
from canvas_core.report.text import bold, bullet, esc, muted, para, styles
from canvas_core.steps import Step
from canvas_core.steps.costs.rules import format_number
from canvas_core.steps.workflow import rules as wf
from canvas_core.steps.workflow.diagram import MIN_SCALE, ProcessDiagram, legend

DIAGRAM_HEADROOM = 70.0  # the diagram may take a page but for its heading and key


def _number(value: Decimal | int | None, unit: str = "") -> str:
    if value is None:
        return muted("–")
    return f"{format_number(value)}{unit}"  # in the current language: the report's, its plan's


def section(ctx: ReportContext, step: Step) -> list[Flowable]:
    st = styles()
    flow = ctx.plan.workflow
    box = ctx.geometry.portrait
    out: list[Flowable] = [*new_page(PORTRAIT), para(esc(_(step.title)), st.h1)]
    if flow.process_name.strip():
        heading = _("Business process:")
        out.append(para(f"{bold(esc(heading))} {esc(flow.process_name)}", st.body))
    out.append(para(esc(_("The process")), st.h2))
    if flow.tasks:
        graph = wf.process_graph(flow)
        # Up to a full page: a wide process stays legible rather than shrinking onto the first page.
        diagram = ProcessDiagram(graph, box.width, box.height - DIAGRAM_HEADROOM)
        out += [diagram, Spacer(1, 3), para(legend(), st.small)]
        if diagram.scale < MIN_SCALE:
            out.append(para(muted(esc(_("The process has {count} tasks, so the diagram is drawn small to fit one "
                                        "page; the task table below lists every task in full.").format(
                count=len(flow.tasks)))), st.small))
    else:
        out.append(para(muted(esc(_("No tasks yet."))), st.body))
    out += _integration(flow, box.width)
    out += _tasks(flow, box.width)
    out += _candidates(flow, box.width)
    out += _characteristics(flow, box.width)
    return out


def _integration(flow: Workflow, width: float) -> list[Flowable]:
    st = styles()
    chosen = wf.chosen_task(flow)
    out: list[Flowable] = [para(esc(_("How the prediction fits in")), st.h2)]
    out.append(para(f"{bold(esc(_(wf.CHOSEN_LABEL)) + ':')} " +
                    (esc(chosen.name) if chosen else muted(esc(_("not chosen yet")))), st.body))
    out.append(para(f"{bold(esc(_(wf.JUDGEMENT_LABEL)) + ':')} " +
                    (esc(flow.judgement) if flow.judgement.strip() else muted(esc(_("not described yet")))), st.body))
    rows = [[para(esc(_("Answer")), st.cell_head), para(esc(_("What the team says")), st.cell_head)]]
    integ = flow.integration
    for field, label in wf.INTEGRATION_LABELS.items():
        answer = getattr(integ, field)
        if field == "mode":
            text = esc(_(wf.MODE_WORDS[answer.value])) if answer.value else muted(esc(_("not chosen yet")))
        else:
            text = esc(answer.text) if answer.text.strip() else muted(esc(_("not answered yet")))
        if answer.unclear:
            marked, unclear = _("marked unclear"), _("Unclear:")
            text += " " + f'<font color="#b45309"><b>[{esc(marked)}]</b></font>'
            if answer.unclear_what.strip():
                text += "<br/>" + f'<font color="#b45309"><b>{esc(unclear)}</b></font> {esc(answer.unclear_what)}'
        rows.append([para(bold(esc(_(label))), st.cell), para(text, st.cell)])
    out.append(table(rows, [48, 128], width))
    return out


def _task_cell(task: WorkflowTask) -> str:
    parts = [bold(esc(task.name))]
    if task.actor.strip():
        parts.append(muted(esc(task.actor)))
    if task.input.strip() or task.output.strip():
        parts.append(f"{esc(task.input) or '–'} → {esc(task.output) or '–'}")
    if task.pain.strip():
        pain = _("Pain:")
        parts.append(f"<i>{esc(pain)}</i> {esc(task.pain)}")
    return "<br/>".join(parts)


def _tasks(flow: Workflow, width: float) -> list[Flowable]:
    st = styles()
    if not flow.tasks:
        return []
    names = {t.id: t.name for t in flow.tasks}
    head = [_("Task, who, input → output"), _("Leads to"), _("Cases / month"), _("Min. / case"), _("Prediction")]
    rows = [[para(esc(h), st.cell_head) for h in head]]
    for task in flow.tasks:
        leads = "<br/>".join(esc(names[t]) for t in task.leads_to if t in names) or muted("–")
        prediction = muted(esc(_("no")))
        if task.prediction_candidate:
            cost = (esc(_(wf.COST_WORDS[task.wrong_prediction_cost])) if task.wrong_prediction_cost
                    else muted(esc(_("not stated"))))
            prediction = "<br/>".join([
                bold(esc(_("candidate"))),
                esc(_("saves {minutes} min / case")).format(minutes=_number(task.minutes_saved_per_case)),
                esc(_("errors avoided: {count} / month")).format(count=_number(task.errors_avoided_per_month)),
                esc(_("wrong prediction: {cost}")).format(cost=cost),
            ])
        if task.id == flow.chosen_task_id:
            prediction = bold(esc(_("chosen task"))) + "<br/>" + prediction
        rows.append([para(_task_cell(task), st.cell), para(leads, st.cell),
                     para(_number(task.cases_per_month), st.cell_right),
                     para(_number(task.minutes_per_case), st.cell_right), para(prediction, st.cell)])
    return [para(esc(_("Tasks")), st.h2), table(rows, [70, 34, 19, 15, 38], width)]


def _candidates(flow: Workflow, width: float) -> list[Flowable]:
    st = styles()
    ranked = wf.rank_candidates(flow)
    if not ranked:
        return []
    head = [_("Rank"), _("Candidate task"), _("Hours saved / month"), _("Score"), _("To check")]
    rows = [[para(esc(h), st.cell_head) for h in head]]
    for c in ranked:
        name = esc(c.task.name) + (" " + bold(esc(_("(chosen)"))) if c.task.id == flow.chosen_task_id else "")
        rows.append([para(str(c.rank), st.cell), para(name, st.cell),
                     para(_number(c.hours_saved_per_month), st.cell_right), para(_number(c.score), st.cell_right),
                     para(esc(c.warning) if c.warning else muted("–"), st.cell)])
    note = para(muted(esc(_("Score: hours saved per month (cases per month × minutes saved per case ÷ 60), weighted "
                            "by the cost of a wrong prediction (low 1, medium 0.75, high 0.5, unacceptable 0)."))),
                st.small)
    return [KeepTogether([para(esc(_("Prediction candidates, best first")), st.h2),
                          table(rows, [12, 62, 25, 17, 60], width), Spacer(1, 2), note])]


def _yes_no(value: str | None) -> str:
    return muted(esc(_("not answered yet"))) if value is None else esc(_(wf.ANSWER_WORDS[value]))


def _characteristics(flow: Workflow, width: float) -> list[Flowable]:
    st = styles()
    ch = flow.characteristics
    rows = [[para(esc(_("Characteristic")), st.cell_head), para(esc(_("Score (1–5)")), st.cell_head),
             para(esc(_("Why")), st.cell_head)]]
    for field, label in wf.CHARACTERISTIC_LABELS.items():
        rating = getattr(ch, field)
        rows.append([para(bold(esc(_(label))), st.cell),
                     para(esc(_("don't know")) if rating.dont_know else str(rating.score) if rating.score
                          else muted("–"), st.cell),
                     para(esc(rating.note) if rating.note.strip() else muted("–"), st.cell)])
    reasons = [bullet(f"{esc(_(label))}: {_yes_no(getattr(ch, field))}", st.bullet)
               for field, label in wf.REASON_LABELS.items()]
    out: list[Flowable] = [para(esc(_("Use-case characteristics")), st.h2), table(rows, [42, 22, 112], width),
                           para(esc(_("Reasons not to use ML")), st.h3), *reasons]
    if ch.reasons_note.strip():
        out.append(para(esc(ch.reasons_note), st.body))
    return out
