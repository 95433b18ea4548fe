"""The Markdown export, read back with a CommonMark parser (markdown-it-py, with
GitHub's tables and strikethrough): everything typed appears, and nothing typed
ever turns into markup."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from canvas_core.plan import CostLine, DataAsset, Note, Plan, WorkflowTask
from canvas_core.report.markdown import build_markdown
from canvas_core.report.markdown_text import cell, escape

PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PLAIN_INLINE = {"text", "softbreak", "hardbreak"}

MARKUP = list("<>&*_`#|[]()!-+=.:;/\\~$^\"' \t\n\r0123456789abc") + ["<b>", "<img src=x>", "&amp;", "[x](y)",
                                                                       "1. ", "- ", "# ", "```", "---", "\u2028"]
adversarial = st.one_of(st.text(max_size=60),
                        st.lists(st.sampled_from(MARKUP), max_size=25).map("".join))


def inline_texts(markdown: str) -> list[str]:
    """The visible text of every paragraph, heading and table cell, hard breaks as newlines."""
    texts = []
    for token in PARSER.parse(markdown):
        if token.type == "inline":
            texts.append("".join(c.content if c.type == "text" else "\n" if c.type == "hardbreak" else " "
                                 if c.type == "softbreak" else "" for c in token.children or ()))
    return texts


def visible(text: str) -> str:
    """What a reader should see of typed text: its lines, trimmed, blank ones dropped."""
    return "\n".join(line.strip() for line in text.replace("\x00", "\ufffd").splitlines() if line.strip())


def test_markup_like_text_is_shown_literally():
    for text in ["<b>bold</b>", "<img src=https://example.com/x.png>", "0.1 <A <0.9", "S&P 500", "&amp;",
                 "*not emphasis*", "# not a heading", "[x](https://example.com)", "a | b", "~~gone~~",
                 "`code`", "1. not a list", "- not a bullet", "---", "$x$", "<script>alert(1)</script>"]:
        tokens = PARSER.parse(escape(text))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], text
        assert {c.type for c in tokens[1].children} <= PLAIN_INLINE, text
        assert inline_texts(escape(text)) == [text]
    assert "&lt;b&gt;" in PARSER.render(escape("<b>"))


def test_ordinary_numbers_and_dashes_stay_as_typed():
    assert escape("4.2 million, -5 % and 3-4 weeks") == "4.2 million, -5 % and 3-4 weeks"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial)
def test_any_text_reads_back_as_typed_and_never_as_markup(text):
    assume(visible(text))
    tokens = PARSER.parse(escape(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in tokens[1].children} <= PLAIN_INLINE
    assert inline_texts(escape(text)) == [visible(text)]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial)
def test_any_text_stays_inside_its_table_cell(text):
    table = f"| a | b |\n| --- | --- |\n| {cell(text)} | end |\n"
    tokens = PARSER.parse(table)
    cells = [t for t in tokens if t.type == "inline"]
    assert len(cells) == 4 and cells[3].content == "end"
    assert {c.type for c in cells[2].children} <= PLAIN_INLINE
    assert inline_texts(table)[2] == " ".join(text.replace("\x00", "\ufffd").split())


def _plan_with(text: str) -> Plan:
    """A plan whose user text, in every kind of place the report shows, is `text`."""
    plan = Plan()
    plan.meta.name = plan.meta.team = text[:300]
    brief = plan.canvas("product_brief")
    brief.block("background").notes += [Note(text=text, topic="users"), Note(text=text, status="question")]
    ml = plan.canvas("ml_canvas")
    plan.meta.designed_for = text[:300]
    ml.block("features").notes.append(Note(text=text))
    ops = plan.canvas("mlops_stack")
    ops.fields["maturity_stage"] = text
    ops.block("ci_ct_cd").fields["decision_record"] = text
    task = WorkflowTask(name=text[:300], actor=text[:300], pain=text)
    plan.workflow.tasks = [task, WorkflowTask(name=text[:300], leads_to=[task.id])]
    plan.workflow.chosen_task_id = task.id
    plan.workflow.process_name = text[:300]
    plan.workflow.integration.fallback.text = text
    plan.workflow.integration.fallback.unclear = True
    plan.workflow.characteristics.data_availability.note = text
    plan.costs.lines.append(CostLine(category="data", label=text[:300], note=text, expected=Decimal(10),
                                     high=Decimal(20)))
    plan.data_landscape.assets.append(DataAsset(name=text[:300], description=text, status="question",
                                                yearly_cost=Decimal(5), use=text, legal_basis=text,
                                                acquisition_plan=text))
    plan.review.open_questions.append(text)
    plan.review.facilitator_note = text
    return plan


def _structure(markdown: str) -> list[str]:
    """Block tokens, and inside each inline the tokens that are not plain text."""
    shape = []
    for token in PARSER.parse(markdown):
        shape.append(token.type)
        shape += [c.type for c in token.children or () if c.type not in PLAIN_INLINE]
    return shape


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(adversarial)
def test_user_text_never_changes_the_shape_of_the_document(text):
    assume(all(line.strip() for line in text.replace("\r", "\n").split("\n")) and "\u2028" not in text
           and "\x00" not in text and text.strip() == text)
    today = date(2026, 11, 23)
    odd = build_markdown(_plan_with(text), today=today)
    plain = build_markdown(_plan_with("x" * len(text)), today=today)
    assert _structure(odd) == _structure(plain)
    assert "<" not in odd.replace("\\<", "").replace("<https://", "")  # every < from the user is escaped


def test_greek_and_cyrillic_are_kept():
    plan = Plan()
    plan.meta.name = "Ζημιά οχήματος"
    plan.canvas("ml_canvas").block("features").notes.append(Note(text="Обращения клиентов по-русски"))
    markdown = build_markdown(plan)
    assert markdown.startswith("# Ζημιά οχήματος\n")
    assert "- Обращения клиентов по-русски" in markdown.splitlines()


def test_every_typed_answer_of_the_worked_example_appears(example_plan: Plan):
    texts = "\n".join(inline_texts(build_markdown(example_plan)))
    typed = [n.text for content in example_plan.canvases.values() for block in content.blocks.values()
             for n in block.notes]
    typed += [v for content in example_plan.canvases.values() for block in content.blocks.values()
              for v in block.fields.values()]
    typed += [v for content in example_plan.canvases.values() for v in content.fields.values()]
    wf = example_plan.workflow
    typed += [t.name for t in wf.tasks] + [t.pain for t in wf.tasks] + [t.actor for t in wf.tasks]
    typed += [getattr(wf.integration, f).text for f in ("previous_steps", "use_of_model", "desired_outcome",
                                                          "who_acts", "fallback", "systems", "feedback")]
    typed += [line.label for line in example_plan.costs.lines] + [line.note for line in example_plan.costs.lines]
    assets = example_plan.data_landscape.assets
    typed += [a.name for a in assets] + [a.description for a in assets] + [a.use for a in assets]
    typed += [a.legal_basis for a in assets] + [a.acquisition_plan for a in assets]
    typed += example_plan.review.open_questions + [example_plan.review.facilitator_note]
    typed = [visible(t) for t in typed if t.strip()]
    assert len(typed) > 150
    missing = [t for t in typed if t not in texts]
    assert missing == []


def test_the_worked_example_reads_in_report_order(example_plan: Plan):
    markdown = build_markdown(example_plan, today=date(2026, 11, 23))
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == ["## Executive summary", "## Product brief (Made With ML canvas)", "## Workflow integration",
                        "## Costs", "## Machine Learning Canvas", "## Data landscape", "## MLOps Stack Canvas",
                        "## Review & report", "## Sources, licences and attributions"]
    assert f"**Facilitator's note:** {escape(example_plan.review.facilitator_note)}" in markdown
    assert "ML plan report · iteration 2 · 2026-11-23" in markdown
    assert "| One-time cost (expected) | EUR 223,300 |" in markdown
    assert "```mermaid\nflowchart LR" in markdown
    assert "inspired by the Data Landscape Canvas by Datentreiber" in markdown
    assert "[CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)" in markdown


def test_the_twin_answers_and_what_each_cost_line_covers_are_in_the_report(example_plan: Plan):
    markdown = build_markdown(example_plan)
    ml_canvas = markdown[markdown.index("## Machine Learning Canvas"):markdown.index("## Data landscape")]
    making = ml_canvas[ml_canvas.index("### 5. Making Predictions"):ml_canvas.index("### 6.")]
    assert "- **Serving mode:** real time" in making
    assert "- **Predictions per month:** About 54,000 (peak 300 an hour)" in making
    assert "- **Monitoring planned:** yes" in ml_canvas
    lines = markdown.splitlines()
    assert ("| Category | Line | Covers | People | Months | Computed as | Low | Expected | High | Assumption | Note |"
            in lines)
    serving = next(line for line in lines if line.startswith("| Operational maintenance") and "Serving on the" in line)
    assert serving.split(" | ")[2] == "Serving"


def test_a_staff_line_with_rates_shows_people_months_and_rates_and_the_computed_amounts(example_plan: Plan):
    lines = build_markdown(example_plan).splitlines()
    owner = next(line for line in lines if line.startswith("| Staff | Product owner |"))
    assert ("0.3 people × 6 months × monthly rate EUR 9,000 / EUR 10,000 / EUR 11,500 (low / expected / high)"
            in escape_free(owner))
    assert "EUR 16,200" in owner and "EUR 18,000" in owner and "EUR 20,700" in owner


def escape_free(markdown_line: str) -> str:
    return markdown_line.replace("\\", "")


def test_the_worked_example_prices_the_hours_saved_and_names_the_line_paying_for_its_data(example_plan: Plan):
    lines = build_markdown(example_plan).splitlines()
    costs, landscape = lines.index("## Costs"), lines.index("## Data landscape")
    assert lines.index(escape(
        "The chosen task saves about 8,640 hours a year; at EUR 38.00 an hour that is EUR 328,320 a year, "
        "more than the EUR 155,893 a year needed to break even.")) in range(costs, landscape)
    assert f"- **Paid by:** {escape('Postal address reference data licence (per year)')}" in lines[landscape:]
    example_plan.costs.value_per_hour_saved = None
    assert not [line for line in build_markdown(example_plan).splitlines() if "an hour that is" in line]


def test_an_empty_plan_says_what_is_missing():
    markdown = build_markdown(Plan())
    assert "No cost estimate yet." in markdown and "No tasks yet." in markdown and "No data assets yet." in markdown
    assert markdown.count("*Left empty.*") >= 30


def test_a_saved_iteration_can_be_named():
    markdown = build_markdown(Plan(), iteration="3: after the <b>workshop</b>", today=date(2026, 1, 2))
    assert "ML plan report · iteration 3: after the \\<b\\>workshop\\</b\\> · 2026-01-02" in markdown
    assert "iteration" not in build_markdown(Plan(), iteration="").splitlines()[2]


def test_the_summary_opens_with_the_verdict_then_reasons_and_consistency(example_plan):
    example_plan.canvas("mlops_stack").block("prediction_serving").fields["serving_mode"] = "batch"
    markdown = build_markdown(example_plan)
    summary = markdown.split("## Executive summary")[1]
    assert summary.lstrip().startswith("### Verdict: Redesign first")
    assert summary.index("### Reasons for the verdict") < summary.index("### Consistency between canvases (1)")
    assert "Rule `features-after-prediction`" in summary


def test_the_judgement_and_what_is_unclear_are_in_the_workflow_section(example_plan: Plan):
    example_plan.workflow.judgement = "Route *this* <b>mail</b>"
    lines = build_markdown(example_plan).splitlines()
    assert f"**The human judgement the prediction supports:** {escape('Route *this* <b>mail</b>')}" in lines
    assert ("  - *Unclear:* " + escape("Whether the ticket system vendor can add the button before the July shadow "
                                        "start, and who reviews the reasons each month.")) in lines
    example_plan.workflow.integration.feedback.unclear = False  # what was unclear is kept, but no longer said
    assert not [line for line in build_markdown(example_plan).splitlines() if "*Unclear:*" in line]
