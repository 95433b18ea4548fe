"""The report as Markdown: the same content as the PDF, in the same order.

Every piece of user text passes through `escape` (running text) or `cell`
(a table cell), so what a team typed shows literally in any CommonMark or
GitHub viewer: `<b>`, `*`, `# `, `|` and `[x](y)` are text, never markup.
Our own markup (headings, bullets, bold labels, tables) is added around the
escaped text, never inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal

from canvas_core.canvas.specs import BlockSpec, CanvasSpec
from canvas_core.plan import BlockContent, CanvasContent, Note, Plan
from canvas_core.report.credits import OTHER_SOURCES
from canvas_core.report.summary import (
    LEVEL_WORDS,
    ExecutiveSummary,
    body_in_order,
    canvases_in_order,
    executive_summary,
    iteration_label,
)
from canvas_core.steps import STEPS_BY_ID
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.data_landscape import rules as data_landscape
from canvas_core.steps.workflow import rules as workflow

# --- escaping --------------------------------------------------------------------------

# Characters that start inline markup anywhere in a line (CommonMark + GitHub:
# emphasis, code, links, raw HTML and entities, tables, strikethrough, math).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# What starts a block only at the beginning of a line: a list item ("- ", "+ ",
# "1. ", "1) "), and a line of only "-" or "=" (a thematic break, or a setext
# underline that turns the line above into a heading). "-5 %" or "4.2 million"
# stay as typed.
_BULLET = re.compile(r"^([-+])(?=[ \t]|$)")
_RULE = re.compile(r"^([-=])[-= \t]*$")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")


def _escape_line(line: str) -> str:
    # Leading blanks would make an indented code block; trailing ones a hard break.
    line = _INLINE.sub(r"\\\1", line.strip().replace("\x00", "\ufffd"))
    line = _RULE.sub(lambda m: "\\" + m.group(0), _BULLET.sub(r"\\\1", line))
    return _ORDERED.sub(r"\1\\\2", line)


def escape(text: str, *, indent: str = "") -> str:
    """User text as literal Markdown. Lines stay lines (as hard line breaks, continued
    at `indent` so they stay inside a list item); blank lines are dropped."""
    lines = [_escape_line(line) for line in text.splitlines()]
    return f"\\\n{indent}".join(line for line in lines if line)


def cell(text: str) -> str:
    """User text as one table cell: on one line, pipes escaped."""
    return _escape_line(" ".join(text.split()))


def _table(header: list[str], rows: Iterable[list[str]], right: Iterable[int] = ()) -> list[str]:
    """A GitHub table; header cells are ours, row cells must come escaped already."""
    right = set(right)
    rule = ["---:" if i in right else "---" for i in range(len(header))]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |",
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _bullet(text: str, level: int = 0) -> str:
    indent = "  " * level
    return f"{indent}- {escape(text, indent=indent + '  ')}"


def _fence(text: str, info: str) -> list[str]:
    """A code fence longer than any run of backticks inside, so nothing can close it early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return [f"{ticks}{info}", text, ticks, ""]


# --- the document ----------------------------------------------------------------------


def build_markdown(plan: Plan, *, iteration: str | None = None, today: date | None = None) -> str:
    """The whole report as one Markdown document: cover, executive summary, every step
    in journey order, canvases no step shows, then the sources. `iteration` labels a
    saved iteration (e.g. "3: after the workshop"); by default the ML Canvas header's number."""
    specs = canvases_in_order()
    label = iteration_label(plan, iteration)
    parts: list[Iterable[str]] = [_cover(plan, label, today or date.today()), _executive_summary(executive_summary(plan))]
    for part in body_in_order():
        if isinstance(part, CanvasSpec):
            parts.append(_canvas(part, plan.canvases.get(part.id)))
        elif part in STEP_SECTIONS:
            parts.append(STEP_SECTIONS[part](plan))
    parts += [_unknown_content(plan, specs), _sources(specs)]
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
    yield "### Signals"
    yield ""
    for signal in summary.signals:
        yield f"- **{cell(signal.name)}: {LEVEL_WORDS[signal.level]}.** {escape(signal.summary, indent='  ')}"
        yield from (_bullet(reason, 1) for reason in signal.reasons)
    yield ""
    yield "### Key figures"
    yield ""
    if summary.key_figures:
        yield from _table(["Figure", "Value"], ([cell(f.label), cell(f.value)] for f in summary.key_figures), [1])
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
    yield from _table(["Step", "Complete"], ([cell(title), f"{share:.0%}"] for title, share in summary.completeness),
                      [1])


