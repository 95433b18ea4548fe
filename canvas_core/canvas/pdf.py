"""Any canvas spec as a landscape page that mirrors its published grid.

Blocks sit where the spec puts them (rows, columns and spans in the same
proportions), each with its number and title, sub-item titles, notes as
bullets and structured fields compactly. Text that does not fit a block shrinks
step by step down to FLOOR_SIZE; whatever still does not fit moves, whole
notes at a time, to detail entries printed right after the canvas, and the
block says so ("→ D1, continued on page 7"). Nothing is cut silently: a note
that only partly fits shows its beginning with "…" in the block and appears in
full in its detail entry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from canvas_core.canvas.specs import BlockSpec, CanvasSpec, blocks_not_drawn, canvases, header_facts
from canvas_core.canvas.titles import shown_title, status_label, translation_note
from canvas_core.i18n import _
from canvas_core.plan import BlockContent, CanvasContent, Note, Plan
from canvas_core.report import fonts
from canvas_core.report.context import ReportContext
from canvas_core.report.document import (
    LANDSCAPE,
    LANDSCAPE_COLUMNS,
    PORTRAIT,
    PageAnchor,
    new_page,
    page_ref,
)
from canvas_core.report.text import (
    INK,
    MARKER,
    MUTED,
    WrapOnce,
    bold,
    bullet,
    displayable,
    esc,
    muted,
    para,
    sized,
    styles,
)

SIZES = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5)
FLOOR_SIZE = SIZES[-1]
DETAIL_SIZE = 9.0
TITLE_SIZE = 8.5
PAD = 4.0
BORDER = colors.HexColor("#4b5563")
# Block title bars tinted by group, in the order groups first appear in the spec file:
# the ML Canvas gets blue-violet for "predict" and yellow for "learn", like the paper one.
GROUP_TINTS = ("#e0e7ff", "#f3f4f6", "#fef3c7", "#dcfce7", "#e0f2fe", "#ffe4e6", "#ede9fe", "#fae8ff")

ItemKind = Literal["heading", "bullet", "body"]


@dataclass(frozen=True)
class Item:
    """One piece of a block's text, in reading order."""

    kind: ItemKind
    markup: str  # escaped user text plus our markup
    words: tuple[str, ...] = ()  # the escaped words of a note, for a shortened excerpt
    section: str | None = None  # sub-item title this item sits under (context for a continuation)
    plain: str = ""  # the text as drawn, without markup: estimates its width before any wrapping


@dataclass
class Cell:
    spec: BlockSpec
    x: float
    y: float  # bottom
    width: float
    height: float
    title: Paragraph | None = None
    title_height: float = 0.0
    tint: colors.Color = colors.white
    size: float = SIZES[0]
    placed: list[tuple[Paragraph, float, float, float]] = field(default_factory=list)  # para, h, before, after
    overflow: list[Item] = field(default_factory=list)
    detail_label: str | None = None
    empty: bool = False
    room: float = 0.0  # height left for text under the title
    items: list[Item] = field(default_factory=list)


# --- a block's content as items ------------------------------------------------------------


def _note_item(note: Note, section: str | None) -> Item:
    status = status_label(note.status) if note.status else None
    suffix = " " + muted(f"[{status}]") if status else ""
    escaped = esc(note.text)
    plain = displayable(note.text) + (f" [{status}]" if status else "")
    return Item("bullet", escaped + suffix, tuple(escaped.split(" ")), section, plain)


def block_items(block: BlockSpec, content: BlockContent | None) -> list[Item]:
    """Notes (grouped under their sub-item titles), then the block's structured fields, in the
    current language (titles, labels and chosen options; user text as typed)."""
    items: list[Item] = []
    notes = list(content.notes) if content else []
    topics = {s.id for s in block.subitems}
    items += [_note_item(n, None) for n in notes if n.topic not in topics]
    for sub in block.subitems:
        mine = [n for n in notes if n.topic == sub.id]
        if mine:
            title = _(sub.title)
            items.append(Item("heading", esc(title), section=title, plain=title))
            items += [_note_item(n, title) for n in mine]
    values = content.fields if content else {}
    shown = [f for f in block.fields if f.kind != "longtext" and values.get(f.id, "").strip()]
    if shown:
        items.append(Item("body", " · ".join(f"{bold(esc(_(f.label)) + ':')} {esc(f.shown_value(values[f.id]))}"
                                             for f in shown),
                          plain=" · ".join(f"{_(f.label)}: {displayable(f.shown_value(values[f.id]))}"
                                           for f in shown)))
    for f in block.fields:
        if f.kind == "longtext" and values.get(f.id, "").strip():
            escaped = esc(values[f.id].strip())
            label = bold(esc(_(f.label)) + ":")
            items.append(Item("body", f"{label} {escaped}", (label, *escaped.split(" ")),
                              plain=f"{_(f.label)}: {displayable(values[f.id].strip())}"))
    return items


