"""Consistency between the steps: where two of them ask for the same fact and the plan says
different things, part of the pre-POC screening.

Only structured answers are compared: a choice field of a canvas block, whether a block (or one of
its parts) holds notes, whether a data asset or a cost line exists and what the line covers. Words
in free text are never matched. "don't know" is never a disagreement: the screening makes it a
condition of its own.

Plain data, no Streamlit, for the screening on the review page and in the reports. A side's `says`
may quote what the user typed (the names of cost lines), so whatever shows it escapes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from canvas_core.canvas.specs import CanvasSpec, canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, ngettext
from canvas_core.plan import Plan
from canvas_core.steps import STEPS, STEPS_BY_ID, Step
from canvas_core.steps.costs.rules import COVERS_LABELS
from canvas_core.steps.data_landscape.rules import in_sentence

WHERE = " · "  # between a block and its field, as the app writes a place
DONT_KNOW = "don't know"  # the option every closed canvas question below offers
NOT_ANSWERED = N_("not answered")

# The structured answers compared here: (canvas id, block id) of each twin, and the field both ask.
Twins = tuple[tuple[str, str], tuple[str, str]]
SERVING_TWINS: Twins = (("ml_canvas", "making_predictions"), ("mlops_stack", "prediction_serving"))
RETRAINING_TWINS: Twins = (("ml_canvas", "building_models"), ("mlops_stack", "ci_ct_cd"))
MONITORING_TWINS: Twins = (("ml_canvas", "monitoring"), ("mlops_stack", "monitoring"))
SERVING_MODE = "serving_mode"
RETRAINING_FREQUENCY = "retraining_frequency"
MONITORING_PLANNED = "monitoring_planned"
ON_CALL = "on_call"
# Every other option of each choice, as the canvas files spell it (a test holds them to the files).
SERVING_MODES = ("batch", "real time", "streaming")
RETRAINING_FREQUENCIES = ("never", "yearly", "quarterly", "monthly", "weekly", "daily", "continuously")
YES, NO = "yes", "no"

VALUE_PROPOSITIONS = (("product_brief", "value_proposition"), ("ml_canvas", "value_proposition"),
                      ("mlops_stack", "value_proposition"))
DATA_SOURCES = ("ml_canvas", "data_sources")
TEAM = ("product_brief", "project", "team")  # canvas, block, the sub-item that names the team
_COSTS_PAGE = STEPS_BY_ID["costs"].url_path


@dataclass(frozen=True)
class Side:
    """One side of a comparison: where the app asks, and what the plan says there."""

    # Every text in the language the warnings were made in (the current one).
    step: str  # the step as the sidebar names it: "ML Canvas", "Costs"
    answer: str  # the block and field, or the part of the step: "Making Predictions · Serving mode"
    # The answer as chosen ("real time"), a count ("12 assets"), the names of cost lines as typed, or
    # what is missing ("not answered", "no line").
    says: str


@dataclass(frozen=True)
class ConsistencyWarning:
    """Two answers of the plan that do not fit together, and how to make them fit."""

    id: str  # stable and unique in a result: "serving_mode_differs", "value_proposition_empty:mlops_stack"
    sides: tuple[Side, Side]
    message: str  # what does not fit, in plain words
    fix: str  # what to change
    fix_url_path: str  # the page where it is changed (the step registry's url_path)


def consistency_warnings(plan: Plan) -> tuple[ConsistencyWarning, ...]:
    """Every warning that holds for the plan: serving, retraining, monitoring, data sources, the value
    proposition, the team. An empty plan raises none: nothing is said, so nothing disagrees."""
    return (
        *_serving(plan),
        *_retraining(plan),
        *_monitoring(plan),
        *_data_sources(plan),
        *_value_proposition(plan),
        *_team(plan),
    )


# --- reading the plan ---------------------------------------------------------------------------


def _spec(canvas_id: str) -> CanvasSpec:
    return canvases()[canvas_id]


def _canvas_step(canvas_id: str) -> Step:
    return next(step for step in STEPS if step.canvas_id == canvas_id)


def _title(step: Step) -> str:
    return _(step.title)


def _block_title(canvas_id: str, block_id: str) -> str:
    return shown_title(_spec(canvas_id).block(block_id).title)


def _lower(label: str) -> str:
    """A label inside a sentence: lower case in English; German nouns keep their capital."""
    return in_sentence(label)


def _answer(value: str) -> str:
    """A choice as stored (an option of the canvas file) as a person reads it."""
    return _(value) if value else _(NOT_ANSWERED)


def _field(plan: Plan, canvas_id: str, block_id: str, field_id: str) -> str:
    """A block's structured answer as stored, "" when not given."""
    content = plan.canvases.get(canvas_id)
    block = content.blocks.get(block_id) if content else None
    return block.fields.get(field_id, "").strip() if block else ""


