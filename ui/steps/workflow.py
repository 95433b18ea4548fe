"""The workflow integration step: decompose the process, rank where a
prediction could help, state how the chosen one fits, see it drawn, and get
the readiness signal with the answers to fix."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from canvas_core import i18n, levels
from canvas_core.i18n import N_, _, ngettext
from canvas_core.numbers import NumberLimits
from canvas_core.plan import DONT_KNOW, Plan
from canvas_core.steps.workflow import edits
from canvas_core.steps.workflow import rules as workflow
from ui import tables
from ui.state import current_plan, guarded, read_only, sync

SCALE_HINTS = {
    "data_availability": N_("1 = hard to get or label · 5 = at hand, labelled"),
    "accuracy_requirement": N_("1 = rough answers help · 5 = must almost always be right"),
    "problem_difficulty": N_("1 = well solved elsewhere · 5 = research territory"),
}
_REASONS_SHOWN = 4
_ANY_DECIMALS = NumberLimits(Decimal(0))  # shown as stored
_ONE_DECIMAL = NumberLimits(Decimal(0), decimals=1)
_REASON_CHOICES = {"": N_("not answered"), "no": N_("does not apply"), "yes": N_("applies"),
                   DONT_KNOW: N_("don't know")}
_SCORES = [1, 2, 3, 4, 5, DONT_KNOW]


SECTION_KEY = "workflow-section"
# In English, marked; the tabs show them translated (the open tab is kept by its place when the language
# changes: the tabs' state is the open tab's label).
SECTIONS = (N_("1 · The process"), N_("2 · Where a prediction could help"), N_("3 · How it fits the work"),
            N_("4 · Use-case characteristics"))


def _section_labels() -> list[str]:
    """The tabs' labels in the current language, the open tab carried over from another language."""
    labels = [_(section) for section in SECTIONS]
    open_label = st.session_state.get(SECTION_KEY)
    if open_label is not None and open_label not in labels:
        for lang in i18n.NAMES:
            shown = [i18n.translated(section, lang) for section in SECTIONS]
            if open_label in shown:
                st.session_state[SECTION_KEY] = labels[shown.index(open_label)]
                break
    return labels


def show(plan: Plan) -> None:
    """The step for `plan`; callbacks look the plan up when they run (another session's save
    may have replaced it)."""
    _readiness(plan)
    # One section at a time, as a workshop takes them; only the open tab is built,
    # which keeps a rerun of this widget-heavy step fast.
    tabs = st.tabs(_section_labels(), key=SECTION_KEY, on_change="rerun")
    for tab, draw in zip(tabs, (_process, _candidates, _integration, _characteristics)):
        if tab.open:
            with tab:
                draw(plan)
    _diagram(plan)


# --- 1. decomposition ---------------------------------------------------------------


def _process(plan: Plan) -> None:
    st.caption(_("One business process as a list of tasks. A task names the tasks it leads to, so the "
                 "process can branch. Edit cells directly; add a row at the bottom of the table."))
    sync("workflow-process-name", plan.workflow.process_name)
    st.text_input(_("Business process"), key="workflow-process-name", max_chars=300, disabled=read_only(),
                  placeholder=_("e.g. Incoming customer e-mail handling"),
                  on_change=guarded(_set_text), args=("process_name", "workflow-process-name"))
    tasks = plan.workflow.tasks
    names = {t.id: t.name for t in tasks}
    table = tables.rows(tasks, edits.TASK_COLUMNS, edits.NUMBER_LIMITS, plan.meta.language)
    key = tables.editor_key("workflow", "workflow-tasks")
    st.data_editor(
        table, key=key, num_rows="fixed" if read_only() else "dynamic", hide_index=True, width="stretch",
        disabled=read_only(),
        # The data's columns keep their English names (the edit delta is keyed on them); headings translate.
        column_config={
            "Task": st.column_config.TextColumn(_("Task"), required=True, max_chars=300, width="medium"),
            "Who does it today": st.column_config.TextColumn(_("Who does it today"), max_chars=300),
            "Input": st.column_config.TextColumn(_("Input"), max_chars=300),
            "Output": st.column_config.TextColumn(_("Output"), max_chars=300),
            "Minutes per case": tables.number_column(label=_("Minutes per case")),
            "Cases per month": tables.number_column(label=_("Cases per month")),
            "Pain": st.column_config.TextColumn(_("Pain"), max_chars=5000, width="medium"),
            "Prediction could help": st.column_config.CheckboxColumn(
                _("Prediction could help"), help=_("Could a prediction support a human judgement in this task?")),
            "Leads to": st.column_config.MultiselectColumn(_("Leads to"), options=list(names), format_func=names.get,
                                                           help=_("The tasks that follow this one")),
        },
        on_change=guarded(_apply_table), args=(key, [t.id for t in tasks], edits.TASK_COLUMNS),
    )
    # Not clear_on_submit: it would also reset "Comes after", which should follow the task just added.
    if read_only():
        return
    with st.form("workflow-add-task", border=True):
        st.markdown("**" + _("Add a task") + "**")
        name_col, actor_col, after_col = st.columns([3, 2, 3])
        name_col.text_input(_("Task"), key="workflow-new-name", max_chars=300,
                            placeholder=_("e.g. Read and classify mail"))
        actor_col.text_input(_("Who does it today"), key="workflow-new-actor", max_chars=300)
        options = ["", *names]
        if st.session_state.get("workflow-new-after") not in options:  # default: after the last task
            st.session_state["workflow-new-after"] = options[-1]
        after = {"": _("(start)"), **names}
        after_col.selectbox(_("Comes after"), options, format_func=after.get, key="workflow-new-after")
        st.form_submit_button(_("Add task"), icon=":material/add:", on_click=guarded(_add_task))




