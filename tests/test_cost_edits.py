"""Editing cost lines: the table applies all or nothing, bad cells say where."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canvas_core.canvas.editing import EditError
from canvas_core.plan import CostLine, DataAsset, Plan
from canvas_core.steps.costs import edits as cost_edits


def plan_with_lines() -> Plan:
    plan = Plan()
    cost_edits.add_lines(plan, [
        CostLine(category="staff", label="Data scientist", people=Decimal(1), months=Decimal(3),
                 low=Decimal(24000), expected=Decimal(30000), high=Decimal(36000)),
        CostLine(category="infrastructure", label="GPU VM", low=Decimal(2000), expected=Decimal(3000), high=Decimal(5000)),
    ])
    return plan


def ids(plan: Plan) -> list[str]:
    return [line.id for line in plan.costs.lines]


def test_edit_add_and_delete_lines():
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {
        "edited_rows": {0: {"Expected": "31,000.5", "High": "40000"}},
        "added_rows": [{"Category": "data", "Item": "Label review", "Low": "1000", "Expected": "2,000.00",
                        "High": "3000"}],
        "deleted_rows": [1],
    })
    assert [(line.label, line.expected, line.high) for line in plan.costs.lines] == [
        ("Data scientist", Decimal("31000.50"), Decimal("40000.00")),
        ("Label review", Decimal("2000.00"), Decimal("3000.00")),
    ]


@pytest.mark.parametrize("row, message", [
    ({"Expected": "-5"}, 'Row 1, Expected: "-5" is below the minimum of 0'),
    ({"High": "5000000000000"}, 'Row 1, High: "5000000000000" is over the maximum of 1,000,000,000,000'),
    ({"Low": "50000"}, "Row 1: low, expected and high must go up in that order"),
    ({"Item": "  "}, "Row 1: every cost line needs an item name"),
    ({"Expected": "lots"}, 'Row 1, Expected: "lots" is not a number'),
    ({"Expected": "inf"}, 'Row 1, Expected: "inf" is not a number'),
])
def test_a_bad_cell_keeps_the_last_valid_state_and_says_where(row, message):
    plan = plan_with_lines()
    before = plan.to_json()
    with pytest.raises(EditError, match=message):
        cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {1: {"Note": "fine"}, 0: row}})
    assert plan.to_json() == before


# What a tester typed into the grid, and what was stored before numbers were read as typed text.
@pytest.mark.parametrize("row, message", [
    ({"Months": "12,5"}, 'Row 2, Months: "12,5" is not a number in an English plan (use 12.5). '
                         "The last valid values were kept."),
    ({"Months": "2.5e1"}, 'Row 2, Months: "2.5e1" is written with an exponent: write the number out (use 25). '
                          "The last valid values were kept."),
    ({"People": "-1"}, 'Row 2, People: "-1" is below the minimum of 0. The last valid values were kept.'),
    ({"People": "99999999"}, 'Row 2, People: "99999999" is over the maximum of 10,000. '
                             "The last valid values were kept."),
    ({"Months": "99999999"}, 'Row 2, Months: "99999999" is over the maximum of 1,200. '
                             "The last valid values were kept."),
    ({"High": "1e15"}, 'Row 2, High: "1e15" is written with an exponent: write the number out '
                       "(use 1000000000000000). The last valid values were kept."),
    ({"High": "5000.125"}, 'Row 2, High: "5000.125" has more decimals than this column takes (at most 2). '
                           "The last valid values were kept."),
])
def test_a_typed_number_that_is_not_stored_as_typed_is_refused_naming_row_column_and_text(row, message):
    plan = plan_with_lines()
    before = plan.to_json()
    with pytest.raises(EditError) as refused:
        cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Note": "fine"}, 1: row}})
    assert str(refused.value) == message
    assert plan.to_json() == before


def test_numbers_are_read_in_the_plans_language():
    plan = plan_with_lines()
    plan.meta.language = "de"
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Months": "12,5", "High": "36.000,50"}}})
    assert (plan.costs.lines[0].months, plan.costs.lines[0].high) == (Decimal("12.5"), Decimal("36000.50"))
    with pytest.raises(EditError, match=r'Row 1, Months: "12\.5" is not a number in a German plan \(use 12,5\)'):
        cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Months": "12.5"}}})


def test_an_emptied_amount_counts_as_zero_and_a_new_row_needs_a_category():
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {1: {"Low": None}}})
    assert plan.costs.lines[1].low == 0
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Months": ""}}})
    assert plan.costs.lines[0].months is None
    with pytest.raises(EditError, match="choose a category"):
        cost_edits.apply_line_edits(plan, ids(plan), {"added_rows": [{"Item": "Something"}]})
    cost_edits.apply_line_edits(plan, ids(plan), {"added_rows": [{}]})  # a blank new row is ignored
    assert len(plan.costs.lines) == 2


def test_paid_data_from_the_landscape_becomes_a_data_line():
    plan = Plan()
    asset = DataAsset(name="Address reference data", acquisition="paid", sharing="shared",
                      yearly_cost=Decimal("4800"))
    line = cost_edits.add_line_from_asset(plan, asset)
    assert (line.category, line.label, line.expected) == ("data", "Address reference data", Decimal("4800"))
    assert line.source_asset_id == asset.id
    assert line.covers == "external_data"


def test_a_yearly_cost_of_our_own_data_is_not_external_data():
    asset = DataAsset(name="Mail archive storage", acquisition="owned", yearly_cost=Decimal("1200"))
    assert cost_edits.add_line_from_asset(Plan(), asset).covers is None


def test_the_covers_column_says_which_running_cost_a_line_pays_for_and_can_be_cleared():
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {
        "edited_rows": {1: {"Covers": "serving"}},
        "added_rows": [{"Category": "data", "Item": "Label review", "Expected": "2000", "High": "2000",
                        "Covers": "labelling"}, {"Category": "data", "Item": "Storage", "Covers": None}],
    })
    assert [line.covers for line in plan.costs.lines] == [None, "serving", "labelling", None]
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {1: {"Covers": None}}})
    assert plan.costs.lines[1].covers is None


def test_a_running_cost_the_estimate_does_not_know_is_refused_with_row_and_column():
    plan = plan_with_lines()
    before = plan.to_json()
    with pytest.raises(EditError) as refused:
        cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Note": "fine"}, 1: {"Covers": "catering"}}})
    assert str(refused.value) == (
        'Row 2, Covers: "catering" is not a running cost the estimate knows (choose serving, retraining, '
        "monitoring, labelling, external data, or leave it blank). The last valid values were kept.")
    assert plan.to_json() == before


def test_share_and_horizon_are_validated():
    plan = Plan()
    cost_edits.set_maintenance_share(plan, 25)
    cost_edits.set_horizon(plan, 5)
    assert (plan.costs.maintenance_share, plan.costs.horizon_years) == (Decimal("0.25"), 5)
    with pytest.raises(ValueError):
        cost_edits.set_maintenance_share(plan, 50)
    with pytest.raises(ValueError):
        cost_edits.set_horizon(plan, 0)


# --- linking a line to the paid data it pays for ------------------------------------------------


def plan_with_paid_data() -> tuple[Plan, DataAsset, DataAsset]:
    plan = plan_with_lines()
    address = DataAsset(name="Address reference data", acquisition="paid", yearly_cost=Decimal("4800"))
    weather = DataAsset(name="Weather feed", acquisition="paid", yearly_cost=Decimal("600"))
    plan.data_landscape.assets = [address, weather]
    cost_edits.add_lines(plan, [CostLine(category="data", label="Address licence", expected=Decimal(4800),
                                         high=Decimal(4800))])
    return plan, address, weather


def test_an_existing_line_is_linked_to_the_asset_it_pays_for_without_a_second_line():
    plan, address, _ = plan_with_paid_data()
    licence = plan.costs.lines[-1]
    before = [line.model_copy() for line in plan.costs.lines]
    linked = cost_edits.link_line_to_asset(plan, licence.id, address.id)
    assert linked is licence and licence.source_asset_id == address.id
    # Nothing else changes: no line added, the amounts as they were.
    assert [line.model_dump(exclude={"source_asset_id"}) for line in plan.costs.lines] == [
        line.model_dump(exclude={"source_asset_id"}) for line in before]
    cost_edits.link_line_to_asset(plan, licence.id, address.id)  # linking again changes nothing
    assert licence.source_asset_id == address.id


def test_a_line_already_paying_for_another_asset_is_refused_and_nothing_changes():
    plan, address, weather = plan_with_paid_data()
    licence = plan.costs.lines[-1]
    cost_edits.link_line_to_asset(plan, licence.id, address.id)
    before = plan.to_json()
    with pytest.raises(EditError) as refused:
        cost_edits.link_line_to_asset(plan, licence.id, weather.id)
    assert str(refused.value) == ('The cost line "Address licence" already pays for "Address reference data". '
                                  "Unlink it there first, or choose another line. Nothing was linked.")
    assert plan.to_json() == before


def test_a_line_linked_to_a_deleted_asset_may_be_linked_again():
    plan, address, weather = plan_with_paid_data()
    licence = plan.costs.lines[-1]
    cost_edits.link_line_to_asset(plan, licence.id, weather.id)
    plan.data_landscape.assets = [address]
    cost_edits.link_line_to_asset(plan, licence.id, address.id)
    assert licence.source_asset_id == address.id


def test_linking_a_line_or_an_asset_deleted_meanwhile_is_refused():
    plan, address, _ = plan_with_paid_data()
    before = plan.to_json()
    with pytest.raises(EditError, match="That cost line is no longer in the estimate"):
        cost_edits.link_line_to_asset(plan, "gone", address.id)
    with pytest.raises(EditError, match="That data asset is no longer in the data landscape"):
        cost_edits.link_line_to_asset(plan, plan.costs.lines[0].id, "gone")
    assert plan.to_json() == before


def test_unlinking_keeps_the_line_and_its_amounts():
    plan, address, _ = plan_with_paid_data()
    line = cost_edits.add_line_from_asset(plan, address)
    cost_edits.unlink_line(plan, line.id)
    assert line in plan.costs.lines
    assert (line.source_asset_id, line.expected) == ("", Decimal("4800"))


# --- the value of an hour saved ------------------------------------------------------------------


@pytest.mark.parametrize("language, typed, stored", [
    ("en", "38", Decimal("38.00")),
    ("en", "1,250.5", Decimal("1250.50")),
    ("de", "42,75", Decimal("42.75")),
    ("fr", "1\u202f250,5", Decimal("1250.50")),
    ("en", "  ", None),  # an empty field: not known yet
])
def test_the_value_of_an_hour_saved_is_stored_as_typed_in_the_plans_language(language, typed, stored):
    plan = Plan()
    plan.meta.language = language
    plan.costs.value_per_hour_saved = Decimal("10")
    cost_edits.set_value_per_hour_saved(plan, typed)
    assert plan.costs.value_per_hour_saved == stored


@pytest.mark.parametrize("language, typed, reason", [
    ("en", "38,5", '"38,5" is not a number in an English plan (use 38.5)'),
    ("de", "38.5", '"38.5" is not a number in a German plan (use 38,5)'),
    ("en", "-38", '"-38" is below the minimum of 0'),
    ("en", "1e3", '"1e3" is written with an exponent: write the number out (use 1000)'),
    ("en", "38.125", '"38.125" has more decimals than this column takes (at most 2)'),
    ("en", "5000000000000", '"5000000000000" is over the maximum of 1,000,000,000,000'),
    ("en", "about 40", '"about 40" is not a number'),
])
def test_a_value_of_an_hour_saved_not_stored_as_typed_is_refused_and_the_last_one_kept(language, typed, reason):
    plan = Plan()
    plan.meta.language = language
    plan.costs.value_per_hour_saved = Decimal("38.00")
    with pytest.raises(EditError) as refused:
        cost_edits.set_value_per_hour_saved(plan, typed)
    assert str(refused.value) == f"Value of an hour saved: {reason}. The last valid value was kept."
    assert plan.costs.value_per_hour_saved == Decimal("38.00")


# --- staff lines computed from rates, the add-a-line form, deleting, confirming presets ---------


def rated_plan() -> Plan:
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {
        "Rate low": "8000", "Rate expected": "10,000", "Rate high": "12000.50"}}})
    return plan


def test_typing_the_rates_computes_and_stores_a_staff_lines_amounts():
    line = rated_plan().costs.lines[0]
    assert (line.rate_low, line.rate_expected, line.rate_high) == (Decimal(8000), Decimal(10000), Decimal("12000.50"))
    assert (line.low, line.expected, line.high) == (Decimal(24000), Decimal(30000), Decimal("36001.50"))


def test_changing_people_or_months_recomputes_the_amounts():
    plan = rated_plan()
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"People": "0.5", "Months": "4"}}})
    assert plan.costs.lines[0].expected == Decimal(20000)


def test_the_rates_can_be_typed_one_at_a_time_and_the_amounts_stay_as_typed_until_all_three_are_there():
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Rate expected": "10000"}}})
    assert plan.costs.lines[0].expected == Decimal(30000)
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Rate low": "5000"}}})
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Rate high": "12000"}}})
    assert plan.costs.lines[0].low == Decimal(15000)


@pytest.mark.parametrize("row, index, message", [
    ({"Expected": "1000"}, 0, "Row 1, Expected: this staff line computes its amounts from people × months × monthly "
                              "rate; change those instead, or empty the rates to type amounts. "
                              "The last valid values were kept."),
    ({"Rate low": "11000"}, 0, "Row 1: the monthly rates low, expected and high must go up in that order (rate low is "
                               "above rate expected: now 11000.00 / 10000.00 / 12000.50). "
                               "The last valid values were kept."),
    ({"Rate high": "1.234"}, 0, 'Row 1, Rate high: "1.234" has more decimals than this column takes (at most 2). '
                                "The last valid values were kept."),
    ({"Rate low": "100"}, 1, "Row 2, Rate low: only staff lines take a monthly rate; type this line's amounts in Low, "
                             "Expected and High. The last valid values were kept."),
])
def test_a_refused_rate_or_computed_amount_names_row_and_column_and_changes_nothing(row, index, message):
    plan = rated_plan()
    before = plan.to_json()
    with pytest.raises(EditError) as refused:
        cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {index: row}})
    assert str(refused.value) == message
    assert plan.to_json() == before


def test_emptying_the_rates_lets_the_amounts_be_typed_again():
    plan = rated_plan()
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Rate low": None, "Rate expected": ""}}})
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {0: {"Expected": "31000"}}})
    line = plan.costs.lines[0]
    assert (line.rate_low, line.rate_expected, line.expected) == (None, None, Decimal(31000))


STAFF_FORM = {"People": "0.5", "Months": "4", "Monthly rate, low": "9000", "Monthly rate, expected": "10000",
              "Monthly rate, high": "11000"}


def test_the_form_adds_a_staff_line_computed_from_its_rates_and_other_lines_from_their_amounts():
    plan = Plan()
    staff = cost_edits.add_line_from_form(plan, "staff", " Data engineer ", STAFF_FORM)
    other = cost_edits.add_line_from_form(plan, "infrastructure", "GPU VM",
                                          {"Low": "1000", "Expected": "2000", "High": "3000", "People": "junk"})
    assert plan.costs.lines == [staff, other]
    assert (staff.label, staff.low, staff.expected, staff.high) == ("Data engineer", Decimal(18000), Decimal(20000),
                                                                    Decimal(22000))
    assert (other.people, other.expected, other.rate_low) == (None, Decimal(2000), None)


@pytest.mark.parametrize("category, label, typed, message", [
    ("staff", "", STAFF_FORM, "Give the new line an item name. Nothing was added."),
    ("staff", "Data engineer", {**STAFF_FORM, "Months": "4,5"},
     'New line, Months: "4,5" is not a number in an English plan (use 4.5). Nothing was added.'),
    ("staff", "Data engineer", {**STAFF_FORM, "Monthly rate, high": ""},
     "New line, Monthly rate, high: a number is needed (a staff line is people × months × monthly rate). "
     "Nothing was added."),
    ("staff", "Data engineer", {**STAFF_FORM, "Monthly rate, low": "12000"},
     "New line: the monthly rates low, expected and high must go up in that order"),
    ("data", "Labels", {"Low": "3", "Expected": "2", "High": "4"},
     "New line: low, expected and high must go up in that order"),
])
def test_the_form_refuses_naming_the_field_and_adds_nothing(category, label, typed, message):
    plan = Plan()
    with pytest.raises(EditError) as refused:
        cost_edits.add_line_from_form(plan, category, label, typed)
    assert str(refused.value).startswith(message)
    assert str(refused.value).endswith("Nothing was added.")
    assert plan.costs.lines == []


def test_deleting_the_chosen_lines_skips_ids_deleted_meanwhile():
    plan = plan_with_lines()
    assert cost_edits.delete_lines(plan, [ids(plan)[0], "gone"]) == 1
    assert [line.label for line in plan.costs.lines] == ["GPU VM"]


def test_confirming_or_editing_a_preset_line_makes_it_the_teams():
    from canvas_core.steps.costs.rules import preset_lines

    plan = Plan()
    cost_edits.add_lines(plan, preset_lines("small team (default)"))
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {1: {"Months": "5"}}})
    assert [line.preset for line in plan.costs.lines[:3]] == [True, False, True]
    assert cost_edits.confirm_presets(plan, [ids(plan)[0]]) == 1
    assert cost_edits.confirm_presets(plan) == len(plan.costs.lines) - 2
    assert not any(line.preset for line in plan.costs.lines)
    assert all(line.assumption for line in plan.costs.lines)  # still assumptions, but the team's own
