"""The cost step: totals, maintenance, break-even, money formatting, presets."""

from __future__ import annotations

from decimal import Decimal
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_core.plan import CostEstimate, CostLine, Plan, WorkflowTask
from canvas_core.steps.costs.rules import (
    CATEGORY_LABELS,
    COVERS_LABELS,
    ONE_TIME,
    PRESETS,
    RUNNING,
    Range,
    completeness,
    format_money,
    has_rates,
    line_amounts,
    line_problems,
    preset_lines,
    round_money,
    staffing_text,
    summarize,
    value_comparison,
    value_estimate,
)

D = Decimal
NNBSP = "\u202f"


def line(category: str, low, expected, high) -> CostLine:
    return CostLine(category=category, label=category, low=D(low), expected=D(expected), high=D(high))


def expected_sum(lines, *categories) -> Decimal:
    return sum((ln.expected for ln in lines if ln.category in categories), D(0))


# --- the worked example ------------------------------------------------------------


def test_example_one_time_is_the_sum_of_staff_infrastructure_and_change_management(example_plan):
    lines = example_plan.costs.lines
    summary = summarize(example_plan.costs)
    assert summary.one_time.expected == expected_sum(lines, *ONE_TIME) == D("223300.00")
    assert summary.one_time.low == sum((ln.low for ln in lines if ln.category in ONE_TIME), D(0))
    assert summary.one_time.high == sum((ln.high for ln in lines if ln.category in ONE_TIME), D(0))


def test_example_system_maintenance_is_20_percent_of_staff_and_infrastructure(example_plan):
    lines = example_plan.costs.lines
    summary = summarize(example_plan.costs)
    development = expected_sum(lines, "staff", "infrastructure")
    assert summary.by_category["system_maintenance"].expected == development * D("0.20") == D("37460.00")


def test_example_tco_is_one_time_plus_three_years_of_running_costs(example_plan):
    lines = example_plan.costs.lines
    summary = summarize(example_plan.costs)
    maintenance = expected_sum(lines, "staff", "infrastructure") * D("0.20")
    running = expected_sum(lines, "operational_maintenance", "data") + maintenance
    assert summary.running_per_year.expected == running == D("81460.00")
    assert summary.total_cost_of_ownership.expected == expected_sum(lines, *ONE_TIME) + 3 * running
    assert summary.total_cost_of_ownership.expected == D("467680.00")


def test_example_break_even_is_the_tco_over_three_years_rounded_up(example_plan):
    summary = summarize(example_plan.costs)
    # 467,680 / 3 = 155,893.333... -> rounded up to the cent.
    assert summary.break_even_per_year.expected == D("155893.34")
    assert summary.break_even_per_year.high == D("192040.00")


def test_example_cumulative_starts_with_one_time_and_ends_with_the_tco(example_plan):
    summary = summarize(example_plan.costs)
    assert len(summary.cumulative) == 4
    assert summary.cumulative[0] == summary.one_time
    assert summary.cumulative[1].expected == D("223300.00") + D("81460.00")
    assert summary.cumulative[-1] == summary.total_cost_of_ownership


def test_example_covers_every_category_in_taxonomy_order(example_plan):
    summary = summarize(example_plan.costs)
    assert tuple(summary.by_category) == ONE_TIME + RUNNING
    assert tuple(summary.shares) == ONE_TIME + RUNNING
    assert set(CATEGORY_LABELS) == set(ONE_TIME + RUNNING)


# --- small hand-made estimates -------------------------------------------------------


def test_empty_estimate_is_all_zeros():
    summary = summarize(CostEstimate())
    zero = Range.zero()
    assert all(r == zero for r in summary.by_category.values())
    assert summary.total_cost_of_ownership == zero
    assert summary.break_even_per_year == zero
    assert summary.cumulative == (zero,) * 4
    assert all(s == 0 for s in summary.shares.values())


