"""The cost charts as vector drawings (reportlab.graphics), with their numbers printed.

Drawn from shapes rather than reportlab's chart widgets so that every string
names the report font (a widget's default label font is Helvetica, which would
slip into the PDF unembedded) and so that the numbers sit where a reader looks.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from canvas_core.i18n import _, ngettext
from canvas_core.numbers import style_of
from canvas_core.report import fonts
from canvas_core.report.text import INK, MUTED, displayable
from canvas_core.steps.costs.rules import (
    CATEGORY_COLOURS,
    ONE_TIME,
    TAXONOMY,
    CostSummary,
    category_label,
    format_money,
)

GRID = colors.HexColor("#e5e7eb")
EXPECTED = colors.HexColor("#2563A8")
BREAK_EVEN = colors.HexColor("#B45309")


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    # The renderer starts every drawing with this font; its default is Helvetica.
    d.initialFontName = fonts.REGULAR
    return d


def _text(x, y, text, size=7.5, *, bold=False, colour=INK, anchor="start") -> String:
    return String(x, y, displayable(text), fontName=fonts.BOLD if bold else fonts.REGULAR, fontSize=size,
                  fillColor=colour, textAnchor=anchor)


def _width(text: str, size: float, bold: bool = False) -> float:
    return stringWidth(text, fonts.BOLD if bold else fonts.REGULAR, size)


def _compact(amount: float, language: str = "en") -> str:
    """Axis labels: 250k, 1.2M (1,2M with a decimal comma)."""
    if abs(amount) >= 1_000_000:
        return f"{amount / 1_000_000:.1f}M".replace(".0M", "M").replace(".", style_of(language).mark)
    if abs(amount) >= 1_000:
        return f"{amount / 1_000:.0f}k"
    return f"{amount:.0f}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.2, 1.6, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def category_bars(summary: CostSummary, currency: str, language: str, width: float) -> Drawing:
    """Expected cost per category as horizontal bars, the low-high range as a whisker, amounts printed.
    One-time categories in total, running ones per year (as the cost tables)."""
    money = lambda v: format_money(v, currency, language)  # noqa: E731
    value_w = 165.0
    bar_h, row_h = 10.0, 27.0
    running = tuple(c for c in TAXONOMY if c not in ONE_TIME)
    height = 26 + len(TAXONOMY) * row_h + 2 * 14
    d = _drawing(width, height)
    y = height - 12
    d.add(_text(0, y, _("Cost by category (expected; whisker: low to high)"), 8.5, bold=True))
    scale_max = _nice_max(float(max((summary.by_category[c].high for c in TAXONOMY), default=Decimal(0))))
    plot_w = width - value_w
    y -= 8
    for group, title in ((ONE_TIME, _("One-time")), (running, _("Running, per year"))):
        y -= 14
        d.add(_text(0, y, title.upper(), 6.5, bold=True, colour=MUTED))
        for category in group:
            r = summary.by_category[category]
            y -= 11
            d.add(_text(0, y, category_label(category), 7.5))  # the category's name above its bar
            yb = y - 3 - bar_h
            d.add(Rect(0, yb, plot_w, bar_h, fillColor=colors.HexColor("#f3f4f6"), strokeColor=None))
            d.add(Rect(0, yb, plot_w * float(r.expected) / scale_max, bar_h,
                       fillColor=colors.HexColor(CATEGORY_COLOURS[category]), strokeColor=None))
            lo, hi = (plot_w * float(v) / scale_max for v in (r.low, r.high))
            d.add(Line(lo, yb + bar_h / 2, hi, yb + bar_h / 2, strokeColor=INK, strokeWidth=0.8))
            for x in (lo, hi):
                d.add(Line(x, yb + 1.5, x, yb + bar_h - 1.5, strokeColor=INK, strokeWidth=0.8))
            expected = money(r.expected)
            d.add(_text(plot_w + 8, yb + 2, expected, 7.5, bold=True))
            d.add(_text(plot_w + 12 + _width(expected, 7.5, True), yb + 2, f"({money(r.low)} – {money(r.high)})",
                        6.5, colour=MUTED))
            y = yb - (row_h - 11 - 3 - bar_h)
    return d


def cumulative_cost(summary: CostSummary, currency: str, language: str, width: float) -> Drawing:
    """Cost at the end of each year (start = one-time cost), with the low-high band and the
    cumulative benefit needed to break even. Every expected point carries its amount."""
    money = lambda v: format_money(v, currency, language)  # noqa: E731
    height = 190.0
    d = _drawing(width, height)
    years_text = ngettext("Cumulative cost over {count} year", "Cumulative cost over {count} years",
                          summary.horizon_years).format(count=summary.horizon_years)
    d.add(_text(0, height - 12, years_text, 8.5, bold=True))
    left, right, bottom, top = 44.0, 16.0, 34.0, height - 26
    plot_w, plot_h = width - left - right, top - bottom
    points = summary.cumulative
    years = len(points) - 1
    need = summary.break_even_per_year.expected
    peak = max([float(p.high) for p in points] + [float(need) * years, 1.0])
    y_max = _nice_max(peak)

    def px(year: int) -> float:
        return left + plot_w * year / max(years, 1)

    def py(value) -> float:
        return bottom + plot_h * float(value) / y_max

    for k in range(5):
        value = y_max * k / 4
        d.add(Line(left, py(value), left + plot_w, py(value), strokeColor=GRID, strokeWidth=0.5))
        d.add(_text(left - 4, py(value) - 2.5, _compact(value, language), 6.5, colour=MUTED, anchor="end"))
    for year in range(years + 1):
        d.add(_text(px(year), bottom - 11, _("Start") if year == 0 else _("Year {year}").format(year=year), 7,
                    colour=MUTED, anchor="middle"))
    # Low-high band as a filled polygon.
    band = [(px(i), py(p.high)) for i, p in enumerate(points)] + [(px(i), py(p.low)) for i, p in
                                                                  reversed(list(enumerate(points)))]
    d.add(Polygon([c for xy in band for c in xy], fillColor=colors.Color(0.145, 0.388, 0.659, alpha=0.16),
                  strokeColor=None))
    d.add(PolyLine([c for i in range(years + 1) for c in (px(i), py(float(need) * i))], strokeColor=BREAK_EVEN,
                   strokeWidth=1.2, strokeDashArray=[4, 3]))
    d.add(PolyLine([c for i, p in enumerate(points) for c in (px(i), py(p.expected))], strokeColor=EXPECTED,
                   strokeWidth=2))
    for i, p in enumerate(points):
        d.add(Circle(px(i), py(p.expected), 2.4, fillColor=EXPECTED, strokeColor=colors.white, strokeWidth=0.6))
        label = money(p.expected)
        anchor = "start" if i == 0 else ("end" if i == years else "middle")
        d.add(_text(px(i) + (3 if i == 0 else 0), py(p.expected) + 6, label, 7, bold=True, anchor=anchor))
    # Key
    # Key: each entry placed after the one before, so a longer translation never overlaps the next.
    key_y = 6
    expected_text, band_text = _("Expected cost"), _("Low to high")
    need_text = _("Benefit needed to break even ({amount} a year)").format(amount=money(need))
    x = left
    d.add(Line(x, key_y + 3, x + 16, key_y + 3, strokeColor=EXPECTED, strokeWidth=2))
    d.add(_text(x + 20, key_y, expected_text, 7))
    x += max(88, 20 + _width(expected_text, 7) + 12)
    d.add(Rect(x, key_y, 16, 6, fillColor=colors.Color(0.145, 0.388, 0.659, alpha=0.16), strokeColor=None))
    d.add(_text(x + 20, key_y, band_text, 7))
    x += max(80, 20 + _width(band_text, 7) + 12)
    d.add(Line(x, key_y + 3, x + 16, key_y + 3, strokeColor=BREAK_EVEN, strokeWidth=1.2, strokeDashArray=[4, 3]))
    d.add(_text(x + 20, key_y, need_text, 7))
    return d