def _notes(plan: Plan, canvas_id: str, block_id: str, topic: str | None = None) -> int:
    """How many notes the block holds (only those of the sub-item `topic`, when given)."""
    content = plan.canvases.get(canvas_id)
    block = content.blocks.get(block_id) if content else None
    return sum(topic is None or note.topic == topic for note in block.notes) if block else 0


def _field_side(plan: Plan, canvas_id: str, block_id: str, field_id: str, says: str | None = None) -> Side:
    block = _spec(canvas_id).block(block_id)
    label = next(f.label for f in block.fields if f.id == field_id)
    return Side(_title(_canvas_step(canvas_id)), f"{shown_title(block.title)}{WHERE}{_(label)}",
                says if says is not None else _answer(_field(plan, canvas_id, block_id, field_id)))


def _place(side: Side) -> str:
    """'ML Canvas · Making Predictions · Serving mode'."""
    return f"{side.step}{WHERE}{side.answer}"


def _block_place(canvas_id: str, block_id: str) -> str:
    """'ML Canvas · Making Predictions'."""
    return f"{_title(_canvas_step(canvas_id))}{WHERE}{_block_title(canvas_id, block_id)}"


def _lines_covering(plan: Plan, cost: str) -> list[str]:
    return [line.label for line in plan.costs.lines if line.covers == cost]


def _costs_side(plan: Plan, cost: str) -> Side:
    labels = _lines_covering(plan, cost)
    return Side(_title(STEPS_BY_ID["costs"]),
                _("Cost lines covering {covers}").format(covers=_lower(_(COVERS_LABELS[cost]))),
                "; ".join(labels) if labels else _("no line"))


def _note_count(count: int) -> str:
    return ngettext("{count} note", "{count} notes", count).format(count=count)


def _asset_count(count: int) -> str:
    return ngettext("{count} asset", "{count} assets", count).format(count=count)


# --- twins that must agree ------------------------------------------------------------------------


def _differs(plan: Plan, twins: Twins, field_id: str, definite: tuple[str, ...],
             warning_id: str) -> Iterator[ConsistencyWarning]:
    """Both twins answered, neither "don't know", and the answers differ. Fixed on the second twin's page:
    the MLOps Stack plans how to run what the ML Canvas describes."""
    (a_canvas, a_block), (b_canvas, b_block) = twins
    a, b = _field(plan, a_canvas, a_block, field_id), _field(plan, b_canvas, b_block, field_id)
    if a in definite and b in definite and a != b:
        first, second = _field_side(plan, a_canvas, a_block, field_id), _field_side(plan, b_canvas, b_block, field_id)
        label = first.answer.rpartition(WHERE)[2]
        where_a, where_b = _block_place(a_canvas, a_block), _block_place(b_canvas, b_block)
        yield ConsistencyWarning(
            warning_id, (first, second),
            _("{label} differs between the canvases: {where_a} says {a}, {where_b} says {b}.").format(
                label=label, where_a=where_a, a=_(a), where_b=where_b, b=_(b)),
            _("Agree with the team which is right, then choose the same {label} in {where_a} and {where_b}.").format(
                label=_lower(label), where_a=where_a, where_b=where_b),
            _canvas_step(b_canvas).url_path)


def _first_answered(plan: Plan, twins: Twins, field_id: str, answers: tuple[str, ...]) -> tuple[str, str, str] | None:
    """(canvas id, block id, answer) of the first twin whose answer is one of `answers`."""
    for canvas_id, block_id in twins:
        value = _field(plan, canvas_id, block_id, field_id)
        if value in answers:
            return canvas_id, block_id, value
    return None