# --- fitting a block ---------------------------------------------------------------------------


def _paragraph(item: Item, size: float) -> Paragraph:
    style = sized(item.kind, size)
    if item.kind == "bullet":
        return WrapOnce(item.markup, style, bulletText="•")
    return WrapOnce(item.markup, style)


def _measured(item: Item, size: float, width: float) -> tuple[Paragraph, float, float, float]:
    p = _paragraph(item, size)
    _, h = p.wrap(width, 1e6)
    return p, h, p.style.spaceBefore, p.style.spaceAfter


def _total(measured) -> float:
    return sum(h + before + after for _, h, before, after in measured)


def _excerpt(item: Item, size: float, width: float, room: float):
    """The longest beginning of the item (whole words, ending in "…") that fits `room`."""
    if not item.words:
        return None
    lo, hi, best = 1, len(item.words) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        cut = Item(item.kind, " ".join(item.words[:mid]) + " …", section=item.section)
        m = _measured(cut, size, width)
        if _total([m]) <= room:
            best, lo = m, mid + 1
        else:
            hi = mid - 1
    return best


def _unit_widths(items: list[Item]) -> list[tuple[float, int]]:
    """Each item's text width at 1 pt and its typed line breaks: text width grows linearly
    with the size, so one measurement estimates every size."""
    return [(stringWidth(i.plain.replace("\n", " "), fonts.BOLD if i.kind == "heading" else fonts.REGULAR, 1),
             i.plain.count("\n")) for i in items]


def _estimate(items: list[Item], unit: list[tuple[float, int]], size: float, width: float) -> float:
    total = 0.0
    for item, (w1, breaks) in zip(items, unit):
        style = sized(item.kind, size)
        room = width - style.leftIndent
        lines = max(1, math.ceil(w1 * size * 1.05 / room)) + breaks
        total += lines * style.leading + style.spaceBefore + style.spaceAfter
    return total


def fit(items: list[Item], width: float, height: float, marker_height: float, largest: float = SIZES[0]):
    """(size, placed paragraphs, items that continue elsewhere), the size at most `largest`.

    Wrapping text is the expensive part of the report, so sizes are chosen by an estimate and
    only the chosen size (and, when the estimate was close, its neighbour) is wrapped for real."""
    sizes = [s for s in SIZES if s <= largest]
    unit = _unit_widths(items)
    estimates = [_estimate(items, unit, size, width) for size in sizes]
    index = next((k for k, e in enumerate(estimates) if e <= height), len(sizes) - 1)
    measured = None
    while index < len(sizes):
        measured = [_measured(i, sizes[index], width) for i in items]
        if _total(measured) <= height:
            if index > 0 and estimates[index - 1] <= height * 1.12:  # the estimate may have been cautious
                bigger = [_measured(i, sizes[index - 1], width) for i in items]
                if _total(bigger) <= height:
                    return sizes[index - 1], bigger, []
            return sizes[index], measured, []
        index += 1
    if sizes[-1] != FLOOR_SIZE:
        measured = [_measured(i, FLOOR_SIZE, width) for i in items]
    # At the floor: whole items while they fit, then a marked excerpt of the next one.
    room = height - marker_height
    placed, used = [], 0.0
    for index, (item, m) in enumerate(zip(items, measured)):
        needed = _total([m])
        follows = measured[index + 1] if index + 1 < len(items) else None
        if item.kind == "heading" and follows is not None:
            needed += min(_total([follows]), m[0].style.leading * 2)  # never a title left alone
        if used + needed <= room:
            placed.append(m)
            used += _total([m])
            continue
        if item.kind != "heading":
            excerpt = _excerpt(item, FLOOR_SIZE, width, room - used)
            if excerpt is not None:
                placed.append(excerpt)
        return FLOOR_SIZE, placed, list(items[index:])
    return FLOOR_SIZE, placed, []


# --- the grid flowable ------------------------------------------------------------------------


