"""Any canvas as a Markdown section: header fields, then every block in reading order, in the
current language (the report's: its plan's)."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core.canvas.specs import BlockSpec, CanvasSpec, blocks_not_drawn, header_facts
from canvas_core.canvas.titles import shown_title, status_label
from canvas_core.i18n import _
from canvas_core.plan import BlockContent, Note, Plan
from canvas_core.report.markdown_text import bullet, cell, escape


def note(item: Note) -> str:
    """A note as a bullet, its status (in the current language) after it."""
    status = f" *({status_label(item.status)})*" if item.status else ""
    return bullet(item.text) + status


def canvas_section(spec: CanvasSpec, plan: Plan) -> Iterator[str]:
    content = plan.canvases.get(spec.id)
    yield f"## {cell(spec.shown_title)}"
    yield ""
    yield f"*{cell(_(spec.description))}*"
    yield ""
    pairs = [(label, value) for label, value in header_facts(spec, plan) if value.strip()]
    if pairs:
        yield "  \n".join(f"**{cell(label)}:** {cell(value)}" for label, value in pairs)
        yield ""
    if content is not None:
        for field in spec.fields:
            value = content.fields.get(field.id, "")
            if value.strip():
                yield f"**{cell(_(field.label))}:** {escape(field.shown_value(value))}"
                yield ""
    for block in spec.blocks_in_reading_order:
        yield from _block(block, content.blocks.get(block.id) if content else None)


def _block(block: BlockSpec, stored: BlockContent | None) -> Iterator[str]:
    number = f"{block.number}. " if block.number else ""
    yield f"### {number}{cell(shown_title(block.title))}"
    yield ""
    notes = stored.notes if stored else []
    topics = {s.id for s in block.subitems}
    loose = [n for n in notes if n.topic not in topics]
    if not notes:
        yield _("*Left empty.*")
        yield ""
    yield from (note(n) for n in loose)
    if loose:
        yield ""
    for sub in block.subitems if notes else ():
        yield f"#### {cell(_(sub.title))}"
        yield ""
        mine = [n for n in notes if n.topic == sub.id]
        yield from (note(n) for n in mine) if mine else (_("*Left empty.*"),)
        yield ""
    values = stored.fields if stored else {}
    answered = [(f, values[f.id]) for f in block.fields if values.get(f.id, "").strip()]
    for field, value in answered:
        yield f"- **{cell(_(field.label))}:** {escape(field.shown_value(value), indent='  ')}"
    if answered:
        yield ""


def other_notes(plan: Plan, specs: dict[str, CanvasSpec]) -> Iterator[str]:
    """Notes kept in the plan under a canvas or block this version does not draw (e.g. from an
    older canvas file): listed, so nothing typed goes missing."""
    lost = blocks_not_drawn(plan, specs)
    if not lost:
        return
    yield _("## Other notes")
    yield ""
    for canvas_id, block_id, notes in lost:
        yield f"### {cell(canvas_id)} · {cell(block_id)}"
        yield ""
        yield from (note(n) for n in notes)
        yield ""
