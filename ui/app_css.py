"""The app's own static CSS, the same on every page: muted text that stays readable.

Streamlit fades captions (st.caption, our hints under a field or a chart) by drawing the text colour
at 60 % opacity: 3.9:1 on white and 3.8:1 on the sidebar's grey, under the 4.5:1 that WCAG 2 AA asks
of small text, and links inside a caption fade with it. A solid muted grey keeps captions quieter
than body text (#2f2d2b) yet readable: 5.9:1 on white, 5.2:1 on the grey of inputs and the sidebar.
The label of a disabled widget (every widget on a view-only link) is faded to 40 % (2.3:1), yet
there it is what the reader reads: it gets the same grey. Placeholders already pass (the text
colour at 70 %, about 5:1), so they stay as they are.

Streamlit's file uploader writes its own instruction under the Upload button ("5MB per file • JSON",
data-testid stFileUploaderDropzoneInstructions) in English, and no option of st.file_uploader words it
(streamlit issues #10380, #1353). In another language it is hidden in the box that imports a plan
(`IMPORT_BOX`), whose caption, drawn by us above the uploader, says the same in the reader's language
(a .json file, at most 5 MB); a screen reader reads that caption too. Should Streamlit rename the
test id, the rule matches nothing and the English instruction shows again: nothing else changes.
Its button ("Upload", a word German uses too) and the "Drag and drop" shown while a file is dragged
over it stay as Streamlit words them.

A step's name in the sidebar wraps onto a second line rather than being cut off
("2. Einbindung in den Arbeitsablauf · 40%" is wider than the sidebar).

Constant strings, never user text (and without English words: tests/english_left.py reads them
as page text).
"""

from __future__ import annotations

import streamlit as st

from canvas_core.i18n import SOURCE

MUTED_TEXT = "#666461"  # the theme's text colour (#2f2d2b) lightened, same warm hue

CSS = f"""<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {MUTED_TEXT}; }}
[data-testid="stWidgetLabel"][disabled] {{ color: {MUTED_TEXT}; }}
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] span,
[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"] p {{ white-space: normal; }}
</style>"""


IMPORT_BOX = "import-plan-file"  # the key of the container around the plan file uploader (ui.plan_list)
UPLOADER_CSS = f"""<style>
.st-key-{IMPORT_BOX} [data-testid="stFileUploaderDropzoneInstructions"] {{
  visibility: hidden; height: 0; overflow: hidden; }}
</style>"""


def apply(lang: str = SOURCE) -> None:
    """Add the style to this run (a style-only st.html takes no space on the page); `lang`: the
    language the app is read in this run."""
    st.html(CSS if lang == SOURCE else CSS + UPLOADER_CSS)
