"""The cost step through the entry point (AppTest). The lines table is a data
editor, which AppTest cannot edit: the browser test covers typing into it."""

from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import CostLine, DataAsset, Plan
from canvas_core.steps.costs import rules as costs
from tests.app_driver import error_messages, open_page, run, stored


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


def unpaid_finding_shown(at: AppTest) -> bool:
    """The data landscape page, in this session, shows the finding "Paid data without a cost line"."""
    at = run(at.switch_page("pages/data_landscape.py"))
    return any("Paid data without a cost line" in m.value for m in at.markdown)


def test_paid_data_is_linked_to_the_hand_typed_line_that_pays_for_it_and_the_finding_goes():
    plan = Plan()
    address = DataAsset(name="Postal address file", acquisition="paid", sharing="shared",
                        yearly_cost=costs.Decimal("4800"))
    licence = CostLine(category="data", label="Address licence 2026", low=costs.Decimal(4800),
                       expected=costs.Decimal(4800), high=costs.Decimal(4800))
    staff = CostLine(category="staff", label="Data scientist", expected=costs.Decimal(60000),
                     high=costs.Decimal(60000))
    plan.data_landscape.assets = [address]
    plan.costs.lines = [staff, licence]
    at = costs_page(plan)
    running_before = metrics(at)["Running per year"]
    assert unpaid_finding_shown(at)

    at = run(at.switch_page("pages/costs.py"))
    link = at.selectbox(key=f"cost-link-asset-{address.id}")
    assert link.options == ["Address licence 2026 (Data, EUR 4,800)", "Data scientist (Staff, EUR 60,000)"]
    assert [b.key for b in at.button if b.key == f"cost-add-asset-{address.id}"]  # offered after the link
    run(link.set_value(licence.id))
    saved = stored(at).costs.lines
    assert [(line.label, line.source_asset_id) for line in saved] == [("Data scientist", ""),
                                                                      ("Address licence 2026", address.id)]
    assert "Paid by: Address licence 2026" in " ".join(t.value for t in at.text)
    assert not [b for b in at.button if b.key == f"cost-add-asset-{address.id}"]
    assert metrics(at)["Running per year"] == running_before  # counted once, as before
    assert not unpaid_finding_shown(at)

    at = run(at.switch_page("pages/costs.py"))
    run(at.button(key=f"cost-unlink-asset-{address.id}").click())
    assert [(line.label, line.source_asset_id) for line in stored(at).costs.lines] == [
        ("Data scientist", ""), ("Address licence 2026", "")]
    assert at.selectbox(key=f"cost-link-asset-{address.id}").value is None
    assert unpaid_finding_shown(at)


def test_a_line_paying_for_another_asset_is_not_offered_for_linking():
    plan = Plan()
    address = DataAsset(name="Postal address file", acquisition="paid")
    weather = DataAsset(name="Weather feed", acquisition="paid")
    plan.data_landscape.assets = [address, weather]
    plan.costs.lines = [CostLine(category="data", label="Address licence", source_asset_id=address.id),
                        CostLine(category="data", label="Feeds budget")]
    at = costs_page(plan)
    assert not [s for s in at.selectbox if s.key == f"cost-link-asset-{address.id}"]  # paid for already
    assert at.selectbox(key=f"cost-link-asset-{weather.id}").options == ["Feeds budget (Data, EUR 0.00)"]


def test_the_value_of_an_hour_saved_is_held_against_the_break_even_need():
    at = costs_page(load_example("support_mail_triage"))
    value = at.text_input(key="cost-value-per-hour")
    assert value.value == "38.00"
    shown = " ".join(t.value for t in at.text)
    assert ("The hours saved are worth EUR 328,320 a year at EUR 38.00 an hour; breaking even needs EUR 155,893 "
            "a year. The value is larger: the hours saved alone pay the project back within 3 years.") in shown

    run(value.set_value("10"))
    assert stored(at).costs.value_per_hour_saved == costs.Decimal("10.00")
    shown = " ".join(t.value for t in at.text)
    assert ("The hours saved are worth EUR 86,400 a year at EUR 10.00 an hour; breaking even needs EUR 155,893 "
            "a year. The need is larger, by EUR 69,493 a year: the hours saved alone do not pay the project back "
            "within 3 years.") in shown


