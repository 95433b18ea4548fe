"""Text in the PDF: the one escaping helper for user text, and the paragraph styles.

reportlab reads paragraph text as markup: unescaped, `0.1 <A <0.9` crashes the
build, `S&P 500` silently becomes `S&P; 500` and `<img src=...>` fetches a URL.
So every piece of user text goes through `esc` before it meets our own markup,
and `rl_config.trustedHosts = []` refuses any fetch should something slip past.

Characters DejaVu Sans cannot draw (CJK, most emoji) would print as empty boxes
or vanish; they are replaced by a visible U+FFFD so the reader sees that
something was there. Invisible format characters the font lacks (zero-width
joiners, variation selectors) are dropped: they carry no visible text.
"""

from __future__ import annotations

import functools
import unicodedata
from xml.sax.saxutils import escape as _xml_escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from canvas_core.report import fonts

rl_config.trustedHosts = []
rl_config.useA85 = 0  # binary streams: ASCII85 only makes the file bigger and the build slower

REPLACEMENT = "\ufffd"
_DROPPED_CATEGORIES = {"Cf", "Mn", "Me"}  # invisible or combining: nothing to show when the font lacks them

INK = colors.HexColor("#1f2937")
MUTED = colors.HexColor("#6b7280")
ACCENT = colors.HexColor("#1e3a8a")
RULE = colors.HexColor("#d1d5db")
PAPER_TINT = colors.HexColor("#f3f4f6")
MARKER = colors.HexColor("#b45309")  # "continued" markers: text that goes on elsewhere


@functools.lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    code = ord(ch)
    if ch == "\n":
        return ch
    if ch in "\t\r\f\v\u2028\u2029\x85":
        return " " if ch != "\u2028" else "\n"
    if code in fonts.covered_codepoints():
        return ch
    category = unicodedata.category(ch)
    if category == "Zs":
        return " "
    if category in _DROPPED_CATEGORIES or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return ""
    return REPLACEMENT


def displayable(text: str) -> str:
    """User text with every character the report font can draw kept as typed and the rest
    made visible as U+FFFD. For strings drawn straight onto the page (no markup)."""
    text = text.replace("\r\n", "\n")
    if text.isascii() and text.isprintable():
        return text
    return "".join(_char(ch) for ch in text)


def esc(text: str) -> str:
    """THE escaping helper: user text as paragraph markup that shows exactly what was typed.
    Line breaks the user typed stay line breaks."""
    return _xml_escape(displayable(text)).replace("\n", "<br/>")


class WrapOnce(Paragraph):
    """A paragraph that breaks its lines once per width.

    A table wraps every cell to measure its rows, again to draw them, and again at each page
    it is split across; line breaking is most of the report's build time, and its result
    depends only on the width."""

    _wrapped_width: float | None = None

    def wrap(self, availWidth, availHeight):
        if availWidth == self._wrapped_width and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return size

    def split(self, availWidth, availHeight):
        self._wrapped_width = None  # splitting may drop the line breaks it used
        return super().split(availWidth, availHeight)


def para(markup: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph from markup we composed (user parts already passed through `esc`)."""
    return WrapOnce(markup, style)


def bullet(markup: str, style: ParagraphStyle, symbol: str = "•") -> Paragraph:
    """A bulleted paragraph from composed markup."""
    return WrapOnce(markup, style, bulletText=symbol)


def bold(markup: str) -> str:
    return f"<b>{markup}</b>"


def muted(markup: str) -> str:
    return f'<font color="{MUTED.hexval()}">{markup}</font>'


# --- styles ------------------------------------------------------------------------------


def make_style(name: str, size: float, *, leading: float | None = None, bold_face: bool = False, **kw) -> ParagraphStyle:
    fonts.register()
    return ParagraphStyle(
        name,
        fontName=fonts.BOLD if bold_face else fonts.REGULAR,
        fontSize=size,
        leading=leading if leading is not None else round(size * 1.25, 2),
        textColor=kw.pop("textColor", INK),
        bulletFontName=kw.pop("bulletFontName", fonts.REGULAR),  # the default, Helvetica, is never embedded
        **kw,
    )


class Styles:
    """The report's paragraph styles, built once (fonts registered first)."""

    def __init__(self) -> None:
        self.body = make_style("body", 9.5, spaceAfter=4)
        self.small = make_style("small", 8, textColor=MUTED)
        self.muted = make_style("muted", 9, textColor=MUTED)
        self.h1 = make_style("h1", 17, bold_face=True, spaceAfter=8, textColor=ACCENT)
        # keepWithNext: a heading never ends a page without the first lines of what it heads
        self.h2 = make_style("h2", 12.5, bold_face=True, spaceBefore=10, spaceAfter=4, textColor=ACCENT,
                             keepWithNext=1)
        self.h2_flush = make_style("h2_flush", 12.5, bold_face=True, spaceAfter=2, textColor=ACCENT)
        self.small_ink = make_style("small_ink", 8)
        self.h3 = make_style("h3", 10.5, bold_face=True, spaceBefore=6, spaceAfter=2, keepWithNext=1)
        self.cell = make_style("cell", 8.5)
        self.cell_right = make_style("cell_right", 8.5, alignment=TA_RIGHT)
        self.cell_head = make_style("cell_head", 8, bold_face=True, textColor=colors.white)
        self.cell_head_right = make_style("cell_head_right", 8, bold_face=True, textColor=colors.white,
                                      alignment=TA_RIGHT)
        self.bullet = make_style("bullet", 9.5, leftIndent=11, bulletIndent=2, spaceAfter=2)
        self.cover_title = make_style("cover_title", 30, leading=36, bold_face=True, textColor=ACCENT, spaceAfter=14)
        self.cover_line = make_style("cover_line", 12.5, leading=17, spaceAfter=4)
        self.cover_kicker = make_style("cover_kicker", 11, textColor=MUTED, spaceAfter=30)


@functools.cache
def styles() -> Styles:
    return Styles()


@functools.lru_cache(maxsize=64)
def sized(kind: str, size: float) -> ParagraphStyle:
    """Cell text at a given size (the canvas grid shrinks text step by step): body, bullet,
    heading (a sub-item title) or marker (the "continued" line)."""
    leading = round(size * 1.2, 2)
    if kind == "bullet":
        return make_style(f"grid_bullet_{size}", size, leading=leading, leftIndent=size * 1.05, bulletIndent=0,
                      bulletFontSize=size, spaceAfter=size * 0.25)
    if kind == "heading":
        return make_style(f"grid_heading_{size}", size, leading=leading, bold_face=True, textColor=ACCENT,
                      spaceBefore=size * 0.3)
    if kind == "marker":
        return make_style(f"grid_marker_{size}", size, leading=leading, bold_face=True, textColor=MARKER)
    return make_style(f"grid_body_{size}", size, leading=leading, spaceAfter=size * 0.25)


def shortened(text: str, limit: int) -> str:
    """Text on one line, cut to `limit` characters with an ellipsis (labels in a picture; the
    tables beside it hold the full text)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
