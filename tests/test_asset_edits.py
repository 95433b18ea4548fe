"""Editing the data landscape's inventory: the table delta and the add form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canvas_core.canvas.editing import EditError
from canvas_core.plan import Plan
from canvas_core.steps.data_landscape.edits import (
    add_asset,
    apply_asset_edits,
    typed_yearly_cost,
)


def plan_with_two() -> Plan:
    plan = Plan()
    add_asset(plan, "Mail archive", uses=["feature"], personal_data="personal")
    add_asset(plan, "Ticket DB", uses=["label"])
    return plan


def ids(plan: Plan) -> list[str]:
    return [a.id for a in plan.data_landscape.assets]


def test_the_form_adds_an_asset_with_its_answers_and_refuses_a_nameless_one():
    plan = Plan()
    asset = add_asset(plan, "  Address file ", sharing="shared", acquisition="paid", status="accessible",
                      yearly_cost=Decimal("4800"))
    assert plan.data_landscape.assets == [asset]
    assert (asset.name, asset.sharing, asset.yearly_cost) == ("Address file", "shared", Decimal("4800"))
    with pytest.raises(EditError, match="Give the asset a name"):
        add_asset(plan, "   ")
    assert len(plan.data_landscape.assets) == 1


def test_the_forms_yearly_cost_is_read_as_typed_in_the_plans_language_or_refused():
    assert typed_yearly_cost(" ", "en") is None
    assert typed_yearly_cost("4,800.5", "en") == Decimal("4800.50")
    assert typed_yearly_cost("4.800,5", "de") == Decimal("4800.50")
    with pytest.raises(EditError) as refused:
        typed_yearly_cost("-1", "en")
    assert str(refused.value) == 'Yearly cost: "-1" is below the minimum of 0. The asset was not added.'


def test_table_edits_change_the_asset_and_keep_its_id():
    plan = plan_with_two()
    before = ids(plan)
    apply_asset_edits(plan, before, {"edited_rows": {"1": {
        "Status": "missing", "Used as": ["label", "evaluation"], "Kinds": ["tables", "events"],
        "Yearly cost": "1,200.5", "At prediction time": False, "Owner": " Ops team "}}})
    tickets = plan.data_landscape.assets[1]
    assert ids(plan) == before
    assert (tickets.status, tickets.uses, tickets.kinds) == ("missing", ["label", "evaluation"], ["tables", "events"])
    assert (tickets.yearly_cost, tickets.at_prediction_time, tickets.owner) == (Decimal("1200.50"), False, "Ops team")


def test_rows_are_added_and_deleted_and_blank_new_rows_ignored():
    plan = plan_with_two()
    apply_asset_edits(plan, ids(plan), {"added_rows": [{"Asset": "Holiday calendar", "Ring": "public"}, {}],
                                         "deleted_rows": [0]})
    assert [(a.name, a.sharing) for a in plan.data_landscape.assets] == [
        ("Ticket DB", "private"), ("Holiday calendar", "public")]


@pytest.mark.parametrize("row, message", [
    ({"Yearly cost": "-5"}, r'Row 2, Yearly cost: "-5" is below the minimum of 0'),
    ({"Yearly cost": "1000000000000000"},
     r'Row 2, Yearly cost: "1000000000000000" is over the maximum of 1,000,000,000,000'),
    ({"Yearly cost": "lots"}, r'Row 2, Yearly cost: "lots" is not a number'),
    ({"Asset": "  "}, r"Row 2: every asset needs a name"),
    ({"Status": "lost"}, r"Row 2, Status"),
])
def test_a_bad_cell_is_refused_naming_row_and_column_and_nothing_changes(row, message):
    plan = plan_with_two()
    before = plan.model_copy(deep=True)
    with pytest.raises(EditError, match=message):
        apply_asset_edits(plan, ids(plan), {"edited_rows": {"0": {"Owner": "changed"}, "1": row}})
    assert plan == before


# What a tester typed into the inventory, and what was stored before numbers were read as typed text.
@pytest.mark.parametrize("typed, reason", [
    ("-1", '"-1" is below the minimum of 0'),
    ("1e15", '"1e15" is written with an exponent: write the number out (use 1000000000000000)'),
    ("12,5", '"12,5" is not a number in an English plan (use 12.5)'),
    ("99.999", '"99.999" has more decimals than this column takes (at most 2)'),
])
def test_a_typed_yearly_cost_is_stored_as_typed_or_refused_with_what_was_typed(typed, reason):
    plan = plan_with_two()
    before = plan.model_copy(deep=True)
    with pytest.raises(EditError) as refused:
        apply_asset_edits(plan, ids(plan), {"edited_rows": {"1": {"Yearly cost": typed}}})
    assert str(refused.value) == f"Row 2, Yearly cost: {reason}. The last valid values were kept."
    assert plan == before


def test_a_yearly_cost_is_read_in_the_plans_language():
    plan = plan_with_two()
    plan.meta.language = "fr"
    apply_asset_edits(plan, ids(plan), {"edited_rows": {"0": {"Yearly cost": "12\u202f500,5"}},
                                        "added_rows": [{"Asset": "Weather feed", "Yearly cost": "12,5"}]})
    assert [a.yearly_cost for a in plan.data_landscape.assets] == [Decimal("12500.50"), None, Decimal("12.50")]


def test_an_emptied_choice_keeps_the_previous_value():
    plan = plan_with_two()
    apply_asset_edits(plan, ids(plan), {"edited_rows": {"0": {"Ring": None, "Personal data": None}}})
    assert (plan.data_landscape.assets[0].sharing, plan.data_landscape.assets[0].personal_data) == (
        "private", "personal")


def test_a_new_row_without_a_name_is_refused():
    plan = plan_with_two()
    with pytest.raises(EditError, match="New row 1: every asset needs a name"):
        apply_asset_edits(plan, ids(plan), {"added_rows": [{"Ring": "shared"}]})
    assert len(plan.data_landscape.assets) == 2


def test_the_legal_basis_and_the_plan_to_get_missing_data_are_edited_in_the_table():
    plan = plan_with_two()
    apply_asset_edits(plan, ids(plan), {"edited_rows": {
        "0": {"Personal data": "dont_know", "Legal basis": " Art. 6(1)(f) GDPR, confirmed by the DPO "},
        "1": {"Status": "missing", "Plan to get it": "Two dispatchers label 3,000 mails by May"}}})
    mail, tickets = plan.data_landscape.assets
    assert (mail.personal_data, mail.legal_basis) == ("dont_know", "Art. 6(1)(f) GDPR, confirmed by the DPO")
    assert tickets.acquisition_plan == "Two dispatchers label 3,000 mails by May"


def test_a_legal_basis_too_long_is_refused_with_its_column_and_nothing_changes():
    plan = plan_with_two()
    before = plan.model_copy(deep=True)
    with pytest.raises(EditError, match=r"Row 1, Legal basis"):
        apply_asset_edits(plan, ids(plan), {"edited_rows": {"1": {"Plan to get it": "by May"},
                                                            "0": {"Legal basis": "x" * 5001}}})
    assert plan == before


def test_the_form_adds_the_legal_basis_and_the_plan_to_get_it():
    plan = Plan()
    asset = add_asset(plan, "Call recordings", personal_data="dont_know", status="missing",
                      legal_basis="Asked the DPO on 9 March", acquisition_plan="Exported by IT by June")
    assert (asset.personal_data, asset.legal_basis, asset.acquisition_plan) == (
        "dont_know", "Asked the DPO on 9 March", "Exported by IT by June")
