"""The plan: everything a team enters, for every step of the journey.

One pydantic model is the single source of truth. It is stored, exported and
imported as JSON; `schema_version` lets later versions migrate older files.
Canvas content is generic (keyed by canvas id and block id), so a new canvas
file needs no change here.
"""

from __future__ import annotations

import datetime as dt
import secrets
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from canvas_core.i18n import N_

SCHEMA_VERSION = 6

# Limits keep a pasted novel or a hostile file from blowing up a page or a report.
MAX_NOTE_CHARS = 5_000
MAX_LINE_CHARS = 300
MAX_ITEMS = 500

# Number limits, also what the tables tell a user who types more.
MAX_MONEY = Decimal("1e12")
MONEY_DECIMALS = 2
MAX_PEOPLE = 10_000
MAX_MONTHS = 1_200
MAX_MINUTES = 100_000
MAX_COUNT = 10**10

ShortText = Annotated[str, StringConstraints(max_length=MAX_LINE_CHARS)]
LongText = Annotated[str, StringConstraints(max_length=MAX_NOTE_CHARS)]
# A note always says something: its text is stored without surrounding blanks and never empty.
NoteText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE_CHARS)]
Money = Annotated[Decimal, Field(ge=0, le=MAX_MONEY, max_digits=16, decimal_places=MONEY_DECIMALS)]


def utc_now() -> datetime:
    return datetime.now(dt.UTC).replace(microsecond=0)


def new_id() -> str:
    """A short random id for notes, tasks and lines (unique within a plan)."""
    return secrets.token_hex(6)


def new_plan_id() -> str:
    """An unguessable plan id: 144 random bits, safe in a URL."""
    return secrets.token_urlsafe(18)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- canvases -----------------------------------------------------------------


class NoteStatus(StrEnum):
    AVAILABLE = "available"
    PLANNED = "planned"
    MISSING = "missing"
    QUESTION = "question"


class Note(_Model):
    """One sticky note on a canvas block."""

    id: str = Field(default_factory=new_id, max_length=40)
    text: NoteText
    author: ShortText = ""
    created_at: datetime = Field(default_factory=utc_now)
    status: NoteStatus | None = None
    topic: ShortText | None = None  # sub-item id of the block, when the block has sub-items
    votes: int | None = Field(default=None, ge=0, le=MAX_COUNT)  # dots it got in a workshop vote


class BlockContent(_Model):
    notes: list[Note] = Field(default_factory=list, max_length=MAX_ITEMS)
    # Structured answers the block spec asks for (e.g. buy / open source / build).
    fields: dict[ShortText, LongText] = Field(default_factory=dict)


class CanvasContent(_Model):
    fields: dict[ShortText, LongText] = Field(default_factory=dict)
    blocks: dict[ShortText, BlockContent] = Field(default_factory=dict)

    def block(self, block_id: str) -> BlockContent:
        """The block's content, created empty on first use."""
        if block_id not in self.blocks:
            self.blocks[block_id] = BlockContent()
        return self.blocks[block_id]


# --- workflow integration --------------------------------------------------------

WrongPredictionCost = Literal["low", "medium", "high", "unacceptable"]
# A closed question answered "don't know" is an answer of its own: the screening makes it a condition.
DONT_KNOW = "dont_know"
YesNo = Literal["yes", "no", "dont_know"]


class WorkflowTask(_Model):
    id: str = Field(default_factory=new_id, max_length=40)
    name: ShortText
    actor: ShortText = ""
    input: ShortText = ""
    output: ShortText = ""
    minutes_per_case: Decimal | None = Field(default=None, ge=0, le=MAX_MINUTES)
    cases_per_month: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    pain: LongText = ""
    prediction_candidate: bool = False
    leads_to: list[str] = Field(default_factory=list, max_length=50)
    minutes_saved_per_case: Decimal | None = Field(default=None, ge=0, le=MAX_MINUTES)
    errors_avoided_per_month: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    wrong_prediction_cost: WrongPredictionCost | None = None


class IntegrationAnswer(_Model):
    text: LongText = ""
    unclear: bool = False
    unclear_what: LongText = ""  # what is not settled yet, when marked unclear


