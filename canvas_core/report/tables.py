"""One look for every table in the report: a dark header row, light zebra rows, thin rules."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from canvas_core.report import fonts
from canvas_core.report.text import ACCENT, PAPER_TINT, RULE

ZEBRA = colors.HexColor("#f9fafb")
TALL_ROW = 380.0  # a row taller than this may not fit any page: only such a row is split inside


class _Table(Table):
    """A table that moves a row to the next page whole when it would fit there, and splits a
    row inside only when it is taller than a page could hold (a long pasted note)."""

    def split(self, availWidth, availHeight):
        in_row = self.splitInRow
        self.splitInRow = 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row
        if parts or not in_row or max(self._rowHeights, default=0) < TALL_ROW:
            return parts
        return super().split(availWidth, availHeight)


def table(rows: Sequence[Sequence[Flowable | str]], weights: Sequence[float], width: float, *,
          header: bool = True, extra: Sequence[tuple] = (), right: Sequence[int] = ()) -> Table:
    """Cells are flowables (paragraphs built with `esc`) or our own plain strings. Column widths
    are `weights` scaled to `width`, so a table fits A4 and Letter, portrait and landscape.
    Columns in `right` are right-aligned (plain-string amounts: cheaper than paragraphs)."""
    total = sum(weights)
    widths = [width * w / total for w in weights]
    # splitInRow: a row taller than a page (a long pasted note) splits instead of failing the build.
    t = _Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT",
              splitInRow=24)
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), ACCENT), ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                  ("FONT", (0, 0), (-1, 0), fonts.BOLD, 8)]
    first = 1 if header else 0
    for row in range(first, len(rows)):
        if (row - first) % 2 == 1:
            style.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    style += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    t.setStyle(TableStyle([*style, *extra]))
    return t


def band(row: int) -> tuple:
    """Style command for a sub-heading row (e.g. a cost category) spanning the table."""
    return ("BACKGROUND", (0, row), (-1, row), PAPER_TINT)