@pytest.mark.parametrize(("share", "maintenance"), [("0.10", "1500.00"), ("0.30", "4500.00")])
def test_maintenance_share_scales_system_maintenance(share, maintenance):
    lines = [line("staff", 10_000, 10_000, 10_000), line("infrastructure", 5_000, 5_000, 5_000)]
    summary = summarize(CostEstimate(lines=lines, maintenance_share=D(share)))
    assert summary.by_category["system_maintenance"] == Range(D(maintenance), D(maintenance), D(maintenance))


def test_change_management_is_not_part_of_the_maintenance_base():
    lines = [line("staff", 10_000, 10_000, 10_000), line("change_management", 50_000, 50_000, 50_000)]
    summary = summarize(CostEstimate(lines=lines))
    assert summary.by_category["system_maintenance"].expected == D("2000.00")


def test_maintenance_is_computed_for_low_expected_and_high_separately():
    summary = summarize(CostEstimate(lines=[line("staff", 1_000, 2_000, 4_000)]))
    assert summary.by_category["system_maintenance"] == Range(D("200.00"), D("400.00"), D("800.00"))


def test_an_explicit_system_maintenance_line_adds_on_top_of_the_computed_share():
    lines = [line("staff", 10_000, 10_000, 10_000), line("system_maintenance", 300, 500, 700)]
    summary = summarize(CostEstimate(lines=lines))
    assert summary.by_category["system_maintenance"] == Range(D("2300.00"), D("2500.00"), D("2700.00"))
    assert summary.one_time.expected == D("10000")


@pytest.mark.parametrize(("years", "tco", "break_even"), [(1, "13000.00", "13000.00"), (5, "25000.00", "5000.00")])
def test_horizon_multiplies_the_running_costs(years, tco, break_even):
    # one-time 10,000; running 1,000 data + 20 % of 10,000 maintenance = 3,000 a year
    lines = [line("staff", 10_000, 10_000, 10_000), line("data", 1_000, 1_000, 1_000)]
    summary = summarize(CostEstimate(lines=lines, horizon_years=years))
    assert summary.horizon_years == years
    assert summary.total_cost_of_ownership.expected == D(tco)
    assert summary.break_even_per_year.expected == D(break_even)
    assert len(summary.cumulative) == years + 1


def test_break_even_is_rounded_up_so_it_always_pays_back():
    summary = summarize(CostEstimate(lines=[line("change_management", "0.01", "0.01", "0.01")], horizon_years=3))
    assert summary.break_even_per_year.expected == D("0.01")


def test_shares_count_running_costs_over_the_horizon():
    lines = [line("staff", 1_000, 1_000, 1_000), line("data", 100, 100, 100)]
    summary = summarize(CostEstimate(lines=lines, maintenance_share=D("0.10"), horizon_years=5))
    # TCO = 1,000 + 5 x (100 data + 100 maintenance) = 2,000
    assert summary.shares["staff"] == D("0.5")
    assert summary.shares["data"] == D("0.25")
    assert summary.shares["system_maintenance"] == D("0.25")


# --- line problems ---------------------------------------------------------------------


def test_an_ordered_line_has_no_problems():
    assert line_problems(line("staff", 1, 2, 3)) == []
    assert line_problems(line("staff", 0, 0, 0)) == []


def test_line_problems_name_the_bound_out_of_order():
    assert line_problems(line("staff", 5, 2, 3)) == ["low is above expected"]
    assert line_problems(line("staff", 1, 4, 3)) == ["expected is above high"]
    assert line_problems(line("staff", 9, 5, 1)) == ["low is above expected", "expected is above high"]