def _without_cost_line(plan: Plan, twins: Twins, field_id: str, answers: tuple[str, ...], cost: str, warning_id: str,
                       message: str, fix: str) -> Iterator[ConsistencyWarning]:
    """A twin gives one of `answers`, and no cost line covers `cost`."""
    answered = _first_answered(plan, twins, field_id, answers)
    if answered is None or _lines_covering(plan, cost):
        return
    canvas_id, block_id, value = answered
    side = _field_side(plan, canvas_id, block_id, field_id)
    yield ConsistencyWarning(warning_id, (side, _costs_side(plan, cost)),
                             message.format(place=_place(side), value=_(value)), fix, _COSTS_PAGE)


def _serving(plan: Plan) -> Iterator[ConsistencyWarning]:
    yield from _differs(plan, SERVING_TWINS, SERVING_MODE, SERVING_MODES, "serving_mode_differs")
    yield from _without_cost_line(
        plan, SERVING_TWINS, SERVING_MODE, SERVING_MODES, "serving", "serving_without_cost_line",
        _("{place} is {value}, but no cost line pays for serving."),
        _("Add a running cost line for serving under operational maintenance, or set Covers to serving on the line "
          "that pays for it."))
    said = [_field(plan, canvas_id, block_id, SERVING_MODE) for canvas_id, block_id in SERVING_TWINS]
    if _lines_covering(plan, "serving") and not any(said):
        (canvas_id, block_id), twin = SERVING_TWINS
        yield ConsistencyWarning(
            "serving_cost_line_unexplained",
            (_costs_side(plan, "serving"), _field_side(plan, canvas_id, block_id, SERVING_MODE)),
            _("A cost line pays for serving, but neither canvas says how predictions are served."),
            _("Choose the serving mode in {first} and {second}, or take Covers off the line if it pays for no "
              "serving.").format(first=_block_place(canvas_id, block_id), second=_block_place(*twin)),
            _canvas_step(canvas_id).url_path)


def _retraining(plan: Plan) -> Iterator[ConsistencyWarning]:
    yield from _differs(plan, RETRAINING_TWINS, RETRAINING_FREQUENCY, RETRAINING_FREQUENCIES, "retraining_differs")
    yield from _without_cost_line(
        plan, RETRAINING_TWINS, RETRAINING_FREQUENCY, tuple(f for f in RETRAINING_FREQUENCIES if f != "never"),
        "retraining", "retraining_without_cost_line",
        _("{place} is {value}, but no cost line pays for retraining."),
        _("Add a running cost line for retraining under operational maintenance, or set Covers to retraining on the "
          "line that pays for it."))


def _monitoring(plan: Plan) -> Iterator[ConsistencyWarning]:
    planned = _first_answered(plan, MONITORING_TWINS, MONITORING_PLANNED, (YES,))
    if planned is None:
        return
    canvas_id, block_id, _answered = planned
    yes_side = _field_side(plan, canvas_id, block_id, MONITORING_PLANNED)
    yield from _monitoring_differs(plan, yes_side)
    yield from _without_cost_line(
        plan, MONITORING_TWINS, MONITORING_PLANNED, (YES,), "monitoring", "monitoring_without_cost_line",
        _("{place} is {value}, but no cost line pays for monitoring."),
        _("Add a running cost line for monitoring (and on-call) under operational maintenance, or set Covers to "
          "monitoring on the line that pays for it."))
    if not any(_field(plan, c, b, ON_CALL) for c, b in MONITORING_TWINS):
        on_call = _field_side(plan, canvas_id, block_id, ON_CALL, says=_("nobody named"))
        yield ConsistencyWarning(
            "monitoring_without_on_call", (yes_side, on_call),
            _("{place} is yes, but nobody is named to act when an alert fires.").format(place=_place(yes_side)),
            _("Name the person or team on call, and when, in {place}.").format(place=_place(on_call)),
            _canvas_step(canvas_id).url_path)


def _monitoring_differs(plan: Plan, yes_side: Side) -> Iterator[ConsistencyWarning]:
    """Planned on one canvas, and "no" or not answered on its twin ("don't know" is a condition elsewhere)."""
    for canvas_id, block_id in MONITORING_TWINS:
        value = _field(plan, canvas_id, block_id, MONITORING_PLANNED)
        if value not in (NO, ""):
            continue
        other = _field_side(plan, canvas_id, block_id, MONITORING_PLANNED)
        if value == NO:
            message = _("{first} says yes, {second} says no.").format(first=_place(yes_side), second=_place(other))
            fix = _("Agree with the team whether the model is watched in production, then choose the same answer in "
                    "{first} and {second}.").format(first=_place(yes_side), second=_place(other))
        else:
            message = _("{first} is yes, but {second} is not answered.").format(first=_place(yes_side),
                                                                              second=_place(other))
            fix = _("Answer {place}: yes, as the {step} says, or settle it with the team and correct both.").format(
                place=_place(other), step=yes_side.step)
        yield ConsistencyWarning("monitoring_differs", (yes_side, other), message, fix,
                                 _canvas_step(canvas_id).url_path)