class ModeAnswer(_Model):
    """Augment (a human decides) or automate, like every integration answer markable as unclear."""

    value: Literal["augment", "automate", "dont_know"] | None = None
    unclear: bool = False
    unclear_what: LongText = ""


class Integration(_Model):
    previous_steps: IntegrationAnswer = Field(default_factory=IntegrationAnswer)
    use_of_model: IntegrationAnswer = Field(default_factory=IntegrationAnswer)
    desired_outcome: IntegrationAnswer = Field(default_factory=IntegrationAnswer)
    who_acts: IntegrationAnswer = Field(default_factory=IntegrationAnswer)
    mode: ModeAnswer = Field(default_factory=ModeAnswer)
    fallback: IntegrationAnswer = Field(default_factory=IntegrationAnswer)
    systems: IntegrationAnswer = Field(default_factory=IntegrationAnswer)
    feedback: IntegrationAnswer = Field(default_factory=IntegrationAnswer)


class Rating(_Model):
    """A use-case characteristic answered on a 1 (low) to 5 (high) scale with a note."""

    score: int | None = Field(default=None, ge=1, le=5)
    dont_know: bool = False  # answered "don't know" (then there is no score)
    note: LongText = ""


class UseCaseCharacteristics(_Model):
    data_availability: Rating = Field(default_factory=Rating)
    accuracy_requirement: Rating = Field(default_factory=Rating)
    problem_difficulty: Rating = Field(default_factory=Rating)
    # Phase Zero's reasons not to use ML: "yes", the reason applies.
    wrong_predictions_intolerable: YesNo | None = None
    low_expected_return: YesNo | None = None
    nobody_to_maintain: YesNo | None = None
    reasons_note: LongText = ""


class Workflow(_Model):
    process_name: ShortText = ""
    tasks: list[WorkflowTask] = Field(default_factory=list, max_length=MAX_ITEMS)
    chosen_task_id: str | None = None
    judgement: LongText = ""  # the human judgement the prediction supports, in the team's words
    integration: Integration = Field(default_factory=Integration)
    characteristics: UseCaseCharacteristics = Field(default_factory=UseCaseCharacteristics)


# --- costs -------------------------------------------------------------------

CostCategory = Literal[
    "staff",
    "infrastructure",
    "change_management",
    "system_maintenance",
    "operational_maintenance",
    "data",
]


class CostLine(_Model):
    id: str = Field(default_factory=new_id, max_length=40)
    category: CostCategory
    label: ShortText
    # Staff lines: people x months x monthly rate (low, expected, high) give the amounts;
    # other lines, and staff lines without a rate, take the amounts directly.
    people: Decimal | None = Field(default=None, ge=0, le=MAX_PEOPLE)
    months: Decimal | None = Field(default=None, ge=0, le=MAX_MONTHS)
    rate_low: Money | None = None
    rate_expected: Money | None = None
    rate_high: Money | None = None
    low: Money = Decimal(0)
    expected: Money = Decimal(0)
    high: Money = Decimal(0)
    note: LongText = ""
    assumption: bool = False
    preset: bool = False  # added from a preset and not yet confirmed or changed by the team
    source_asset_id: str = Field(default="", max_length=40)  # the data asset this line pays for
    # What running cost the line pays for, where the other canvases ask about it (consistency checks).
    covers: Literal["serving", "retraining", "monitoring", "labelling", "external_data"] | None = None


class CostEstimate(_Model):
    lines: list[CostLine] = Field(default_factory=list, max_length=MAX_ITEMS)
    maintenance_share: Decimal = Field(default=Decimal("0.20"), ge=Decimal("0.10"), le=Decimal("0.30"))
    horizon_years: int = Field(default=3, ge=1, le=5)
    # What an hour saved in the chosen task is worth: turns the workflow's hours into a yearly value
    # to hold against the benefit needed to break even. An estimate, asked for, never assumed.
    value_per_hour_saved: Money | None = None


# --- data landscape -------------------------------------------------------------


