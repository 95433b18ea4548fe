"""Tool suggestions fitted to the plan, and the stack as chosen.

What the plan already says narrows the catalogue: how predictions are served and how often the model
is retrained (ML Canvas), the team (the staff lines of the cost estimate), where operational data
may live (product brief), the maturity stage and the dilemmas (MLOps Stack), and whether a block was
marked optional. Only closed answers are read, never words in free text. Each suggestion says why it
is offered, naming the answers it comes from; a tool that contradicts a hard answer (a managed cloud
service when data must stay on own servers, a streaming server for batch predictions) is left out
and listed as such. The stack summary reads the blocks' decisions and warns where one contradicts
the plan (a managed cloud service where operational data must stay on own servers; a tool built for
another serving mode; a platform for large teams in a small team's first steps). Texts are written
in the current language (canvas_core.i18n)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from canvas_core import i18n
from canvas_core.canvas.specs import CanvasSpec, canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _, translated
from canvas_core.numbers import format_decimal
from canvas_core.plan import Plan
from canvas_core.steps.mlops_stack.tools import MLOPS_CANVAS, NotYet, Tool, catalogue

SMALL_TEAM_MAX = Decimal(3)  # people on the staff lines: up to 3 is a small team, up to 10 medium
MEDIUM_TEAM_MAX = Decimal(10)
# Where the plan answers each question: (canvas, block or None for the canvas itself, field).
SERVING = (("ml_canvas", "making_predictions", "serving_mode"), (MLOPS_CANVAS, "prediction_serving", "serving_mode"))
RETRAINING = (("ml_canvas", "building_models", "retraining_frequency"), (MLOPS_CANVAS, "ci_ct_cd", "retraining_frequency"))
STAGE = (MLOPS_CANVAS, None, "maturity_stage")
HOSTING = ("product_brief", "solution", "hosting")
TOOLING = (MLOPS_CANVAS, "dilemmas", "tooling")
OWN_SERVERS = "own servers only"
RARE = ("never", "yearly")
# Blocks whose tools are built for a serving mode (an orchestrator or a tracker is not).
SERVING_BLOCKS = frozenset({"prediction_serving", "model_deployment", "feature_store"})
# A typed tool meaning "nothing yet", in any language the app speaks: the canvas's help asks a team to
# write "none yet", and "Not needed yet" (edits.defer) writes it in the plan's language.
NONE_YET = N_("none yet")
_NOTHING_YET = (NONE_YET, N_("not needed yet"), N_("none"))
_TOOLING_AS_SOURCING = {"buy": "buy", "open source": "open source", "build in-house": "build"}
SOURCING_WORDS = {"open source": N_("open source"), "buy": N_("buy"), "build": N_("build")}
HOSTING_WORDS = {"self-hosted": N_("self-hosted"), "managed": N_("managed"), "either": N_("self-hosted or managed")}


@dataclass(frozen=True)
class Answer:
    value: str  # as stored: the option's id ("batch"), or a number of people as text
    where: str  # where the plan says it, as the reader's language names it


@dataclass(frozen=True)
class Facts:
    """The closed answers of the plan that fit tools to it; None where not answered."""

    serving: Answer | None
    retraining: Answer | None
    team: Answer | None
    team_people: Decimal | None
    stage: Answer | None
    hosting: Answer | None
    tooling: Answer | None

    @property
    def team_size(self) -> str | None:
        if self.team_people is None:
            return None
        if self.team_people <= SMALL_TEAM_MAX:
            return "small"
        return "medium" if self.team_people <= MEDIUM_TEAM_MAX else "large"


@dataclass(frozen=True)
class Suggestion:
    """A tool, or "not needed yet", offered for a block, with why in one line."""

    title: str
    why: str
    tool: Tool | None = None  # None: "not needed yet"
    not_yet: NotYet | None = None
    score: float = 0.0


@dataclass(frozen=True)
class LeftOut:
    tool: Tool
    reason: str


@dataclass(frozen=True)
class BlockSuggestions:
    offered: list[Suggestion]
    left_out: list[LeftOut] = field(default_factory=list)


def _where(spec: CanvasSpec, block_id: str | None, field_id: str) -> str:
    fields = spec.block(block_id).fields if block_id else spec.fields
    label = next(f.label for f in fields if f.id == field_id)
    path = [_(spec.short_title)]
    if block_id:
        path.append(shown_title(spec.block(block_id).title))
    return " › ".join([*path, _(label)])


def _answer(plan: Plan, ref: tuple[str, str | None, str]) -> Answer | None:
    canvas_id, block_id, field_id = ref
    content = plan.canvases.get(canvas_id)
    if content is None:
        return None
    fields = content.fields if block_id is None else (
        content.blocks[block_id].fields if block_id in content.blocks else {})
    value = fields.get(field_id, "")
    if not value or value == "don't know":
        return None
    return Answer(value, _where(canvases()[canvas_id], block_id, field_id))


def facts(plan: Plan) -> Facts:
    serving = next(filter(None, (_answer(plan, ref) for ref in SERVING)), None)
    retraining = next(filter(None, (_answer(plan, ref) for ref in RETRAINING)), None)
    staff = [line.people for line in plan.costs.lines if line.category == "staff" and line.people is not None]
    people = sum(staff, Decimal(0)) if staff else None
    team = None if people is None else Answer(format_decimal(people, plan.meta.language),
                                              " › ".join([_("Costs"), _("staff lines")]))
    return Facts(serving, retraining, team, people, _answer(plan, STAGE), _answer(plan, HOSTING),
                 _answer(plan, TOOLING))


def _holds(condition: str, facts: Facts, requirement: Answer | None) -> str | None:
    """Why `condition` holds for the plan (naming the answer), or None."""
    if condition == "early_stage" and facts.stage and facts.stage.value == "tactical":
        return _("the maturity stage is tactical ({where})").format(where=facts.stage.where)
    if condition == "small_team" and facts.team_size == "small":
        return _("a small team: {people} people ({where})").format(people=facts.team.value, where=facts.team.where)
    if condition == "rare_retraining" and facts.retraining and facts.retraining.value in RARE:
        return _("retrained {frequency} ({where})").format(frequency=_(facts.retraining.value),
                                                           where=facts.retraining.where)
    if condition == "block_optional" and requirement and requirement.value == "optional":
        return _("the block is marked optional ({where})").format(where=requirement.where)
    return None


def _left_out(tool: Tool, block_id: str, facts: Facts) -> str | None:
    if tool.hosting == "managed" and facts.hosting and facts.hosting.value == OWN_SERVERS:
        return _("a managed cloud service, but operational data stay on own servers ({where})").format(
            where=facts.hosting.where)
    if block_id in SERVING_BLOCKS and tool.serving and facts.serving and facts.serving.value not in tool.serving:
        return _("built for {modes}, but the serving mode is {mode} ({where})").format(
            modes=", ".join(_(mode) for mode in tool.serving), mode=_(facts.serving.value), where=facts.serving.where)
    return None


def _fit(tool: Tool, block_id: str, facts: Facts) -> tuple[float, list[str], list[str]]:
    """(score, reasons for, reasons against), each naming the answer it comes from."""
    good: list[str] = []
    bad: list[str] = []
    if block_id in SERVING_BLOCKS and tool.serving and facts.serving and facts.serving.value in tool.serving:
        good.append(_("serves {mode} predictions ({where})").format(mode=_(facts.serving.value),
                                                                    where=facts.serving.where))
    if facts.team_size:
        people = _("{people} people ({where})").format(people=facts.team.value, where=facts.team.where)
        if facts.team_size in tool.team:
            good.append(_("suits a team of {people}").format(people=people))
        elif facts.team_size == "small":
            bad.append(_("made for larger teams than {people}").format(people=people))
        else:
            bad.append(_("made for smaller teams than {people}").format(people=people))
    if facts.stage:
        stage = _("the {stage} stage ({where})").format(stage=_(facts.stage.value), where=facts.stage.where)
        if facts.stage.value in tool.maturity:
            good.append(_("fits {stage}").format(stage=stage))
        else:
            bad.append(_("more than {stage} calls for").format(stage=stage) if
                       _stage_rank(facts.stage.value) < min(map(_stage_rank, tool.maturity))
                       else _("less than {stage} calls for").format(stage=stage))
    if facts.hosting and facts.hosting.value == OWN_SERVERS and tool.hosting != "managed":
        good.append(_("runs on your own servers ({where})").format(where=facts.hosting.where))
    if facts.tooling:
        preferred = _TOOLING_AS_SOURCING.get(facts.tooling.value)
        tooling = _("{choice} ({where})").format(choice=_(facts.tooling.value), where=facts.tooling.where)
        if preferred == tool.sourcing:
            good.append(_("as the dilemmas decide: {tooling}").format(tooling=tooling))
        elif preferred:
            bad.append(_("the dilemmas prefer {tooling}").format(tooling=tooling))
    # Open source first where the fit is equal; a tool with a caution (little maintained) after the others.
    score = len(good) - 1.5 * len(bad) + (0.5 if tool.sourcing == "open source" else 0.0) - (1.0 if tool.caution else 0.0)
    return score, good, bad


def _stage_rank(stage: str) -> int:
    return ("tactical", "strategic", "transformational").index(stage)


def _why(good: list[str], bad: list[str]) -> str:
    if not good and not bad:
        return _("A common choice for this block; no answer of the plan narrows it yet.")
    parts = []
    if good:
        parts.append(_("Fits: {reasons}.").format(reasons="; ".join(good)))
    if bad:
        parts.append(_("Less so: {reasons}.").format(reasons="; ".join(bad)))
    return " ".join(parts)


def suggestions(plan: Plan, block_id: str) -> BlockSuggestions:
    """What to consider for an MLOps Stack block, best fitting first: "not needed yet" first where
    the canvas says the block can wait and the plan's answers say so, then the tools."""
    known = facts(plan)
    requirement = _answer(plan, (MLOPS_CANVAS, block_id, "requirement"))
    offered: list[Suggestion] = []
    for entry in catalogue().not_yet_for(block_id):
        reasons = [why for why in (_holds(c, known, requirement) for c in entry.when) if why]
        if reasons:
            offered.append(Suggestion(_(entry.title), _("{why} Offered because {reasons}.").format(
                why=_(entry.why), reasons="; ".join(reasons)), not_yet=entry, score=100.0))
    left_out: list[LeftOut] = []
    ranked: list[tuple[float, int, Suggestion]] = []
    for order, tool in enumerate(catalogue().for_block(block_id)):
        reason = _left_out(tool, block_id, known)
        if reason:
            left_out.append(LeftOut(tool, reason))
            continue
        score, good, bad = _fit(tool, block_id, known)
        ranked.append((score, order, Suggestion(tool.name, _why(good, bad), tool=tool, score=score)))
    offered += [suggestion for _score, _order, suggestion in sorted(ranked, key=lambda r: (-r[0], r[1]))]
    return BlockSuggestions(offered, left_out)


