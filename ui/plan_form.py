"""The plan's own details: name, team, currency, language."""

from __future__ import annotations

import streamlit as st

from canvas_core.canvas import editing
from canvas_core.plan import Plan
from ui.state import current_plan, guarded, read_only, sync

CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY", "CAD", "AUD", "INR"]
LANGUAGES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español", "el": "Ελληνικά", "uk": "Українська"}


def show(plan: Plan) -> None:
    meta = plan.meta
    if read_only():
        _show_read_only(meta)
        return
    name_col, team_col, currency_col, language_col = st.columns([3, 4, 1, 2])
    sync("plan-name", meta.name)
    name_col.text_input("Plan name", key="plan-name", max_chars=300, on_change=guarded(_set), args=("name", "plan-name"))
    sync("plan-team", meta.team)
    team_col.text_input("Team", key="plan-team", max_chars=300, placeholder="Names and roles",
                        on_change=guarded(_set), args=("team", "plan-team"))
    currencies = CURRENCIES if meta.currency in CURRENCIES else [meta.currency, *CURRENCIES]
    sync("plan-currency", meta.currency)
    currency_col.selectbox("Currency", currencies, key="plan-currency", on_change=guarded(_set),
                           args=("currency", "plan-currency"))
    languages = LANGUAGES if meta.language in LANGUAGES else {meta.language: meta.language, **LANGUAGES}
    sync("plan-language", meta.language)
    language_col.selectbox("Language", list(languages), key="plan-language", format_func=languages.get,
                           on_change=guarded(_set), args=("language", "plan-language"))


def _show_read_only(meta) -> None:
    name_col, team_col = st.columns([3, 4])
    for column, label, value in ((name_col, "Plan name", meta.name), (team_col, "Team", meta.team or "(not given)")):
        column.caption(label)
        column.text(value)  # user text: plain


def _set(name: str, key: str) -> None:
    plan = current_plan()
    value = st.session_state[key]
    if name == "name" and not value.strip():
        raise editing.EditError("A plan needs a name; the previous name was kept.")
    setattr(plan.meta, name, value.strip() if isinstance(value, str) else value)
