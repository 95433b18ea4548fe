"""Consistency warnings between twin answers: each fires on a plan whose answers do not fit together,
and stops once the plan is fixed; "don't know" never counts as a disagreement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canvas_core.canvas import editing, links
from canvas_core.canvas.specs import canvases
from canvas_core.plan import CostLine, DataAsset, Plan
from canvas_core.steps import STEPS
from canvas_core.steps.review import consistency
from canvas_core.steps.review.consistency import Side, consistency_warnings

ML, OPS, BRIEF = "ml_canvas", "mlops_stack", "product_brief"
PAGE = {step.id: step.url_path for step in STEPS}


def choose(plan: Plan, canvas_id: str, block_id: str, field_id: str, value: str) -> None:
    editing.set_block_field(plan, canvases()[canvas_id], block_id, field_id, value)


def add_line(plan: Plan, covers: str | None = None, category: str = "operational_maintenance",
             label: str = "A line") -> None:
    plan.costs.lines.append(CostLine(category=category, label=label, expected=Decimal(100), high=Decimal(100),
                                     covers=covers))


def note(plan: Plan, canvas_id: str, block_id: str, text: str = "Something", topic: str | None = None) -> None:
    editing.add_note(plan, canvas_id, block_id, text, topic=topic)


def ids(plan: Plan) -> list[str]:
    return [w.id for w in consistency_warnings(plan)]


def only(plan: Plan):
    [warning] = consistency_warnings(plan)
    return warning


def test_an_empty_plan_raises_no_warning():
    assert consistency_warnings(Plan()) == ()


# --- serving ------------------------------------------------------------------------------------


def test_serving_modes_that_differ_are_named_with_both_answers_until_they_agree():
    plan = Plan()
    add_line(plan, "serving")
    choose(plan, ML, "making_predictions", "serving_mode", "real time")
    choose(plan, OPS, "prediction_serving", "serving_mode", "batch")
    warning = only(plan)
    assert warning.id == "serving_mode_differs"
    assert warning.sides == (Side("ML Canvas", "Making Predictions · Serving mode", "real time"),
                             Side("MLOps Stack", "Prediction Serving · Serving mode", "batch"))
    assert "real time" in warning.message and "batch" in warning.message
    assert "same serving mode" in warning.fix
    assert warning.fix_url_path == PAGE["mlops_stack"]

    choose(plan, OPS, "prediction_serving", "serving_mode", "real time")
    assert consistency_warnings(plan) == ()


@pytest.mark.parametrize("twins, field, answer, cost", [
    (consistency.SERVING_TWINS, "serving_mode", "streaming", "serving"),
    (consistency.RETRAINING_TWINS, "retraining_frequency", "weekly", "retraining"),
    (consistency.MONITORING_TWINS, "monitoring_planned", "yes", "monitoring"),
])
def test_dont_know_on_one_side_is_no_disagreement(twins, field, answer, cost):
    plan = Plan()
    add_line(plan, cost)
    choose(plan, OPS, "monitoring", "on_call", "Ops team")
    (a_canvas, a_block), (b_canvas, b_block) = twins
    choose(plan, a_canvas, a_block, field, answer)
    choose(plan, b_canvas, b_block, field, "don't know")
    assert ids(plan) == []


def test_serving_without_a_line_that_covers_it_asks_for_one_and_a_line_named_serving_is_not_enough():
    plan = Plan()
    choose(plan, OPS, "prediction_serving", "serving_mode", "batch")
    add_line(plan, label="Serving (per year)")  # the words say serving, Covers does not
    warning = only(plan)
    assert warning.id == "serving_without_cost_line"
    assert warning.sides == (Side("MLOps Stack", "Prediction Serving · Serving mode", "batch"),
                             Side("Costs", "Cost lines covering serving", "no line"))
    assert "Covers" in warning.fix
    assert warning.fix_url_path == PAGE["costs"] == "cost-estimate"

    plan.costs.lines[0].covers = "serving"
    assert consistency_warnings(plan) == ()


def test_a_serving_line_while_neither_canvas_says_how_predictions_are_served():
    plan = Plan()
    add_line(plan, "serving", label="Hosting on the cluster")
    warning = only(plan)
    assert warning.id == "serving_cost_line_unexplained"
    assert warning.sides[0] == Side("Costs", "Cost lines covering serving", "Hosting on the cluster")
    assert warning.sides[1].says == "not answered"
    assert warning.fix_url_path == PAGE["ml_canvas"]

    choose(plan, ML, "making_predictions", "serving_mode", "real time")
    assert consistency_warnings(plan) == ()


def test_a_serving_line_with_a_dont_know_serving_mode_is_left_to_the_screening():
    plan = Plan()
    add_line(plan, "serving")
    choose(plan, ML, "making_predictions", "serving_mode", "don't know")
    assert consistency_warnings(plan) == ()


# --- retraining ---------------------------------------------------------------------------------


def test_retraining_frequencies_that_differ_until_they_agree():
    plan = Plan()
    add_line(plan, "retraining")
    choose(plan, ML, "building_models", "retraining_frequency", "monthly")
    choose(plan, OPS, "ci_ct_cd", "retraining_frequency", "weekly")
    warning = only(plan)
    assert warning.id == "retraining_differs"
    assert [s.says for s in warning.sides] == ["monthly", "weekly"]
    assert warning.sides[1].answer == "CI/CT/CD: ML Pipeline Orchestration · Retraining frequency"
    assert warning.fix_url_path == PAGE["mlops_stack"]

    choose(plan, ML, "building_models", "retraining_frequency", "weekly")
    assert consistency_warnings(plan) == ()


def test_retraining_without_a_line_that_covers_it_but_never_retraining_needs_none():
    plan = Plan()
    choose(plan, ML, "building_models", "retraining_frequency", "never")
    choose(plan, OPS, "ci_ct_cd", "retraining_frequency", "never")
    assert consistency_warnings(plan) == ()

    choose(plan, ML, "building_models", "retraining_frequency", "quarterly")
    choose(plan, OPS, "ci_ct_cd", "retraining_frequency", "quarterly")
    warning = only(plan)
    assert warning.id == "retraining_without_cost_line"
    assert warning.sides[0].says == "quarterly" and warning.sides[1].says == "no line"
    assert warning.fix_url_path == PAGE["costs"]

    add_line(plan, "retraining")
    assert consistency_warnings(plan) == ()


# --- monitoring ---------------------------------------------------------------------------------


def monitored(plan: Plan) -> Plan:
    """Monitoring planned on both canvases, paid for, someone on call: nothing to warn about."""
    add_line(plan, "monitoring")
    for canvas_id, block_id in consistency.MONITORING_TWINS:
        choose(plan, canvas_id, block_id, "monitoring_planned", "yes")
    choose(plan, OPS, "monitoring", "on_call", "Platform team, office hours")
    return plan


def test_a_monitored_plan_raises_no_warning():
    assert consistency_warnings(monitored(Plan())) == ()


@pytest.mark.parametrize("answer, says", [("no", "no"), ("", "not answered")])
def test_monitoring_planned_on_one_canvas_and_not_on_the_other(answer, says):
    plan = monitored(Plan())
    choose(plan, OPS, "monitoring", "monitoring_planned", answer)
    warning = only(plan)
    assert warning.id == "monitoring_differs"
    assert warning.sides == (
        Side("ML Canvas", "Monitoring · Monitoring planned", "yes"),
        Side("MLOps Stack", "Model & Data & Application Monitoring · Monitoring planned", says))
    assert warning.fix_url_path == PAGE["mlops_stack"]

    choose(plan, OPS, "monitoring", "monitoring_planned", "yes")
    assert consistency_warnings(plan) == ()


def test_the_fix_for_monitoring_is_on_the_canvas_that_does_not_say_yes():
    plan = monitored(Plan())
    choose(plan, ML, "monitoring", "monitoring_planned", "")
    warning = only(plan)
    assert (warning.id, warning.fix_url_path) == ("monitoring_differs", PAGE["ml_canvas"])
    assert warning.sides[0].step == "MLOps Stack"


def test_monitoring_without_a_line_that_covers_it():
    plan = monitored(Plan())
    plan.costs.lines[0].covers = None
    warning = only(plan)
    assert warning.id == "monitoring_without_cost_line"
    assert warning.sides[1] == Side("Costs", "Cost lines covering monitoring", "no line")
    assert warning.fix_url_path == PAGE["costs"]

    plan.costs.lines[0].covers = "monitoring"
    assert consistency_warnings(plan) == ()


def test_monitoring_with_nobody_on_call():
    plan = monitored(Plan())
    choose(plan, OPS, "monitoring", "on_call", "")
    warning = only(plan)
    assert warning.id == "monitoring_without_on_call"
    assert warning.sides[1] == Side("ML Canvas", "Monitoring · Who is on call", "nobody named")
    assert "Who is on call" in warning.fix
    assert warning.fix_url_path == PAGE["ml_canvas"]

    choose(plan, ML, "monitoring", "on_call", "Tomás, ML engineer")  # on either canvas is enough
    assert consistency_warnings(plan) == ()


def test_no_monitoring_planned_asks_for_no_line_and_nobody_on_call():
    plan = Plan()
    for canvas_id, block_id in consistency.MONITORING_TWINS:
        choose(plan, canvas_id, block_id, "monitoring_planned", "no")
    assert consistency_warnings(plan) == ()


# --- data sources, value proposition, team --------------------------------------------------------


def test_data_assets_listed_while_the_ml_canvas_data_sources_are_empty():
    plan = Plan()
    plan.data_landscape.assets = [DataAsset(name="Ticket database"), DataAsset(name="Mail archive")]
    warning = only(plan)
    assert warning.id == "data_sources_empty"
    assert warning.sides == (Side("Data landscape", "Data assets", "2 assets"), Side("ML Canvas", "Data Sources", "empty"))
    assert warning.fix_url_path == PAGE["ml_canvas"]
    assert "one click" in warning.fix  # as the block offers them:
    assert [s.text for s in links.suggestions_for(plan, canvases(), ML, "data_sources")] == [
        "Ticket database", "Mail archive"]

    note(plan, ML, "data_sources", "Ticket database and mail archive")
    assert consistency_warnings(plan) == ()


def test_data_sources_written_while_the_landscape_lists_no_asset():
    plan = Plan()
    note(plan, ML, "data_sources", "Ticket database")
    warning = only(plan)
    assert warning.id == "data_landscape_empty"
    assert warning.sides == (Side("ML Canvas", "Data Sources", "1 note"),
                             Side("Data landscape", "Data assets", "none listed"))
    assert warning.fix_url_path == PAGE["data_landscape"]

    plan.data_landscape.assets = [DataAsset(name="Ticket database")]
    assert consistency_warnings(plan) == ()


def test_a_value_proposition_written_on_one_canvas_names_each_canvas_where_it_is_empty():
    plan = Plan()
    note(plan, BRIEF, "value_proposition", "A triage assistant", topic="product")
    warnings = consistency_warnings(plan)
    assert [w.id for w in warnings] == ["value_proposition_empty:ml_canvas", "value_proposition_empty:mlops_stack"]
    assert {w.sides[0] for w in warnings} == {Side("Product brief", "Value proposition", "1 note")}
    assert [w.sides[1].step for w in warnings] == ["ML Canvas", "MLOps Stack"]
    assert [w.fix_url_path for w in warnings] == [PAGE["ml_canvas"], PAGE["mlops_stack"]]

    note(plan, ML, "value_proposition", "Dispatchers get a proposed team")
    assert ids(plan) == ["value_proposition_empty:mlops_stack"]
    note(plan, OPS, "value_proposition", "For dispatchers who read every mail")
    assert consistency_warnings(plan) == ()


def test_a_team_written_down_without_a_staff_line():
    plan = Plan()
    note(plan, BRIEF, "project", "Release in September", topic="timeline")  # not the team: no warning
    assert consistency_warnings(plan) == ()
    note(plan, BRIEF, "project", "Hannah, product owner; Tomás, ML engineer", topic="team")
    warning = only(plan)
    assert warning.id == "team_without_staff_lines"
    assert warning.sides == (Side("Product brief", "Project · Team", "1 note"), Side("Costs", "Staff lines", "no line"))
    assert warning.fix_url_path == PAGE["costs"]

    add_line(plan, category="staff", label="ML engineer")
    assert consistency_warnings(plan) == ()


def test_staff_lines_without_a_team_written_down():
    plan = Plan()
    add_line(plan, category="staff", label="Data scientist")
    warning = only(plan)
    assert warning.id == "staff_lines_without_team"
    assert warning.sides[0] == Side("Costs", "Staff lines", "Data scientist")
    assert "Product brief · Project · Team" in warning.fix
    assert warning.fix_url_path == PAGE["brief"]

    note(plan, BRIEF, "project", "Eleni, data scientist", topic="team")
    assert consistency_warnings(plan) == ()


# --- the worked example and the whole set -----------------------------------------------------------


def test_the_worked_example_answers_its_twins_alike_and_raises_no_warning(example_plan):
    fields = {(c, b): example_plan.canvases[c].blocks[b].fields for c, b in (
        *consistency.SERVING_TWINS, *consistency.RETRAINING_TWINS, *consistency.MONITORING_TWINS)}
    assert {f["serving_mode"] for (c, b), f in fields.items() if (c, b) in consistency.SERVING_TWINS} == {"real time"}
    assert {f["retraining_frequency"] for (c, b), f in fields.items()
            if (c, b) in consistency.RETRAINING_TWINS} == {"monthly"}
    assert all(fields[twin]["monitoring_planned"] == "yes" and fields[twin]["on_call"]
               for twin in consistency.MONITORING_TWINS)
    assert {line.covers for line in example_plan.costs.lines} >= {"serving", "retraining", "monitoring", "labelling"}
    assert consistency_warnings(example_plan) == ()


def test_a_plan_that_breaks_every_rule_gets_unique_ids_and_a_page_for_every_fix(example_plan):
    plan = example_plan
    choose(plan, OPS, "prediction_serving", "serving_mode", "streaming")
    choose(plan, OPS, "ci_ct_cd", "retraining_frequency", "daily")
    choose(plan, OPS, "monitoring", "monitoring_planned", "no")
    for canvas_id, block_id in consistency.MONITORING_TWINS:
        choose(plan, canvas_id, block_id, "on_call", "")
    for line in plan.costs.lines:
        line.covers = None
    plan.canvases[ML].blocks["data_sources"].notes.clear()
    plan.canvases[OPS].blocks["value_proposition"].notes.clear()
    warnings = consistency_warnings(plan)
    found = [w.id for w in warnings]
    assert found == ["serving_mode_differs", "serving_without_cost_line", "retraining_differs",
                     "retraining_without_cost_line", "monitoring_differs", "monitoring_without_cost_line",
                     "monitoring_without_on_call", "data_sources_empty", "value_proposition_empty:mlops_stack"]
    assert {w.fix_url_path for w in warnings} <= set(PAGE.values())
    assert all(w.message and w.fix and len(w.sides) == 2 for w in warnings)


def test_the_answers_compared_are_the_choices_the_canvas_files_offer(specs):
    expected = {"serving_mode": {*consistency.SERVING_MODES, consistency.DONT_KNOW},
                "retraining_frequency": {*consistency.RETRAINING_FREQUENCIES, consistency.DONT_KNOW},
                "monitoring_planned": {consistency.YES, consistency.NO, consistency.DONT_KNOW}}
    twins = {"serving_mode": consistency.SERVING_TWINS, "retraining_frequency": consistency.RETRAINING_TWINS,
             "monitoring_planned": consistency.MONITORING_TWINS}
    for field_id, blocks in twins.items():
        for canvas_id, block_id in blocks:
            field = next(f for f in specs[canvas_id].block(block_id).fields if f.id == field_id)
            assert (field.kind, set(field.options)) == ("choice", expected[field_id]), (canvas_id, block_id)
    for canvas_id, block_id in consistency.SERVING_TWINS:
        assert any(f.id == "predictions_per_month" and f.kind == "text" for f in specs[canvas_id].block(block_id).fields)
    for canvas_id, block_id in consistency.MONITORING_TWINS:
        assert any(f.id == "on_call" and f.kind == "text" for f in specs[canvas_id].block(block_id).fields)