# --- money -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "language", "text"),
    [
        ("1234567", "en", "EUR 1,234,567"),
        ("1234567", "de", "1.234.567 EUR"),
        ("1234567", "el", "1.234.567 EUR"),
        ("1234567", "es", "1.234.567 EUR"),
        ("1234567", "fr", f"1{NNBSP}234{NNBSP}567 EUR"),
        ("1234567", "uk", f"1{NNBSP}234{NNBSP}567 EUR"),
        ("1234567", "xx", "EUR 1,234,567"),
        ("1234567", "de-AT", "1.234.567 EUR"),
        ("999.5", "en", "EUR 999.50"),
        ("999.5", "de", "999,50 EUR"),
        ("999.5", "fr", "999,50 EUR"),
        ("0", "en", "EUR 0.00"),
        ("1000", "en", "EUR 1,000"),
    ],
)
def test_format_money_by_language(amount, language, text):
    assert format_money(D(amount), "EUR", language) == text


def test_format_money_drops_cents_from_1000_and_rounds_half_up():
    assert format_money(D("1234.50"), "EUR", "en") == "EUR 1,235"
    assert format_money(D("1234.49"), "EUR", "en") == "EUR 1,234"
    assert format_money(D("999.995"), "EUR", "en") == "EUR 1,000"  # rounds to 1,000.00 first
    assert format_money(D("12.345"), "EUR", "en") == "EUR 12.35"


def test_format_money_puts_a_minus_in_front():
    assert format_money(D("-1234567"), "USD", "en") == "-USD 1,234,567"
    assert format_money(D("-12.5"), "EUR", "de") == "-12,50 EUR"
    assert format_money(D("-0.001"), "EUR", "en") == "EUR 0.00"  # no minus on a rounded zero


def test_round_money_rounds_half_up_to_cents():
    assert round_money(D("1.005")) == D("1.01")
    assert round_money(D("1.004")) == D("1.00")
    assert round_money(D("7")) == D("7.00")


# --- presets ---------------------------------------------------------------------------


def test_default_preset_is_a_team_of_three_with_a_domain_expert():
    staff = [ln for ln in PRESETS["small team (default)"] if ln.category == "staff"]
    assert len(staff) == 3
    assert any("domain expert" in ln.label.lower() for ln in staff)
    assert all(ln.people and ln.months for ln in staff)


@pytest.mark.parametrize("name", list(PRESETS))
def test_presets_are_ordered_assumptions_covering_every_entered_category(name):
    lines = PRESETS[name]
    assert all(line_problems(ln) == [] for ln in lines)
    assert all(ln.low <= ln.expected <= ln.high and ln.assumption and ln.note for ln in lines)
    assert {ln.category for ln in lines} == set(ONE_TIME + RUNNING) - {"system_maintenance"}
    assert all(CostLine.model_validate(ln.model_dump()) == ln for ln in lines)


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_running_lines_say_what_they_cover_and_one_time_lines_cover_none(name):
    covers = {ln.label: ln.covers for ln in PRESETS[name]}
    assert {c for c in covers.values() if c} == {"serving", "retraining", "monitoring", "labelling"}
    assert all(ln.covers is None for ln in PRESETS[name] if ln.category in ONE_TIME)
    assert covers["Serving (per year)"] == "serving"
    assert covers["Monitoring and on-call (per year)"] == "monitoring"
    assert covers["Retraining compute (per year)"] == "retraining"
    assert covers["Labelling (per year)"] == "labelling"


def test_every_running_cost_a_line_can_cover_has_a_readable_label():
    [choices] = [a for a in get_args(CostLine.model_fields["covers"].annotation) if a is not type(None)]
    assert set(COVERS_LABELS) == set(get_args(choices))
    assert all(label[0].isupper() and "_" not in label for label in COVERS_LABELS.values())


def test_preset_lines_are_fresh_copies_with_new_ids():
    first, second = preset_lines("small team (default)"), preset_lines("small team (default)")
    originals = PRESETS["small team (default)"]
    ids = [ln.id for ln in first + second + originals]
    assert len(set(ids)) == len(ids)
    first[0].label = "changed"
    assert originals[0].label != "changed"
    assert [ln.expected for ln in second] == [ln.expected for ln in originals]


# --- properties ------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=D("1e9"), places=2, allow_nan=False, allow_infinity=False)