# --- canvases --------------------------------------------------------------------------



def _note(note: Note, level: int = 0) -> str:
    status = f" *({note.status.value})*" if note.status else ""
    return _bullet(note.text, level) + status


def _canvas(spec: CanvasSpec, content: CanvasContent | None) -> Iterator[str]:
    yield f"## {cell(spec.title)}"
    yield ""
    yield f"*{cell(spec.description)}*"
    yield ""
    if content is not None:
        header = content.header
        labels = spec.header
        pairs = [(labels.designed_for, header.designed_for), (labels.designed_by, header.designed_by),
                 (labels.date, header.date.isoformat() if header.date else ""),
                 (labels.iteration, str(header.iteration))]
        yield "  \n".join(f"**{cell(label)}:** {cell(value)}" for label, value in pairs if value.strip())
        yield ""
        for field in spec.fields:
            value = content.fields.get(field.id, "")
            if value.strip():
                yield f"**{cell(field.label)}:** {escape(value)}"
                yield ""
    for block in spec.blocks_in_reading_order:
        yield from _block(block, content.blocks.get(block.id) if content else None)


def _block(block: BlockSpec, stored: BlockContent | None) -> Iterator[str]:
    number = f"{block.number}. " if block.number else ""
    yield f"### {number}{cell(block.title)}"
    yield ""
    notes = [n for n in stored.notes if n.text.strip()] if stored else []
    topics = {s.id for s in block.subitems}
    loose = [n for n in notes if n.topic not in topics]
    if not notes:
        yield "*Left empty.*"
        yield ""
    yield from (_note(n) for n in loose)
    if loose:
        yield ""
    for sub in block.subitems if notes else ():
        yield f"#### {cell(sub.title)}"
        yield ""
        mine = [n for n in notes if n.topic == sub.id]
        yield from (_note(n) for n in mine) if mine else ("*Left empty.*",)
        yield ""
    values = stored.fields if stored else {}
    answered = [(f.label, values[f.id]) for f in block.fields if values.get(f.id, "").strip()]
    for label, value in answered:
        yield f"- **{cell(label)}:** {escape(value, indent='  ')}"
    if answered:
        yield ""


def _unknown_content(plan: Plan, specs: Iterable[CanvasSpec]) -> Iterator[str]:
    """Notes kept in the plan under a canvas or block this version does not draw
    (e.g. from an older canvas file): listed, so nothing typed goes missing."""
    known = {spec.id: {b.id for b in spec.blocks} for spec in specs}
    lost = [(canvas_id, block_id, block) for canvas_id, content in plan.canvases.items()
            for block_id, block in content.blocks.items()
            if block_id not in known.get(canvas_id, ()) and block.notes]
    if not lost:
        return
    yield "## Other notes"
    yield ""
    for canvas_id, block_id, block in lost:
        yield f"### {cell(canvas_id)} · {cell(block_id)}"
        yield ""
        yield from (_note(n) for n in block.notes)
        yield ""


# --- workflow --------------------------------------------------------------------------


def _number(value: Decimal | int | None) -> str:
    return "" if value is None else costs.format_number(value)


