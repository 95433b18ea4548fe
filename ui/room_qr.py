"""A QR code for a room's join link, to scan from the projector.

Drawn with segno (pure Python, writes PNG itself, no Pillow): black on white with the standard
four-module quiet zone, ten pixels a module so a phone reads it from the back of the room.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno
import streamlit as st

from canvas_core.i18n import _
from ui.state import markdown_literal

SCALE = 10  # pixels per module
QUIET_ZONE = 4  # modules of light border, as the QR standard asks
DARK, LIGHT = "#000000", "#ffffff"


@lru_cache(maxsize=32)
def qr_png(url: str) -> bytes:
    """The PNG of a QR code (never a Micro QR, which phone cameras rarely read) for `url`."""
    code = segno.make(url, micro=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=SCALE, border=QUIET_ZONE, dark=DARK, light=LIGHT)
    return out.getvalue()


def show_join_qr(url: str, *, caption: str, width: int = 320) -> None:
    """Draw the join link's QR code with `caption` under it, shown exactly as written (st.image
    reads a caption as Markdown: a room name with `*` or a link would be formatted)."""
    st.image(qr_png(url), caption=markdown_literal(caption), width=width,
             alt=_("QR code of the join link {url}").format(url=url))