rates = st.decimals(min_value=0, max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)
efforts = st.decimals(min_value=0, max_value=D("50"), places=2, allow_nan=False, allow_infinity=False)


@st.composite
def cost_lines(draw):
    low, expected, high = sorted(draw(st.lists(amounts, min_size=3, max_size=3)))
    category = draw(st.sampled_from(ONE_TIME + RUNNING))
    if category == "staff" and draw(st.booleans()):  # a staff line computed from its rates
        rate_low, rate_expected, rate_high = sorted(draw(st.lists(rates, min_size=3, max_size=3)))
        return CostLine(category=category, label="x", people=draw(efforts), months=draw(efforts), rate_low=rate_low,
                        rate_expected=rate_expected, rate_high=rate_high, low=low, expected=expected, high=high)
    return CostLine(category=category, label="x", low=low, expected=expected, high=high)


# --- staff lines: people x months x monthly rate ----------------------------------------


def staff(people, months, rate_low, rate_expected, rate_high, **amounts) -> CostLine:
    return CostLine(category="staff", label="Data scientist", people=D(people), months=D(months),
                    rate_low=None if rate_low is None else D(rate_low),
                    rate_expected=None if rate_expected is None else D(rate_expected),
                    rate_high=None if rate_high is None else D(rate_high),
                    **{k: D(v) for k, v in amounts.items()})


def test_a_staff_line_with_rates_is_people_times_months_times_rate():
    assert line_amounts(staff("0.4", "6", "6500", "7000", "7500.50")) == Range(D("15600.00"), D("16800.00"),
                                                                              D("18001.20"))


def test_a_staff_line_without_all_three_rates_keeps_its_typed_amounts():
    older = staff("1", "6", None, None, None, low="50000", expected="60000", high="70000")
    half_typed = staff("1", "6", "8000", None, None, low="50000", expected="60000", high="70000")
    assert not has_rates(older) and not has_rates(half_typed)
    assert line_amounts(older) == line_amounts(half_typed) == Range(D(50000), D(60000), D(70000))


def test_rates_on_a_line_that_is_not_staff_change_nothing():
    line = CostLine(category="infrastructure", label="GPU", people=D(1), months=D(6), rate_low=D(1), rate_expected=D(2),
                    rate_high=D(3), low=D(10), expected=D(20), high=D(30))
    assert line_amounts(line) == Range(D(10), D(20), D(30))


def test_the_totals_use_the_computed_amounts_not_the_stored_ones():
    line = staff("2", "3", "1000", "2000", "3000", low="1", expected="2", high="3")
    assert summarize(CostEstimate(lines=[line])).by_category["staff"] == Range(D(6000), D(12000), D(18000))


def test_the_reports_say_how_a_staff_line_is_computed():
    def money(v):
        return format_money(v, "EUR", "en")

    assert staffing_text(staff("0.3", "6", "9000", "10000", "11500"), money) == (
        "0.3 people × 6 months × monthly rate EUR 9,000 / EUR 10,000 / EUR 11,500 (low / expected / high)")
    assert staffing_text(staff("1", "1", "9000", "10000", "11500"), money).startswith("1 person × 1 month ×")
    assert staffing_text(line("staff", 1, 2, 3), money) == ""


def test_rates_out_of_order_are_a_problem_even_before_all_three_are_typed():
    assert line_problems(staff("1", "6", "9000", "8000", None)) == ["rate low is above rate expected"]
    assert line_problems(staff("1", "6", "9000", None, "8000")) == ["rate low is above rate high"]
    assert line_problems(staff("1", "6", "8000", "9000", "10000")) == []


@settings(max_examples=200)
@given(efforts, efforts, st.lists(rates, min_size=3, max_size=3), st.lists(rates, min_size=3, max_size=3))
def test_computed_amounts_never_fall_when_a_rate_rises(people, months, first, raise_by):
    lower = sorted(first)
    higher = sorted(r + extra for r, extra in zip(lower, sorted(raise_by)))
    before, after = line_amounts(staff(people, months, *lower)), line_amounts(staff(people, months, *higher))
    assert before.low <= before.expected <= before.high
    assert before.low <= after.low and before.expected <= after.expected and before.high <= after.high