class CanvasGrid(Flowable):
    """The blocks of one canvas, laid out and fitted before the build (fixed size)."""

    def __init__(self, width: float, height: float, cells: list[Cell], side_labels: dict[str, str]):
        super().__init__()
        self.width, self.height = width, height
        self.cells = cells
        self.side_labels = side_labels

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        for cell in self.cells:
            self._draw_cell(canv, cell)
        canv.setStrokeColor(INK)
        canv.setLineWidth(1.2)
        canv.rect(0, LABEL_BAND if self.side_labels.get("bottom") else 0, self.width, self._grid_height())
        self._draw_side_labels(canv)

    def _grid_height(self) -> float:
        bands = bool(self._top_labels()) + bool(self.side_labels.get("bottom"))
        return self.height - bands * LABEL_BAND

    def _top_labels(self) -> list[tuple[str, str]]:
        return [(k, self.side_labels[k]) for k in ("left", "centre", "right") if self.side_labels.get(k)]

    def _draw_side_labels(self, canv) -> None:
        canv.setFont(fonts.BOLD, 7)
        canv.setFillColor(MUTED)
        top = self.height - LABEL_BAND + 3.5
        for key, label in self._top_labels():
            if key == "left":
                canv.drawString(0, top, label)
            elif key == "centre":
                canv.drawCentredString(self.width / 2, top, label)
            else:
                canv.drawRightString(self.width, top, label)
        if self.side_labels.get("bottom"):
            canv.drawCentredString(self.width / 2, 3.5, self.side_labels["bottom"])

    def _draw_cell(self, canv, cell: Cell) -> None:
        canv.saveState()
        canv.setFillColor(cell.tint)
        canv.rect(cell.x, cell.y + cell.height - cell.title_height, cell.width, cell.title_height, stroke=0, fill=1)
        canv.setStrokeColor(BORDER)
        canv.setLineWidth(0.6)
        canv.rect(cell.x, cell.y, cell.width, cell.height)
        canv.restoreState()
        top = cell.y + cell.height
        cell.title.drawOn(canv, cell.x + PAD, top - cell.title_height + PAD * 0.6)
        y = top - cell.title_height - PAD * 0.75
        if cell.empty:
            canv.setFont(fonts.OBLIQUE, 7.5)
            canv.setFillColor(MUTED)
            canv.drawString(cell.x + PAD, y - 8, _("Left empty"))
            return
        for p, h, before, after in cell.placed:
            y -= before
            p.drawOn(canv, cell.x + PAD, y - h)
            y -= h + after
        if cell.detail_label:
            marker = "→ " + _("{label}, continued on page ").format(label=cell.detail_label)
            canv.setFont(fonts.BOLD, FLOOR_SIZE)
            canv.setFillColor(MARKER)
            base = cell.y + PAD * 0.8
            canv.drawString(cell.x + PAD, base, marker)
            page_ref(canv, cell.detail_label, cell.x + PAD + _width(marker, fonts.BOLD, FLOOR_SIZE), base)


LABEL_BAND = 12.0


def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def _tints(spec: CanvasSpec) -> dict[str, colors.Color]:
    groups: list[str] = []
    for block in spec.blocks:
        if block.group not in groups:
            groups.append(block.group)
    return {g: colors.HexColor(GROUP_TINTS[i % len(GROUP_TINTS)]) for i, g in enumerate(groups)}


def _title(block: BlockSpec, width: float) -> tuple[Paragraph, float]:
    style = sized("heading", TITLE_SIZE)
    # Number 0 means "not numbered" (the MLOps Stack's dilemmas), as in the app.
    number = f'<font color="{MUTED.hexval()}">{block.number}</font>&nbsp;&nbsp;' if block.number else ""
    markup = number + esc(shown_title(block.title))
    p = Paragraph(markup, style)
    _, h = p.wrap(width, 1e6)
    return p, h + PAD * 1.2


SIZE_SPREAD = 1.5  # the largest text on a canvas is at most this much above the smallest


def layout_cells(spec: CanvasSpec, content: CanvasContent | None, width: float, height: float) -> list[Cell]:
    """Every block at its place in a width x height grid, its text fitted. Sizes stay close
    to each other, so the canvas reads as one sheet rather than a patchwork."""
    col_w, row_h = width / spec.columns, height / spec.rows
    tints = _tints(spec)
    marker_height = sized("marker", FLOOR_SIZE).leading + PAD * 0.5
    cells = []
    for block in spec.blocks_in_reading_order:
        cell = Cell(block, x=(block.col - 1) * col_w, y=height - (block.row - 1 + block.row_span) * row_h,
                    width=block.col_span * col_w, height=block.row_span * row_h, tint=tints[block.group])
        inner = cell.width - 2 * PAD
        cell.title, cell.title_height = _title(block, inner)
        items = block_items(block, content.blocks.get(block.id) if content else None)
        cell.empty = not items
        cell.room = cell.height - cell.title_height - PAD * 1.5
        cell.items = items
        if items:
            cell.size, cell.placed, cell.overflow = fit(items, inner, cell.room, marker_height)
        cells.append(cell)
    smallest = min((c.size for c in cells if not c.empty), default=SIZES[0])
    for cell in cells:
        if not cell.empty and cell.size > smallest + SIZE_SPREAD:
            cell.size, cell.placed, cell.overflow = fit(cell.items, cell.width - 2 * PAD, cell.room, marker_height,
                                                        largest=smallest + SIZE_SPREAD)
    return cells


