"""The workshops in the PDF: one portrait page (or more) per room, after the steps and before the sources.

The words and numbers come from report.workshops, shared with the Markdown; note texts pass through
`esc` like every other piece of user text. Sticky notes are shown without their authors (a room may
run anonymously); an accepted note keeps on its canvas the author the room let it have.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from canvas_core.i18n import _
from canvas_core.report import fonts
from canvas_core.report.context import ReportContext
from canvas_core.report.document import PORTRAIT, new_page
from canvas_core.report.tables import table
from canvas_core.report.text import RULE, bold, esc, muted, para, styles
from canvas_core.report.workshops import NO_VOTES, NOT_PLANNED, NOT_REACHED, NoteRow, WorkshopFacts, all_facts

TABLE_SHARE = 0.75  # the agenda is three short columns: full width would stretch it thin


def workshop_section(ctx: ReportContext) -> list[Flowable]:
    """Nothing when no workshop is passed in, so a plan without rooms reports as before."""
    out: list[Flowable] = []
    for facts in all_facts(ctx.plan, ctx.workshops):
        out += _room(facts, ctx.geometry.portrait.width)
    return out


def _room(facts: WorkshopFacts, width: float) -> list[Flowable]:
    st = styles()
    return [
        *new_page(PORTRAIT), para(esc(facts.heading), st.h1),
        para(bold(esc(_("When:"))) + f" {esc(facts.when)}", st.body),
        para(bold(esc(_("Took part:"))) + f" {esc(facts.took_part)}", st.body),
        para(bold(esc(_("Notes written:"))) + f" {esc(facts.notes)}", st.body),
        _agenda(facts, width * TABLE_SHARE),
        para(esc(_("Top-voted notes")), st.h2),
        _notes(facts.top_voted, _("Written on"), width) if facts.top_voted
        else para(muted(esc(_("No note got a vote."))), st.body),
        para(esc(_("Accepted into the plan")), st.h2),
        _notes(facts.accepted, _("Went to"), width) if facts.accepted
        else para(muted(esc(_("No note was accepted."))), st.body),
    ]


def _muted_word(value: str) -> str:
    return muted(esc(value)) if value in (_(NOT_REACHED), _(NOT_PLANNED), NO_VOTES) else esc(value)


def _agenda(facts: WorkshopFacts, width: float) -> Flowable:
    st = styles()
    rows = [[para(esc(_("Step")), st.cell_head), para(esc(_("Planned (min)")), st.cell_head_right),
             para(esc(_("Spent (min)")), st.cell_head_right)]]
    rows += [[para(esc(r.step), st.cell), para(_muted_word(r.planned), st.cell_right),
              para(_muted_word(r.spent), st.cell_right)] for r in facts.agenda]
    total = facts.total
    rows.append([para(bold(esc(total.step)), st.cell), para(bold(esc(total.planned)), st.cell_right),
                 para(bold(_muted_word(total.spent)), st.cell_right)])
    last = len(rows) - 1
    extra = [("LINEABOVE", (0, last), (-1, last), 0.8, RULE), ("FONT", (0, last), (-1, last), fonts.BOLD, 8.5)]
    return KeepTogether([para(esc(_("Agenda and time spent")), st.h2), table(rows, [3, 1, 1], width, extra=extra)])


def _notes(notes: tuple[NoteRow, ...], where: str, width: float) -> Flowable:
    st = styles()
    rows = [[para(esc(_("Note")), st.cell_head), para(esc(_("Votes")), st.cell_head_right),
             para(esc(where), st.cell_head)]]
    rows += [[para(esc(n.text), st.cell), para(_muted_word(n.votes), st.cell_right), para(esc(n.where), st.cell)]
             for n in notes]
    return table(rows, [11, 2, 6], width)
