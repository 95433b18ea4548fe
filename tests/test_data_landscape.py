"""Findings of the data landscape and the layout of its picture."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_core.plan import CostLine, DataAsset, Plan
from canvas_core.steps.costs import edits as cost_edits
from canvas_core.steps.data_landscape.picture import (
    LABEL_GAP,
    STATUS_COLOURS,
    landscape_picture,
)
from canvas_core.steps.data_landscape.rules import (
    NO_COST_LINE,
    PERSONAL_LABELS,
    cost_line_for,
    findings,
    linkable_lines,
    paid_assets,
    paid_by,
)


def plan_with(*assets: DataAsset) -> Plan:
    plan = Plan()
    plan.data_landscape.assets = list(assets)
    return plan


def by_kind(plan: Plan) -> dict:
    return {f.kind: f for f in findings(plan)}


LABELS = DataAsset(name="Ticket DB", uses=["label"])


def test_an_empty_inventory_has_no_findings():
    assert findings(Plan()) == []


def test_a_clean_inventory_has_no_findings():
    plan = plan_with(LABELS, DataAsset(name="Mail text", uses=["feature"]))
    assert findings(plan) == []


def test_missing_data_is_named_with_what_it_is_needed_for():
    gold = DataAsset(name="Urgency gold set", status="missing", uses=["label", "evaluation"])
    found = by_kind(plan_with(LABELS, gold))["missing"]
    assert found.level == "red" and found.asset_ids == (gold.id,)
    assert "Urgency gold set (as label, evaluation)" in found.detail


def test_a_feature_known_only_after_the_prediction_is_flagged():
    notes = DataAsset(name="Closing notes", uses=["feature"], at_prediction_time=False)
    later_label = DataAsset(name="Final team", uses=["label"], at_prediction_time=False)  # fine for a label
    found = by_kind(plan_with(notes, later_label))
    assert found["not_at_prediction"].asset_ids == (notes.id,)
    assert "Closing notes" in found["not_at_prediction"].detail


def test_labels_without_a_source_are_flagged():
    assert by_kind(plan_with(DataAsset(name="Mail", uses=["feature"])))["no_label_source"].title == "No source of labels"
    missing_labels = DataAsset(name="Gold set", uses=["label"], status="question")
    found = by_kind(plan_with(missing_labels))["no_label_source"]
    assert found.asset_ids == (missing_labels.id,) and "Gold set" in found.detail
    assert "no_label_source" not in by_kind(plan_with(DataAsset(name="Replica", uses=["label"], status="accessible")))


def test_personal_data_raises_the_regulations_question_and_special_category_is_red():
    mail = DataAsset(name="Mail archive", personal_data="personal")
    ids = DataAsset(name="Tickets", personal_data="pseudonymous", uses=["label"])
    found = by_kind(plan_with(mail, ids))["personal"]
    assert found.level == "amber" and set(found.asset_ids) == {mail.id, ids.id}
    assert "regulation" in found.detail and "Tickets (pseudonymous)" in found.detail
    health = DataAsset(name="Medical reports", personal_data="special_category")
    found = by_kind(plan_with(LABELS, health))["personal"]
    assert found.level == "red" and "Medical reports holds special category data" in found.detail


def test_personal_data_not_known_to_be_free_of_it_has_a_label_and_is_asked_about():
    assert set(PERSONAL_LABELS) == set(get_args(DataAsset.model_fields["personal_data"].annotation))
    plan = plan_with(LABELS, DataAsset(name="Shift log", personal_data="dont_know", uses=["evaluation"]))
    assert "Shift log (not known yet whether personal)" in by_kind(plan)["personal"].detail


def test_paid_data_without_a_cost_line_until_one_is_added():
    vendor = DataAsset(name="Address file", acquisition="paid", yearly_cost=Decimal("4800"))
    priced = DataAsset(name="Weather feed", acquisition="earned", yearly_cost=Decimal("100"))
    plan = plan_with(LABELS, vendor, priced)
    assert paid_assets(plan) == [vendor, priced]
    assert by_kind(plan)["unpaid"].asset_ids == (vendor.id, priced.id)
    cost_edits.add_line_from_asset(plan, vendor)
    plan.costs.lines.append(CostLine(category="data", label="  weather FEED ", expected=Decimal("100")))
    assert cost_line_for(plan, vendor).source_asset_id == vendor.id
    assert cost_line_for(plan, priced).label.strip() == "weather FEED"
    assert "unpaid" not in by_kind(plan)


def test_a_hand_typed_licence_line_covers_the_paid_asset_once_it_is_linked():
    vendor = DataAsset(name="Postal address file", acquisition="paid", yearly_cost=Decimal("4800"))
    licence = CostLine(category="data", label="Address licence 2026", expected=Decimal("4800"))
    plan = plan_with(LABELS, vendor)
    plan.costs.lines = [licence]
    assert by_kind(plan)["unpaid"].asset_ids == (vendor.id,)
    assert "link it to the cost line that pays for it" in by_kind(plan)["unpaid"].detail
    assert paid_by(plan, vendor) == NO_COST_LINE

    cost_edits.link_line_to_asset(plan, licence.id, vendor.id)
    assert "unpaid" not in by_kind(plan)
    assert cost_line_for(plan, vendor) is licence and paid_by(plan, vendor) == "Address licence 2026"
    assert paid_by(plan, LABELS) == ""  # data that costs nothing is paid by no line

    cost_edits.unlink_line(plan, licence.id)
    assert by_kind(plan)["unpaid"].asset_ids == (vendor.id,)


def test_a_line_matched_by_name_says_so_and_a_line_paying_for_another_asset_does_not_count():
    weather = DataAsset(name="Weather feed", acquisition="paid")
    traffic = DataAsset(name="Traffic feed", acquisition="paid")
    plan = plan_with(LABELS, weather, traffic)
    # Typed with the weather feed's name, but linked to the traffic feed: it pays for the traffic feed only.
    line = CostLine(category="data", label="Weather feed", source_asset_id=traffic.id)
    plan.costs.lines = [line]
    assert by_kind(plan)["unpaid"].asset_ids == (weather.id,)
    assert paid_by(plan, traffic) == "Weather feed"
    cost_edits.unlink_line(plan, line.id)
    assert paid_by(plan, weather) == "Weather feed (same name)"
    assert by_kind(plan)["unpaid"].asset_ids == (traffic.id,)


def test_lines_free_to_link_are_those_paying_for_no_asset_data_lines_first():
    vendor = DataAsset(name="Address file", acquisition="paid")
    staff = CostLine(category="staff", label="Data engineer")
    licence = CostLine(category="data", label="Address licence")
    taken = CostLine(category="data", label="Weather licence", source_asset_id=vendor.id)
    orphan = CostLine(category="data", label="Old feed", source_asset_id="deleted-asset")  # its asset is gone
    plan = plan_with(vendor)
    plan.costs.lines = [staff, licence, taken, orphan]
    assert linkable_lines(plan) == [licence, orphan, staff]


def test_not_knowing_about_personal_data_raises_the_regulations_question():
    unknown = DataAsset(name="Call recordings", personal_data="dont_know")
    found = by_kind(plan_with(LABELS, unknown))["personal"]
    assert found.level == "amber" and found.asset_ids == (unknown.id,)
    assert "Call recordings (not known yet whether personal)" in found.detail


def test_worked_example_shows_the_findings_a_team_would_discuss(example_plan):
    found = by_kind(example_plan)
    # Its missing assets have a plan to get them and its personal data a stated legal basis.
    assert set(found) == {"to_obtain", "not_at_prediction", "question"}
    assert [f.level for f in findings(example_plan)] == sorted(
        (f.level for f in findings(example_plan)), key=["red", "amber"].index)


def test_worked_example_answers_the_legal_basis_and_the_plan_to_get_missing_data(example_plan):
    assets = example_plan.data_landscape.assets
    assert all(a.legal_basis.strip() for a in assets if a.personal_data != "none")
    assert all(a.acquisition_plan.strip() for a in assets if a.status == "missing")
    address = next(a for a in assets if a.acquisition == "paid")
    assert paid_by(example_plan, address) == "Postal address reference data licence (per year)"


# --- the picture ---------------------------------------------------------------------


def test_each_asset_sits_in_its_ring_with_its_status_colour(example_plan):
    picture = landscape_picture(example_plan)
    rings = {band.sharing: band for band in picture.rings}
    assets = {a.id: a for a in example_plan.data_landscape.assets}
    assert sorted(p.id for p in picture.assets) == sorted(assets)
    for placed in picture.assets:
        band = rings[assets[placed.id].sharing]
        radius = math.hypot(placed.x, placed.y)
        assert band.inner + picture.marker_radius <= radius + 1e-9 <= band.outer - picture.marker_radius + 2e-9
        assert placed.colour == STATUS_COLOURS[assets[placed.id].status]
    assert [e.label for e in picture.legend] == ["Available", "Accessible (planned)", "Required but missing",
                                                 "Open question"]


def test_the_centre_holds_the_prediction_task_and_decisions(example_plan):
    picture = landscape_picture(example_plan)
    task = example_plan.canvases["ml_canvas"].blocks["prediction_task"].notes[0].text
    decision = example_plan.canvases["ml_canvas"].blocks["decisions"].notes[-1].text
    assert picture.centre_lines[0] == task and decision in picture.centre_lines
    assert landscape_picture(Plan()).centre_lines == ()


def test_rings_go_private_shared_public_from_the_centre_outwards():
    picture = landscape_picture(Plan())
    assert [b.sharing for b in picture.rings] == ["private", "shared", "public"]
    assert picture.centre_radius == picture.rings[0].inner
    assert all(a.outer == b.inner for a, b in zip(picture.rings, picture.rings[1:]))
    assert picture.rings[-1].outer == 1.0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["private", "shared", "public"]),
                          st.sampled_from(["available", "accessible", "missing", "question"])),
                max_size=200))
def test_dots_never_overlap_and_stay_inside_their_ring(rows):
    plan = plan_with(*(DataAsset(name=f"asset {i}", sharing=s, status=status) for i, (s, status) in enumerate(rows)))
    picture = landscape_picture(plan)
    assert len(picture.assets) == len(rows)
    rings = {band.sharing: band for band in picture.rings}
    points = [(p.x, p.y) for p in picture.assets]
    for p in picture.assets:
        radius = math.hypot(p.x, p.y)
        assert rings[p.sharing].inner < radius < rings[p.sharing].outer
        from_top = abs(math.atan2(p.x, p.y))  # 0 at 12 o'clock, where the ring's label goes
        assert from_top >= LABEL_GAP / 2 - 1e-9
    for i, a in enumerate(points):
        for b in points[i + 1:]:
            assert math.dist(a, b) >= 2 * picture.marker_radius


def test_a_very_large_inventory_still_gets_separate_dots():
    plan = plan_with(*(DataAsset(name=f"table {i}", sharing="private") for i in range(500)))
    picture = landscape_picture(plan)
    points = [(p.x, p.y) for p in picture.assets]
    assert len(points) == 500
    nearest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1:])
    assert nearest >= 2 * picture.marker_radius


def test_missing_data_with_a_plan_and_personal_data_with_a_basis_are_no_longer_serious():
    gold = DataAsset(name="Gold set", status="missing", uses=["label"])
    names = DataAsset(name="Customer names", personal_data="personal", uses=["feature"])
    plan = plan_with(LABELS, gold, names)
    assert by_kind(plan)["missing"].level == "red" and "personal" in by_kind(plan)
    gold.acquisition_plan = "Two agents label 2,000 mails by May"
    names.legal_basis = "Art. 6(1)(f) GDPR, confirmed by the DPO"
    found = by_kind(plan)
    assert "missing" not in found and "personal" not in found
    assert found["to_obtain"].level == "amber" and "Two agents label 2,000 mails by May" in found["to_obtain"].detail
