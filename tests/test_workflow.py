"""The workflow step's logic: candidate ranking, the process graph, its Mermaid
drawing (user text can never break out of a label) and the readiness signal."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_core.examples import load_example
from canvas_core.plan import Workflow, WorkflowTask
from canvas_core.steps.workflow.rules import (
    CHARACTERISTIC_LABELS,
    INTEGRATION_LABELS,
    REASON_LABELS,
    UNCLEAR_TEXT,
    escape_label,
    process_graph,
    rank_candidates,
    readiness,
    to_mermaid,
)

FEEDBACK = "How the outcome is observed later (feedback)"


def example() -> Workflow:
    return load_example("support_mail_triage").workflow


def candidate(name: str, cases=None, saved=None, errors=None, cost="low", **extra) -> WorkflowTask:
    return WorkflowTask(id=extra.pop("id", name), name=name, prediction_candidate=True, cases_per_month=cases,
                        minutes_saved_per_case=None if saved is None else Decimal(saved),
                        errors_avoided_per_month=errors, wrong_prediction_cost=cost, **extra)


def chain(*ids: str, chosen: str | None = None, links: dict[str, list[str]] | None = None) -> Workflow:
    """Tasks named by their ids; `links` gives leads_to (none unless stated)."""
    links = links or {}
    return Workflow(tasks=[WorkflowTask(id=i, name=i, leads_to=links.get(i, [])) for i in ids], chosen_task_id=chosen)


def roles(workflow: Workflow) -> dict[str, str]:
    return {n.id: n.role for n in process_graph(workflow).nodes}


def fully_stated() -> Workflow:
    wf = example()
    wf.integration.feedback.unclear = False
    return wf


# --- ranking -------------------------------------------------------------------------------


def test_only_tasks_marked_as_candidates_are_ranked():
    wf = Workflow(tasks=[WorkflowTask(name="Receive"), candidate("Classify", 100, "1")])
    assert [c.task.name for c in rank_candidates(wf)] == ["Classify"]


def test_hours_saved_are_cases_times_minutes_saved_over_sixty_in_exact_decimals():
    [c] = rank_candidates(Workflow(tasks=[candidate("Classify", 54_000, "0.8", cost="low")]))
    assert c.hours_saved_per_month == Decimal("720.0") and str(c.hours_saved_per_month) == "720.0"
    assert c.score == Decimal("720.0")
    [odd] = rank_candidates(Workflow(tasks=[candidate("Odd", 7, "1.3", cost="high")]))
    assert odd.hours_saved_per_month == Decimal("0.2")  # 9.1 / 60 = 0.1516… rounds to one decimal
    assert odd.score == Decimal("0.1")  # 0.2 x 0.5, the hours the user sees times the weight


def test_score_weights_hours_by_the_cost_of_a_wrong_prediction():
    tasks = [candidate(cost, 600, "1", cost=cost) for cost in ("low", "medium", "high")]
    assert {c.task.name: c.score for c in rank_candidates(Workflow(tasks=tasks))} == {
        "low": Decimal("10.0"), "medium": Decimal("7.5"), "high": Decimal("5.0")}


def test_candidates_rank_by_score_then_errors_avoided_then_name():
    wf = Workflow(tasks=[
        candidate("Zeta", 60, "1", errors=5),
        candidate("Alpha", 60, "1", errors=5),
        candidate("Busy", 60, "1", errors=50),
        candidate("Big", 6_000, "1", errors=0),
    ])
    ranked = rank_candidates(wf)
    assert [(c.rank, c.task.name) for c in ranked] == [(1, "Big"), (2, "Busy"), (3, "Alpha"), (4, "Zeta")]


def test_unacceptable_wrong_predictions_rank_last_whatever_the_value():
    wf = Workflow(tasks=[
        candidate("Critical", 1_000_000, "10", errors=99_999, cost="unacceptable"),
        candidate("Unknown value"),
        candidate("Small", 60, "1"),
    ])
    ranked = rank_candidates(wf)
    assert [c.task.name for c in ranked] == ["Small", "Unknown value", "Critical"]
    critical = ranked[-1]
    assert critical.score == 0 and critical.rank == 3
    assert "unacceptable" in critical.warning


def test_missing_cases_or_minutes_give_score_zero_and_say_what_to_fill():
    both, no_cases, no_minutes = rank_candidates(Workflow(tasks=[
        candidate("A both missing"), candidate("B no cases", saved="1"), candidate("C no minutes", cases=10)]))
    for c in (both, no_cases, no_minutes):
        assert c.hours_saved_per_month is None and c.score == Decimal(0)
        assert "value unknown" in c.warning
    assert "cases per month" in both.warning and "minutes saved" in both.warning
    assert "cases per month" in no_cases.warning and "minutes saved" not in no_cases.warning
    assert "minutes saved" in no_minutes.warning and "cases per month" not in no_minutes.warning


def test_an_unstated_cost_counts_as_medium_and_says_so():
    [c] = rank_candidates(Workflow(tasks=[candidate("Classify", 600, "1", cost=None)]))
    assert c.score == Decimal("7.5") and c.wrong_prediction_cost is None
    assert "counted as medium" in c.warning


def test_a_fully_described_candidate_has_no_warning():
    [c] = rank_candidates(Workflow(tasks=[candidate("Classify", 600, "1", errors=3, cost="medium")]))
    assert c.warning == "" and c.errors_avoided_per_month == 3 and c.wrong_prediction_cost == "medium"


def test_worked_example_chosen_task_ranks_first_among_candidates():
    ranked = rank_candidates(example())
    assert [(c.rank, c.task.id) for c in ranked] == [(1, "t-classify"), (2, "t-filter")]
    top = ranked[0]
    assert top.hours_saved_per_month == Decimal("720.0")  # 54,000 mails x 0.8 min / 60
    assert top.score == Decimal("540.0") and top.warning == ""
    assert ranked[1].hours_saved_per_month == Decimal("100.0") and ranked[1].score == Decimal("50.0")


# --- process graph -------------------------------------------------------------------------------


def test_worked_example_graph_has_the_urgent_branch_and_the_join_at_the_reply():
    graph = process_graph(example())
    assert ("t-classify", "t-escalate") in graph.edges and ("t-classify", "t-forward") in graph.edges
    assert {a for a, b in graph.edges if b == "t-reply"} == {"t-senior", "t-handle"}
    assert len(graph.edges) == 8
    assert [n.id for n in graph.nodes if n.candidate] == ["t-filter", "t-classify"]


def test_worked_example_roles_before_and_after_the_chosen_task():
    assert roles(example()) == {
        "t-receive": "previous", "t-filter": "previous",
        "t-classify": "chosen",
        "t-escalate": "following", "t-senior": "following",
        "t-forward": "following", "t-handle": "following", "t-reply": "following",
    }


def test_roles_reach_any_distance_and_unconnected_tasks_are_other():
    wf = chain("a", "b", "c", "d", "e", "lonely", chosen="c", links={"a": ["b"], "b": ["c"], "c": ["d"], "d": ["e"]})
    assert roles(wf) == {"a": "previous", "b": "previous", "c": "chosen", "d": "following", "e": "following",
                         "lonely": "other"}


def test_without_a_chosen_task_every_task_is_other():
    links = {"a": ["b"]}
    assert set(roles(chain("a", "b", links=links)).values()) == {"other"}
    # A chosen task that was deleted counts as no choice.
    assert set(roles(chain("a", "b", chosen="gone", links=links)).values()) == {"other"}


def test_cycles_in_leads_to_end_and_take_the_nearer_side():
    # Receive -> classify -> handle, and handle sends mis-routed mail back to classify.
    wf = chain("receive", "classify", "handle", "reply", chosen="classify",
               links={"receive": ["classify"], "classify": ["handle"], "handle": ["classify", "reply"]})
    assert roles(wf) == {"receive": "previous", "classify": "chosen", "handle": "following", "reply": "following"}
    # A full ring a -> b -> c -> a: b is one step after a, c one step before it.
    ring = chain("a", "b", "c", chosen="a", links={"a": ["b"], "b": ["c"], "c": ["a"]})
    assert roles(ring) == {"a": "chosen", "b": "following", "c": "previous"}
    # A task leading to itself does not hang either.
    assert roles(chain("x", "y", chosen="x", links={"x": ["x", "y"], "y": ["y"]})) == {"x": "chosen", "y": "following"}


def test_edges_to_deleted_tasks_and_repeats_are_dropped():
    wf = chain("a", "b", chosen="a", links={"a": ["b", "deleted", "b"], "b": ["also-deleted"]})
    assert process_graph(wf).edges == (("a", "b"),)


def test_no_edges_are_invented_from_the_order_of_the_list():
    graph = process_graph(chain("first", "second", "third", chosen="second"))
    assert graph.edges == ()
    assert [n.role for n in graph.nodes] == ["other", "chosen", "other"]


# --- Mermaid ---------------------------------------------------------------------------------------

HOSTILE = ['A"] --> X[pwn', "<script>alert(1)</script>", "#quot; stays literal", "back`tick`",
           "line one\nline two\r\tend", '%%{init: {"securityLevel": "loose"}}%%', "a | b & {c} [d]"]
NODE_LINE = re.compile(r'^    (n\d+)\["([^"]*)"\]$')


def hostile_workflow() -> Workflow:
    tasks = [WorkflowTask(id=f"u{i}", name=name, actor='Bob"]' if i == 0 else "", prediction_candidate=i == 3,
                          leads_to=[f"u{i + 1}"]) for i, name in enumerate(HOSTILE)]
    return Workflow(tasks=tasks, chosen_task_id="u2")


def labels(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in map(NODE_LINE.match, text.splitlines()) if m}


def test_worked_example_draws_a_left_to_right_flowchart_with_the_chosen_task_highlighted():
    text = to_mermaid(process_graph(example()))
    assert text.splitlines()[0] == "flowchart LR"
    assert labels(text)["n2"] == "Read mail and decide topic and urgency · Dispatcher (9 FTE)"
    assert "    n2 --> n3" in text.splitlines() and "    n2 --> n5" in text.splitlines()
    assert "    class n2 chosen" in text.splitlines()
    assert "    class n0,n1 previous" in text.splitlines()
    assert "    class n3,n4,n5,n6,n7 following" in text.splitlines()
    assert "    class n1 candidate" in text.splitlines()  # dashed: the other candidate


def test_hostile_task_names_cannot_break_out_and_stay_readable():
    text = to_mermaid(process_graph(hostile_workflow()))
    found = labels(text)
    assert list(found) == [f"n{i}" for i in range(len(HOSTILE))]
    for label in found.values():
        for raw in ('"', "<", ">", "\n", "\r", "\t", "%%"):
            assert raw not in label
        assert not label.startswith("`")
    assert all(STATEMENT.match(line) for line in text.splitlines())  # nothing broke out onto its own line
    # The quote that would end the label becomes a typographic one; brackets are harmless inside quotes.
    assert found["n0"] == "A\u201d] --#gt; X[pwn · Bob\u201d]"
    assert found["n1"] == "#lt;script#gt;alert(1)#lt;/script#gt;"
    assert found["n2"] == "\uff03quot; stays literal"  # typed entity text is shown as typed, not decoded
    assert found["n3"] == "back`tick`"
    assert found["n4"] == "line one line two end"
    assert found["n6"] == "a | b #amp; {c} [d]"


def test_a_leading_backtick_cannot_start_a_markdown_label():
    assert escape_label("`code` first") == "\u2018code` first"


def test_node_ids_are_generated_never_the_users_ids():
    wf = Workflow(tasks=[WorkflowTask(id='x"];click', name="A", leads_to=["y --> z"]),
                  WorkflowTask(id="y --> z", name="B")], chosen_task_id='x"];click')
    text = to_mermaid(process_graph(wf))
    assert "click" not in text and "y --> z" not in text
    assert "    n0 --> n1" in text.splitlines() and "    class n0 chosen" in text.splitlines()


def test_chosen_class_is_applied_to_the_chosen_node_only():
    lines = to_mermaid(process_graph(hostile_workflow())).splitlines()
    chosen_lines = [line for line in lines if line.startswith("    class ") and line.endswith(" chosen")]
    assert chosen_lines == ["    class n2 chosen"]
    assert "    class n3 candidate" in lines


def test_long_names_are_cut_to_eighty_characters_with_an_ellipsis():
    assert escape_label("x" * 200) == "x" * 79 + "…"
    # Cut before escaping, so an entity is never cut in half.
    assert escape_label('"' * 200) == "\u201d" * 79 + "…"
    assert escape_label("  spaced \n out  ") == "spaced out"


def test_an_empty_workflow_draws_a_single_no_tasks_yet_node():
    text = to_mermaid(process_graph(Workflow()))
    assert labels(text) == {"n0": "No tasks yet"}
    assert "-->" not in text


STATEMENT = re.compile(
    r"^flowchart LR$"
    r"|^    classDef (other|previous|following|chosen|candidate) [a-z0-9:#,. -]+$"
    r'|^    n\d+\["(?!`)[^"<>\n]*"\]$'
    r"|^    n\d+ --> n\d+$"
    r"|^    class n\d+(,n\d+)* (other|previous|following|chosen|candidate)$"
)


@settings(max_examples=200, deadline=None)
@given(
    names=st.lists(st.text(max_size=120), max_size=8),
    actors=st.lists(st.text(max_size=40), min_size=8, max_size=8),
    links=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=20),
    chosen=st.integers(0, 9),
)
def test_any_task_names_give_only_known_statement_shapes(names, actors, links, chosen):
    tasks = [WorkflowTask(id=f"t{i}", name=name, actor=actors[i], prediction_candidate=i % 2 == 0,
                          leads_to=[f"t{b}" for a, b in links if a == i]) for i, name in enumerate(names)]
    text = to_mermaid(process_graph(Workflow(tasks=tasks, chosen_task_id=f"t{chosen}")))
    lines = text.split("\n")
    assert [line for line in lines if not STATEMENT.match(line)] == []
    node_ids = [m.group(1) for m in map(NODE_LINE.match, lines) if m]
    assert node_ids == [f"n{i}" for i in range(max(len(names), 1))]
    for label in labels(text).values():
        assert '"' not in label


# --- readiness --------------------------------------------------------------------------------------


def test_worked_example_is_amber_because_its_feedback_answer_is_unclear():
    signal = readiness(example())
    assert signal.level == "amber"
    assert [(r.level, r.answer, r.text) for r in signal.reasons] == [("amber", FEEDBACK, (
        f"{UNCLEAR_TEXT}. What is unclear: Whether the ticket system vendor can add the button before the July "
        "shadow start, and who reviews the reasons each month."))]
    assert signal.summary == "1 answer to settle before a POC."


def test_an_unclear_answer_without_saying_what_is_unclear_gives_the_plain_reason():
    flow = example()
    flow.integration.feedback.unclear_what = ""
    assert [r.text for r in readiness(flow).reasons] == [UNCLEAR_TEXT]


def test_a_fully_stated_workflow_is_green():
    signal = readiness(fully_stated())
    assert (signal.level, signal.reasons, signal.summary) == ("green", (), "The integration is fully stated.")


@pytest.mark.parametrize("field", list(REASON_LABELS))
def test_each_reason_not_to_use_ml_turns_the_signal_red(field):
    wf = fully_stated()
    setattr(wf.characteristics, field, "yes")
    signal = readiness(wf)
    assert signal.level == "red" and signal.summary == "A reason not to use ML applies."
    assert [(r.level, r.answer) for r in signal.reasons] == [("red", REASON_LABELS[field])]


def test_unacceptable_wrong_predictions_for_the_chosen_task_turn_the_signal_red():
    wf = fully_stated()
    next(t for t in wf.tasks if t.id == "t-classify").wrong_prediction_cost = "unacceptable"
    [reason] = readiness(wf).reasons
    assert readiness(wf).level == "red"
    assert reason.answer == "Cost of a wrong prediction" and "Read mail and decide topic and urgency" in reason.text


def test_unacceptable_cost_of_a_task_not_chosen_does_not_turn_red():
    wf = fully_stated()
    next(t for t in wf.tasks if t.id == "t-filter").wrong_prediction_cost = "unacceptable"
    assert readiness(wf).level == "green"


def test_red_reasons_come_first_then_amber_each_in_page_order():
    wf = example()  # feedback unclear: amber
    wf.characteristics.nobody_to_maintain = "yes"
    wf.characteristics.wrong_predictions_intolerable = "yes"
    signal = readiness(wf)
    assert [(r.level, r.answer) for r in signal.reasons] == [
        ("red", REASON_LABELS["wrong_predictions_intolerable"]),
        ("red", REASON_LABELS["nobody_to_maintain"]),
        ("amber", FEEDBACK),
    ]
    assert signal.summary == "2 reasons not to use ML apply."


def _no_choice(wf):
    wf.chosen_task_id = None


def _one_task(wf):
    wf.tasks = wf.tasks[2:3]


def _empty_fallback(wf):
    wf.integration.fallback.text = "  "


def _unclear_systems(wf):
    wf.integration.systems.unclear = True


def _no_mode(wf):
    wf.integration.mode.value = None


def _unclear_mode(wf):
    wf.integration.mode.unclear = True


def _no_difficulty_score(wf):
    wf.characteristics.problem_difficulty.score = None


def _unanswered_return(wf):
    wf.characteristics.low_expected_return = None


def _unknown_return(wf):
    wf.characteristics.low_expected_return = "dont_know"


def _unknown_difficulty(wf):
    wf.characteristics.problem_difficulty.score = None
    wf.characteristics.problem_difficulty.dont_know = True


def _unknown_mode(wf):
    wf.integration.mode.value = "dont_know"


def _scarce_data(wf):
    wf.characteristics.data_availability.score = 2


def _demanding_and_hard(wf):
    wf.characteristics.accuracy_requirement.score = 5
    wf.characteristics.problem_difficulty.score = 4


@pytest.mark.parametrize(("change", "answer", "says"), [
    (_no_choice, "The task this plan is about", "no task chosen"),
    (_one_task, "The process, task by task", "fewer than 2 tasks"),
    (_empty_fallback, INTEGRATION_LABELS["fallback"], "not answered"),
    (_unclear_systems, INTEGRATION_LABELS["systems"], UNCLEAR_TEXT),
    (_no_mode, INTEGRATION_LABELS["mode"], "not chosen"),
    (_unclear_mode, INTEGRATION_LABELS["mode"], UNCLEAR_TEXT),
    (_no_difficulty_score, CHARACTERISTIC_LABELS["problem_difficulty"], "no score"),
    (_unanswered_return, REASON_LABELS["low_expected_return"], "not answered"),
    (_unknown_return, REASON_LABELS["low_expected_return"], "don't know"),
    (_unknown_difficulty, CHARACTERISTIC_LABELS["problem_difficulty"], "don't know"),
    (_unknown_mode, INTEGRATION_LABELS["mode"], "don't know"),
    (_scarce_data, CHARACTERISTIC_LABELS["data_availability"], "data is hard to get"),
    (_demanding_and_hard, CHARACTERISTIC_LABELS["accuracy_requirement"], "demanding and hard"),
])
def test_each_open_answer_turns_the_signal_amber_and_names_the_answer(change, answer, says):
    wf = fully_stated()
    change(wf)
    signal = readiness(wf)
    assert signal.level == "amber"
    assert [r.answer for r in signal.reasons] == [answer]
    assert says in signal.reasons[0].text


def test_a_demanding_but_easy_problem_stays_green():
    wf = fully_stated()
    wf.characteristics.accuracy_requirement.score = 5
    wf.characteristics.problem_difficulty.score = 3
    assert readiness(wf).level == "green"


def test_an_empty_workflow_lists_every_open_answer_in_page_order():
    signal = readiness(Workflow())
    assert signal.level == "amber"
    assert [r.answer for r in signal.reasons] == [
        "The process, task by task", "The task this plan is about",
        *INTEGRATION_LABELS.values(), *CHARACTERISTIC_LABELS.values(), *REASON_LABELS.values(),
    ]
    assert signal.summary == f"{len(signal.reasons)} answers to settle before a POC."


def test_labels_cover_every_answer_on_the_page():
    assert list(INTEGRATION_LABELS) == ["previous_steps", "use_of_model", "desired_outcome", "who_acts", "mode",
                                        "fallback", "systems", "feedback"]
    assert INTEGRATION_LABELS["feedback"] == FEEDBACK
    assert list(CHARACTERISTIC_LABELS) == ["data_availability", "accuracy_requirement", "problem_difficulty"]
    assert list(REASON_LABELS) == ["wrong_predictions_intolerable", "low_expected_return", "nobody_to_maintain"]


def test_the_chosen_task_and_its_value_are_found_only_while_they_exist():
    from canvas_core.steps.workflow.rules import chosen_candidate, chosen_task

    wf = Workflow(tasks=[WorkflowTask(id="t1", name="Classify", prediction_candidate=True, minutes_saved_per_case=2,
                                      cases_per_month=600),
                         WorkflowTask(id="t2", name="Forward")])
    assert chosen_task(wf) is None and chosen_candidate(wf) is None
    wf.chosen_task_id = "t1"
    assert chosen_task(wf).name == "Classify" and chosen_candidate(wf).hours_saved_per_month == 20
    wf.chosen_task_id = "t2"  # chosen, but not marked as a prediction candidate
    assert chosen_task(wf).name == "Forward" and chosen_candidate(wf) is None
    wf.chosen_task_id = "gone"
    assert chosen_task(wf) is None