# --- the stack as chosen ----------------------------------------------------------------------


@dataclass(frozen=True)
class StackRow:
    block_id: str
    block: str  # its title as the reader's language shows it
    requirement: str  # as stored ("optional", "mandatory") or ""
    tool: str  # as typed
    sourcing: str  # as stored or ""
    licence: str  # as typed, else the catalogue's for the tools it knows
    hosting: str  # "self-hosted", "managed", "either" or ""
    status: str  # "decided", "not needed yet", "undecided"
    known: tuple[Tool, ...] = ()


@dataclass(frozen=True)
class StackWarning:
    block_id: str
    text: str


@dataclass(frozen=True)
class StackSummary:
    rows: list[StackRow]
    warnings: list[StackWarning]

    @property
    def undecided(self) -> list[StackRow]:
        return [row for row in self.rows if row.status == "undecided"]


def tool_blocks() -> list[str]:
    """The MLOps Stack blocks that choose a tool (those with a "tool" field), in reading order."""
    spec = canvases()[MLOPS_CANVAS]
    return [block.id for block in sorted(spec.blocks, key=lambda b: b.number)
            if any(f.id == "tool" for f in block.fields)]


def _named_tools(typed: str) -> tuple[Tool, ...]:
    """The catalogue's tools a typed choice names: the whole text ("GitLab CI/CD"), or each name of a
    list ("Docker, Argo CD"); names the catalogue does not hold are left out."""
    whole = catalogue().find(typed)
    if whole:
        return (whole,)
    names = typed.replace(" and ", ",").replace(" und ", ",").replace(" + ", ",").split(",")
    return tuple(tool for tool in (catalogue().find(name) for name in names if name.strip()) if tool)


