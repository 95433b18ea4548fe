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
from canvas_core.plan import Plan
from canvas_core.report.credits import OTHER_SOURCES
from canvas_core.report.markdown_text import bullet, cell, escape, table
from canvas_core.report.summary import (
    ExecutiveSummary,
    body_in_order,
    canvases_in_order,
    decision_lines,
    executive_summary,
    iteration_label,
    standing_verdict,
)
from canvas_core.report.workshops import markdown_section as workshop_sections
from canvas_core.steps import Step

if TYPE_CHECKING:
    from canvas_core.workshop.model import WorkshopRecord

# --- the document ----------------------------------------------------------------------


def build_markdown(plan: Plan, *, iteration: str | None = None, today: date | None = None,
                   workshops: Sequence[WorkshopRecord] = ()) -> str:
    """The whole report as one Markdown document: cover, executive summary, every step
    in journey order, canvases no step shows, the workshops (`workshops`: the records of
    the rooms run on the plan), then the sources. `iteration` labels a saved iteration
    (e.g. "3: after the workshop"); by default the ML Canvas header's number."""
    specs = canvases_in_order()
    label = iteration_label(plan, iteration)
    parts: list[Iterable[str]] = [_cover(plan, label, today or date.today()), _executive_summary(executive_summary(plan))]
    for part in body_in_order():
        if isinstance(part, Step):
            parts.append(part.facet("markdown_section")(plan, part))
        else:
            parts.append(canvas_section(part, plan))
    parts += [other_notes(plan, {spec.id: spec for spec in specs}), workshop_sections(plan, workshops),
              _sources(specs)]
    return "\n".join(line for part in parts for line in part).rstrip() + "\n"


def _cover(plan: Plan, iteration: str | None, today: date) -> Iterator[str]:
    yield f"# {cell(plan.meta.name) or 'Untitled plan'}"
    yield ""
    shown = f" · iteration {cell(iteration)}" if iteration else ""
    yield f"ML plan report{shown} · {today.isoformat()}  "
    if plan.meta.team.strip():
        yield f"**Team:** {cell(plan.meta.team)}  "
    yield f"Last changed {plan.meta.updated_at.date().isoformat()} · amounts in {cell(plan.meta.currency)}"
    yield ""


def _executive_summary(summary: ExecutiveSummary) -> Iterator[str]:
    yield "## Executive summary"
    yield ""
    yield f"### Verdict: {levels.VERDICT_WORDS[standing_verdict(summary)]}"
    yield ""
    yield "  \n".join(escape(line) for line in decision_lines(summary))
    yield ""
    deciding = summary.screening.deciding
    if deciding:
        word = levels.RULE_LEVEL_WORDS[deciding[0].rule.level].lower()
        yield (f"**What would change it:** settling the {len(deciding)} {word} "
               f"reason{'s' if len(deciding) > 1 else ''} below.")
        yield ""
    reasons = summary.screening.reasons
    yield f"### Reasons for the verdict ({len(reasons)})"
    yield ""
    for reason in reasons:
        rule = reason.rule
        yield (f"- **{levels.RULE_LEVEL_WORDS[rule.level]} · {cell(rule.title)}:** {escape(reason.message, indent='  ')}  ")
        yield (f"  Fixed in {cell(reason.step_title)} ({cell(rule.answer)}). What would change it: "
               f"{escape(rule.fix, indent='  ')} Rule `{rule.id}`, source: [{cell(reason.source.title)}]"
               f"(<{reason.source.url}>).")
    if not reasons:
        yield "No screening rule fires."
    yield ""
    yield f"### Consistency between canvases ({len(summary.consistency)})"
    yield ""
    for warning in summary.consistency:
        sides = "; ".join(f"{cell(s.step)}, {cell(s.answer)}: {cell(s.says)}" for s in warning.sides)
        yield f"- {escape(warning.message, indent='  ')}  "
        yield f"  {sides}. Fix: {escape(warning.fix, indent='  ')}"
    if not summary.consistency:
        yield "The twin answers fit together."
    yield ""
    yield "### Signals"
    yield ""
    for signal in summary.signals:
        yield f"- **{cell(signal.name)}: {levels.WORDS[signal.level]}.** {escape(signal.summary, indent='  ')}"
        yield from (bullet(reason, 1) for reason in signal.reasons)
    yield ""
    yield "### Key figures"
    yield ""
    if summary.key_figures:
        yield from table(["Figure", "Value"], ([cell(f.label), cell(f.value)] for f in summary.key_figures), [1])
    else:
        yield "No cost estimate yet."
        yield ""
    yield f"### Open questions ({len(summary.open_questions)})"
    yield ""
    for question in summary.open_questions:
        yield f"- **{cell(question.where)}:** {escape(question.text, indent='  ')}"
    if not summary.open_questions:
        yield "None."
    yield ""
    yield "### Completeness"
    yield ""
    yield from table(["Step", "Complete"], ([cell(title), f"{share:.0%}"] for title, share in summary.completeness),
                      [1])


def _sources(specs: Iterable[CanvasSpec]) -> Iterator[str]:
    yield "## Sources, licences and attributions"
    yield ""
    for spec in specs:
        yield (f"- **{cell(spec.title)}** v{cell(spec.version)} by {cell(spec.authors)}, "
               f"[{cell(spec.licence)}]({spec.licence_url}), source: <{spec.source_url}>.  ")
        yield f"  {escape(spec.attribution, indent='  ')}"
    for credit in OTHER_SOURCES:
        licence = f", [{cell(credit.licence)}]({credit.licence_url})" if credit.licence else ""
        yield f"- **{cell(credit.title)}**: {escape(credit.text)} Source: <{credit.url}>{licence}."
    yield ""
    yield ("Block titles and grids are as published; the questions and example answers in ML Canvas Studio are "
           "its own words.")
