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
# The screening verdict and the levels of its rules, worst last.
VERDICT_WORDS: dict[str, str] = {"go": "Go to POC", "go_with_conditions": "Go with conditions",
                                 "redesign": "Redesign first", "no_go": "No-go"}
VERDICT_COLOURS: dict[str, str] = {"go": "#15803d", "go_with_conditions": "#b45309", "redesign": "#c2410c",
                                   "no_go": "#b91c1c"}
VERDICT_ALERTS: dict[str, str] = {"go": "success", "go_with_conditions": "warning", "redesign": "error",
                                  "no_go": "error"}
RULE_LEVEL_WORDS: dict[str, str] = {"no-go": "No-go", "redesign": "Redesign first", "condition": "Condition",
                                    "note": "Note"}
RULE_LEVEL_COLOURS: dict[str, str] = {"no-go": "#b91c1c", "redesign": "#c2410c", "condition": "#b45309",
                                      "note": "#475569"}
MARKDOWN_COLOURS: dict[str, str] = {"green": "green", "amber": "orange", "red": "red"}  # Streamlit's :colour[...]
