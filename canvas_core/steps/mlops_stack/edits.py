"""Taking a suggestion over into an MLOps Stack block: the tool with its licence, how it is sourced
and hosted; or "not needed yet" (the block marked optional, its tool "none yet")."""

from __future__ import annotations

from canvas_core.canvas import editing
from canvas_core.canvas.specs import canvases
from canvas_core.i18n import translated
from canvas_core.plan import Plan
from canvas_core.steps.mlops_stack.fit import NONE_YET, OWN_SERVERS, facts
from canvas_core.steps.mlops_stack.tools import MLOPS_CANVAS, catalogue


def adopt(plan: Plan, block_id: str, tool_id: str) -> None:
    """Make the catalogue's tool `tool_id` the block's chosen tool, with its licence and sourcing; its
    hosting too, where the tool runs one way only or the brief keeps data on own servers."""
    tool = next(tool for tool in catalogue().tools if tool.id == tool_id)
    spec = canvases()[MLOPS_CANVAS]
    hosting = tool.hosting
    if hosting == "either":
        brief = facts(plan).hosting
        hosting = "self-hosted" if brief and brief.value == OWN_SERVERS else ""
    for field_id, value in (("tool", tool.name), ("licence", tool.licence), ("sourcing", tool.sourcing)):
        editing.set_block_field(plan, spec, block_id, field_id, value)
    if hosting:
        editing.set_block_field(plan, spec, block_id, "hosting", hosting)


def defer(plan: Plan, block_id: str) -> None:
    """Not needed yet: the block optional, its tool "none yet" (licence and hosting cleared)."""
    spec = canvases()[MLOPS_CANVAS]
    editing.set_block_field(plan, spec, block_id, "requirement", "optional")
    editing.set_block_field(plan, spec, block_id, "tool", translated(NONE_YET, plan.meta.language))
    for field_id in ("licence", "hosting", "sourcing"):
        editing.set_block_field(plan, spec, block_id, field_id, "")