# --- the page ------------------------------------------------------------------------------------


def _header(spec: CanvasSpec, plan: Plan) -> list[Flowable]:
    st = styles()
    credit = muted(_("{title} v{version} by {authors}, {licence}").format(
        title=esc(spec.shown_title), version=esc(spec.version), authors=esc(spec.authors),
        licence=esc(spec.licence)))
    note = translation_note()
    if note:
        credit += muted(" · " + esc(note))
    content = plan.canvases.get(spec.id)
    values = header_facts(spec, plan)
    for f in spec.fields:
        value = content.fields.get(f.id, "") if content else ""
        values.append((_(f.label), f.shown_value(value)))
    line = "&nbsp;&nbsp;&nbsp;".join(f"{bold(esc(label) + ':')} {esc(value) if value.strip() else muted('–')}"
                                      for label, value in values)
    out = [para(esc(spec.shown_title), st.h2_flush),
           para(credit, st.small)]
    if line:
        out.append(para(line, st.small_ink))
    return out


def _header_height(flowables: list[Flowable], width: float) -> float:
    total = 0.0
    for f in flowables:
        _, h = f.wrap(width, 1e6)
        total += h + f.getSpaceBefore() + f.getSpaceAfter()
    return total


def canvas_section(ctx: ReportContext, spec: CanvasSpec) -> list[Flowable]:
    """The canvas on one landscape page, then its continued text (if any) in two columns."""
    content = ctx.plan.canvases.get(spec.id)
    box = ctx.geometry.landscape
    header = _header(spec, ctx.plan)
    gap = 4.0
    grid_height = box.height - _header_height(header, box.width) - gap - 1.0
    bands = bool({"left", "centre", "right"} & {k for k, v in spec.side_labels.items() if v}) + bool(
        spec.side_labels.get("bottom"))
    cells = layout_cells(spec, content, box.width, grid_height - bands * LABEL_BAND)
    if spec.side_labels.get("bottom"):
        for cell in cells:
            cell.y += LABEL_BAND
    for cell in cells:
        if cell.overflow:
            cell.detail_label = ctx.next_detail_label()
    side_labels = {side: _(label) for side, label in spec.side_labels.items()}
    story: list[Flowable] = [*new_page(LANDSCAPE), *header, Spacer(1, gap),
                             CanvasGrid(box.width, grid_height, cells, side_labels)]
    continued = [c for c in cells if c.overflow]
    if continued:
        story += [*new_page(LANDSCAPE_COLUMNS), *detail_entries(spec, continued)]
    return story


def _numbered(block: BlockSpec) -> str:
    title = esc(shown_title(block.title))
    return f"{block.number} {title}" if block.number else title


def detail_entries(spec: CanvasSpec, cells: list[Cell]) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [para(_("{canvas}: text continued from the canvas").format(canvas=esc(_(spec.short_title))),
                                st.h2_flush)]
    for cell in cells:
        out += [CondPageBreak(60), PageAnchor(cell.detail_label),
                para(f"{cell.detail_label} · {_numbered(cell.spec)}", st.h3)]
        first = cell.overflow[0]
        if first.kind != "heading" and first.section:
            out.append(_paragraph(Item("heading", esc(first.section) + " " + muted(_("(continued)"))), DETAIL_SIZE))
        out += [_paragraph(item, DETAIL_SIZE) for item in cell.overflow]
    return out


def other_notes_section(ctx: ReportContext) -> list[Flowable]:
    """Notes kept under a canvas or block this version does not draw, on a page of their own."""
    lost = blocks_not_drawn(ctx.plan, canvases())
    if not lost:
        return []
    st = styles()
    out: list[Flowable] = [*new_page(PORTRAIT), para(_("Other notes"), st.h1),
                           para(muted(_("Kept in the plan under a canvas or block this version does not draw.")),
                                st.body)]
    for canvas_id, block_id, notes in lost:
        out.append(para(esc(f"{canvas_id} · {block_id}"), st.h2))
        out += [bullet(esc(note.text), st.bullet) for note in notes]
    return out