def _workflow(plan: Plan) -> Iterator[str]:
    wf = plan.workflow
    yield f"## {STEPS_BY_ID['workflow'].title}"
    yield ""
    if wf.process_name.strip():
        yield f"**Process:** {cell(wf.process_name)}"
        yield ""
    names = {t.id: t.name for t in wf.tasks}
    yield f"### {workflow.TASKS_LABEL}"
    yield ""
    if wf.tasks:
        rows = ([cell(t.name) + (" **(chosen)**" if t.id == wf.chosen_task_id else ""), cell(t.actor), cell(t.input),
                 cell(t.output), _number(t.minutes_per_case), _number(t.cases_per_month),
                 "yes" if t.prediction_candidate else "", cell(", ".join(names[i] for i in t.leads_to if i in names)),
                 cell(t.pain)] for t in wf.tasks)
        yield from _table(["Task", "Who", "Input", "Output", "Minutes per case", "Cases per month",
                           "Prediction candidate", "Leads to", "Pain"], rows, [4, 5])
        yield from _fence(workflow.to_mermaid(workflow.process_graph(wf)), "mermaid")
    else:
        yield "No tasks yet."
        yield ""
    candidates = [c for c in workflow.rank_candidates(wf)]
    if candidates:
        yield "### Prediction candidates, ranked"
        yield ""
        yield from _table(["Rank", "Task", "Hours saved per month", "Errors avoided per month", workflow.COST_LABEL,
                           "Score", "Warning"],
                          ([str(c.rank), cell(c.task.name), _number(c.hours_saved_per_month),
                            _number(c.errors_avoided_per_month), cell(c.wrong_prediction_cost or ""),
                            _number(c.score), cell(c.warning)] for c in candidates), [0, 2, 3, 5])
    chosen = names.get(wf.chosen_task_id or "")
    yield f"### {workflow.CHOSEN_LABEL}: {cell(chosen) if chosen else 'not chosen yet'}"
    yield ""
    integration = wf.integration
    for field, label in workflow.INTEGRATION_LABELS.items():
        answer = getattr(integration, field)
        given = (answer.value or "") if field == "mode" else answer.text
        flag = " *(marked unclear)*" if answer.unclear else ""
        text = escape(given, indent="  ") if given.strip() else "*not answered yet*"
        yield f"- **{cell(label)}:**{flag} {text}"
    yield ""
    yield "### Use-case characteristics"
    yield ""
    ch = wf.characteristics
    for field, label in workflow.CHARACTERISTIC_LABELS.items():
        rating = getattr(ch, field)
        score = f"{rating.score} of 5" if rating.score is not None else "no score yet"
        note = f" {escape(rating.note, indent='  ')}" if rating.note.strip() else ""
        yield f"- **{cell(label)}:** {score}.{note}"
    for field, label in workflow.REASON_LABELS.items():
        value = getattr(ch, field)
        yield f"- **{cell(label)}:** {'not answered yet' if value is None else ('applies' if value else 'does not apply')}"
    if ch.reasons_note.strip():
        yield f"- **Note on the reasons:** {escape(ch.reasons_note, indent='  ')}"
    yield ""


# --- costs -----------------------------------------------------------------------------


def _costs(plan: Plan) -> Iterator[str]:
    def money(amount: Decimal) -> str:
        return cell(costs.format_money(amount, plan.meta.currency, plan.meta.language))

    estimate = plan.costs
    yield f"## {STEPS_BY_ID['costs'].title}"
    yield ""
    if not estimate.lines:
        yield "No cost lines yet."
        yield ""
        return
    summary = costs.summarize(estimate)
    years = summary.horizon_years
    yield (f"System maintenance is {estimate.maintenance_share:.0%} of the initial development cost per year "
           f"(an assumption); the total cost of ownership covers {years} year{'s' if years > 1 else ''}.")
    yield ""
    yield "### Totals"
    yield ""
    totals = [("One-time", summary.one_time), ("Running per year", summary.running_per_year),
              (f"Total cost of ownership, {years} year{'s' if years > 1 else ''}", summary.total_cost_of_ownership),
              ("Yearly benefit needed to break even", summary.break_even_per_year)]
    yield from _table(["", "Low", "Expected", "High"],
                      ([label, money(r.low), money(r.expected), money(r.high)] for label, r in totals), [1, 2, 3])
    yield "### By category"
    yield ""
    yield from _table(["Category", "Kind", "Low", "Expected", "High"],
                      ([costs.CATEGORY_LABELS[c], "one-time" if c in costs.ONE_TIME else "per year",
                        money(r.low), money(r.expected), money(r.high)] for c, r in summary.by_category.items()),
                      [2, 3, 4])
    yield "### Cumulative cost by year"
    yield ""
    yield from _table(["End of year", "Low", "Expected", "High"],
                      ([str(year), money(r.low), money(r.expected), money(r.high)]
                       for year, r in enumerate(summary.cumulative)), [0, 1, 2, 3])
    yield "### Cost lines"
    yield ""
    rows = ([costs.CATEGORY_LABELS[line.category], cell(line.label), _number(line.people), _number(line.months),
             money(line.low), money(line.expected), money(line.high), "yes" if line.assumption else "", cell(line.note)]
            for c in costs.TAXONOMY for line in estimate.lines if line.category == c)
    yield from _table(["Category", "Line", "People", "Months", "Low", "Expected", "High", "Assumption", "Note"],
                      rows, [2, 3, 4, 5, 6])


