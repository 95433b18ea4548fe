"""What changed between two versions of a plan (two iterations, or an
iteration and the plan now): block by block on the canvases, field by field
on the other steps. Notes are matched by id, so an edited note shows as
changed, not as one removed and one added."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from canvas_core.canvas.specs import CanvasSpec
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import _
from canvas_core.plan import Plan
from canvas_core.steps import STEPS


def _parts() -> dict[str, str]:
    """The parts of a plan compared field by field, with the title the app gives each: the plan's
    own details, then every step whose answers are a part of the plan (canvases go block by block),
    in the language of the reader."""
    return {"meta": _("Plan"), **{s.plan_part: _(s.title) for s in STEPS if s.plan_part}}
_IGNORED = {("meta", "updated_at"), ("meta", "created_at")}


@dataclass
class BlockChanges:
    canvas: str
    block: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)  # (before, after)
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, before, after)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.fields)


@dataclass(frozen=True)
class FieldChange:
    step: str
    where: str
    before: str
    after: str


@dataclass
class Comparison:
    blocks: list[BlockChanges]
    other: list[FieldChange]

    @property
    def empty(self) -> bool:
        return not self.blocks and not self.other


def compare(old: Plan, new: Plan, specs: dict[str, CanvasSpec]) -> Comparison:
    blocks = [c for spec in specs.values() for c in _canvas_changes(old, new, spec)]
    other: list[FieldChange] = []
    for name, title in _parts().items():
        before = _flatten(getattr(old, name).model_dump(mode="json"), (name,))
        after = _flatten(getattr(new, name).model_dump(mode="json"), (name,))
        for path in sorted(set(before) | set(after), key=str):
            if path[:2] in _IGNORED or before.get(path) == after.get(path):
                continue
            other.append(FieldChange(title, " › ".join(path[1:]), _show(before.get(path)), _show(after.get(path))))
    return Comparison(blocks, other)


def _canvas_changes(old: Plan, new: Plan, spec: CanvasSpec) -> list[BlockChanges]:
    result = []
    old_canvas, new_canvas = old.canvases.get(spec.id), new.canvases.get(spec.id)
    for block in spec.blocks_in_reading_order:
        before = old_canvas.blocks.get(block.id) if old_canvas else None
        after = new_canvas.blocks.get(block.id) if new_canvas else None
        changes = BlockChanges(_(spec.short_title), shown_title(block.title))
        old_notes = {n.id: n.text for n in before.notes} if before else {}
        new_notes = {n.id: n.text for n in after.notes} if after else {}
        changes.added = [text for nid, text in new_notes.items() if nid not in old_notes]
        changes.removed = [text for nid, text in old_notes.items() if nid not in new_notes]
        changes.changed = [(old_notes[nid], text) for nid, text in new_notes.items()
                           if nid in old_notes and old_notes[nid] != text]
        old_fields = before.fields if before else {}
        new_fields = after.fields if after else {}
        for spec_field in block.fields:
            a, b = old_fields.get(spec_field.id, ""), new_fields.get(spec_field.id, "")
            if a != b:
                changes.fields.append((_(spec_field.label), _show(a), _show(b)))
        if changes:
            result.append(changes)
    return result


def _flatten(value: Any, path: tuple) -> dict[tuple, Any]:
    if isinstance(value, dict):
        flat: dict[tuple, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, (*path, key)))
        return flat
    if isinstance(value, list) and value and all(isinstance(i, dict) and "id" in i for i in value):
        flat = {}
        for item in value:  # name items by what a person calls them, not by their id
            label = item.get("name") or item.get("label") or item["id"]
            flat.update(_flatten({k: v for k, v in item.items() if k != "id"}, (*path, str(label))))
        return flat
    return {path: value}


def _show(value: Any) -> str:
    if value in (None, "", []):
        return _("(empty)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