def _apply_table(key: str, row_ids: list[str], columns: dict[str, str]) -> None:
    with tables.renewed("workflow"):  # applied or refused, the table shows the plan afresh
        edits.apply_table_edits(current_plan(), row_ids, st.session_state[key], columns)


def _add_task() -> None:
    state = st.session_state
    task = edits.add_task(current_plan(), state["workflow-new-name"], state["workflow-new-actor"],
                          after=state["workflow-new-after"] or None)
    state["workflow-new-after"] = task.id  # the next task typed follows this one
    state["workflow-new-name"] = state["workflow-new-actor"] = ""
    tables.renew("workflow")


def _set_text(field: str, key: str) -> None:
    edits.set_workflow_text(current_plan(), field, st.session_state[key])


# --- 2. candidates --------------------------------------------------------------------


def _candidates(plan: Plan) -> None:
    tasks = plan.workflow.tasks
    names = {t.id: t.name for t in tasks}
    marked = [t.id for t in tasks if t.prediction_candidate]
    sync("workflow-candidates", marked)
    st.multiselect(_("Tasks where a prediction could support a human judgement"), list(names), format_func=names.get,
                   disabled=read_only(),
                   key="workflow-candidates", on_change=guarded(_set_candidates), args=("workflow-candidates",))
    ranked = workflow.rank_candidates(plan.workflow)
    if not ranked:
        st.caption(_("Mark one or more tasks above to rank them by rough value and by the cost of a wrong "
                     "prediction."))
        return
    st.caption(_("Value = cases per month × minutes saved per case, weighted by how costly a wrong prediction is "
                 "(low 1, medium 0.75, high 0.5, unacceptable 0). A rough guide for the discussion, not a business "
                 "case."))
    language = plan.meta.language
    table = pd.DataFrame([{
        "Rank": c.rank, "Task": c.task.name,
        "Minutes saved per case": tables.number_text(c.task.minutes_saved_per_case, language,
                                                     edits.NUMBER_LIMITS["minutes_saved_per_case"]),
        "Errors avoided per month": tables.number_text(c.task.errors_avoided_per_month, language,
                                                       edits.NUMBER_LIMITS["errors_avoided_per_month"]),
        "Cost of a wrong prediction": c.task.wrong_prediction_cost,
        "Hours saved per month": tables.number_text(c.hours_saved_per_month, language, _ANY_DECIMALS) or "",
        "Score": tables.number_text(c.score, language, _ONE_DECIMAL), "Check": c.warning,
    } for c in ranked])
    key = tables.editor_key("workflow", "workflow-candidates-table")
    st.data_editor(
        table, key=key, hide_index=True, width="stretch",
        disabled=True if read_only() else ["Rank", "Task", "Hours saved per month", "Score", "Check"],
        column_config={
            "Rank": st.column_config.NumberColumn(_("Rank")),
            "Task": st.column_config.TextColumn(_("Task")),
            "Minutes saved per case": tables.number_column(label=_("Minutes saved per case")),
            "Errors avoided per month": tables.number_column(label=_("Errors avoided per month")),
            "Cost of a wrong prediction": st.column_config.SelectboxColumn(
                _(workflow.COST_LABEL), options=list(workflow.COST_WORDS),
                format_func=lambda v: _(workflow.COST_WORDS[v])),
            "Hours saved per month": tables.number_column(label=_("Hours saved per month")),
            "Score": tables.number_column(label=_("Score")),
            "Check": st.column_config.TextColumn(_("Check")),
        },
        on_change=guarded(_apply_table), args=(key, [c.task.id for c in ranked], edits.CANDIDATE_COLUMNS),
    )
    options = [c.task.id for c in ranked]
    chosen = plan.workflow.chosen_task_id if plan.workflow.chosen_task_id in options else None
    sync("workflow-chosen", chosen)
    st.radio(_(workflow.CHOSEN_LABEL), options, key="workflow-chosen", index=None, disabled=read_only(),
             format_func=lambda i: f"{names[i]}", horizontal=True,
             on_change=guarded(_choose), args=("workflow-chosen",))


