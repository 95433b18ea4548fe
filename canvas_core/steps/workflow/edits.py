"""Changes to the workflow step: the task table, candidates, the chosen task,
integration answers and use-case characteristics. Each refuses bad input with
an EditError and leaves the plan as it was."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from canvas_core.canvas.editing import EditError
from canvas_core.i18n import N_, _
from canvas_core.numbers import NumberLimits
from canvas_core.plan import (
    DONT_KNOW,
    MAX_COUNT,
    MAX_MINUTES,
    IntegrationAnswer,
    Plan,
    Rating,
    WorkflowTask,
)
from canvas_core.table_delta import apply_delta, blank, number_cell
from canvas_core.validation import problems

# Table column -> task field, in the order the table shows them. A column's English name is its id in
# the table's data (the same in every language); it is shown translated: _(column).
TASK_COLUMNS: dict[str, str] = {
    N_("Task"): "name",
    N_("Who does it today"): "actor",
    N_("Input"): "input",
    N_("Output"): "output",
    N_("Minutes per case"): "minutes_per_case",
    N_("Cases per month"): "cases_per_month",
    N_("Pain"): "pain",
    N_("Prediction could help"): "prediction_candidate",
    N_("Leads to"): "leads_to",
}
CANDIDATE_COLUMNS: dict[str, str] = {
    N_("Minutes saved per case"): "minutes_saved_per_case",
    N_("Errors avoided per month"): "errors_avoided_per_month",
    N_("Cost of a wrong prediction"): "wrong_prediction_cost",
}
INTEGRATION_FIELDS = ("previous_steps", "use_of_model", "desired_outcome", "who_acts", "fallback", "systems", "feedback")
CHARACTERISTICS = ("data_availability", "accuracy_requirement", "problem_difficulty")
NO_ML_REASONS = ("wrong_predictions_intolerable", "low_expected_return", "nobody_to_maintain")


# The number fields and what each takes; the tables show them as typed text.
NUMBER_LIMITS: dict[str, NumberLimits] = {
    "minutes_per_case": NumberLimits(Decimal(MAX_MINUTES)),
    "cases_per_month": NumberLimits(Decimal(MAX_COUNT), decimals=0),
    "minutes_saved_per_case": NumberLimits(Decimal(MAX_MINUTES)),
    "errors_avoided_per_month": NumberLimits(Decimal(MAX_COUNT), decimals=0),
}
_TEXTS = ("name", "actor", "input", "output", "pain")


def _task_values(row: dict[str, Any], columns: dict[str, str], language: str, where: str) -> dict[str, Any]:
    values = {}
    for column, value in row.items():
        name = columns.get(column)
        if name is None:
            continue
        if name in NUMBER_LIMITS:
            values[name] = _number(value, NUMBER_LIMITS[name], language, where, column)
            continue
        value = blank(value)
        if name in _TEXTS:
            value = "" if value is None else str(value).strip()
        elif name == "leads_to":
            value = [str(v) for v in (value or [])]
        elif name == "prediction_candidate":
            value = bool(value)
        values[name] = value
    return values


def _number(raw: Any, limits: NumberLimits, language: str, where: str, column: str) -> Decimal | int | None:
    number = number_cell(raw, language=language, limits=limits, where=where, column=column)
    if number is None or limits.decimals != 0:
        return number
    return int(number)  # a whole number was checked to have no decimals: int() drops only zeros


def _checked(task: WorkflowTask, changes: dict[str, Any], where: str = "") -> WorkflowTask:
    """A validated copy of `task` with `changes`, or an EditError naming the row and column."""
    try:
        updated = WorkflowTask.model_validate({**task.model_dump(), **changes})
    except ValidationError as error:
        found = problems(error, names={_(name): field for name, field in {**TASK_COLUMNS, **CANDIDATE_COLUMNS}.items()})
        if where:
            raise EditError(_("{where}, {problem}. The last valid value was kept.").format(
                where=where, problem=found)) from None
        raise EditError(_("{problem}. The last valid value was kept.").format(problem=found)) from None
    if not updated.name:
        if where:
            raise EditError(_("{where}, every task needs a name. The row was not saved.").format(where=where))
        raise EditError(_("Every task needs a name. The row was not saved."))
    return updated


def apply_table_edits(plan: Plan, row_ids: list[str], edits: dict[str, Any], columns: dict[str, str] = TASK_COLUMNS) -> None:
    """Apply the task table's delta (the task table or the candidates table, by `columns`);
    numbers are read in the plan's language."""
    language = plan.meta.language
    result = apply_delta(
        plan.workflow.tasks, row_ids, edits,
        update=lambda task, row, where: _checked(task, _task_values(row, columns, language, where), where),
        create=lambda row, where: _checked(WorkflowTask(name="unnamed"),
                                           {"name": "", **_task_values(row, columns, language, where)}, where),
    )
    if result is None:
        return
    tasks, deleted = result
    for task in tasks:  # links to deleted tasks go with them
        task.leads_to = [i for i in task.leads_to if i not in deleted]
    plan.workflow.tasks = tasks
    if plan.workflow.chosen_task_id in deleted:
        plan.workflow.chosen_task_id = None


