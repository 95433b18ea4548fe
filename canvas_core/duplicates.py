"""Ids a plan repeats where each must be unique.

Notes (within their block), workflow tasks, cost lines and data assets are
found, edited and drawn by id: two with one id would crash a page (a duplicate
widget key) or let an edit of one overwrite the other. Only a hand-made or
damaged file can hold them, so an import refuses it and names each one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from canvas_core.canvas.specs import CanvasSpec
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import N_, _
from canvas_core.plan import Plan
from canvas_core.steps import STEPS_BY_ID

_COUNT_WORDS = {2: N_("two"), 3: N_("three"), 4: N_("four")}
# What shares an id, as a whole sentence for each kind (the kind is the plural that names it).
_SENTENCES = {
    "notes": N_("{count} notes in {where} share the id {id}"),
    "workflow tasks": N_("{count} workflow tasks in {where} share the id {id}"),
    "cost lines": N_("{count} cost lines in {where} share the id {id}"),
    "data assets": N_("{count} data assets in {where} share the id {id}"),
}


@dataclass(frozen=True)
class DuplicateId:
    kind: str  # what carries the id, plural: "notes", "cost lines"
    id: str
    count: int
    where: str  # as the app names it: "ML Canvas › Data Sources", "Costs"

    def __str__(self) -> str:
        count = _(_COUNT_WORDS[self.count]) if self.count in _COUNT_WORDS else str(self.count)
        return _(_SENTENCES[self.kind]).format(count=count, where=self.where, id=repr(self.id))


def repeated(ids: Iterable[str]) -> list[tuple[str, int]]:
    """Each id that occurs more than once and how often, in order of first occurrence."""
    return [(value, count) for value, count in Counter(ids).items() if count > 1]


def duplicate_ids(plan: Plan, specs: dict[str, CanvasSpec]) -> list[DuplicateId]:
    """Every id shared within one list of the plan: notes block by block, then tasks, cost lines, assets."""
    found = []
    for canvas_id, canvas in plan.canvases.items():
        for block_id, block in canvas.blocks.items():
            where = _block_name(specs, canvas_id, block_id)
            # A note's widgets are keyed with "_" written as "-": ids equal after that collide too.
            found += [DuplicateId("notes", i, n, where)
                      for i, n in repeated(note.id.replace("_", "-") for note in block.notes)]
    lists = (("workflow tasks", "workflow", plan.workflow.tasks), ("cost lines", "costs", plan.costs.lines),
             ("data assets", "data_landscape", plan.data_landscape.assets))
    for kind, step_id, items in lists:
        where = _(STEPS_BY_ID[step_id].title)
        found += [DuplicateId(kind, i, n, where) for i, n in repeated(item.id for item in items)]
    return found


def _block_name(specs: dict[str, CanvasSpec], canvas_id: str, block_id: str) -> str:
    """'ML Canvas › Data Sources'; the ids themselves for a canvas or block this version does not know."""
    spec = specs.get(canvas_id)
    if spec is None:
        return f"{canvas_id} › {block_id}"
    block = next((b for b in spec.blocks if b.id == block_id), None)
    return f"{shown_title(spec.short_title)} › {shown_title(block.title) if block else block_id}"
