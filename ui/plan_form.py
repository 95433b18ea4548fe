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
    # Asked here once, shown on every canvas header under the canvas's own names.
    for_col, date_col, iteration_col = st.columns([7, 2, 1])
    sync("plan-designed_for", meta.designed_for)
    for_col.text_input("Designed for", key="plan-designed_for", max_chars=300,
                       placeholder="The organisation, team or users the plan serves",
                       on_change=guarded(_set), args=("designed_for", "plan-designed_for"))
    sync("plan-date", meta.date)
    date_col.date_input("Date", key="plan-date", value=None, format="YYYY-MM-DD", on_change=guarded(_set),
                        args=("date", "plan-date"))
    sync("plan-iteration", meta.iteration)
    iteration_col.number_input("Iteration", key="plan-iteration", min_value=1, max_value=10_000, step=1,
                               on_change=guarded(_set), args=("iteration", "plan-iteration"))
    st.caption("Every canvas shows these details in its header, under its own names (Product, Authors, "
               "Version on the Product brief; Designed for, Designed by on the ML Canvas; Project name, "
               "Team members on the MLOps Stack).")


def _show_read_only(meta) -> None:
    details = [("Plan name", meta.name), ("Team", meta.team), ("Designed for", meta.designed_for),
               ("Date", meta.date.isoformat() if meta.date else ""), ("Iteration", str(meta.iteration))]
    for column, (label, value) in zip(st.columns([3, 4, 3, 1, 1]), details, strict=True):
        column.caption(label)
        column.text(value or "(not given)")  # user text: plain


def _set(name: str, key: str) -> None:
    editing.set_detail(current_plan(), **{name: st.session_state[key]})