def add_task(plan: Plan, name: str, actor: str = "", after: str | None = None) -> WorkflowTask:
    """Add a task; `after` (a task id) gets a link to it, so a process can be typed in order."""
    task = _checked(WorkflowTask(name="unnamed"), {"name": name.strip(), "actor": actor.strip()})
    if after:
        previous = next((t for t in plan.workflow.tasks if t.id == after), None)
        if previous is None:
            raise EditError(_("The task to follow no longer exists."))
        previous.leads_to = [*previous.leads_to, task.id]
    plan.workflow.tasks = [*plan.workflow.tasks, task]
    return task


def set_candidates(plan: Plan, task_ids: list[str]) -> None:
    wanted = set(task_ids)
    for task in plan.workflow.tasks:
        task.prediction_candidate = task.id in wanted
    if plan.workflow.chosen_task_id and plan.workflow.chosen_task_id not in wanted:
        plan.workflow.chosen_task_id = None


def choose_task(plan: Plan, task_id: str | None) -> None:
    if task_id is not None and task_id not in {t.id for t in plan.workflow.tasks if t.prediction_candidate}:
        raise EditError(_("Only a task marked as a prediction candidate can be chosen."))
    plan.workflow.chosen_task_id = task_id


def set_integration(plan: Plan, field: str, *, text: str | None = None, unclear: bool | None = None,
                    unclear_what: str | None = None) -> None:
    """An integration answer's text, its "unclear" mark and what is unclear about it (kept when the mark
    is removed, so ticking it again brings the words back)."""
    if field not in INTEGRATION_FIELDS:
        raise EditError(f"Unknown integration answer {field!r}.")
    answer: IntegrationAnswer = getattr(plan.workflow.integration, field)
    given = {"text": None if text is None else text.strip(), "unclear": unclear,
             "unclear_what": None if unclear_what is None else unclear_what.strip()}
    changes = {k: v for k, v in given.items() if v is not None}
    setattr(plan.workflow.integration, field, IntegrationAnswer.model_validate({**answer.model_dump(), **changes}))


def set_mode(plan: Plan, *, value: str | None = None, unclear: bool | None = None, clear: bool = False,
             unclear_what: str | None = None) -> None:
    mode = plan.workflow.integration.mode
    if unclear_what is not None:
        mode.unclear_what = unclear_what.strip()  # validated on assignment (its length)
    if clear:
        mode.value = None
    elif value is not None:
        mode.value = value
    if unclear is not None:
        mode.unclear = unclear


def set_characteristic(plan: Plan, name: str, *, score: int | str | None = ..., note: str | None = None) -> None:
    """`score`: 1 to 5, DONT_KNOW, or None to clear the answer."""
    if name not in CHARACTERISTICS:
        raise EditError(f"Unknown characteristic {name!r}.")
    rating: Rating = getattr(plan.workflow.characteristics, name)
    changes: dict = {}
    if score is not ...:
        changes.update(score=None, dont_know=True) if score == DONT_KNOW else changes.update(score=score, dont_know=False)
    if note is not None:
        changes["note"] = note.strip()
    setattr(plan.workflow.characteristics, name, Rating.model_validate({**rating.model_dump(), **changes}))


def set_no_ml_reason(plan: Plan, name: str, answer: str | None) -> None:
    """`answer`: "yes" (the reason applies), "no", DONT_KNOW, or None to clear it."""
    if name not in NO_ML_REASONS:
        raise EditError(f"Unknown reason {name!r}.")
    setattr(plan.workflow.characteristics, name, answer)


def set_workflow_text(plan: Plan, field: str, value: str) -> None:
    """The process name, the human judgement the prediction supports, or the note on the reasons."""
    if field not in ("process_name", "judgement", "reasons_note"):
        raise EditError(f"Unknown field {field!r}.")
    target = plan.workflow.characteristics if field == "reasons_note" else plan.workflow
    setattr(target, field, value.strip())