# --- data landscape --------------------------------------------------------------------


def _data_landscape(plan: Plan) -> Iterator[str]:
    assets = plan.data_landscape.assets
    yield f"## {STEPS_BY_ID['data_landscape'].title}"
    yield ""
    if not assets:
        yield "No data assets yet."
        yield ""
        return
    dl = data_landscape
    rows = ([cell(a.name), dl.STATUS_LABELS[a.status], dl.SHARING_LABELS[a.sharing], dl.ACQUISITION_LABELS[a.acquisition],
             dl.PERSONAL_LABELS[a.personal_data], ", ".join(dl.KIND_LABELS[k] for k in a.kinds),
             ", ".join(dl.USE_LABELS[u] for u in a.uses), "yes" if a.at_prediction_time else "no",
             cell(costs.format_money(a.yearly_cost, plan.meta.currency, plan.meta.language))
             if a.yearly_cost is not None else ""]
            for a in assets)
    yield from _table(["Asset", "Status", "Sharing", "Acquisition", "Personal data", "Kinds", "Uses",
                       "Known at prediction time", "Yearly cost"], rows, [8])
    found = dl.findings(plan)
    yield "### Findings"
    yield ""
    for finding in found:
        yield f"- **{LEVEL_WORDS[finding.level]}: {cell(finding.title)}.** {escape(finding.detail, indent='  ')}"
    if not found:
        yield "None."
    yield ""
    yield "### Assets in detail"
    yield ""
    for asset in assets:
        yield f"#### {cell(asset.name)}"
        yield ""
        details = [("Description", asset.description), ("Contents", asset.contents), ("Owner", asset.owner),
                   ("Location", asset.location), ("Volume", asset.volume), ("Refresh", asset.refresh),
                   ("How the project uses it", asset.use)]
        for label, value in details:
            if value.strip():
                yield f"- **{label}:** {escape(value, indent='  ')}"
        yield ""


# --- review --------------------------------------------------------------------------


def _review(plan: Plan) -> Iterator[str]:
    """The team's own open questions and the facilitator's note, as the PDF's review page."""
    yield f"## {STEPS_BY_ID['review'].title}"
    yield ""
    yield "### Open questions of the team"
    yield ""
    questions = [q for q in plan.review.open_questions if q.strip()]
    yield from (_bullet(q) for q in questions) if questions else ("None.",)
    yield ""
    note = plan.review.facilitator_note
    yield f"**Facilitator's note:** {escape(note)}" if note.strip() else "No facilitator's note yet."
    yield ""


# A form step names its section here; a canvas step needs nothing (any canvas
# spec is drawn by `_canvas`). A test checks that every step has a section.
STEP_SECTIONS: dict[str, Callable[[Plan], Iterable[str]]] = {
    "workflow": _workflow,
    "costs": _costs,
    "data_landscape": _data_landscape,
    "review": _review,
}


# --- sources ---------------------------------------------------------------------------


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
