"""The MLOps Stack step in the reports: the canvas (the generic canvas section), then the stack at a
glance: the chosen tool per block, buy / open source / build, licence, self-hosted or managed, the
blocks still undecided and the warnings where a choice contradicts the plan."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core.canvas import facets
from canvas_core.i18n import N_, _, ngettext
from canvas_core.plan import Plan
from canvas_core.steps.mlops_stack.fit import HOSTING_WORDS, SOURCING_WORDS, StackRow, stack_summary

STATUS_WORDS = {"decided": N_("decided"), "not needed yet": N_("not needed yet"), "undecided": N_("undecided")}
HEADINGS = (N_("Block"), N_("Tool"), N_("Buy, open source or build"), N_("Licence"), N_("Self-hosted or managed"),
            N_("Status"))


def cells(row: StackRow) -> list[str]:
    """A row as the reports and the page show it: user text as typed, our words translated."""
    return [row.block, row.tool or "–", _(SOURCING_WORDS[row.sourcing]) if row.sourcing else "–",
            row.licence or "–", _(HOSTING_WORDS[row.hosting]) if row.hosting else "–", _(STATUS_WORDS[row.status])]


def undecided_line(rows: list[StackRow]) -> str:
    undecided = [row.block for row in rows if row.status == "undecided"]
    if not undecided:
        return _("Every block has a decision.")
    return ngettext("{count} block still undecided: {blocks}.", "{count} blocks still undecided: {blocks}.",
                    len(undecided)).format(count=len(undecided), blocks=", ".join(undecided))


def markdown_section(plan: Plan, step) -> Iterator[str]:
    from canvas_core.report.markdown_text import cell, escape, table

    yield from facets.markdown_section(plan, step)
    summary = stack_summary(plan)
    yield "### " + _("The stack at a glance")
    yield ""
    yield from table([_(h) for h in HEADINGS], ([cell(text) for text in cells(row)] for row in summary.rows))
    yield escape(undecided_line(summary.rows))
    yield ""
    for warning in summary.warnings:
        yield "- **" + _("Warning") + ":** " + escape(warning.text)
    if summary.warnings:
        yield ""


def pdf_section(ctx, step) -> list:
    from reportlab.platypus import Spacer

    from canvas_core.report.document import PORTRAIT, new_page
    from canvas_core.report.tables import table
    from canvas_core.report.text import bold, esc, para, styles

    st = styles()
    summary = stack_summary(ctx.plan)
    rows = [[para(_(h), st.cell_head) for h in HEADINGS],
            *([para(esc(text), st.cell) for text in cells(row)] for row in summary.rows)]
    out = [*facets.pdf_section(ctx, step), *new_page(PORTRAIT), para(esc(_("The stack at a glance")), st.h2),
           table(rows, [34, 30, 22, 22, 20, 18], ctx.geometry.portrait.width), Spacer(1, 4),
           para(esc(undecided_line(summary.rows)), st.body)]
    return out + [para(bold(esc(_("Warning")) + ":") + " " + esc(warning.text), st.body)
                  for warning in summary.warnings]