@given(efforts, st.lists(rates, min_size=3, max_size=3))
def test_no_people_or_no_months_cost_nothing(effort, some_rates):
    for people, months in ((D(0), effort), (effort, D(0))):
        assert line_amounts(staff(people, months, *sorted(some_rates))) == Range.zero()


# --- completeness: presets are assumptions until confirmed ------------------------------


def test_the_cost_step_is_complete_only_when_every_preset_line_is_confirmed():
    plan = Plan()
    plan.costs.lines = preset_lines("small team (default)")
    assert all(ln.preset for ln in plan.costs.lines)
    assert completeness(plan) == 0.5
    for ln in plan.costs.lines[:-1]:
        ln.preset = False
    assert completeness(plan) == 0.9  # the data line is still a preset
    plan.costs.lines[-1].preset = False
    assert completeness(plan) == 1.0


def test_preset_staff_lines_carry_rates_that_give_their_amounts():
    for ln in preset_lines("small team (default)"):
        if ln.category == "staff":
            assert has_rates(ln) and line_amounts(ln) == Range(ln.low, ln.expected, ln.high)


estimates = st.builds(
    CostEstimate,
    lines=st.lists(cost_lines(), max_size=12),
    maintenance_share=st.decimals(min_value=D("0.10"), max_value=D("0.30"), places=2),
    horizon_years=st.integers(1, 5),
)


def all_ranges(summary):
    yield from summary.by_category.values()
    yield from (summary.one_time, summary.running_per_year, summary.total_cost_of_ownership)
    yield summary.break_even_per_year
    yield from summary.cumulative


def sum_lines(lines) -> Range:
    return sum((Range.of(ln) for ln in lines), Range.zero())


@settings(max_examples=200)
@given(estimates)
def test_every_total_is_the_sum_of_its_lines(estimate):
    summary = summarize(estimate)

    def of(*categories):
        return sum_lines(ln for ln in estimate.lines if ln.category in categories)

    for category in ("staff", "infrastructure", "change_management", "operational_maintenance", "data"):
        assert summary.by_category[category] == of(category)
    maintenance = of("staff", "infrastructure").map(lambda v: round_money(v * estimate.maintenance_share))
    assert summary.by_category["system_maintenance"] == maintenance + of("system_maintenance")
    assert summary.one_time == of(*ONE_TIME)
    assert summary.running_per_year == of(*RUNNING) + maintenance
    assert summary.total_cost_of_ownership == summary.one_time + summary.running_per_year.scaled(
        D(estimate.horizon_years)
    )


@settings(max_examples=200)
@given(estimates)
def test_every_range_in_the_summary_is_ordered(estimate):
    for r in all_ranges(summarize(estimate)):
        assert r.low <= r.expected <= r.high


@settings(max_examples=200)
@given(estimates)
def test_break_even_pays_back_the_tco_within_a_cent_a_year(estimate):
    summary = summarize(estimate)
    years = summary.horizon_years
    for bound in ("low", "expected", "high"):
        paid = getattr(summary.break_even_per_year, bound) * years
        tco = getattr(summary.total_cost_of_ownership, bound)
        assert tco <= paid < tco + D("0.01") * years


@settings(max_examples=200)
@given(estimates)
def test_cumulative_never_decreases_and_ends_at_the_tco(estimate):
    summary = summarize(estimate)
    for before, after in zip(summary.cumulative, summary.cumulative[1:]):
        assert before.low <= after.low and before.expected <= after.expected and before.high <= after.high
    assert summary.cumulative[-1] == summary.total_cost_of_ownership


