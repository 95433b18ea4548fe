"""Canvas and block titles as a reader sees them. The canvases have no official translation: in
another language a title is our translation with the published English title beside it, and the
attribution says that the translation is ours."""

from __future__ import annotations

from canvas_core import i18n
from canvas_core.i18n import N_, _

# A note's status as a reader sees it (the plan stores the English id).
_STATUS_LABELS = {
    "available": N_("available"),
    "planned": N_("planned"),
    "missing": N_("missing"),
    "question": N_("question"),
}


def shown_title(title: str) -> str:
    """`title` (as published, in English) in the current language: "Vorhersageaufgabe (Prediction Task)".
    A translation that already names its original in brackets ("Produktbrief (Made With ML Canvas)")
    is shown as it is."""
    translated = _(title)
    if translated == title or "(" in translated:
        return translated
    return f"{translated} ({title})"


def translation_note() -> str:
    """Said after a canvas's attribution in any language but English (empty in English)."""
    if i18n.current() == i18n.SOURCE:
        return ""
    return _("The translation of titles, prompts and examples is our own (ML Canvas Studio), shared under "
             "the same licence; the published canvas is in English.")


def attribution(text: str) -> str:
    """A canvas's attribution in the current language, followed by the translation note outside English."""
    note = translation_note()
    return f"{_(text)} {note}" if note else _(text)


def status_label(status) -> str:
    """A note status (a NoteStatus or its value) in the current language; "" for none."""
    if not status:
        return ""
    value = getattr(status, "value", status)
    label = _STATUS_LABELS.get(value, value)
    return _(label)


def option_label(value: str) -> str:
    """A choice field's stored value (an English id from the canvas file) as shown."""
    return _(value) if value else ""
