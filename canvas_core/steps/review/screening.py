"""The pre-POC screening: the rules in data/screening/rules.toml applied to a plan, and the verdict.

A rule names a predicate implemented here (never an expression from the file) with its
parameters; the predicate returns what made it fire (answers, assets, steps), empty when it
does not. The verdict is the worst level any rule reaches, so adding a problem can never
improve it. Every reason names its rule, its source, the step where it is fixed and what
would change it. Plain data: the review page, the PDF and the Markdown show it.
"""

from __future__ import annotations

import functools
import string
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from canvas_core.canvas.specs import canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, SOURCE, _, current
from canvas_core.plan import DONT_KNOW, Plan, Verdict
from canvas_core.steps import OVERALL, STEPS, STEPS_BY_ID, completeness_by_step
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.workflow import rules as workflow

CANVAS_DONT_KNOW = "don't know"  # the option the canvas files offer on a closed question
RULES_FILE = Path(__file__).resolve().parents[3] / "data" / "screening" / "rules.toml"

Level = Literal["no-go", "redesign", "condition", "note"]
LEVELS: tuple[Level, ...] = ("note", "condition", "redesign", "no-go")  # from mild to severe
VERDICT_OF: dict[str | None, Verdict] = {None: "go", "note": "go", "condition": "go_with_conditions",
                                         "redesign": "redesign", "no-go": "no_go"}
VERDICTS: tuple[Verdict, ...] = ("go", "go_with_conditions", "redesign", "no_go")  # from best to worst
# The cost of a wrong prediction as the workflow step stores it, and as a reason quotes it.
ERROR_COST_WORDS: dict[str, str] = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"),
                                    "unacceptable": N_("unacceptable")}


# --- the rules file ----------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSpec(_Strict):
    title: str = Field(min_length=1)
    authors: str = Field(min_length=1)
    url: str = Field(pattern=r"^https://")


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    level: Level
    step: str
    answer: str = Field(min_length=1)  # the answer it reads, named as on the page
    predicate: str
    params: dict[str, Any] = Field(default_factory=dict)
    message: str = Field(min_length=1)
    fix: str = Field(min_length=1)
    source: str

    @model_validator(mode="after")
    def _known_step_and_placeholders(self) -> RuleSpec:
        if self.step not in STEPS_BY_ID:
            raise ValueError(f"rule {self.id}: no step {self.step!r}")
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(self.message) if name is not None}
        if not fields <= {"found"}:
            raise ValueError(f"rule {self.id}: the message may only say {{found}}, not {sorted(fields - {'found'})}")
        return self


class RulesFile(_Strict):
    sources: dict[str, SourceSpec]
    rules: list[RuleSpec]

    @model_validator(mode="after")
    def _consistent(self) -> RulesFile:
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError("two rules share an id")
        for rule in self.rules:
            if rule.source not in self.sources:
                raise ValueError(f"rule {rule.id}: no source {rule.source!r}")
            check_predicate(rule)
        return self


@functools.cache
def rules_file(path: Path = RULES_FILE) -> RulesFile:
    """The rules as written (in English, the catalogue's message ids): read once per process. A
    screening shows them in the current language (`shown_rule`, `shown_source`)."""
    with path.open("rb") as file:
        return RulesFile.model_validate(tomllib.load(file))


def shown_rule(rule: RuleSpec) -> RuleSpec:
    """The rule with its title, answer, message and fix in the current language ("{found}" kept)."""
    if current() == SOURCE:
        return rule
    return rule.model_copy(update={"title": _(rule.title), "answer": _(rule.answer), "message": _(rule.message),
                                   "fix": _(rule.fix)})


def shown_source(source: SourceSpec) -> SourceSpec:
    """A cited work in the current language: its published title stays, the words around it are ours."""
    return source if current() == SOURCE else source.model_copy(update={"title": _(source.title)})


# --- predicates: what made a rule fire, or nothing ------------------------------------------------

Predicate = Callable[..., list[str]]
PREDICATES: dict[str, Predicate] = {}


def predicate(function: Predicate) -> Predicate:
    PREDICATES[function.__name__] = function
    return function


