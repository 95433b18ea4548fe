"""The workflow integration step as pure functions: rank the tasks where a
prediction could help (Phase Zero), turn the process into plain graph data,
draw it as Mermaid text, and give the step's readiness signal.

Everything here is deliberately transparent: the score is a formula the user
can redo by hand, and every readiness reason names the answer to fix.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from canvas_core.i18n import N_, _, ngettext
from canvas_core.plan import DONT_KNOW, Plan, Workflow, WorkflowTask

# --- 1. candidate ranking -------------------------------------------------------

# How much of the saved time counts, by the cost of a wrong prediction. Decimals,
# so a score is exact; an unstated cost counts as medium.
COST_WEIGHT: dict[str | None, Decimal] = {
    "low": Decimal("1"),
    "medium": Decimal("0.75"),
    "high": Decimal("0.5"),
    "unacceptable": Decimal("0"),
    None: Decimal("0.75"),
}
_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Candidate:
    task: WorkflowTask
    hours_saved_per_month: Decimal | None  # cases per month x minutes saved per case / 60
    errors_avoided_per_month: int | None
    wrong_prediction_cost: str | None
    score: Decimal  # hours saved x COST_WEIGHT; 0 when the hours are unknown
    rank: int  # 1 = best
    warning: str  # "" or a short reason the user can act on


def _hours_saved(task: WorkflowTask) -> Decimal | None:
    if task.cases_per_month is None or task.minutes_saved_per_case is None:
        return None
    hours = Decimal(task.cases_per_month) * task.minutes_saved_per_case / 60
    return hours.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _warning(task: WorkflowTask) -> str:
    """In the current language (a candidate is ranked where it is shown)."""
    parts = []
    if task.wrong_prediction_cost == "unacceptable":
        parts.append(_("wrong predictions are unacceptable here"))
    no_cases, no_minutes = task.cases_per_month is None, task.minutes_saved_per_case is None
    if no_cases and no_minutes:
        parts.append(_("value unknown (fill cases per month and minutes saved per case)"))
    elif no_cases:
        parts.append(_("value unknown (fill cases per month)"))
    elif no_minutes:
        parts.append(_("value unknown (fill minutes saved per case)"))
    if task.wrong_prediction_cost is None:
        parts.append(_("cost of a wrong prediction not stated (counted as medium)"))
    return "; ".join(parts)


def chosen_task(workflow: Workflow) -> WorkflowTask | None:
    """The task the plan is about, if one is chosen and still exists."""
    return next((t for t in workflow.tasks if t.id == workflow.chosen_task_id), None)


def chosen_candidate(workflow: Workflow) -> Candidate | None:
    """The chosen task with its value estimate, if it is marked as a prediction candidate."""
    return next((c for c in rank_candidates(workflow) if c.task.id == workflow.chosen_task_id), None)


def rank_candidates(workflow: Workflow) -> list[Candidate]:
    """The tasks marked as prediction candidates, best first (Phase Zero steps 3 to 5)."""
    scored = []
    for position, task in enumerate(t for t in workflow.tasks if t.prediction_candidate):
        hours = _hours_saved(task)
        weight = COST_WEIGHT[task.wrong_prediction_cost]
        score = Decimal(0) if hours is None else (hours * weight).quantize(_TENTH, rounding=ROUND_HALF_UP)
        scored.append((task, hours, score, position))

    def order(item):
        task, _, score, position = item
        errors = -1 if task.errors_avoided_per_month is None else task.errors_avoided_per_month
        # Unacceptable first in the key means last in the list, whatever its other numbers.
        return (task.wrong_prediction_cost == "unacceptable", -score, -errors, task.name.casefold(), position)

    return [
        Candidate(task=task, hours_saved_per_month=hours, errors_avoided_per_month=task.errors_avoided_per_month,
                  wrong_prediction_cost=task.wrong_prediction_cost, score=score, rank=rank, warning=_warning(task))
        for rank, (task, hours, score, _) in enumerate(sorted(scored, key=order), start=1)
    ]


# --- 2. the process as plain data -------------------------------------------------

Role = Literal["chosen", "previous", "following", "other"]


@dataclass(frozen=True)
class ProcessNode:
    id: str  # the task's id (plain data; the diagram never uses it)
    label: str  # the task name, raw
    actor: str  # raw
    role: Role
    candidate: bool


@dataclass(frozen=True)
class ProcessGraph:
    nodes: tuple[ProcessNode, ...]
    edges: tuple[tuple[str, str], ...]  # (from id, to id), only between existing tasks


def _distances(start: str, neighbours: dict[str, list[str]]) -> dict[str, int]:
    """Steps from `start` to every task it reaches; visiting each task once, so cycles end."""
    seen = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        for nxt in neighbours.get(current, ()):
            if nxt not in seen:
                seen[nxt] = seen[current] + 1
                queue.append(nxt)
    return seen


def process_graph(workflow: Workflow) -> ProcessGraph:
    """Tasks and their `leads_to` edges, with each task's place relative to the chosen task.

    Only the edges the user stated are drawn: list order is not a sequence. A task
    both before and after the chosen one (a loop) takes the nearer side, ties to
    "following", e.g. a team sending a mis-routed mail back to the dispatcher.
    """
    known = {t.id for t in workflow.tasks}
    edges: list[tuple[str, str]] = []
    for task in workflow.tasks:
        for target in task.leads_to:
            # Targets may point at a deleted task; repeats would draw twice.
            if target in known and (task.id, target) not in edges:
                edges.append((task.id, target))
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for source, target in edges:
        forward.setdefault(source, []).append(target)
        backward.setdefault(target, []).append(source)

    chosen = workflow.chosen_task_id if workflow.chosen_task_id in known else None
    after = _distances(chosen, forward) if chosen else {}
    before = _distances(chosen, backward) if chosen else {}

    def role(task_id: str) -> Role:
        if task_id == chosen:
            return "chosen"
        if task_id in after and (task_id not in before or after[task_id] <= before[task_id]):
            return "following"
        return "previous" if task_id in before else "other"

    nodes = tuple(ProcessNode(id=t.id, label=t.name, actor=t.actor, role=role(t.id), candidate=t.prediction_candidate)
                  for t in workflow.tasks)
    return ProcessGraph(nodes=nodes, edges=tuple(edges))


# --- 3. Mermaid text -------------------------------------------------------------------

MAX_LABEL_CHARS = 80

# Inside a quoted label only a few characters are dangerous, and Streamlit's
# Mermaid (strict security, no HTML labels) shows most entity codes raw
# ("&quot;"), so escape as little as is safe and keep the text readable:
# <, > and & as entities (they display as typed); a double quote, which would
# end the label, as a typographic quote; and the sequences Mermaid would
# interpret: an entity-like "#word;", a directive "%%", a markdown string's
# leading backtick, and the "ﬂ" that starts Mermaid's own entity placeholders.
_ENTITY_LIKE = re.compile(r"#(?=\w+;)")
_SAFE = str.maketrans({'"': "\u201d", "<": "#lt;", ">": "#gt;", "&": "#amp;", "\ufb02": "fl"})

_CLASS_DEFS = (
    "classDef other fill:#ffffff,stroke:#9ca3af,color:#1f2937",
    "classDef previous fill:#dbeafe,stroke:#60a5fa,color:#1f2937",
    "classDef following fill:#dcfce7,stroke:#4ade80,color:#1f2937",
    "classDef chosen fill:#1e3a8a,stroke:#0f172a,stroke-width:3px,color:#ffffff",
    "classDef candidate stroke-dasharray:5 5,stroke-width:2px",
)


def _plain(text: str) -> str:
    """Line breaks, tabs and control characters become spaces; runs of spaces collapse."""
    spaced = "".join(" " if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") else c for c in text)
    return " ".join(spaced.split())


def escape_label(text: str) -> str:
    """User text made safe inside a Mermaid quoted label, cut to MAX_LABEL_CHARS."""
    text = _plain(text)
    if len(text) > MAX_LABEL_CHARS:
        # Cut before escaping, so an entity is never cut in half.
        text = text[: MAX_LABEL_CHARS - 1].rstrip() + "…"
    text = _ENTITY_LIKE.sub("\uff03", text).replace("%%", "% %")  # fullwidth # is not an entity start
    if text.startswith("`"):
        text = "\u2018" + text[1:]  # a leading backtick would make the label a markdown string
    return text.translate(_SAFE)


def _node_label(node: ProcessNode) -> str:
    name = escape_label(node.label) or escape_label(_("Unnamed task"))
    actor = escape_label(node.actor)
    return f"{name} · {actor}" if actor else name


def to_mermaid(graph: ProcessGraph) -> str:
    """A left-to-right flowchart. Node ids are generated (n0, n1, ...); user text
    appears only as escaped labels, so it can neither break nor inject into the diagram."""
    lines = ["flowchart LR", *(f"    {c}" for c in _CLASS_DEFS)]
    if not graph.nodes:
        empty = escape_label(_("No tasks yet"))
        return "\n".join([*lines, f'    n0["{empty}"]', "    class n0 other"])
    safe_id: dict[str, str] = {}
    for index, node in enumerate(graph.nodes):
        safe_id.setdefault(node.id, f"n{index}")  # a duplicated task id keeps its first node
        lines.append(f'    n{index}["{_node_label(node)}"]')
    lines += [f"    {safe_id[a]} --> {safe_id[b]}" for a, b in graph.edges if a in safe_id and b in safe_id]
    members: dict[str, list[str]] = {"other": [], "previous": [], "following": [], "chosen": [], "candidate": []}
    for index, node in enumerate(graph.nodes):
        members[node.role].append(f"n{index}")
        if node.candidate and node.role != "chosen":  # dashed marks the *other* candidates
            members["candidate"].append(f"n{index}")
    lines += [f"    class {','.join(ids)} {name}" for name, ids in members.items() if ids]
    return "\n".join(lines)


# --- 4. readiness -----------------------------------------------------------------------

# Field -> label shown on the page, in page order (the order of the reasons). Every label and word
# below is in English, marked for the catalogue: shown translated, _(label).
INTEGRATION_LABELS: dict[str, str] = {
    "previous_steps": N_("Previous steps"),
    "use_of_model": N_("Use of the model"),
    "desired_outcome": N_("Desired outcome"),
    "who_acts": N_("Who acts on the prediction"),
    "mode": N_("Augment or automate"),
    "fallback": N_("Fallback when the model is wrong, unsure or down"),
    "systems": N_("Systems and interfaces it plugs into"),
    "feedback": N_("How the outcome is observed later (feedback)"),
}
CHARACTERISTIC_LABELS: dict[str, str] = {
    "data_availability": N_("Data availability"),
    "accuracy_requirement": N_("Accuracy requirement"),
    "problem_difficulty": N_("Problem difficulty"),
}
REASON_LABELS: dict[str, str] = {
    "wrong_predictions_intolerable": N_("Wrong predictions cannot be tolerated"),
    "low_expected_return": N_("The expected return is low"),
    "nobody_to_maintain": N_("Nobody can maintain the model"),
}
TASKS_LABEL = N_("The process, task by task")
CHOSEN_LABEL = N_("The task this plan is about")
COST_LABEL = N_("Cost of a wrong prediction")
UNCLEAR_TEXT = N_("marked unclear: a signal to redesign before a POC")
JUDGEMENT_LABEL = N_("The human judgement the prediction supports")


def unclear_text(what: str) -> str:
    """The readiness reason for an answer marked unclear, naming what is unclear when the team said."""
    what = what.strip()
    if what:
        return _("marked unclear: a signal to redesign before a POC. What is unclear: {what}").format(what=what)
    return _(UNCLEAR_TEXT)


DONT_KNOW_TEXT = N_("answered \"don't know\": to find out before a POC")
# How a yes / no / don't know answer and an augment / automate choice read, in every output.
ANSWER_WORDS = {"yes": N_("applies"), "no": N_("does not apply"), "dont_know": N_("don't know")}
MODE_WORDS = {"augment": N_("augment: a person decides"), "automate": N_("automate: the system acts"),
              "dont_know": N_("don't know")}
# The cost of a wrong prediction as the outputs name it (the stored value is the id).
COST_WORDS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"), "unacceptable": N_("unacceptable")}


@dataclass(frozen=True)
class Reason:
    level: Literal["red", "amber"]
    text: str  # in the current language
    answer: str  # the answer to fix, named as on the page (in the current language)


@dataclass(frozen=True)
class Readiness:
    level: Literal["green", "amber", "red"]
    reasons: tuple[Reason, ...]
    summary: str


def _amber_reasons(workflow: Workflow, chosen: WorkflowTask | None) -> Iterable[Reason]:
    """Answers still to settle, in page order."""
    def amber(answer: str, text: str) -> Reason:
        return Reason("amber", text, _(answer))

    if len(workflow.tasks) < 2:
        yield amber(TASKS_LABEL, _("fewer than 2 tasks: add the steps before and after the prediction"))
    if chosen is None:
        yield amber(CHOSEN_LABEL, _("no task chosen yet"))
    integ = workflow.integration
    for field, label in INTEGRATION_LABELS.items():
        answer = getattr(integ, field)
        if answer.unclear:
            yield amber(label, unclear_text(answer.unclear_what))
        elif field == "mode" and answer.value is None:
            yield amber(label, _("not chosen yet"))
        elif field == "mode" and answer.value == DONT_KNOW:
            yield amber(label, _(DONT_KNOW_TEXT))
        elif field != "mode" and not answer.text.strip():
            yield amber(label, _("not answered yet"))
    ch = workflow.characteristics
    for field, label in CHARACTERISTIC_LABELS.items():
        rating = getattr(ch, field)
        score = rating.score
        if rating.dont_know:
            yield amber(label, _(DONT_KNOW_TEXT))
        elif score is None:
            yield amber(label, _("no score yet"))
        elif field == "data_availability" and score <= 2:
            yield amber(label, _("scored {score} of 5: data is hard to get").format(score=score))
        elif field == "accuracy_requirement" and score == 5 and (ch.problem_difficulty.score or 0) >= 4:
            yield amber(label, _("5 of 5 on a problem of difficulty {difficulty}: demanding and hard").format(
                difficulty=ch.problem_difficulty.score))
    for field, label in REASON_LABELS.items():
        if getattr(ch, field) is None:
            yield amber(label, _("not answered yet"))
        elif getattr(ch, field) == DONT_KNOW:
            yield amber(label, _(DONT_KNOW_TEXT))


def _red_reasons(workflow: Workflow, chosen: WorkflowTask | None) -> Iterable[Reason]:
    """Reasons not to use ML (Phase Zero's exit criteria), in page order."""
    if chosen is not None and chosen.wrong_prediction_cost == "unacceptable":
        yield Reason("red", _("wrong predictions are unacceptable for the chosen task ({task})").format(
            task=chosen.name), _(COST_LABEL))
    for field, label in REASON_LABELS.items():
        if getattr(workflow.characteristics, field) == "yes":
            yield Reason("red", _("applies: a reason not to use ML"), _(label))


def readiness(workflow: Workflow) -> Readiness:
    """Green, amber or red for this step, with every reason naming its answer (input to the screening)."""
    chosen = chosen_task(workflow)
    red = tuple(_red_reasons(workflow, chosen))
    amber = tuple(_amber_reasons(workflow, chosen))
    if red:
        summary = (_("A reason not to use ML applies.") if len(red) == 1 else
                   ngettext("{count} reason not to use ML applies.", "{count} reasons not to use ML apply.",
                            len(red)).format(count=len(red)))
        return Readiness("red", red + amber, summary)
    if amber:
        return Readiness("amber", amber, ngettext("{count} answer to settle before a POC.",
                                                  "{count} answers to settle before a POC.",
                                                  len(amber)).format(count=len(amber)))
    return Readiness("green", (), _("The integration is fully stated."))


# --- completeness ------------------------------------------------------------------


def completeness(plan: Plan, step: object = None) -> float:
    """The share of the step's questions answered (the facet of the step registry)."""
    wf = plan.workflow
    integ = wf.integration
    answers = [
        integ.previous_steps,
        integ.use_of_model,
        integ.desired_outcome,
        integ.who_acts,
        integ.fallback,
        integ.systems,
        integ.feedback,
    ]
    ch = wf.characteristics
    answered = [
        len(wf.tasks) >= 2,
        wf.chosen_task_id is not None,
        *(bool(a.text.strip()) for a in answers),
        integ.mode.value is not None,
        ch.data_availability.score is not None or ch.data_availability.dont_know,
        ch.accuracy_requirement.score is not None or ch.accuracy_requirement.dont_know,
        ch.problem_difficulty.score is not None or ch.problem_difficulty.dont_know,
    ]
    return sum(answered) / len(answered)
