"""The plan's own details: name, team, currency, language."""

from __future__ import annotations

import streamlit as st

from canvas_core import i18n
from canvas_core.canvas import editing
from canvas_core.i18n import _, date_text
from canvas_core.plan import Plan
from ui.state import current_plan, guarded, read_only, sync

CURRENCIES = ["EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY", "CAD", "AUD", "INR"]
# A plan may name a language the app has no catalogue for (written by hand, or before the app spoke
# its languages): it stays selectable under its own name, and its reports read English.
OTHER_LANGUAGES = {"fr": "Français", "es": "Español", "el": "Ελληνικά", "uk": "Українська"}
# How the plan's date is typed and shown, by the plan's language (like its numbers): the date picker's own
# format. Not by the app's language: a format is part of the picker's identity, so switching the app's
# language would make it a new widget.
DATE_FORMATS = {"en": "YYYY-MM-DD", "de": "DD.MM.YYYY"}


def plan_languages(code: str) -> dict[str, str]:
    """The languages a plan's reports can be written in (those the app has catalogues for), each
    in its own words; a plan's other code is kept first, as it is, so that it can stay."""
    if code in i18n.NAMES:
        return dict(i18n.NAMES)
    return {code: OTHER_LANGUAGES.get(code, code), **i18n.NAMES}


def show(plan: Plan) -> None:
    meta = plan.meta
    if read_only():
        _show_read_only(meta)
        return
    name_col, team_col, currency_col, language_col = st.columns([3, 4, 1, 2])
    sync("plan-name", meta.name)
    name_col.text_input(_("Plan name"), key="plan-name", max_chars=300, on_change=guarded(_set),
                        args=("name", "plan-name"))
    sync("plan-team", meta.team)
    team_col.text_input(_("Team"), key="plan-team", max_chars=300, placeholder=_("Names and roles"),
                        on_change=guarded(_set), args=("team", "plan-team"))
    currencies = CURRENCIES if meta.currency in CURRENCIES else [meta.currency, *CURRENCIES]
    sync("plan-currency", meta.currency)
    currency_col.selectbox(_("Currency"), currencies, key="plan-currency", on_change=guarded(_set),
                           args=("currency", "plan-currency"))
    languages = plan_languages(meta.language)
    sync("plan-language", meta.language)
    language_col.selectbox(
        _("Language of the plan"), list(languages), key="plan-language", format_func=languages.get,
        on_change=guarded(_set), args=("language", "plan-language"),
        help=_("The language of this plan's reports (PDF and Markdown) and how its numbers are written "
               "(a decimal comma in German). The app's own language is your choice: the switch in the sidebar."))
    # Asked here once, shown on every canvas header under the canvas's own names.
    for_col, date_col, iteration_col = st.columns([7, 2, 1])
    sync("plan-designed_for", meta.designed_for)
    for_col.text_input(_("Designed for"), key="plan-designed_for", max_chars=300,
                       placeholder=_("The organisation, team or users the plan serves"),
                       on_change=guarded(_set), args=("designed_for", "plan-designed_for"))
    sync("plan-date", meta.date)
    date_format = DATE_FORMATS.get(i18n.base(meta.language), "YYYY-MM-DD")
    date_col.date_input(_("Date"), key="plan-date", value=None, format=date_format,
                        on_change=guarded(_set), args=("date", "plan-date"))
    sync("plan-iteration", meta.iteration)
    iteration_col.number_input(_("Iteration"), key="plan-iteration", min_value=1, max_value=10_000, step=1,
                               on_change=guarded(_set), args=("iteration", "plan-iteration"))
    st.caption(_("Every canvas shows these details in its header, under its own names (Product, Authors, "
                 "Version on the Product brief; Designed for, Designed by on the ML Canvas; Project name, "
                 "Team members on the MLOps Stack)."))


def _show_read_only(meta) -> None:
    with i18n.language(meta.language):  # written as the plan writes its date (see DATE_FORMATS)
        day = date_text(meta.date) if meta.date else ""
    details = [(_("Plan name"), meta.name), (_("Team"), meta.team), (_("Designed for"), meta.designed_for),
               (_("Date"), day), (_("Iteration"), str(meta.iteration))]
    for column, (label, value) in zip(st.columns([3, 4, 3, 1, 1]), details, strict=True):
        column.caption(label)
        column.text(value or _("(not given)"))  # user text: plain


def _set(name: str, key: str) -> None:
    editing.set_detail(current_plan(), **{name: st.session_state[key]})
