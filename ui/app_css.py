"""The app's own static CSS, the same on every page: muted text that stays readable.

Streamlit fades captions (st.caption, our hints under a field or a chart) by drawing the text colour
at 60 % opacity: 3.9:1 on white and 3.8:1 on the sidebar's grey, under the 4.5:1 that WCAG 2 AA asks
of small text, and links inside a caption fade with it. A solid muted grey keeps captions quieter
than body text (#2f2d2b) yet readable: 5.9:1 on white, 5.2:1 on the grey of inputs and the sidebar.
The label of a disabled widget (every widget on a view-only link) is faded to 40 % (2.3:1), yet
there it is what the reader reads: it gets the same grey. Placeholders already pass (the text
colour at 70 %, about 5:1), so they stay as they are.

A constant string, never user text.
"""

from __future__ import annotations

import streamlit as st

MUTED_TEXT = "#666461"  # the theme's text colour (#2f2d2b) lightened, same warm hue

CSS = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {MUTED_TEXT}; }}
[data-testid="stWidgetLabel"][disabled] {{ color: {MUTED_TEXT}; }}
</style>"""


def apply() -> None:
    """Add the style to this run (a style-only st.html takes no space on the page)."""
    st.html(CSS)
