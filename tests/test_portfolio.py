"""Choosing among ideas: each plan's figures for the portfolio, value and feasibility kept apart,
and the page listing what this browser can see and comparing plans step by step."""

from __future__ import annotations

from decimal import Decimal

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.portfolio import feasibility, portfolio_row, step_digest, yearly_value
from canvas_core.steps import STEPS_BY_ID
from tests.app_driver import open_app, run


def test_a_row_holds_the_standing_verdict_costs_and_value_apart_from_feasibility():
    plan = load_example("support_mail_triage")
    plan.costs.value_per_hour_saved = Decimal("40")
    row = portfolio_row(plan)
    assert row.verdict == row.computed == "redesign"
    assert row.one_time == Decimal("223300") and row.break_even_per_year is not None
    assert row.value_per_year == Decimal("8640") * 40  # 720 hours a month, 12 months, 40 an hour
    assert row.value_covers_break_even is True
    assert 1 <= row.feasibility <= 5


def test_feasibility_needs_all_three_scores_and_reads_difficulty_the_other_way_round():
    plan = Plan()
    ch = plan.workflow.characteristics
    assert feasibility(plan) is None
    ch.data_availability.score, ch.problem_difficulty.score, ch.accuracy_requirement.score = 5, 1, 1
    assert feasibility(plan) == 5
    ch.problem_difficulty.score = ch.accuracy_requirement.score = 5
    assert feasibility(plan) == 7 / 3


def test_a_decision_stands_in_the_portfolio_and_an_empty_plan_has_no_figures():
    plan = load_example("support_mail_triage")
    from canvas_core.steps.review import edits

    edits.override_verdict(plan, "redesign", "go_with_conditions", "Gold set bought in March", "Dana")
    assert portfolio_row(plan).verdict == "go_with_conditions" and portfolio_row(plan).computed == "redesign"
    empty = portfolio_row(Plan())
    assert empty.one_time is None and empty.value_per_year is None and yearly_value(Plan()) is None


def test_a_step_digest_is_plain_lines_of_what_the_plan_says():
    plan = load_example("support_mail_triage")
    decisions = plan.canvas("ml_canvas").block("decisions").notes[0].text
    assert any(decisions in line for line in step_digest(plan, STEPS_BY_ID["ml_canvas"]))
    assert step_digest(plan, STEPS_BY_ID["costs"])[0].startswith("One-time: EUR 223,300")


def test_the_page_lists_the_plans_of_this_browser_and_compares_two():
    first = load_example("support_mail_triage").as_new()
    at = open_app(first)  # opened by its link: on this browser's list
    run(at.button(key="home-open-example").click())  # a second plan, made in this browser
    second = at.session_state["open_plan"].plan.id
    run(at.text_input(key="plan-name").input("Mail triage, smaller scope"))
    run(at.switch_page("pages/portfolio.py"))
    table = at.dataframe[0].value
    assert sorted(table["Plan"]) == sorted([first.meta.name, "Mail triage, smaller scope"])
    assert set(table["Verdict"]) == {"Redesign first"}
    run(at.multiselect(key="portfolio-compare").set_value([first.id, second]))
    texts = " ".join(t.value for t in at.text)
    assert "Mail triage, smaller scope" in texts and "One-time: EUR 223,300" in texts
