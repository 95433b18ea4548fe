"""Where to start with MLOps tools: in an MLOps Stack block's dialog, the suggestions fitted to the
plan, each with why and a button that takes it over; below the canvas, the stack at a glance and
the warnings where a choice contradicts the plan (canvas_core.steps.mlops_stack)."""

from __future__ import annotations

import streamlit as st

from canvas_core.i18n import _, date_text
from canvas_core.steps.mlops_stack import edits
from canvas_core.steps.mlops_stack.fit import HOSTING_WORDS, SOURCING_WORDS, Suggestion, stack_summary, suggestions
from canvas_core.steps.mlops_stack.fit import tool_blocks as blocks_with_tools
from canvas_core.steps.mlops_stack.report import HEADINGS, cells, undecided_line
from ui.state import current_plan, guarded, markdown_literal, read_only


def has_suggestions(block_id: str) -> bool:
    return block_id in blocks_with_tools()


def show_suggestions(block_id: str) -> None:
    """The block dialog's suggestions: best fitting first, each saying why."""
    found = suggestions(current_plan(), block_id)
    st.markdown("**" + _("Where to start: tools for this block") + "**")
    st.caption(_("Ordered by what the plan already says; each line names the answers it comes from. "
                 "Open source first where the fit is equal."))
    for index, suggestion in enumerate(found.offered):
        with st.container(border=True, key=f"tool-suggestion-{block_id}-{index}"):
            text_col, button_col = st.columns([5, 1], vertical_alignment="center")
            with text_col:
                _describe(suggestion)
            if not read_only():
                _take_over_button(button_col, block_id, suggestion, index)
    if found.left_out:
        st.caption(_("Left out: {tools}.").format(
            tools="; ".join(f"{left.tool.name} ({left.reason})" for left in found.left_out)))


def _describe(suggestion: Suggestion) -> None:
    tool = suggestion.tool
    if tool is None:
        st.markdown("**" + _("Not needed yet") + "** · " + markdown_literal(suggestion.title))
    else:
        facts = " · ".join((_(SOURCING_WORDS[tool.sourcing]), tool.licence, _(HOSTING_WORDS[tool.hosting])))
        site = _("its site")
        st.markdown(f"**{markdown_literal(tool.name)}** · {markdown_literal(facts)} · [{site}]({tool.url})")
        st.text(_(tool.what))
        if tool.caution:
            st.caption(":material/warning: " + _(tool.caution))
    st.caption(suggestion.why)
    if tool is not None:
        st.caption(_("Checked {date}.").format(date=date_text(tool.checked)))


def _take_over_button(column, block_id: str, suggestion: Suggestion, index: int) -> None:
    key = f"tool-take-{block_id}-{index}"
    if suggestion.tool is None:
        column.button(_("Not needed yet"), key=key, on_click=guarded(_defer), args=(block_id,),
                      help=_("Marks the block optional and its tool as none yet."))
    else:
        column.button(_("Use this"), key=key, on_click=guarded(_adopt), args=(block_id, suggestion.tool.id),
                      help=_("Takes {tool} over as the block's chosen tool, with its licence.").format(
                          tool=suggestion.tool.name))


def _adopt(block_id: str, tool_id: str) -> None:
    edits.adopt(current_plan(), block_id, tool_id)


def _defer(block_id: str) -> None:
    edits.defer(current_plan(), block_id)


def show_summary() -> None:
    """The stack at a glance, below the MLOps Stack canvas."""
    summary = stack_summary(current_plan())
    st.subheader(_("The stack at a glance"))
    for warning in summary.warnings:
        st.warning(warning.text, icon=":material/warning:")
    rows = [cells(row) for row in summary.rows]
    # A static table: every cell wraps, so the long German block titles leave room for the other
    # columns on a projector (a data grid would cut them off behind a scroll bar). It reads its cells as
    # Markdown: tools and licences are typed text, shown literally.
    st.table({_(heading): [markdown_literal(row[i]) for row in rows] for i, heading in enumerate(HEADINGS)},
             hide_index=True,
             alt=_("The stack at a glance"))
    st.caption(undecided_line(summary.rows))
