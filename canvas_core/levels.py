"""One vocabulary of levels for signals and findings: their words and colours, for the app,
the PDF and the Markdown alike (the screening verdict's levels join them here)."""

from __future__ import annotations

from typing import Literal

from canvas_core.i18n import N_, _

Level = Literal["green", "amber", "red"]

WORDS: dict[str, str] = {"green": N_("Green"), "amber": N_("Amber"), "red": N_("Red")}  # as printed (translate: word())
COLOURS: dict[str, str] = {"green": "#15803d", "amber": "#b45309", "red": "#b91c1c"}  # text on white, AA contrast
# How the app shows each level: the kind of alert box, and the icon.
ALERTS: dict[str, str] = {"green": "success", "amber": "warning", "red": "error"}
ICONS: dict[str, str] = {"green": ":material/check_circle:", "amber": ":material/warning:", "red": ":material/error:"}
# The screening verdict and the levels of its rules, worst last.
# The words are catalogue texts, marked here and translated where shown (verdict_word(), ...).
VERDICT_WORDS: dict[str, str] = {"go": N_("Go to POC"), "go_with_conditions": N_("Go with conditions"),
                                 "redesign": N_("Redesign first"), "no_go": N_("No-go")}
VERDICT_COLOURS: dict[str, str] = {"go": "#15803d", "go_with_conditions": "#b45309", "redesign": "#c2410c",
                                   "no_go": "#b91c1c"}
VERDICT_ALERTS: dict[str, str] = {"go": "success", "go_with_conditions": "warning", "redesign": "error",
                                  "no_go": "error"}
RULE_LEVEL_WORDS: dict[str, str] = {"no-go": "No-go", "redesign": "Redesign first", "condition": "Condition",
                                    "note": "Note"}  # in English; translated: rule_level_word()
# A rule level's word shares its English with other texts that another language tells apart ("Redesign
# first" is also a verdict, "Note" also a sticky note): its message names what it is, and the English
# word stands wherever the message has no translation (gettext's message context, in the id).
RULE_LEVEL_MESSAGES: dict[str, str] = {"no-go": N_("No-go (level of a rule)"),
                                       "redesign": N_("Redesign first (level of a rule)"),
                                       "condition": N_("Condition (level of a rule)"),
                                       "note": N_("Note (level of a rule)")}
RULE_LEVEL_COLOURS: dict[str, str] = {"no-go": "#b91c1c", "redesign": "#c2410c", "condition": "#b45309",
                                      "note": "#475569"}
MARKDOWN_COLOURS: dict[str, str] = {"green": "green", "amber": "orange", "red": "red"}  # Streamlit's :colour[...]


def word(level: str) -> str:
    """A signal's or finding's level in the current language ("Green", "Grün")."""
    return _(WORDS[level])


def verdict_word(verdict: str) -> str:
    """A screening verdict in the current language ("Go to POC", "Weiter zum POC")."""
    return _(VERDICT_WORDS[verdict])


def rule_level_word(level: str) -> str:
    """A screening rule's level in the current language ("Condition", "Auflage")."""
    message = RULE_LEVEL_MESSAGES[level]
    shown = _(message)
    return RULE_LEVEL_WORDS[level] if shown == message else shown
