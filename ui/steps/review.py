"""The review step: the screening verdict with every reason, the facilitator's decision on it,
completeness, the signals of the steps, the team's open questions and the facilitator's note."""

from __future__ import annotations

import streamlit as st

from canvas_core import levels
from canvas_core.i18n import N_, _, datetime_text
from canvas_core.plan import Plan
from canvas_core.report.summary import ExecutiveSummary
from canvas_core.steps import STEPS, whole_percent
from canvas_core.steps.review import edits
from canvas_core.steps.review.consistency import ConsistencyWarning
from canvas_core.steps.review.screening import LEVELS, VERDICTS, Reason, Screening
from ui.navigation import page_of
from ui.state import author, current_plan, guarded, link_params, read_only, sync

_LEVEL_HELP = {
    "no-go": N_("Phase Zero's reasons not to use ML: the idea should not go to a POC as it stands."),
    "redesign": N_("Go back to the step named and redesign before spending money on a POC."),
    "condition": N_("A POC can start, with each of these settled during it or before."),
    "note": N_("Worth knowing; does not change the verdict."),
}
# What would change the verdict: settle the reasons of the deciding level.
_SETTLE = {
    "no-go": N_("**What would change it:** settle the no-go reasons below ({count})."),
    "redesign": N_("**What would change it:** settle the redesign first reasons below ({count})."),
    "condition": N_("**What would change it:** settle the condition reasons below ({count})."),
}


def show(plan: Plan, summary: ExecutiveSummary) -> None:
    """The review step for `plan` with its executive summary (which holds the screening)."""
    _verdict(plan, summary.screening)
    _reasons(summary.screening)
    _consistency(summary.consistency)
    _completeness(summary)
    _signals(summary)
    _open_questions(plan, summary)


# --- the verdict --------------------------------------------------------------------------


def _verdict(plan: Plan, screening: Screening) -> None:
    st.subheader(_("The pre-POC screening verdict"))
    decision = plan.review.decision
    standing = decision.verdict if decision else screening.verdict
    show = getattr(st, levels.VERDICT_ALERTS[standing])
    with st.container(key="screening-verdict"):
        show(_("**Verdict: {verdict}**").format(verdict=levels.verdict_word(standing)), icon=":material/gavel:")
        st.caption(_("The worst level any screening rule reaches: a no-go rule makes it No-go, a redesign rule "
                     "Redesign first, a condition Go with conditions; with none of these it is Go to POC. No "
                     "framework sets thresholds: each rule cites the criterion it comes from."))
        if screening.deciding:
            st.markdown(_(_SETTLE[screening.deciding[0].rule.level]).format(count=len(screening.deciding)))
        _decision(plan, screening)


def _decision(plan: Plan, screening: Screening) -> None:
    decision = plan.review.decision
    computed = levels.verdict_word(screening.verdict)
    if decision is not None:
        st.text(_decision_text(decision))  # names are user text: plain
        if decision.computed != screening.verdict:
            st.warning(_("The plan has changed since: the screening now says {verdict}. Review the decision.").format(
                verdict=computed), icon=":material/update:")
    if read_only():
        return
    accept_col, withdraw_col = st.columns([1, 1])
    if decision is None or decision.computed != screening.verdict or decision.verdict != decision.computed:
        accept_col.button(_("Accept: {verdict}").format(verdict=computed), key="verdict-accept", icon=":material/check:",
                          on_click=guarded(_accept), args=(screening.verdict,))
    if decision is not None:
        withdraw_col.button(_("Withdraw the decision"), key="verdict-withdraw", icon=":material/undo:",
                            on_click=guarded(_withdraw))
    with st.expander(_("Override the verdict"), key="verdict-override-open", icon=":material/edit:"):
        others = [v for v in VERDICTS if v != screening.verdict]
        with st.form("verdict-override", border=False):
            st.selectbox(_("The verdict that stands"), others, key="verdict-override-choice",
                         format_func=levels.verdict_word)
            st.text_area(_("Why (kept and printed in the report with the computed verdict)"),
                         key="verdict-override-reason", max_chars=5_000, height=90)
            st.form_submit_button(_("Override"), key="verdict-override-submit", on_click=guarded(_override),
                                  args=(screening.verdict,))


def _decision_text(decision) -> str:
    """The facilitator's decision as one plain text: who, when, and (overridden) what and why."""
    when = datetime_text(decision.at)
    if decision.verdict == decision.computed:
        if decision.by:
            return _("Accepted by {name} on {when}.").format(name=decision.by, when=when)
        return _("Accepted on {when}.").format(when=when)
    said, decided = levels.verdict_word(decision.computed), levels.verdict_word(decision.verdict)
    if decision.by:
        text = _("Overridden by {name} on {when}: the screening said {computed}, the team decided {verdict}.").format(
            name=decision.by, when=when, computed=said, verdict=decided)
    else:
        text = _("Overridden on {when}: the screening said {computed}, the team decided {verdict}.").format(
            when=when, computed=said, verdict=decided)
    return text + "\n" + _("Reason: {reason}").format(reason=decision.reason)


def _accept(computed: str) -> None:
    edits.accept_verdict(current_plan(), computed, author())


def _withdraw() -> None:
    edits.withdraw_decision(current_plan())