def check_predicate(rule: RuleSpec) -> None:
    """The rule's predicate exists and takes exactly the parameters the file gives it."""
    import inspect

    function = PREDICATES.get(rule.predicate)
    if function is None:
        raise ValueError(f"rule {rule.id}: no predicate {rule.predicate!r}")
    wanted = [p for p in inspect.signature(function).parameters if p != "plan"]
    if sorted(wanted) != sorted(rule.params):
        raise ValueError(f"rule {rule.id}: {rule.predicate} takes {wanted}, the file gives {sorted(rule.params)}")


@predicate
def answer_is(plan: Plan, field: str, value: str) -> list[str]:
    """A reason not to use ML answered `value`."""
    answer = getattr(plan.workflow.characteristics, field)
    return [_(workflow.REASON_LABELS[field])] if answer == value else []


@predicate
def chosen_task_error_cost(plan: Plan, cost: str) -> list[str]:
    chosen = workflow.chosen_task(plan.workflow)
    return [chosen.name] if chosen is not None and chosen.wrong_prediction_cost == cost else []


@predicate
def unclear_integration(plan: Plan) -> list[str]:
    """The answers marked unclear, each with what is unclear about it when the team said."""
    integration = plan.workflow.integration
    answers = ((_(label), getattr(integration, field)) for field, label in workflow.INTEGRATION_LABELS.items())
    return [f"{label} – {answer.unclear_what.strip()}" if answer.unclear_what.strip() else label
            for label, answer in answers if answer.unclear]


def _notes(plan: Plan, canvas: str, block: str, part: str | None = None) -> list:
    content = plan.canvases.get(canvas)
    stored = content.blocks.get(block) if content else None
    return [n for n in (stored.notes if stored else []) if part is None or n.topic == part]


@predicate
def block_empty(plan: Plan, canvas: str, block: str) -> list[str]:
    return [] if _notes(plan, canvas, block) else [f"{canvas} › {block}"]


@predicate
def part_empty(plan: Plan, canvas: str, block: str, part: str) -> list[str]:
    return [] if _notes(plan, canvas, block, part) else [f"{canvas} › {block} › {part}"]


def _money(plan: Plan, amount: Decimal) -> str:
    return costs.format_money(amount, plan.meta.currency, plan.meta.language)


@predicate
def break_even_above_value(plan: Plan) -> list[str]:
    value = costs.value_estimate(plan)
    if value is None or not value.need_exceeds_value:
        return []
    return [_("{need} a year to break even, against {value} a year of hours saved").format(
        need=_money(plan, value.break_even_need), value=_money(plan, value.yearly_value))]


@predicate
def value_not_estimated(plan: Plan) -> list[str]:
    if costs.value_estimate(plan) is not None:
        return []
    chosen = workflow.chosen_candidate(plan.workflow)
    missing = []
    if not plan.costs.lines:
        missing.append(_("no cost lines"))
    if chosen is None or not chosen.hours_saved_per_month:
        missing.append(_("no hours saved estimated for a chosen task"))
    if plan.costs.value_per_hour_saved is None:
        missing.append(_("no value given for an hour saved"))
    return ["; ".join(missing)]


@predicate
def missing_data(plan: Plan, with_plan: bool) -> list[str]:
    return [a.name for a in plan.data_landscape.assets
            if a.status == "missing" and bool(a.acquisition_plan.strip()) == with_plan]


@predicate
def late_features(plan: Plan) -> list[str]:
    return [a.name for a in plan.data_landscape.assets if "feature" in a.uses and not a.at_prediction_time]


@predicate
def no_label_source(plan: Plan) -> list[str]:
    assets = plan.data_landscape.assets
    labels = [a for a in assets if "label" in a.uses]
    if not labels:
        return [_("No asset in the data landscape is marked as providing labels")]
    if not any(a.status in ("available", "accessible") for a in labels):
        return [_("Every asset meant to provide labels is missing or in question: {assets}").format(
            assets="; ".join(a.name for a in labels))]
    return []


@predicate
def personal_data_without_basis(plan: Plan, grades: list[str]) -> list[str]:
    return [a.name for a in plan.data_landscape.assets
            if a.personal_data in grades and not a.legal_basis.strip()]