@settings(max_examples=200)
@given(estimates)
def test_shares_sum_to_one_when_there_is_a_cost(estimate):
    summary = summarize(estimate)
    assert all(0 <= s <= 1 for s in summary.shares.values())
    if summary.total_cost_of_ownership.expected > 0:
        assert abs(sum(summary.shares.values()) - 1) < D("1e-9")
    else:
        assert sum(summary.shares.values()) == 0


def test_numbers_print_the_same_in_every_report():
    from canvas_core.steps.costs.rules import format_number

    assert format_number(8640) == "8,640"
    assert format_number(Decimal("12.50")) == "12.5"
    assert format_number(Decimal("1200.00")) == "1,200"


# --- the value of the hours saved against the break-even need --------------------------------------


def test_example_hours_saved_are_worth_more_than_the_break_even_need(example_plan):
    estimate = value_estimate(example_plan)
    summary = summarize(example_plan.costs)
    assert estimate.hours_saved_per_year == D(8640)  # 54,000 mails a month x 0.8 minutes saved, x 12
    assert estimate.value_per_hour == D("38.00")
    assert estimate.yearly_value == D("328320.00")
    assert estimate.break_even_need == summary.break_even_per_year.expected == D("155893.34")
    assert not estimate.need_exceeds_value
    assert value_comparison(example_plan) == (
        "The chosen task saves about 8,640 hours a year; at EUR 38.00 an hour that is EUR 328,320 a year, "
        "more than the EUR 155,893 a year needed to break even.")


def plan_saving(hours_a_month: int, per_hour: str | None, *lines: CostLine) -> Plan:
    plan = Plan()
    task = WorkflowTask(name="Classify mail", prediction_candidate=True, cases_per_month=hours_a_month * 60,
                        minutes_saved_per_case=D(1))
    plan.workflow.tasks = [task]
    plan.workflow.chosen_task_id = task.id
    plan.costs.value_per_hour_saved = None if per_hour is None else D(per_hour)
    plan.costs.horizon_years = 1
    plan.costs.lines = list(lines)
    return plan


def test_a_need_above_the_value_of_the_hours_saved_is_said_plainly():
    # 100 hours a month, 1,200 a year, at 20 an hour: 24,000 a year against a need of 30,000 (one year).
    plan = plan_saving(100, "20", line("change_management", 30_000, 30_000, 30_000))
    estimate = value_estimate(plan)
    assert (estimate.yearly_value, estimate.break_even_need) == (D("24000.00"), D("30000.00"))
    assert estimate.need_exceeds_value
    assert "EUR 24,000 a year, less than the EUR 30,000 a year needed to break even" in value_comparison(plan)
    plan.costs.value_per_hour_saved = D(25)  # exactly the need
    assert not value_estimate(plan).need_exceeds_value
    assert "equal to the EUR 30,000" in value_comparison(plan)


def test_no_value_estimate_until_hours_value_and_costs_are_known():
    costly = line("change_management", 30_000, 30_000, 30_000)
    assert value_estimate(plan_saving(100, "20", costly)) is not None
    assert value_estimate(plan_saving(100, None, costly)) is None  # nobody said what an hour is worth
    assert value_estimate(plan_saving(0, "20", costly)) is None  # no hours saved
    assert value_estimate(plan_saving(100, "20")) is None  # no cost lines: nothing to break even
    unchosen = plan_saving(100, "20", costly)
    unchosen.workflow.chosen_task_id = None
    assert value_estimate(unchosen) is None


def test_the_reports_line_names_the_value_even_without_hours_to_compare():
    assert value_comparison(plan_saving(100, None, line("staff", 1, 1, 1))) == ""
    plan = plan_saving(0, "38.5", line("staff", 1, 1, 1))
    assert value_comparison(plan) == ("An hour saved is valued at EUR 38.50; the chosen task's hours saved or "
                                      "the cost lines are still missing to compare it with the break-even need.")
    plan.meta.language = "de"
    assert "38,50 EUR" in value_comparison(plan)