DataKind = Literal["tables", "text", "images", "audio", "video", "events", "time_series", "documents",
                   "geodata", "other"]
DataUse = Literal["label", "feature", "monitoring", "evaluation"]


class DataAsset(_Model):
    """One data asset the project has or needs (one row of the data landscape)."""

    id: str = Field(default_factory=new_id, max_length=40)
    name: ShortText
    description: LongText = ""
    contents: ShortText = ""  # the entities or fields it holds
    kinds: list[DataKind] = Field(default_factory=list, max_length=10)
    owner: ShortText = ""
    location: ShortText = ""  # system, table or API
    sharing: Literal["private", "shared", "public"] = "private"  # the ring of the landscape
    acquisition: Literal["owned", "public", "earned", "paid"] = "owned"
    status: Literal["available", "accessible", "missing", "question"] = "available"
    personal_data: Literal["none", "pseudonymous", "personal", "special_category", "dont_know"] = "none"
    legal_basis: LongText = ""  # for personal data: on what legal basis it may be used, and who confirmed it
    volume: ShortText = ""
    refresh: ShortText = ""
    yearly_cost: Money | None = None
    uses: list[DataUse] = Field(default_factory=list, max_length=4)
    # A feature must exist when the model predicts, not only afterwards (leakage).
    at_prediction_time: bool = True
    use: LongText = ""  # how the project uses it, in the team's words
    acquisition_plan: LongText = ""  # for missing data: who produces or buys it, and by when


class DataLandscape(_Model):
    assets: list[DataAsset] = Field(default_factory=list, max_length=MAX_ITEMS)


# --- review ---------------------------------------------------------------------


Verdict = Literal["go", "go_with_conditions", "redesign", "no_go"]


class ScreeningDecision(_Model):
    """What the facilitator made of the computed verdict: accepted it, or overrode it with a reason.
    The computed verdict is kept as it stood when the decision was taken."""

    computed: Verdict
    verdict: Verdict  # the verdict that stands: the computed one when accepted
    reason: LongText = ""  # required when overriding
    by: ShortText = ""
    at: datetime = Field(default_factory=utc_now)


class Review(_Model):
    open_questions: list[LongText] = Field(default_factory=list, max_length=MAX_ITEMS)
    facilitator_note: LongText = ""
    decision: ScreeningDecision | None = None


# --- the plan -------------------------------------------------------------------


class PlanMeta(_Model):
    """The facts every canvas header shows, asked once: the name (the product, the project), the
    team (authors, designed by, team members), whom it is designed for, the date and the iteration."""

    name: ShortText = N_("Untitled plan")  # a new plan in the app is named in its person's language
    team: ShortText = ""
    designed_for: ShortText = ""
    date: dt.date | None = None
    iteration: int = Field(default=1, ge=1, le=10_000)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)


class Plan(_Model):
    schema_version: Literal[6] = SCHEMA_VERSION
    id: str = Field(default_factory=new_plan_id, pattern=r"^[A-Za-z0-9_-]{22,64}$")
    meta: PlanMeta = Field(default_factory=PlanMeta)
    canvases: dict[ShortText, CanvasContent] = Field(default_factory=dict)
    workflow: Workflow = Field(default_factory=Workflow)
    costs: CostEstimate = Field(default_factory=CostEstimate)
    data_landscape: DataLandscape = Field(default_factory=DataLandscape)
    review: Review = Field(default_factory=Review)

    def canvas(self, canvas_id: str) -> CanvasContent:
        """The canvas's content, created empty on first use."""
        if canvas_id not in self.canvases:
            self.canvases[canvas_id] = CanvasContent()
        return self.canvases[canvas_id]

    def as_new(self, *, name: str | None = None) -> Plan:
        """This plan's content as a new plan (a copy, a worked example): its own id and history."""
        copy = self.model_copy(deep=True)
        copy.id = new_plan_id()
        copy.meta.created_at = copy.meta.updated_at = utc_now()
        if name is not None:
            copy.meta.name = name
        return copy

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    @classmethod
    def from_json(cls, text: str | bytes) -> Plan:
        return cls.model_validate_json(text)
