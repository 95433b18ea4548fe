"""The report as Markdown: the same content as the PDF, in the same order.

The parts come from the step registry (report.summary.body_in_order) like the
PDF's: each step writes its own section, any canvas the generic canvas section.
User text is escaped by canvas_core.report.markdown_text, never written raw.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from canvas_core import levels
from canvas_core.canvas.markdown import canvas_section, other_notes
from canvas_core.canvas.specs import CanvasSpec
from canvas_core.canvas.titles import shown_title, translation_note
from canvas_core.i18n import _, date_text, language
from canvas_core.plan import Plan
from canvas_core.report.credits import OTHER_SOURCES
from canvas_core.report.markdown_text import bullet, cell, escape, table
from canvas_core.report.summary import (
    ExecutiveSummary,
    as_shown,
    body_in_order,
    canvases_in_order,
    decision_lines,
    executive_summary,
    fixed_in,
    iteration_label,
    percent,
    settling,
    standing_verdict,
)
from canvas_core.report.workshops import markdown_section as workshop_sections
from canvas_core.steps import Step

if TYPE_CHECKING:
    from canvas_core.workshop.model import WorkshopRecord

# --- the document ----------------------------------------------------------------------


def build_markdown(plan: Plan, *, iteration: str | None = None, today: date | None = None,
                   workshops: Sequence[WorkshopRecord] = ()) -> str:
    """The whole report as one Markdown document, in the plan's language: cover, executive summary,
    every step in journey order, canvases no step shows, the workshops (`workshops`: the records of
    the rooms run on the plan), then the sources. `iteration` labels a saved iteration
    (e.g. "3: after the workshop"); by default the ML Canvas header's number."""
    with language(plan.meta.language):  # the plan's language, whatever the reader's (or no session's)
        specs = canvases_in_order()
        label = iteration_label(plan, iteration)
        parts: list[Iterable[str]] = [_cover(plan, label, today or date.today()),
                                      _executive_summary(executive_summary(plan))]
        for part in body_in_order():
            if isinstance(part, Step):
                parts.append(part.facet("markdown_section")(plan, as_shown(part)))
            else:
                parts.append(canvas_section(part, plan))
        parts += [other_notes(plan, {spec.id: spec for spec in specs}), workshop_sections(plan, workshops),
                  _sources(specs)]
        # The parts are generators: they are read here, still in the plan's language.
        return "\n".join(line for part in parts for line in part).rstrip() + "\n"


def _cover(plan: Plan, iteration: str | None, today: date) -> Iterator[str]:
    yield "# " + (cell(plan.meta.name) or escape(_("Untitled plan")))
    yield ""
    if iteration:
        yield _("ML plan report · iteration {iteration} · {date}").format(iteration=cell(iteration),
                                                                          date=date_text(today)) + "  "
    else:
        yield _("ML plan report · {date}").format(date=date_text(today)) + "  "
    if plan.meta.team.strip():
        yield _("**Team:** {team}").format(team=cell(plan.meta.team)) + "  "
    yield _("Last changed {date} · amounts in {currency}").format(date=date_text(plan.meta.updated_at.date()),
                                                                  currency=cell(plan.meta.currency))
    yield ""


def _executive_summary(summary: ExecutiveSummary) -> Iterator[str]:
    yield "## " + _("Executive summary")
    yield ""
    yield "### " + _("Verdict: {verdict}").format(verdict=_(levels.VERDICT_WORDS[standing_verdict(summary)]))
    yield ""
    yield "  \n".join(escape(line) for line in decision_lines(summary))
    yield ""
    if summary.screening.deciding:
        yield _("**What would change it:** {settling}").format(settling=escape(settling(summary)))
        yield ""
    reasons = summary.screening.reasons
    yield "### " + _("Reasons for the verdict ({count})").format(count=len(reasons))
    yield ""
    for reason in reasons:
        rule = reason.rule
        yield (f"- **{_(levels.RULE_LEVEL_WORDS[rule.level])} · {cell(_(rule.title))}:** "
               f"{escape(reason.message, indent='  ')}  ")
        yield "  " + fixed_in().format(step=cell(_(reason.step_title)), answer=cell(_(rule.answer)),
                                       fix=escape(_(rule.fix), indent="  "), rule=f"`{rule.id}`",
                                       source=f"[{cell(reason.source.title)}](<{reason.source.url}>)")
    if not reasons:
        yield _("No screening rule fires.")
    yield ""
    yield "### " + _("Consistency between canvases ({count})").format(count=len(summary.consistency))
    yield ""
    for warning in summary.consistency:
        sides = "; ".join(f"{cell(s.step)}, {cell(s.answer)}: {cell(s.says)}" for s in warning.sides)
        yield f"- {escape(warning.message, indent='  ')}  "
        yield f"  {sides}. " + _("Fix: {fix}").format(fix=escape(warning.fix, indent="  "))
    if not summary.consistency:
        yield _("The twin answers fit together.")
    yield ""
    yield "### " + _("Signals")
    yield ""
    for signal in summary.signals:
        yield f"- **{cell(signal.name)}: {_(levels.WORDS[signal.level])}.** {escape(signal.summary, indent='  ')}"
        yield from (bullet(reason, 1) for reason in signal.reasons)
    yield ""
    yield "### " + _("Key figures")
    yield ""
    if summary.key_figures:
        yield from table([_("Figure"), _("Value")], ([cell(f.label), cell(f.value)] for f in summary.key_figures),
                         [1])
    else:
        yield _("No cost estimate yet.")
        yield ""
    yield "### " + _("Open questions ({count})").format(count=len(summary.open_questions))
    yield ""
    for question in summary.open_questions:
        yield f"- **{cell(question.where)}:** {escape(question.text, indent='  ')}"
    if not summary.open_questions:
        yield _("None.")
    yield ""
    yield "### " + _("Completeness")
    yield ""
    yield from table([_("Step"), _("Complete")],
                     ([cell(title), percent(share)] for title, share in summary.completeness), [1])


def _sources(specs: Iterable[CanvasSpec]) -> Iterator[str]:
    yield "## " + _("Sources, licences and attributions")
    yield ""
    for spec in specs:
        yield _("- **{title}** v{version} by {authors}, {licence}, source: {source}.").format(
            title=cell(shown_title(spec.title)), version=cell(spec.version), authors=cell(spec.authors),
            licence=f"[{cell(spec.licence)}]({spec.licence_url})", source=f"<{spec.source_url}>") + "  "
        yield "  " + escape(_(spec.attribution), indent="  ")
        note = translation_note()
        if note:
            yield f"  {escape(note, indent='  ')}"
    for credit in OTHER_SOURCES:
        source = f"<{credit.url}>"
        if credit.licence:
            line = _("- **{title}**: {text} Source: {source}, {licence}.").format(
                title=cell(_(credit.title)), text=escape(_(credit.text)), source=source,
                licence=f"[{cell(credit.licence)}]({credit.licence_url})")
        else:
            line = _("- **{title}**: {text} Source: {source}.").format(
                title=cell(_(credit.title)), text=escape(_(credit.text)), source=source)
        yield line
    yield ""
    yield _("Block titles and grids are as published; the questions and example answers in ML Canvas Studio are "
            "its own words.")