# --- blocks that must both be filled or both be empty ----------------------------------------------


def _data_sources(plan: Plan) -> Iterator[ConsistencyWarning]:
    assets = len(plan.data_landscape.assets)
    canvas_id, block_id = DATA_SOURCES
    notes = _notes(plan, canvas_id, block_id)
    landscape = STEPS_BY_ID["data_landscape"]
    canvas_side = Side(_title(_canvas_step(canvas_id)), _block_title(canvas_id, block_id),
                       _note_count(notes) if notes else _("empty"))
    landscape_side = Side(_title(landscape), _("Data assets"), _asset_count(assets) if assets else _("none listed"))
    if assets and not notes:
        yield ConsistencyWarning(
            "data_sources_empty", (landscape_side, canvas_side),
            _("The data landscape lists {assets}, but {place} is empty.").format(assets=landscape_side.says,
                                                                                 place=_place(canvas_side)),
            _("Name the sources in {place}: the block offers the landscape's assets to take over in one click.").format(
                place=_place(canvas_side)),
            _canvas_step(canvas_id).url_path)
    elif notes and not assets:
        yield ConsistencyWarning(
            "data_landscape_empty", (canvas_side, landscape_side),
            _("{place} holds {notes}, but the data landscape lists no asset.").format(place=_place(canvas_side),
                                                                                      notes=canvas_side.says),
            _("List each table, file or feed named under Data Sources as an asset in the data landscape, with its "
              "status, owner and use."),
            landscape.url_path)


def _value_proposition(plan: Plan) -> Iterator[ConsistencyWarning]:
    filled = [(c, b) for c, b in VALUE_PROPOSITIONS if _notes(plan, c, b)]
    if not filled:
        return
    source_canvas, source_block = filled[0]
    source = Side(_title(_canvas_step(source_canvas)), _block_title(source_canvas, source_block),
                  _note_count(_notes(plan, source_canvas, source_block)))
    for canvas_id, block_id in VALUE_PROPOSITIONS:
        if (canvas_id, block_id) in filled:
            continue
        empty = Side(_title(_canvas_step(canvas_id)), _block_title(canvas_id, block_id), _("empty"))
        yield ConsistencyWarning(
            f"value_proposition_empty:{canvas_id}", (source, empty),
            _("The value proposition is written down in {first} but left empty in {second}.").format(
                first=_place(source), second=_place(empty)),
            _("Fill in {place}: the block offers the {step}'s notes to take over in one click.").format(
                place=_place(empty), step=source.step),
            _canvas_step(canvas_id).url_path)


def _team(plan: Plan) -> Iterator[ConsistencyWarning]:
    canvas_id, block_id, topic = TEAM
    block = _spec(canvas_id).block(block_id)
    part_title = next(s.title for s in block.subitems if s.id == topic)  # a catalogue text of the canvas file
    part = _(part_title)
    notes = _notes(plan, canvas_id, block_id, topic)
    staff = [line.label for line in plan.costs.lines if line.category == "staff"]
    team_side = Side(_title(_canvas_step(canvas_id)), f"{shown_title(block.title)}{WHERE}{part}",
                     _note_count(notes) if notes else _("empty"))
    staff_side = Side(_title(STEPS_BY_ID["costs"]), _("Staff lines"), "; ".join(staff) if staff else _("no line"))
    if notes and not staff:
        yield ConsistencyWarning(
            "team_without_staff_lines", (team_side, staff_side),
            _("{place} names the team, but the cost estimate has no staff line.").format(place=_place(team_side)),
            _("Add a staff line for each role named in the team: people × months × monthly rate."),
            _COSTS_PAGE)
    elif staff and not notes:
        yield ConsistencyWarning(
            "staff_lines_without_team", (staff_side, team_side),
            _("The cost estimate pays for staff, but {place} does not say who is on the team.").format(
                place=_place(team_side)),
            _("Write the team down in {place}: who works on the project, in which role.").format(
                place=_place(team_side)),
            _canvas_step(canvas_id).url_path)
