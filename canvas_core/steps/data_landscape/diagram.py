"""The data landscape picture for the PDF, drawn with reportlab shapes from the layout in
picture (the same numbers the app's plotly figure is drawn from)."""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from canvas_core.i18n import _
from canvas_core.report import fonts
from canvas_core.report.text import MUTED, displayable, esc, make_style, shortened

RING_TINTS = ("#eef2ff", "#f5f3ff", "#f8fafc")  # private, shared, public: inner to outer
NAME_LABELS_UP_TO = 16  # more assets than this: numbers only (the inventory has the names)
LABEL_ROOM = 62.0


def _fit_width(text: str, width: float, size: float) -> str:
    """A dot's name cut to the room beside it (the inventory table has it in full)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = displayable(shortened(text, 40))
    if stringWidth(text, fonts.REGULAR, size) <= width:
        return text
    while text and stringWidth(text + "…", fonts.REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…" if text.strip() else ""


class LandscapeDiagram(Flowable):
    """`landscape_picture(plan)` drawn in a square: rings by sharing, the use of the data in the
    centre, every asset as a numbered dot coloured by its status."""

    def __init__(self, picture, width: float, height: float, numbers: dict[str, int]):
        super().__init__()
        self.picture = picture
        self.width, self.height = width, height
        self.numbers = numbers
        # Said in the language of the report being built (the drawing may happen later).
        self.more_text, self.see_text = _("… more on the ML Canvas"), _("… see the ML Canvas")
        names = len(picture.assets) <= NAME_LABELS_UP_TO and picture.assets
        # Room beside the outer ring for the names of the dots near it.
        self.radius = min(height / 2 - 2, width / 2 - (LABEL_ROOM if names else 4))
        self.height = 2 * self.radius + 4

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        pic = self.picture
        c = self.canv
        radius = self.radius
        cx, cy = self.width / 2, self.height / 2
        c.saveState()
        for band, tint in reversed(list(zip(pic.rings, RING_TINTS))):
            c.setFillColor(colors.HexColor(tint))
            c.setStrokeColor(colors.HexColor("#c7d2fe"))
            c.setLineWidth(0.8)
            c.circle(cx, cy, band.outer * radius, stroke=1, fill=1)
        for band in pic.rings:  # ring names on the vertical axis, at the top of each band
            c.setFont(fonts.BOLD, 6.5)
            c.setFillColor(MUTED)
            c.drawCentredString(cx, cy + band.outer * radius - 8, displayable(band.label).upper())
        c.setFillColor(colors.HexColor("#1e3a8a"))
        c.setStrokeColor(colors.HexColor("#1e3a8a"))
        c.circle(cx, cy, pic.centre_radius * radius, stroke=0, fill=1)
        self._centre_text(c, cx, cy, pic.centre_radius * radius)
        marker = max(pic.marker_radius * radius, 4.0)
        show_names = len(pic.assets) <= NAME_LABELS_UP_TO
        for asset in pic.assets:
            x, y = cx + asset.x * radius, cy + asset.y * radius
            c.setFillColor(colors.HexColor(asset.colour))
            c.setStrokeColor(colors.HexColor("#374151"))
            c.setLineWidth(0.7)
            c.setDash()
            c.circle(x, y, marker, stroke=1, fill=1)
            if asset.personal_data != "none":  # a red ring around personal data
                c.setStrokeColor(colors.HexColor("#b91c1c"))
                c.setLineWidth(1.1 if asset.personal_data == "special_category" else 0.8)
                c.setDash(2, 1.5)
                c.circle(x, y, marker + 2.2, stroke=1, fill=0)
                c.setDash()
            if asset.paid:
                c.setFillColor(colors.HexColor("#111827"))
                c.rect(x + marker * 0.6, y + marker * 0.6, 3.2, 3.2, stroke=0, fill=1)
            number = str(self.numbers.get(asset.id, ""))
            size = min(7.5, marker * 1.1)
            dark = asset.status in ("available", "missing")
            c.setFillColor(colors.white if dark else colors.HexColor("#111827"))
            c.setFont(fonts.BOLD, size)
            c.drawCentredString(x, y - size * 0.35, number)
            if show_names:
                c.setFont(fonts.REGULAR, 6.3)
                c.setFillColor(colors.HexColor("#111827"))
                if asset.x >= 0:
                    room = self.width - (x + marker + 3.5)
                    c.drawString(x + marker + 3.5, y - 2.2, _fit_width(asset.name, room, 6.3))
                else:
                    room = x - marker - 3.5
                    c.drawRightString(x - marker - 3.5, y - 2.2, _fit_width(asset.name, room, 6.3))
        c.restoreState()

    def _centre_text(self, c, cx, cy, r) -> None:
        pic = self.picture
        markup = f"<b>{esc(pic.centre_title)}</b>"
        lines = [shortened(line, 60) for line in pic.centre_lines[:2]]
        if lines:
            markup += "<br/>" + "<br/>".join(esc(line) for line in lines)
        if len(pic.centre_lines) > 2:
            markup += "<br/>" + esc(self.more_text)
        style = _centre_style()
        width = r * 1.5
        p = Paragraph(markup, style)
        _w, h = p.wrap(width, 1e6)
        limit = r * 1.5
        while h > limit and len(lines) > 0:  # fewer lines until it fits the circle
            lines = lines[:-1]
            markup = f"<b>{esc(pic.centre_title)}</b>" + "".join(f"<br/>{esc(x)}" for x in lines)
            markup += "<br/>" + esc(self.see_text)
            p = Paragraph(markup, style)
            _w, h = p.wrap(width, 1e6)
        p.drawOn(c, cx - width / 2, cy - h / 2)


@functools.cache
def _centre_style():
    from reportlab.lib.enums import TA_CENTER

    return make_style("landscape_centre", 6.3, leading=7.6, alignment=TA_CENTER, textColor=colors.white)
