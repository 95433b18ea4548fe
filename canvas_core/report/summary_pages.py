"""The cover and the executive summary (signals, key figures, open questions, completeness)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from canvas_core import levels
from canvas_core.i18n import _, date_text, ngettext
from canvas_core.report.context import ReportContext
from canvas_core.report.document import PORTRAIT, new_page
from canvas_core.report.summary import (
    ExecutiveSummary,
    decision_lines,
    executive_summary,
    fixed_in,
    percent,
    settling,
    standing_verdict,
)
from canvas_core.report.tables import table
from canvas_core.report.text import bold, bullet, esc, muted, para, styles

MAX_OPEN_QUESTIONS = 12
MAX_REASONS = 6


def cover(ctx: ReportContext) -> list[Flowable]:
    st = styles()
    meta = ctx.plan.meta
    lines = []
    if ctx.iteration:
        lines.append(bold(esc(_("Iteration"))) + f" {esc(ctx.iteration)}")
    team = esc(meta.team) if meta.team.strip() else muted(esc(_("not named")))
    lines.append(bold(esc(_("Team"))) + " " + team)
    lines.append(bold(esc(_("Report date"))) + f" {date_text(ctx.today)}")
    lines.append(bold(esc(_("Plan last changed"))) + f" {date_text(meta.updated_at.date())}")
    about = [_("This report shows every step of the plan: product brief, workflow integration, costs, the "
               "Machine Learning Canvas, the data landscape and the MLOps Stack Canvas, each canvas on a page "
               "laid out like the published canvas.")]
    rooms = len(ctx.workshops)
    if rooms:
        about.append(ngettext("The workshop run on the plan follows the steps.",
                              "The {count} workshops run on the plan follow the steps.", rooms).format(count=rooms))
    about.append(_("Sources, licences and attributions are on the last page."))
    return [
        Spacer(1, 45 * mm),
        para(esc(_("ML project plan")), st.cover_kicker),
        para(esc(meta.name) if meta.name.strip() else muted(esc(_("Untitled plan"))), st.cover_title),
        *(para(line, st.cover_line) for line in lines),
        Spacer(1, 20 * mm),
        para(esc(" ".join(about)), st.muted),
    ]


def summary_section(ctx: ReportContext) -> list[Flowable]:
    summary = executive_summary(ctx.plan)
    st = styles()
    return [*new_page(PORTRAIT), para(esc(_("Executive summary")), st.h1), *_verdict(summary), *_reasons(summary),
            *_consistency(summary),
            *_signals(summary), *_key_figures(summary), *_completeness(summary), *_open_questions(summary)]


def _verdict(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    standing = standing_verdict(summary)
    colour = levels.VERDICT_COLOURS[standing]
    verdict = _("Verdict: {verdict}").format(verdict=_(levels.VERDICT_WORDS[standing]))
    head = para(f'<font color="{colour}">{bold(esc(verdict))}</font>', st.h2)
    lines = [para(esc(line), st.body) for line in decision_lines(summary)]
    deciding = summary.screening.deciding
    if deciding:
        lines.append(para(bold(esc(_("What would change it:"))) + f" {esc(settling(summary))}", st.body))
    return [KeepTogether([head, *lines])]


def _consistency(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    warnings = summary.consistency
    out: list[Flowable] = [para(esc(_("Consistency between canvases ({count})").format(count=len(warnings))),
                                st.h2)]
    if not warnings:
        return [*out, para(muted(esc(_("The twin answers fit together."))), st.body)]
    for warning in warnings:
        sides = " · ".join(f"{esc(s.step)}, {esc(s.answer)}: {esc(s.says)}" for s in warning.sides)
        fix = esc(_("Fix: {fix}").format(fix=warning.fix))
        out.append(KeepTogether([bullet(f"{esc(warning.message)}", st.bullet),
                                 para(muted(f"{sides}. {fix}"), st.bullet)]))
    return out


def _reasons(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    reasons = summary.screening.reasons
    out: list[Flowable] = [para(esc(_("Reasons for the verdict ({count})").format(count=len(reasons))), st.h2)]
    if not reasons:
        return [*out, para(muted(esc(_("No screening rule fires."))), st.body)]
    for reason in reasons:
        rule = reason.rule
        colour = levels.RULE_LEVEL_COLOURS[rule.level]
        level = esc(_(levels.RULE_LEVEL_WORDS[rule.level]))
        out.append(KeepTogether([
            bullet(f'<font color="{colour}">{bold(level)}</font> · {bold(esc(_(rule.title)))}: '
                   f"{esc(reason.message)}", st.bullet),
            para(muted(esc(fixed_in()).format(step=esc(_(reason.step_title)), answer=esc(_(rule.answer)),
                                               fix=esc(_(rule.fix)), rule=esc(rule.id),
                                               source=esc(reason.source.title))), st.bullet),
        ]))
    return out


def _dot(level: str) -> str:
    return f'<font color="{levels.COLOURS[level]}" size="12">●</font>'


def _signals(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [para(esc(_("Screening signals")), st.h2)]
    for signal in summary.signals:
        head = para(f"{_dot(signal.level)} {bold(esc(signal.name))}: "
                    f'<font color="{levels.COLOURS[signal.level]}">{bold(esc(_(levels.WORDS[signal.level])))}</font>. '
                    f"{esc(signal.summary)}", st.body)
        reasons = [bullet(esc(r), st.bullet, "–") for r in signal.reasons[:MAX_REASONS]]
        rest = len(signal.reasons) - MAX_REASONS
        if rest > 0:
            more = _("and {count} more, listed in the section of the step").format(count=rest)
            reasons.append(para(muted(esc(more)), st.bullet))
        out.append(KeepTogether([head, *reasons]))
    return out


def _key_figures(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    if not summary.key_figures:
        return [para(esc(_("Key figures")), st.h2),
                para(muted(esc(_("No cost lines yet, so no cost figures."))), st.body)]
    rows = [[para(esc(f.label), st.cell), para(bold(esc(f.value)), st.cell_right)] for f in summary.key_figures]
    return [para(esc(_("Key figures")), st.h2), table(rows, [2, 1], 120 * mm, header=False)]


def _open_questions(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    questions = summary.open_questions
    out: list[Flowable] = [para(esc(_("Open questions ({count})").format(count=len(questions))), st.h2)]
    if not questions:
        return [*out, para(muted(esc(_("None: every block has an answer and nothing is marked unclear."))), st.body)]
    for q in questions[:MAX_OPEN_QUESTIONS]:
        out.append(bullet(f"{bold(esc(q.where))}: {esc(q.text)}", st.bullet))
    rest = len(questions) - MAX_OPEN_QUESTIONS
    if rest > 0:
        more = _("and {count} more: blocks left empty and notes marked as a question are shown on the canvases")
        out.append(para(muted(esc(more.format(count=rest))), st.bullet))
    return out


class _Bar(Flowable):
    """A small horizontal completeness bar."""

    def __init__(self, share: float, width: float = 60 * mm, height: float = 7):
        super().__init__()
        self.share, self.width, self.height = max(0.0, min(1.0, share)), width, height

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFillColor(colors.HexColor("#e5e7eb"))
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(colors.HexColor("#1e3a8a"))
        c.rect(0, 0, self.width * self.share, self.height, stroke=0, fill=1)


def _completeness(summary: ExecutiveSummary) -> list[Flowable]:
    st = styles()
    rows = [[para(esc(_("Step")), st.cell_head), para("", st.cell_head),
             para(esc(_("Complete")), st.cell_head_right)]]
    rows += [[para(esc(title), st.cell), _Bar(share), para(esc(percent(share)), st.cell_right)]
             for title, share in summary.completeness]
    return [KeepTogether([para(esc(_("Completeness by step")), st.h2), table(rows, [55, 66, 25], 146 * mm)])]
