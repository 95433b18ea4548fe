"""One vocabulary of levels for signals and findings: their words and colours, for the app,
the PDF and the Markdown alike (the screening verdict's levels join them here)."""

from __future__ import annotations

from typing import Literal

Level = Literal["green", "amber", "red"]

WORDS: dict[str, str] = {"green": "Green", "amber": "Amber", "red": "Red"}  # as printed
COLOURS: dict[str, str] = {"green": "#15803d", "amber": "#b45309", "red": "#b91c1c"}  # text on white, AA contrast
# How the app shows each level: the kind of alert box, and the icon.
ALERTS: dict[str, str] = {"green": "success", "amber": "warning", "red": "error"}
ICONS: dict[str, str] = {"green": ":material/check_circle:", "amber": ":material/warning:", "red": ":material/error:"}
MARKDOWN_COLOURS: dict[str, str] = {"green": "green", "amber": "orange", "red": "red"}  # Streamlit's :colour[...]
