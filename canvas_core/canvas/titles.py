"""Canvas and block titles as a reader sees them. The canvases have no official translation: in
another language a title is our translation with the published English title beside it, and the
attribution says that the translation is ours."""

from __future__ import annotations

from canvas_core.i18n import _


def shown_title(title: str) -> str:
    """`title` (as published, in English) in the current language: "Vorhersageaufgabe (Prediction Task)"."""
    translated = _(title)
    return title if translated == title else f"{translated} ({title})"


def translation_note() -> str:
    """Said after a canvas's attribution in any language but English (empty in English)."""
    note = _("The translation of titles, prompts and examples is our own (ML Canvas Studio), shared under "
             "the same licence; the published canvas is in English.")
    return "" if note.startswith("The translation of titles") else note
