"""The plan model: JSON round trip, limits, and the worked example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from canvas_core.plan import (
    SCHEMA_VERSION,
    BlockContent,
    CanvasContent,
    CostLine,
    DataAsset,
    Note,
    NoteStatus,
    Plan,
    PlanMeta,
    WorkflowTask,
)

# Any text a user might type: every script, markup, control characters, quotes.
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
short = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
ids = st.from_regex(r"[a-z0-9]{4,12}", fullmatch=True)
moments = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
money = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)

notes = st.builds(
    Note,
    id=ids,
    text=texts.filter(str.strip),  # a note says something (the model strips and refuses blanks)
    author=short,
    created_at=moments,
    status=st.none() | st.sampled_from(NoteStatus),
    topic=st.none() | ids,
)
blocks = st.builds(
    BlockContent,
    notes=st.lists(notes, max_size=4),
    fields=st.dictionaries(ids, texts, max_size=3),
)
canvas_contents = st.builds(
    CanvasContent,
    fields=st.dictionaries(ids, short, max_size=2),
    blocks=st.dictionaries(ids, blocks, max_size=4),
)
plans = st.builds(
    Plan,
    meta=st.builds(PlanMeta, name=short, team=short, designed_for=short, date=st.none() | st.dates(),
                   iteration=st.integers(1, 10_000), currency=st.sampled_from(["EUR", "USD", "JPY"]),
                   language=st.sampled_from(["en", "de", "el"]), created_at=moments, updated_at=moments),
    canvases=st.dictionaries(st.sampled_from(["ml_canvas", "mlops_stack", "product_brief", "other"]),
                             canvas_contents, max_size=3),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_any_plan_round_trips_through_json_unchanged(plan: Plan):
    text = plan.to_json()
    again = Plan.from_json(text)
    assert again == plan
    assert again.to_json() == text


@settings(max_examples=100)
@given(st.lists(st.builds(CostLine, category=st.sampled_from(["staff", "data"]), label=short, low=money,
                          expected=money, high=money, note=texts), max_size=5),
       st.lists(st.builds(DataAsset, name=short, yearly_cost=st.none() | money), max_size=5),
       st.lists(st.builds(WorkflowTask, name=short, leads_to=st.lists(ids, max_size=3)), max_size=5))
def test_money_and_other_steps_round_trip_exactly(lines, assets, tasks):
    plan = Plan()
    plan.costs.lines = lines
    plan.data_landscape.assets = assets
    plan.workflow.tasks = tasks
    assert Plan.from_json(plan.to_json()) == plan


def test_worked_example_round_trips_and_fills_every_step(example_plan: Plan):
    assert Plan.from_json(example_plan.to_json()) == example_plan
    assert example_plan.schema_version == SCHEMA_VERSION
    assert set(example_plan.canvases) == {"product_brief", "ml_canvas", "mlops_stack"}
    assert len(example_plan.workflow.tasks) >= 6 and example_plan.workflow.chosen_task_id
    assert {line.category for line in example_plan.costs.lines} >= {
        "staff", "infrastructure", "change_management", "operational_maintenance", "data"}
    assets = example_plan.data_landscape.assets
    assert len(assets) >= 8
    assert {a.sharing for a in assets} == {"private", "shared", "public"}
    assert {a.status for a in assets} == {"available", "accessible", "missing", "question"}
    assert example_plan.review.open_questions


def test_worked_example_refers_only_to_real_blocks_and_tasks(example_plan: Plan, specs):
    for canvas_id, content in example_plan.canvases.items():
        spec = specs[canvas_id]
        for block_id, block in content.blocks.items():
            block_spec = spec.block(block_id)
            subitems = {s.id for s in block_spec.subitems}
            assert all(n.topic in subitems for n in block.notes if n.topic), block_id
            assert set(block.fields) <= {f.id for f in block_spec.fields}, block_id
    task_ids = {t.id for t in example_plan.workflow.tasks}
    assert example_plan.workflow.chosen_task_id in task_ids
    assert all(set(t.leads_to) <= task_ids for t in example_plan.workflow.tasks)
    assert any(len(t.leads_to) > 1 for t in example_plan.workflow.tasks), "the process should branch"


def test_plan_ids_are_unguessable_and_distinct():
    ids = {Plan().id for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) >= 22 for i in ids)  # 18 random bytes, base64url: 144 bits


@pytest.mark.parametrize(
    "change",
    [
        lambda p: setattr(p.meta, "currency", "euro"),
        lambda p: setattr(p.meta, "name", "x" * 301),
        lambda p: setattr(p.costs, "maintenance_share", Decimal("0.5")),
        lambda p: setattr(p.costs, "horizon_years", 9),
    ],
)
def test_invalid_values_are_refused_on_assignment(change):
    plan = Plan()
    before = plan.to_json()
    with pytest.raises(ValidationError):
        change(plan)
    assert plan.to_json() == before


def test_absurd_and_negative_money_is_refused():
    with pytest.raises(ValidationError):
        CostLine(category="data", label="x", expected=Decimal("-1"))
    with pytest.raises(ValidationError):
        CostLine(category="data", label="x", high=Decimal("1e13"))


def test_unknown_fields_and_newer_schema_are_refused():
    with pytest.raises(ValidationError):
        Plan.model_validate({"schema_version": SCHEMA_VERSION, "surprise": True})
    with pytest.raises(ValidationError):
        Plan.model_validate({"schema_version": SCHEMA_VERSION + 1})


def test_a_plan_as_new_keeps_its_content_under_a_new_id_and_history(example_plan: Plan):
    copy = example_plan.as_new(name="Mail triage, take two")
    assert copy.id != example_plan.id and copy.meta.name == "Mail triage, take two"
    assert copy.meta.created_at >= example_plan.meta.created_at and copy.meta.created_at == copy.meta.updated_at
    assert copy.canvases == example_plan.canvases and copy.data_landscape == example_plan.data_landscape
    copy.canvases["ml_canvas"].blocks["decisions"].notes.clear()
    assert example_plan.canvases["ml_canvas"].blocks["decisions"].notes  # a copy, not a view


def test_a_note_is_stored_without_surrounding_blanks_and_never_empty():
    assert Note(text="  Route by topic \n").text == "Route by topic"
    with pytest.raises(ValueError):
        Note(text=" \n\t ")
