"""The report's one font family: DejaVu Sans, bundled under data/fonts with its licence.

The PDF base-14 fonts cannot show Greek or Cyrillic and are never embedded, so
every piece of text in the report (paragraphs, tables, chart labels, the page
canvas's initial font) uses this family. Registering it parses four TTF files
(about half a second), so it happens once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
BOLD_OBLIQUE = "DejaVuSans-BoldOblique"
FAMILY = REGULAR

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
    BOLD_OBLIQUE: "DejaVuSans-BoldOblique.ttf",
}


class _MeasuredFont(TTFont):
    """A TrueType face that remembers the widths it measured: line breaking asks for the
    width of the same words at the same sizes over and over, in pure Python."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[tuple, float] = {}

    def stringWidth(self, text, size, encoding="utf8"):
        key = (text, size, encoding)
        width = self._widths.get(key)
        if width is None:
            width = super().stringWidth(text, size, encoding)
            if len(self._widths) < 50_000:  # bounded: about 6,000 for the worked example
                self._widths[key] = width
        return width


@functools.cache
def register() -> None:
    """Register the four faces and map <b>/<i> in paragraphs to them (idempotent)."""
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(_MeasuredFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=OBLIQUE, boldItalic=BOLD_OBLIQUE)
    for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, OBLIQUE), (1, 1, BOLD_OBLIQUE)):
        addMapping(FAMILY, bold, italic, face)


@functools.cache
def covered_codepoints() -> frozenset[int]:
    """Code points every face can draw (the intersection, so bold text is safe too)."""
    register()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in _FILES]
    return frozenset(set(faces[0]).intersection(*faces[1:]))