@predicate
def dont_know_answers(plan: Plan) -> list[str]:
    ch = plan.workflow.characteristics
    found = [_(label) for field, label in workflow.REASON_LABELS.items() if getattr(ch, field) == DONT_KNOW]
    found += [_(label) for field, label in workflow.CHARACTERISTIC_LABELS.items() if getattr(ch, field).dont_know]
    if plan.workflow.integration.mode.value == DONT_KNOW:
        found.append(_(workflow.INTEGRATION_LABELS["mode"]))
    found += [_("personal data in {asset}").format(asset=a.name) for a in plan.data_landscape.assets
              if a.personal_data == DONT_KNOW]
    for spec in canvases().values():  # the canvases' closed questions offer "don't know" as an option
        content = plan.canvases.get(spec.id)
        for block in spec.blocks if content else ():
            stored = content.blocks.get(block.id)
            found += [f"{shown_title(spec.short_title)} › {shown_title(block.title)} › {_(f.label)}" for f in block.fields
                      if f.kind == "choice" and stored and stored.fields.get(f.id) == CANVAS_DONT_KNOW]
    return found


@predicate
def score_at_most(plan: Plan, field: str, score: int) -> list[str]:
    given = getattr(plan.workflow.characteristics, field).score
    return [str(given)] if given is not None and given <= score else []


@predicate
def demanding_and_hard(plan: Plan, accuracy: int, difficulty: int) -> list[str]:
    ch = plan.workflow.characteristics
    a, d = ch.accuracy_requirement.score, ch.problem_difficulty.score
    if a is None or d is None or a < accuracy or d < difficulty:
        return []
    return [_("{accuracy} of 5 with a difficulty of {difficulty} of 5").format(accuracy=a, difficulty=d)]


@predicate
def automating_costly_errors(plan: Plan, error_costs: list[str]) -> list[str]:
    chosen = workflow.chosen_task(plan.workflow)
    if plan.workflow.integration.mode.value != "automate" or chosen is None:
        return []
    if chosen.wrong_prediction_cost not in error_costs:
        return []
    word = ERROR_COST_WORDS.get(chosen.wrong_prediction_cost, chosen.wrong_prediction_cost)
    return [f"{chosen.name}: {_(word)}"]


@predicate
def steps_below(plan: Plan, share: float) -> list[str]:
    shares = completeness_by_step(plan)
    return [f"{_(s.title)} ({shares[s.id]:.0%})" for s in STEPS if s.completeness != OVERALL and shares[s.id] < share]


# --- the verdict -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    rule: RuleSpec  # its texts in the language the screening ran in (shown_rule)
    found: tuple[str, ...]  # what made it fire; may quote user text (asset and task names): escape it
    source: SourceSpec  # its title in the language the screening ran in (shown_source)

    @property
    def message(self) -> str:
        text = self.rule.message.replace("{found}", "; ".join(self.found))
        return text[:1].upper() + text[1:]

    @property
    def step_title(self) -> str:
        return _(STEPS_BY_ID[self.rule.step].title)

    @property
    def url_path(self) -> str:
        return STEPS_BY_ID[self.rule.step].url_path


@dataclass(frozen=True)
class Screening:
    verdict: Verdict
    reasons: tuple[Reason, ...]  # worst level first, in the file's order within a level

    def at(self, level: Level) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.rule.level == level)

    @property
    def deciding(self) -> tuple[Reason, ...]:
        """The reasons at the verdict's own level: what would have to change to improve it."""
        worst = self.reasons[0].rule.level if self.reasons else None
        return tuple(r for r in self.reasons if r.rule.level == worst and worst != "note")


def screen(plan: Plan, rules: RulesFile | None = None) -> Screening:
    """The verdict and its reasons, the texts in the current language (a report: its plan's)."""
    rules = rules or rules_file()
    fired = []
    for rule in rules.rules:
        found = PREDICATES[rule.predicate](plan, **rule.params)
        if found:
            fired.append(Reason(shown_rule(rule), tuple(found), shown_source(rules.sources[rule.source])))
    fired.sort(key=lambda r: -LEVELS.index(r.rule.level))  # stable: the file's order within a level
    worst = fired[0].rule.level if fired else None
    return Screening(VERDICT_OF[worst], tuple(fired))