def _set_candidates(key: str) -> None:
    edits.set_candidates(current_plan(), st.session_state[key])
    tables.renew("workflow")


def _choose(key: str) -> None:
    edits.choose_task(current_plan(), st.session_state[key])


# --- 3. integration ---------------------------------------------------------------------


def _integration(plan: Plan) -> None:
    chosen = workflow.chosen_task(plan.workflow)
    st.caption(_("For the chosen task: {task}").format(task=chosen.name) if chosen else
               _("Choose a task above; the answers below describe how its prediction is used."))
    _judgement(plan)
    integ = plan.workflow.integration
    flow = st.columns(3)
    for column, field in zip(flow, ("previous_steps", "use_of_model", "desired_outcome")):
        with column:
            _answer(field, getattr(integ, field))
    left, right = st.columns(2)
    with left:
        _answer("who_acts", integ.who_acts)
        _mode(integ.mode)
        _answer("fallback", integ.fallback)
    with right:
        _answer("systems", integ.systems)
        _answer("feedback", integ.feedback)


_JUDGEMENT_KEY = "workflow-judgement"


def _judgement(plan: Plan) -> None:
    sync(_JUDGEMENT_KEY, plan.workflow.judgement)
    st.text_area(_(workflow.JUDGEMENT_LABEL), key=_JUDGEMENT_KEY, height=68, max_chars=5000, disabled=read_only(),
                 placeholder=_("e.g. The planner decides which machines get a service visit this week, and which "
                               "can wait for the next round."),
                 help=_("The decision a person still makes with the prediction in hand, in one or two sentences: "
                        "who decides what. It keeps the plan about supporting people, not only about a model."),
                 on_change=guarded(_set_judgement), args=(_JUDGEMENT_KEY,))


def _set_judgement(key: str) -> None:
    edits.set_workflow_text(current_plan(), "judgement", st.session_state[key])


def _answer(field: str, answer) -> None:
    text_key, unclear_key = f"workflow-{field}", f"workflow-{field}-unclear"
    sync(text_key, answer.text)
    st.text_area(_(workflow.INTEGRATION_LABELS[field]), key=text_key, height=90, max_chars=5000,
                 disabled=read_only(), on_change=guarded(_set_answer), args=(field, text_key, None))
    sync(unclear_key, answer.unclear)
    st.checkbox(_("Unclear"), key=unclear_key, help=_("Not settled yet: a signal to redesign before a POC"),
                disabled=read_only(),
                on_change=guarded(_set_answer), args=(field, None, unclear_key))
    if answer.unclear:
        _unclear_what(f"{unclear_key}-what", answer.unclear_what, _set_unclear_what, field)


def _unclear_what(key: str, what: str, change, *args) -> None:
    """Beside a ticked "Unclear": what is not settled, so the answer itself keeps what is known."""
    sync(key, what)
    st.text_area(_("What is unclear?"), key=key, height=68, max_chars=5000, disabled=read_only(),
                  placeholder=_("e.g. whether the team lead or the agent confirms"),
                  on_change=guarded(change), args=(*args, key))


def _set_answer(field: str, text_key: str | None, unclear_key: str | None) -> None:
    edits.set_integration(current_plan(), field,
                          text=st.session_state[text_key] if text_key else None,
                          unclear=st.session_state[unclear_key] if unclear_key else None)


def _set_unclear_what(field: str, key: str) -> None:
    edits.set_integration(current_plan(), field, unclear_what=st.session_state[key])


def _mode(mode) -> None:
    sync("workflow-mode", mode.value)
    modes = {v: _capitalized(_(words)) for v, words in workflow.MODE_WORDS.items()}  # in this run's language
    st.radio(_(workflow.INTEGRATION_LABELS["mode"]), list(modes), key="workflow-mode", index=None,
             disabled=read_only(), horizontal=True, format_func=modes.get,
             on_change=guarded(_set_mode), args=("workflow-mode",))
    sync("workflow-mode-unclear", mode.unclear)
    st.checkbox(_("Unclear"), key="workflow-mode-unclear", on_change=guarded(_set_mode_unclear), disabled=read_only(),
                args=("workflow-mode-unclear",))
    if mode.unclear:
        _unclear_what("workflow-mode-unclear-what", mode.unclear_what, _set_mode_unclear_what)


