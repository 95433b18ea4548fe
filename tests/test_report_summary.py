"""The executive summary: signals, key cost figures, open questions and completeness."""

from __future__ import annotations

from decimal import Decimal

from canvas_core.plan import CostLine, DataAsset, Note, Plan, WorkflowTask
from canvas_core.report.summary import LEFT_EMPTY, canvases_in_order, executive_summary
from canvas_core.steps import STEPS
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.data_landscape import rules as data_landscape
from canvas_core.steps.review.signals import DATA_SIGNAL, WORKFLOW_SIGNAL
from canvas_core.steps.workflow import rules as workflow


def questions(plan: Plan) -> list[tuple[str, str]]:
    return [(q.where, q.text) for q in executive_summary(plan).open_questions]


def test_canvases_come_in_journey_order():
    assert [s.id for s in canvases_in_order()] == ["product_brief", "ml_canvas", "mlops_stack"]


def test_an_empty_plan_lists_every_block_as_left_empty_and_has_no_cost_figures(specs):
    summary = executive_summary(Plan())
    empty = [q for q in summary.open_questions if q.text == LEFT_EMPTY]
    assert len(empty) == sum(len(spec.blocks) for spec in specs.values())
    assert ("ML Canvas · Features", LEFT_EMPTY) in questions(Plan())
    assert summary.key_figures == ()  # zeros would read like a free project
    assert summary.completeness == tuple((s.title, 0.0) for s in STEPS if s.id != "review")


def test_a_partly_answered_block_names_its_empty_sub_items():
    plan = Plan()
    plan.canvas("product_brief").block("background").notes.append(Note(text="Dispatchers", topic="users"))
    found = questions(plan)
    assert ("Product brief · Background · Goals", LEFT_EMPTY) in found
    assert ("Product brief · Background · Pains", LEFT_EMPTY) in found
    assert not [q for q in found if q[0].startswith("Product brief · Background · Users")]
    assert ("Product brief · Background", LEFT_EMPTY) not in found


def test_unclear_answers_and_questions_come_before_empty_blocks_with_their_raw_text():
    plan = Plan()
    plan.workflow.integration.fallback.text = "Queue <b>manually</b> & hope"
    plan.workflow.integration.fallback.unclear = True
    plan.workflow.integration.mode.value = "automate"
    plan.workflow.integration.mode.unclear = True
    plan.canvas("ml_canvas").block("features").notes.append(Note(text="Is the CRM segment usable?", status="question"))
    plan.data_landscape.assets.append(DataAsset(name="CRM replica", status="question"))
    plan.review.open_questions.append("Who signs off?")
    found = questions(plan)
    assert found[:5] == [
        ("Review & report", "Who signs off?"),
        (f"Workflow integration · {workflow.INTEGRATION_LABELS['mode']}", "Marked unclear: automate"),
        (f"Workflow integration · {workflow.INTEGRATION_LABELS['fallback']}",
         "Marked unclear: Queue <b>manually</b> & hope"),
        ("Data landscape · CRM replica", "Status is an open question"),
        ("ML Canvas · Features", "Is the CRM segment usable?"),
    ]
    assert all(text == LEFT_EMPTY for _, text in found[5:])


def test_cost_figures_are_formatted_in_the_plans_currency_and_language():
    plan = Plan()
    plan.meta.currency, plan.meta.language = "CHF", "de"
    plan.costs.lines.append(CostLine(category="staff", label="Data scientist", low=Decimal(1000),
                                     expected=Decimal(12000), high=Decimal(15000)))
    figures = {f.label: f.value for f in executive_summary(plan).key_figures}
    expected = costs.summarize(plan.costs)
    assert figures["One-time cost (expected)"] == "12.000 CHF"
    assert figures["Total cost of ownership, 3 years (expected)"] == costs.format_money(
        expected.total_cost_of_ownership.expected, "CHF", "de")
    assert "Hours saved per year by the chosen task" not in figures


def test_the_workflow_signal_is_the_readiness_with_each_reason_naming_its_answer():
    plan = Plan()
    plan.workflow.tasks = [WorkflowTask(name="Triage", wrong_prediction_cost="unacceptable")]
    plan.workflow.chosen_task_id = plan.workflow.tasks[0].id
    signal = next(s for s in executive_summary(plan).signals if s.name == WORKFLOW_SIGNAL)
    ready = workflow.readiness(plan.workflow)
    assert (signal.level, signal.summary) == ("red", ready.summary)
    assert signal.reasons[0] == f"{workflow.COST_LABEL}: wrong predictions are unacceptable for the chosen task (Triage)"
    assert len(signal.reasons) == len(ready.reasons)


def test_worked_example_summary(example_plan: Plan):
    summary = executive_summary(example_plan)
    figures = {f.label: f.value for f in summary.key_figures}
    assert figures["One-time cost (expected)"] == "EUR 223,300"
    assert figures["Total cost of ownership, 3 years (expected)"] == "EUR 467,680"
    assert figures["Hours saved per year by the chosen task"] == "8,640"
    found = questions(example_plan)
    assert not [q for q in found if q[1] == LEFT_EMPTY]  # the example fills every block
    unclear = [q for q in found if q[0].startswith("Workflow integration")]
    assert unclear and unclear[0][1].startswith("Marked unclear: ")
    assert all(share == 1.0 for _, share in summary.completeness)


def data_signal(plan: Plan):
    return next(s for s in executive_summary(plan).signals if s.name == DATA_SIGNAL)


def test_the_data_signal_follows_the_worst_finding_and_lists_each():
    assert (data_signal(Plan()).level, data_signal(Plan()).summary) == ("amber", "No data assets listed yet.")
    plan = Plan()
    plan.data_landscape.assets = [DataAsset(name="Tickets", uses=["label", "feature"])]
    assert (data_signal(plan).level, data_signal(plan).reasons) == ("green", ())
    plan.data_landscape.assets.append(DataAsset(name="Mails <b>", personal_data="personal"))
    assert (data_signal(plan).level, data_signal(plan).summary) == ("amber", "1 finding (1 to check).")
    plan.data_landscape.assets.append(DataAsset(name="Gold set", status="missing", uses=["label"]))
    signal = data_signal(plan)
    assert (signal.level, signal.summary) == ("red", "2 findings (1 serious, 1 to check).")
    found = data_landscape.findings(plan)
    assert signal.reasons == tuple(f"{f.title}: {f.detail}" for f in found)
    assert any("Mails <b>" in reason for reason in signal.reasons)  # raw: renderers escape


def test_pdf_and_markdown_print_the_same_iteration(example_plan):
    from canvas_core.report.summary import iteration_label

    assert iteration_label(Plan()) == "1"  # a new plan is in its first iteration
    assert iteration_label(example_plan) == str(example_plan.meta.iteration)
    assert iteration_label(example_plan, " 3: after the workshop ") == "3: after the workshop"
    assert iteration_label(example_plan, "  ") is None
