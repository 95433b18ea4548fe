"""Changes a user makes to canvas content. Every change goes through here,
so the page code stays wiring and the rules are tested without a browser."""

from __future__ import annotations

import datetime as dt

from canvas_core.canvas.parts import split_part
from canvas_core.canvas.specs import CanvasSpec, canvases
from canvas_core.canvas.titles import option_label, shown_title
from canvas_core.i18n import _, current
from canvas_core.numbers import format_decimal
from canvas_core.plan import MAX_NOTE_CHARS, Note, NoteStatus, Plan


class EditError(ValueError):
    """A change that cannot be applied; the message is meant for the user."""


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_NOTE_CHARS:
        raise EditError(_("A note holds at most {limit} characters; this one has {count}.").format(
            limit=_count(MAX_NOTE_CHARS), count=_count(len(text))))
    return text


def _count(number: int) -> str:
    return format_decimal(number, current())


def _notes(plan: Plan, canvas_id: str, block_id: str) -> list[Note]:
    return plan.canvas(canvas_id).block(block_id).notes


def _find(notes: list[Note], note_id: str) -> int:
    for index, note in enumerate(notes):
        if note.id == note_id:
            return index
    raise EditError(_("That note no longer exists; it may have been deleted."))


def add_note(
    plan: Plan,
    canvas_id: str,
    block_id: str,
    text: str,
    *,
    author: str = "",
    status: NoteStatus | None = None,
    topic: str | None = None,
    votes: int | None = None,
) -> Note | None:
    """Add a note at the end of the block; empty text adds nothing. Without a topic, a leading
    part name ("Goals: ...") puts the note into that part of the block."""
    if topic is None:
        topic, text = _typed_part(canvas_id, block_id, text)
    text = _clean(text)
    if not text:
        return None
    note = Note(text=text, author=author.strip()[:300], status=status, topic=topic, votes=votes)
    _notes(plan, canvas_id, block_id).append(note)
    return note


def has_note(plan: Plan, canvas_id: str, block_id: str, text: str) -> bool:
    """Whether the block already holds a note with this text (as `add_note` would store it)."""
    topic, text = _typed_part(canvas_id, block_id, text)
    cleaned = _clean(text)
    return any(note.text == cleaned and (topic is None or note.topic == topic)
               for note in _notes(plan, canvas_id, block_id))


def _typed_part(canvas_id: str, block_id: str, text: str) -> tuple[str | None, str]:
    """The part named at the start of a typed note, if the block has it; "Goals:" alone is refused
    rather than stored as a note that only names its part."""
    spec = canvases().get(canvas_id)
    block = next((b for b in spec.blocks if b.id == block_id), None) if spec else None
    if block is None:
        return None, text
    topic, rest = split_part(block, text)
    if topic is not None and not rest.strip():
        title = next(s.title for s in block.subitems if s.id == topic)
        raise EditError(_('Nothing was added: type the note after "{part}:".').format(part=_(title)))
    return topic, rest


def update_note(plan: Plan, canvas_id: str, block_id: str, note_id: str, **changes) -> None:
    notes = _notes(plan, canvas_id, block_id)
    note = notes[_find(notes, note_id)]
    if "text" in changes:
        changes["text"] = _clean(changes["text"])
        if not changes["text"]:
            raise EditError(_("A note cannot be empty; delete it instead."))
    for name, value in changes.items():
        setattr(note, name, value)


def move_note(plan: Plan, canvas_id: str, block_id: str, note_id: str, offset: int) -> None:
    notes = _notes(plan, canvas_id, block_id)
    index = _find(notes, note_id)
    target = max(0, min(len(notes) - 1, index + offset))
    if target != index:
        notes.insert(target, notes.pop(index))


def delete_note(plan: Plan, canvas_id: str, block_id: str, note_id: str) -> tuple[int, Note]:
    """Remove a note; returns where it was and the note, which is all `restore_note` needs."""
    notes = _notes(plan, canvas_id, block_id)
    index = _find(notes, note_id)
    removed = notes.pop(index)
    return index, removed


def restore_note(plan: Plan, canvas_id: str, block_id: str, index: int, note: Note) -> None:
    """Undo a delete: the note back where it was (or last, if the block has shrunk since)."""
    notes = _notes(plan, canvas_id, block_id)
    if any(n.id == note.id for n in notes):
        raise EditError(_("That note is already back."))
    notes.insert(min(index, len(notes)), note)


def set_block_field(plan: Plan, spec: CanvasSpec, block_id: str, field_id: str, value: str) -> None:
    field = next((f for f in spec.block(block_id).fields if f.id == field_id), None)
    if field is None:
        raise EditError(_("{block} has no field {field}.").format(block=shown_title(spec.block(block_id).title),
                                                                 field=repr(field_id)))
    _store_field(plan.canvas(spec.id).block(block_id).fields, field, value)


def set_canvas_field(plan: Plan, spec: CanvasSpec, field_id: str, value: str) -> None:
    field = next((f for f in spec.fields if f.id == field_id), None)
    if field is None:
        raise EditError(_("{canvas} has no field {field}.").format(canvas=spec.shown_title, field=repr(field_id)))
    _store_field(plan.canvas(spec.id).fields, field, value)


def _store_field(target: dict[str, str], field, value: str | None) -> None:
    value = (value or "").strip()
    if field.kind == "choice" and value and value not in field.options:
        raise EditError(_("{field} must be one of: {options}.").format(
            field=_(field.label), options=", ".join(option_label(o) for o in field.options)))
    if len(value) > MAX_NOTE_CHARS:
        raise EditError(_("{field} holds at most {limit} characters.").format(field=_(field.label),
                                                                            limit=_count(MAX_NOTE_CHARS)))
    if value:
        target[field.id] = value
    else:
        target.pop(field.id, None)


def set_detail(plan: Plan, **changes) -> None:
    """The plan's own details, which every canvas header shows (name, team, designed for, date, iteration)."""
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "name" and not value:
            raise EditError(_("A plan needs a name; the previous name was kept."))
        if name == "date" and value is not None and not isinstance(value, dt.date):
            raise EditError(_("The date must be a calendar date."))
        setattr(plan.meta, name, value)
