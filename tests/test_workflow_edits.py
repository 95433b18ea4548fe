"""Editing the workflow step: table deltas, quick adds, candidates, answers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canvas_core.canvas.editing import EditError
from canvas_core.plan import DONT_KNOW, Plan
from canvas_core.steps.workflow import edits


def plan_with(*names: str) -> Plan:
    plan = Plan()
    previous = None
    for name in names:
        previous = edits.add_task(plan, name, after=previous.id if previous else None)
    return plan


def test_tasks_typed_in_order_are_linked_in_order():
    plan = plan_with("Receive mail", "Read mail", "Forward mail")
    tasks = plan.workflow.tasks
    assert [t.leads_to for t in tasks] == [[tasks[1].id], [tasks[2].id], []]


def test_table_edits_change_add_and_delete_rows_and_drop_dangling_links():
    plan = plan_with("Receive", "Read", "Forward")
    ids = [t.id for t in plan.workflow.tasks]
    plan.workflow.chosen_task_id = None
    edits.apply_table_edits(plan, ids, {
        "edited_rows": {0: {"Who does it today": "Mail server", "Minutes per case": "0.5", "Cases per month": "60,000"}},
        "added_rows": [{"Task": "Escalate", "Prediction could help": True}],
        "deleted_rows": [1],
    })
    names = [t.name for t in plan.workflow.tasks]
    assert names == ["Receive", "Forward", "Escalate"]
    receive = plan.workflow.tasks[0]
    assert (receive.actor, receive.minutes_per_case, receive.cases_per_month) == ("Mail server", Decimal("0.5"), 60000)
    assert receive.leads_to == []  # it led to the deleted task
    assert plan.workflow.tasks[2].prediction_candidate is True


@pytest.mark.parametrize("row, message", [
    ({"Task": "   "}, "needs a name"),
    ({"Minutes per case": "-3"}, 'Row 1, Minutes per case: "-3" is below the minimum of 0'),
    ({"Cases per month": "2.5"}, 'Row 1, Cases per month: "2.5" is not a whole number'),
    ({"Cases per month": "10000000000000"}, 'Row 1, Cases per month: "10000000000000" is over the maximum of '
                                            "10,000,000,000"),
    ({"Cases per month": "1e13"}, 'Row 1, Cases per month: "1e13" is written with an exponent'),
    ({"Minutes per case": "1,5"}, r'Row 1, Minutes per case: "1,5" is not a number in an English plan \(use 1.5\)'),
])
def test_a_bad_cell_changes_nothing_and_names_the_column(row, message):
    plan = plan_with("Receive", "Read")
    before = plan.to_json()
    with pytest.raises(EditError, match=message):
        edits.apply_table_edits(plan, [t.id for t in plan.workflow.tasks],
                                {"edited_rows": {1: {"Who does it today": "Dispatcher"}, 0: row}})
    assert plan.to_json() == before


def test_candidate_numbers_are_read_in_the_plans_language():
    plan = plan_with("Receive", "Read")
    plan.meta.language = "de"
    edits.apply_table_edits(plan, [t.id for t in plan.workflow.tasks],
                            {"edited_rows": {1: {"Minutes saved per case": "2,5", "Errors avoided per month": "1.200"}}},
                            edits.CANDIDATE_COLUMNS)
    read = plan.workflow.tasks[1]
    assert (read.minutes_saved_per_case, read.errors_avoided_per_month) == (Decimal("2.5"), 1200)


def test_an_empty_added_row_is_ignored_but_a_row_without_a_name_is_refused():
    plan = plan_with("Receive")
    edits.apply_table_edits(plan, [plan.workflow.tasks[0].id], {"added_rows": [{}]})
    assert len(plan.workflow.tasks) == 1
    with pytest.raises(EditError, match="needs a name"):
        edits.apply_table_edits(plan, [plan.workflow.tasks[0].id], {"added_rows": [{"Pain": "slow"}]})


def test_choosing_needs_a_candidate_and_unmarking_unchooses():
    plan = plan_with("Receive", "Classify")
    classify = plan.workflow.tasks[1]
    with pytest.raises(EditError, match="prediction candidate"):
        edits.choose_task(plan, classify.id)
    edits.set_candidates(plan, [classify.id])
    edits.choose_task(plan, classify.id)
    assert plan.workflow.chosen_task_id == classify.id
    edits.set_candidates(plan, [])
    assert plan.workflow.chosen_task_id is None


def test_integration_answers_keep_text_and_unclear_flag_apart():
    plan = Plan()
    edits.set_integration(plan, "fallback", text="  Dispatcher routes by hand  ")
    edits.set_integration(plan, "fallback", unclear=True)
    answer = plan.workflow.integration.fallback
    assert (answer.text, answer.unclear) == ("Dispatcher routes by hand", True)
    edits.set_mode(plan, value="augment", unclear=False)
    assert plan.workflow.integration.mode.value == "augment"
    with pytest.raises(EditError):
        edits.set_integration(plan, "nonsense", text="x")


def test_characteristics_and_reasons():
    plan = Plan()
    edits.set_characteristic(plan, "data_availability", score=4, note="Two years of tickets")
    edits.set_characteristic(plan, "data_availability", score=None)
    rating = plan.workflow.characteristics.data_availability
    assert (rating.score, rating.note) == (None, "Two years of tickets")
    with pytest.raises(ValueError):
        edits.set_characteristic(plan, "problem_difficulty", score=9)
    edits.set_no_ml_reason(plan, "nobody_to_maintain", "yes")
    assert plan.workflow.characteristics.nobody_to_maintain == "yes"
    edits.set_no_ml_reason(plan, "low_expected_return", DONT_KNOW)
    edits.set_characteristic(plan, "problem_difficulty", score=DONT_KNOW)
    difficulty = plan.workflow.characteristics.problem_difficulty
    assert plan.workflow.characteristics.low_expected_return == DONT_KNOW and difficulty.dont_know
    assert difficulty.score is None


def test_what_is_unclear_is_stored_beside_the_answer_and_kept_when_the_mark_goes():
    plan = Plan()
    edits.set_integration(plan, "fallback", text="A person takes over", unclear=True)
    edits.set_integration(plan, "fallback", unclear_what="  who takes over at night ")
    answer = plan.workflow.integration.fallback
    assert (answer.text, answer.unclear, answer.unclear_what) == ("A person takes over", True, "who takes over at night")
    edits.set_integration(plan, "fallback", unclear=False)
    assert plan.workflow.integration.fallback.unclear_what == "who takes over at night"
    edits.set_mode(plan, value="augment", unclear=True)
    edits.set_mode(plan, unclear_what="whether the officer may overrule")
    mode = plan.workflow.integration.mode
    assert (mode.value, mode.unclear, mode.unclear_what) == ("augment", True, "whether the officer may overrule")


def test_the_judgement_the_prediction_supports_is_stored_as_typed_and_a_too_long_one_refused():
    plan = Plan()
    edits.set_workflow_text(plan, "judgement", " Which team handles the mail \n")
    assert plan.workflow.judgement == "Which team handles the mail"
    with pytest.raises(ValueError):
        edits.set_workflow_text(plan, "judgement", "x" * 6000)
    assert plan.workflow.judgement == "Which team handles the mail"
    with pytest.raises(ValueError):
        edits.set_mode(plan, unclear_what="x" * 6000)