def _capitalized(text: str) -> str:
    """The first letter upper case, the rest as written ("Augment: a person decides")."""
    return text[:1].upper() + text[1:]


def _set_mode(key: str) -> None:
    value = st.session_state[key]
    edits.set_mode(current_plan(), value=value, clear=value is None)


def _set_mode_unclear(key: str) -> None:
    edits.set_mode(current_plan(), unclear=st.session_state[key])


def _set_mode_unclear_what(key: str) -> None:
    edits.set_mode(current_plan(), unclear_what=st.session_state[key])


# --- 4. diagram ------------------------------------------------------------------------------


def _diagram(plan: Plan) -> None:
    st.subheader(_("The process drawn"))
    graph = workflow.process_graph(plan.workflow)
    with st.container(key="workflow-diagram"):
        st.mermaid_chart(workflow.to_mermaid(graph),
                         alt=_("Flowchart of the process; the chosen task is highlighted with the steps before and "
                               "after it"))
    st.caption(_("Dark: the chosen task · tinted: the steps before and after it · dashed: other prediction "
                 "candidates"))


# --- 5. characteristics ------------------------------------------------------------------------


def _characteristics(plan: Plan) -> None:
    ch = plan.workflow.characteristics
    cols = st.columns(3)
    for column, name in zip(cols, edits.CHARACTERISTICS):
        rating = getattr(ch, name)
        with column:
            score_key, note_key = f"workflow-{name}", f"workflow-{name}-note"
            sync(score_key, DONT_KNOW if rating.dont_know else rating.score)
            scores = {v: _("Don't know") if v == DONT_KNOW else str(v) for v in _SCORES}
            st.segmented_control(_(workflow.CHARACTERISTIC_LABELS[name]), list(scores), key=score_key,
                                 format_func=scores.get,
                                 disabled=read_only(),
                                 help=_(SCALE_HINTS[name]), on_change=guarded(_set_score), args=(name, score_key))
            st.caption(_(SCALE_HINTS[name]))
            sync(note_key, rating.note)
            st.text_input(_("Note"), key=note_key, max_chars=5000, label_visibility="collapsed",
                          disabled=read_only(), placeholder=_("Why this score?"), on_change=guarded(_set_note),
                          args=(name, note_key))
    st.markdown(_("**Reasons not to use ML** (Phase Zero)"))
    cols = st.columns(3)
    for column, name in zip(cols, edits.NO_ML_REASONS):
        key = f"workflow-{name}"
        value = getattr(ch, name)
        sync(key, value or "")
        choices = {v: _(words) for v, words in _REASON_CHOICES.items()}  # in this run's language
        column.radio(_(workflow.REASON_LABELS[name]), list(choices), key=key, format_func=choices.get,
                     disabled=read_only(),
                     horizontal=True, on_change=guarded(_set_reason), args=(name, key))
    sync("workflow-reasons-note", ch.reasons_note)
    st.text_input(_("Note on these reasons"), key="workflow-reasons-note", max_chars=5000, disabled=read_only(),
                  on_change=guarded(_set_text), args=("reasons_note", "workflow-reasons-note"))


def _set_score(name: str, key: str) -> None:
    edits.set_characteristic(current_plan(), name, score=st.session_state[key])


def _set_note(name: str, key: str) -> None:
    edits.set_characteristic(current_plan(), name, note=st.session_state[key])


def _set_reason(name: str, key: str) -> None:
    choice = st.session_state[key]
    edits.set_no_ml_reason(current_plan(), name, choice or None)


# --- 6. readiness --------------------------------------------------------------------------------


def _readiness(plan: Plan) -> None:
    signal = workflow.readiness(plan.workflow)
    show = getattr(st, levels.ALERTS[signal.level])
    with st.container(key=f"workflow-readiness-{signal.level}"):
        st.caption(_("Readiness of this step, one input to the pre-POC screening"))
        show(f"**{_(levels.WORDS[signal.level])}**: {signal.summary}", icon=levels.ICONS[signal.level])
        # Reasons may quote the user's task names: plain text, never markdown.
        lines = [f"{'■' if r.level == 'red' else '▲'} {r.answer}: {r.text}" for r in signal.reasons]
        st.text("\n".join(lines[:_REASONS_SHOWN]))
        if len(lines) > _REASONS_SHOWN:  # a new plan has many: keep the tabs in view
            more = len(lines) - _REASONS_SHOWN
            with st.expander(ngettext("{count} more to settle", "{count} more to settle", more).format(count=more),
                             key="workflow-readiness-more"):
                st.text("\n".join(lines[_REASONS_SHOWN:]))
