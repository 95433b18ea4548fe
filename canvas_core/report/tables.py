"""One look for every table in the report: a dark header row, light zebra rows, thin rules."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from canvas_core.report import fonts
from canvas_core.report.text import ACCENT, PAPER_TINT, RULE

ZEBRA = colors.HexColor("#f9fafb")


def table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float], *, header: bool = True,
          extra: Sequence[tuple] = ()) -> Table:
    """Cells are flowables (paragraphs built with `esc`) or our own plain strings."""
    t = Table([list(r) for r in rows], colWidths=list(widths), repeatRows=1 if header else 0, hAlign="LEFT")
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
    t.setStyle(TableStyle([*style, *extra]))
    return t


def band(row: int) -> tuple:
    """Style command for a sub-heading row (e.g. a cost category) spanning the table."""
    return ("BACKGROUND", (0, row), (-1, row), PAPER_TINT)