def _override(computed: str) -> None:
    state = st.session_state
    edits.override_verdict(current_plan(), computed, state["verdict-override-choice"],
                           state["verdict-override-reason"], author())


# --- the reasons --------------------------------------------------------------------------


def _reasons(screening: Screening) -> None:
    st.subheader(_("Reasons ({count})").format(count=len(screening.reasons)))
    if not screening.reasons:
        st.success(_("No screening rule fires: nothing stands in the way of a POC."), icon=":material/check_circle:")
        return
    for level in reversed(LEVELS):
        found = screening.at(level)
        if not found:
            continue
        colour = {"no-go": "red", "redesign": "orange", "condition": "orange", "note": "gray"}[level]
        st.markdown(f":{colour}[**{levels.rule_level_word(level)}** ({len(found)})] · {_(_LEVEL_HELP[level])}")
        for reason in found:
            _reason(reason)


def _reason(reason: Reason) -> None:
    rule = reason.rule
    with st.container(border=True, key=f"reason-{rule.id}"):
        # Room for the link's step name in any language ("Beheben in Einbindung in den Arbeitsablauf").
        title_col, link_col = st.columns([3, 2], vertical_alignment="center")
        title_col.markdown(f"**{rule.title}** · {rule.answer}")  # our own words, from the rules file
        link_col.page_link(page_of(rule.step), label=_("Fix in {step}").format(step=reason.step_title),
                           icon=":material/arrow_forward:", query_params=link_params())
        st.text(reason.message)  # quotes assets and tasks: plain text
        st.caption(_("What would change it: {fix}").format(fix=rule.fix))
        st.caption(_("Rule {rule} · source: [{title}]({url}) ({authors})").format(
            rule=rule.id, title=reason.source.title, url=reason.source.url, authors=reason.source.authors))


# --- consistency between canvases --------------------------------------------------------------


def _consistency(warnings: tuple[ConsistencyWarning, ...]) -> None:
    st.subheader(_("Consistency between canvases ({count})").format(count=len(warnings)))
    if not warnings:
        st.caption(_("Where two steps ask for the same fact, their answers fit together."))
        return
    steps = {s.url_path: s.id for s in STEPS}
    for warning in warnings:
        with st.container(border=True, key=f"consistency-{warning.id.replace(':', '-')}"):
            text_col, link_col = st.columns([4, 1], vertical_alignment="center")
            text_col.text(warning.message)  # may quote cost lines: plain text
            link_col.page_link(page_of(steps[warning.fix_url_path]), label=_("Fix it"), icon=":material/arrow_forward:",
                               query_params=link_params())
            st.text("\n".join(f"{side.step} · {side.answer}: {side.says}" for side in warning.sides))
            st.caption(_("Fix: {fix}").format(fix=warning.fix))


# --- completeness, signals, open questions --------------------------------------------------


def _completeness(summary: ExecutiveSummary) -> None:
    st.subheader(_("Completeness by step"))
    steps = [s for s in STEPS if s.id != "review"]
    st.dataframe(
        [{"Step": f"{step.number}. {_(title)}", "Complete": whole_percent(share)}
         for step, (title, share) in zip(steps, summary.completeness)],
        # Whole percents, as the sidebar and the reports print them (28%, never 28.33%).
        column_config={"Step": st.column_config.TextColumn(_("Step")),
                       "Complete": st.column_config.ProgressColumn(_("Complete"), format="%d%%", min_value=0,
                                                                   max_value=100)},
        hide_index=True,
    )


def _signals(summary: ExecutiveSummary) -> None:
    with st.expander(_("Signals of the steps (inputs of the rules above)"), key="review-signals",
                     icon=":material/sensors:"):
        for signal in summary.signals:
            show = getattr(st, levels.ALERTS[signal.level])
            show(f"**{levels.word(signal.level)}** · {signal.name}: {signal.summary}", icon=levels.ICONS[signal.level])
            if signal.reasons:
                st.text("\n".join(f"• {r}" for r in signal.reasons))  # may quote tasks and assets: plain text


def _open_questions(plan: Plan, summary: ExecutiveSummary) -> None:
    st.subheader(_("Open questions ({count})").format(count=len(summary.open_questions)))
    with st.expander(_("Blocks left empty, answers marked unclear, notes and data marked as a question"),
                     key="review-open-questions-found"):
        st.text("\n".join(f"• {q.where}: {q.text}" for q in summary.open_questions) or _("None."))
    questions_col, note_col = st.columns(2)
    sync("review-open-questions", "\n".join(plan.review.open_questions))
    questions_col.text_area(_("The team's own open questions, one per line"), key="review-open-questions",
                            height=160, disabled=read_only(), on_change=guarded(_set_questions),
                            args=("review-open-questions",),
                            help=_("Printed first among the open questions of the report."))
    sync("review-facilitator-note", plan.review.facilitator_note)
    note_col.text_area(_("The facilitator's note"), key="review-facilitator-note", height=160, max_chars=5_000,
                       disabled=read_only(), on_change=guarded(_set_note), args=("review-facilitator-note",),
                       help=_("What the facilitator wants the readers of the report to know."))


def _set_questions(key: str) -> None:
    edits.set_open_questions(current_plan(), st.session_state[key])


def _set_note(key: str) -> None:
    edits.set_facilitator_note(current_plan(), st.session_state[key])
