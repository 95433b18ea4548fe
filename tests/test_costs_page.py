"""The cost step through the entry point (AppTest). The lines table is a data
editor, which AppTest cannot edit: the browser test covers typing into it."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import DataAsset, Plan
from canvas_core.steps.costs import rules as costs
from tests.app_driver import open_page, run, stored


def costs_page(plan: Plan) -> AppTest:
    return open_page(plan, "pages/costs.py")


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_worked_example_totals_trace_to_its_lines():
    plan = load_example("support_mail_triage")
    at = costs_page(plan)
    summary = costs.summarize(plan.costs)
    shown = metrics(at)
    assert shown["One-time"] == costs.format_money(summary.one_time.expected, "EUR", "en") == "EUR 223,300"
    assert shown["Total cost of ownership, 3 years"] == "EUR 467,680"
    assert shown["Yearly benefit needed to break even"] == costs.format_money(summary.break_even_per_year.expected,
                                                                              "EUR", "en")
    assert len(at.get("plotly_chart")) == 2


def test_the_lines_table_shows_what_each_line_covers_with_readable_choices():
    plan = load_example("support_mail_triage")
    [grid] = costs_page(plan).dataframe
    shown = dict(zip(grid.value["Item"], grid.value["Covers"]))
    assert shown["Serving on the Kubernetes cluster (per year)"] == "serving"
    assert shown["Retraining compute (per year)"] == "retraining"
    assert pd.isna(shown["Product owner"])  # a one-time line covers no running cost
    column = json.loads(grid.proto.columns)["Covers"]
    assert column["type_config"]["type"] == "selectbox"
    assert [(o["value"], o["label"]) for o in column["type_config"]["options"]] == list(costs.COVERS_LABELS.items())


def test_maintenance_share_and_horizon_change_the_totals_and_are_saved():
    at = costs_page(load_example("support_mail_triage"))
    run(at.slider(key="cost-maintenance-share").set_value(30))
    run(at.selectbox(key="cost-horizon").set_value(5))
    saved = stored(at).costs
    assert (saved.maintenance_share, saved.horizon_years) == (costs.Decimal("0.3"), 5)
    expected = costs.summarize(saved)
    assert metrics(at)["Total cost of ownership, 5 years"] == costs.format_money(
        expected.total_cost_of_ownership.expected, "EUR", "en")


def test_an_empty_plan_starts_from_the_preset_lines_marked_as_assumptions():
    at = costs_page(Plan())
    assert metrics(at)["One-time"] == "EUR 0.00"
    run(at.button(key="cost-add-preset").click())
    lines = stored(at).costs.lines
    assert lines and all(line.assumption for line in lines)
    assert {line.category for line in lines} >= {"staff", "infrastructure", "change_management",
                                                 "operational_maintenance", "data"}
    assert metrics(at)["One-time"] != "EUR 0.00"


def test_paid_data_from_the_landscape_is_offered_as_a_line_once():
    plan = Plan()
    plan.data_landscape.assets = [DataAsset(name="Postal address file", acquisition="paid", sharing="shared",
                                            yearly_cost=costs.Decimal("4800"))]
    at = costs_page(plan)
    asset_id = plan.data_landscape.assets[0].id
    run(at.button(key=f"cost-add-asset-{asset_id}").click())
    assert [(line.category, line.label, line.expected) for line in stored(at).costs.lines] == [
        ("data", "Postal address file", costs.Decimal("4800"))]
    assert not [b for b in at.button if b.key == f"cost-add-asset-{asset_id}"]


def test_the_workflow_value_estimate_is_compared_with_the_threshold():
    at = costs_page(load_example("support_mail_triage"))
    text = " ".join(t.value for t in at.text)
    assert "The chosen task saves about 8,640 hours a year" in text
    assert "per hour saved" in text


def test_team_and_serving_notes_from_other_steps_are_shown_as_plain_text():
    plan = load_example("support_mail_triage")
    at = costs_page(plan)
    text = " ".join(t.value for t in at.text)
    team = [n.text for n in plan.canvases["product_brief"].blocks["project"].notes if n.topic == "team"]
    assert team and team[0] in text
    serving = plan.canvases["ml_canvas"].blocks["making_predictions"].notes[0].text
    assert serving in text