def _means_nothing_yet(typed: str) -> bool:
    return typed.lower() in {translated(word, lang).lower() for word in _NOTHING_YET for lang in i18n.NAMES}


def stack_summary(plan: Plan) -> StackSummary:
    spec = canvases()[MLOPS_CANVAS]
    content = plan.canvases.get(MLOPS_CANVAS)
    rows = []
    for block_id in tool_blocks():
        fields = content.blocks[block_id].fields if content and block_id in content.blocks else {}
        typed = fields.get("tool", "").strip()
        known = _named_tools(typed) if typed else ()
        hosting = fields.get("hosting", "")
        if not hosting and known:
            kinds = {tool.hosting for tool in known}
            hosting = "managed" if "managed" in kinds else kinds.pop() if len(kinds) == 1 else "either"
        licence = fields.get("licence", "") or ", ".join(dict.fromkeys(tool.licence for tool in known))
        status = ("undecided" if not typed else "not needed yet" if _means_nothing_yet(typed) else "decided")
        rows.append(StackRow(block_id, shown_title(spec.block(block_id).title), fields.get("requirement", ""),
                             typed, fields.get("sourcing", ""), licence, hosting, status, known))
    return StackSummary(rows, list(_warnings(plan, rows)))


def _warnings(plan: Plan, rows: list[StackRow]):
    known = facts(plan)
    for row in rows:
        if row.status != "decided":
            continue
        managed = [tool.name for tool in row.known if tool.hosting == "managed"] or (
            [row.tool] if row.hosting == "managed" else [])
        if managed and known.hosting and known.hosting.value == OWN_SERVERS:
            yield StackWarning(row.block_id, _(
                "{block}: {tool} is a managed cloud service, but the product brief says operational data stay on "
                "own servers ({where}).").format(block=row.block, tool=", ".join(managed), where=known.hosting.where))
        for tool in row.known:
            if tool.serving and known.serving and known.serving.value not in tool.serving:
                modes = ", ".join(_(mode) for mode in tool.serving)
                if known.retraining:
                    text = _("{block}: {tool} is built for {modes}, but the serving mode is {mode} ({where}) and "
                             "the model is retrained {frequency} ({retraining}).").format(
                        block=row.block, tool=tool.name, modes=modes, mode=_(known.serving.value),
                        where=known.serving.where, frequency=_(known.retraining.value),
                        retraining=known.retraining.where)
                else:
                    text = _("{block}: {tool} is built for {modes}, but the serving mode is {mode} ({where}).").format(
                        block=row.block, tool=tool.name, modes=modes, mode=_(known.serving.value),
                        where=known.serving.where)
                yield StackWarning(row.block_id, text)
            if tool.team == ("large",) and known.team_size == "small" and known.stage and \
                    known.stage.value == "tactical":
                yield StackWarning(row.block_id, _(
                    "{block}: {tool} is made for large teams at a later stage; the plan has {people} people "
                    "({team}) at the tactical stage ({where}).").format(
                    block=row.block, tool=tool.name, people=known.team.value, team=known.team.where,
                    where=known.stage.where))
