"""The report's pages: portrait and landscape templates, the footer, the metadata.

Sections are plain flowables; they pick their page with `portrait()`,
`landscape()` or `landscape_columns()` (two columns, for continuation text
next to a landscape canvas). The footer ("plan · iteration", "page N of M") is
drawn when the document is saved, once the page count is known. The same
deferral resolves page references: a canvas cell can say "continued on
page N" before the page holding the continuation has been laid out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Literal

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from canvas_core.i18n import _
from canvas_core.report import fonts
from canvas_core.report.text import MARKER, MUTED, RULE, displayable

PageSize = Literal["A4", "letter"]
PAGE_SIZES = {"A4": A4, "letter": letter}

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
LANDSCAPE_COLUMNS = "landscape-columns"
LANDSCAPE_PICTURE = "landscape-picture"  # a wide left column for a picture, text on the right
PICTURE_SHARE = 0.58

FOOTER_SIZE = 7.5
COLUMN_GAP = 8 * mm


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Geometry:
    """Where text goes on each kind of page; sections size pictures and grids from it."""

    portrait_size: tuple[float, float]
    landscape_size: tuple[float, float]
    portrait: Box
    landscape: Box

    @property
    def picture_width(self) -> float:
        """Width of the picture column of LANDSCAPE_PICTURE pages."""
        return (self.landscape.width - COLUMN_GAP) * PICTURE_SHARE

    @classmethod
    def for_size(cls, page_size: PageSize) -> Geometry:
        size = PAGE_SIZES[page_size]
        wide = landscape_of(size)
        side, top, bottom = 17 * mm, 16 * mm, 17 * mm
        narrow_side, narrow_top, narrow_bottom = 11 * mm, 10 * mm, 13 * mm
        return cls(
            portrait_size=size,
            landscape_size=wide,
            portrait=Box(side, bottom, size[0] - 2 * side, size[1] - top - bottom),
            landscape=Box(narrow_side, narrow_bottom, wide[0] - 2 * narrow_side,
                          wide[1] - narrow_top - narrow_bottom),
        )


# --- page references --------------------------------------------------------------------


def page_ref_form(label: str) -> str:
    return f"pageref_{label}"


class PageAnchor(Flowable):
    """Zero-size marker: records the page it lands on under `label`."""

    width = height = 0

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        self.canv.record_anchor(self.label)


def page_ref(canv, label: str, x: float, y: float) -> None:
    """Draw the page number of anchor `label` at (x, y), resolved when the document is saved."""
    canv.saveState()
    canv.translate(x, y)
    canv.doForm(page_ref_form(label))
    canv.restoreState()


def _canvas_class(footer_left: str, page_ref_size: float):
    class ReportCanvas(Canvas):
        """Keeps every page until save, then stamps the footer with the page count."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._anchors: dict[str, int] = {}
            self._refs: set[str] = set()

        def record_anchor(self, label: str) -> None:
            self._anchors.setdefault(label, self.getPageNumber())

        def doForm(self, name):
            if name.startswith("pageref_"):
                self._refs.add(name)
            super().doForm(name)

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                Canvas.showPage(self)
            self._define_page_refs()
            Canvas.save(self)

        def _footer(self, total: int) -> None:
            width = self._pagesize[0]
            margin = 11 * mm if width > self._pagesize[1] else 17 * mm
            right = _("page {page} of {total}").format(page=self._pageNumber, total=total)
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(margin, 9 * mm, width - margin, 9 * mm)
            self.setFillColor(MUTED)
            self.setFont(fonts.REGULAR, FOOTER_SIZE)
            room = width - 2 * margin - stringWidth(right, fonts.REGULAR, FOOTER_SIZE) - 6 * mm
            self.drawString(margin, 6 * mm, _fit(footer_left, room))
            self.drawRightString(width - margin, 6 * mm, right)
            self.restoreState()

        def _define_page_refs(self) -> None:
            for name in sorted(self._refs):
                page = self._anchors.get(name.removeprefix("pageref_"))
                self.beginForm(name)
                self.setFont(fonts.BOLD, page_ref_size)
                self.setFillColor(MARKER)
                self.drawString(0, 0, str(page) if page else "?")
                self.endForm()

    return ReportCanvas


def _fit(text: str, width: float) -> str:
    """Footer text cut to one line (the cover shows the full name)."""
    if stringWidth(text, fonts.REGULAR, FOOTER_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", fonts.REGULAR, FOOTER_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def build(story: list[Flowable], *, geometry: Geometry, footer: str, title: str, author: str, subject: str,
          page_ref_size: float) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    p, w = geometry.portrait, geometry.landscape
    half = (w.width - COLUMN_GAP) / 2
    picture_w = geometry.picture_width
    doc = BaseDocTemplate(
        buffer,
        pagesize=geometry.portrait_size,
        title=displayable(title),
        author=displayable(author),
        subject=displayable(subject),
        creator="ML Canvas Studio",
        initialFontName=fonts.REGULAR,  # or the canvas names Helvetica in every page's preamble
        pageTemplates=[
            PageTemplate(PORTRAIT, [Frame(p.x, p.y, p.width, p.height, id="body", leftPadding=0, rightPadding=0,
                                          topPadding=0, bottomPadding=0)], pagesize=geometry.portrait_size),
            PageTemplate(LANDSCAPE, [Frame(w.x, w.y, w.width, w.height, id="wide", leftPadding=0, rightPadding=0,
                                           topPadding=0, bottomPadding=0)], pagesize=geometry.landscape_size),
            PageTemplate(LANDSCAPE_COLUMNS, [
                Frame(w.x, w.y, half, w.height, id="left", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0),
                Frame(w.x + half + COLUMN_GAP, w.y, half, w.height, id="right", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0),
            ], pagesize=geometry.landscape_size),
            PageTemplate(LANDSCAPE_PICTURE, [
                Frame(w.x, w.y, picture_w, w.height, id="picture", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0),
                Frame(w.x + picture_w + COLUMN_GAP, w.y, w.width - picture_w - COLUMN_GAP, w.height, id="beside",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0),
            ], pagesize=geometry.landscape_size),
        ],
    )
    doc.build(story, canvasmaker=_canvas_class(displayable(footer), page_ref_size))
    return buffer.getvalue()


def new_page(template: str) -> list[Flowable]:
    """Start the next section on a fresh page of the given kind."""
    return [NextPageTemplate(template), PageBreak()]