def test_a_value_of_an_hour_saved_not_stored_as_typed_is_refused_and_an_empty_one_clears_it():
    at = costs_page(load_example("support_mail_triage"))
    run(at.text_input(key="cost-value-per-hour").set_value("38,5"))
    assert ('Value of an hour saved: "38,5" is not a number in an English plan (use 38.5). '
            "The last valid value was kept.") in error_messages(at)
    assert stored(at).costs.value_per_hour_saved == costs.Decimal("38.00")
    assert at.text_input(key="cost-value-per-hour").value == "38.00"  # the field shows what is kept

    run(at.text_input(key="cost-value-per-hour").set_value(""))
    assert stored(at).costs.value_per_hour_saved is None
    assert "The hours saved are worth" not in " ".join(t.value for t in at.text)


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


# --- adding, deleting and confirming lines -------------------------------------------------


def fill_staff_form(at: AppTest, **typed: str) -> None:
    values = {"label": "Data engineer", "people": "0.5", "months": "4", "monthly-rate-low": "9000",
              "monthly-rate-expected": "10000", "monthly-rate-high": "11000", **typed}
    for field, text in values.items():
        at.text_input(key=f"cost-new-{field}").input(text)


def test_the_form_adds_a_staff_line_whose_amounts_are_computed_and_shown_in_the_table():
    at = costs_page(Plan())
    run(at.selectbox(key="cost-new-category").set_value("staff"))
    fill_staff_form(at)
    run(at.button(key="cost-new-add").click())
    [line] = stored(at).costs.lines
    assert (line.label, line.people, line.months, line.expected) == ("Data engineer", costs.Decimal("0.5"),
                                                                     costs.Decimal(4), costs.Decimal(20000))
    [grid] = at.dataframe
    row = grid.value.iloc[0]
    assert (row["Rate expected"], row["Expected"], row["High"]) == ("10,000.00", "20,000.00", "22,000.00")
    assert metrics(at)["One-time"] == "EUR 20,000"
    assert at.text_input(key="cost-new-label").value == ""  # ready for the next line


def test_a_refused_form_says_which_field_and_keeps_what_was_typed():
    at = costs_page(Plan())
    run(at.selectbox(key="cost-new-category").set_value("staff"))
    fill_staff_form(at, months="4,5")
    run(at.button(key="cost-new-add").click())
    assert stored(at).costs.lines == []
    assert any('Months: "4,5" is not a number in an English plan' in m for m in error_messages(at))
    assert at.text_input(key="cost-new-months").value == "4,5"
    assert at.text_input(key="cost-new-label").value == "Data engineer"


def test_a_line_that_is_not_staff_takes_low_expected_and_high_in_the_form():
    at = costs_page(Plan())
    run(at.selectbox(key="cost-new-category").set_value("infrastructure"))
    assert not [t for t in at.text_input if t.key == "cost-new-people"]
    at.text_input(key="cost-new-label").input("GPU VM")
    for field, text in (("low", "1000"), ("expected", "2000"), ("high", "3000")):
        at.text_input(key=f"cost-new-{field}").input(text)
    run(at.button(key="cost-new-add").click())
    [line] = stored(at).costs.lines
    assert (line.category, line.expected) == ("infrastructure", costs.Decimal(2000))
    [grid] = at.dataframe
    assert grid.value.iloc[0]["People"] == "" and grid.value.iloc[0]["Rate low"] == ""  # empty, never "None"


def test_chosen_lines_are_deleted_with_a_visible_button():
    plan = load_example("support_mail_triage")
    at = costs_page(plan)
    assert at.button(key="cost-delete-selected").disabled
    owner, scientist = plan.costs.lines[0], plan.costs.lines[1]
    run(at.multiselect(key="cost-delete-pick").set_value([owner.id, scientist.id]))
    assert at.button(key="cost-delete-selected").label == "Delete 2 lines"
    run(at.button(key="cost-delete-selected").click())
    left = [line.id for line in stored(at).costs.lines]
    assert owner.id not in left and scientist.id not in left and len(left) == len(plan.costs.lines) - 2
    assert at.multiselect(key="cost-delete-pick").value == []


def test_preset_lines_wait_for_confirmation_before_the_step_is_complete():
    at = costs_page(Plan())
    run(at.button(key="cost-add-preset").click())
    lines = stored(at).costs.lines
    assert all(line.preset for line in lines) and costs.completeness(stored(at)) < 1
    run(at.button(key=f"cost-confirm-{lines[0].id}").click())
    assert [line.preset for line in stored(at).costs.lines][:2] == [False, True]
    run(at.button(key="cost-confirm-all").click())
    assert not any(line.preset for line in stored(at).costs.lines)
    assert costs.completeness(stored(at)) == 1.0
    assert not [b for b in at.button if b.key == "cost-confirm-all"]  # nothing left to confirm
