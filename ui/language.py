"""The language a person reads the app in.

Chosen with the switch (and kept for this browser in a cookie), else the browser's own language if
the app speaks it, else the open plan's language. Resolved once per full run and kept in the
session, where every `_()` of the session finds it (fragment reruns skip app.py and may run on
another thread: the session, not the thread, carries the language). A report is built in its plan's
language, whatever the reader's (canvas_core.i18n.language)."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from canvas_core import i18n
from canvas_core.i18n import _

COOKIE = "mlcs_language"
_RESOLVED_KEY = "ui_language"  # this run's language, read by every _() of the session
_CHOICE_KEY = "ui_language_choice"  # what the person chose with the switch, in this session
_COOKIE_PENDING_KEY = "ui_language_cookie_pending"
_SWITCH_KEY = "ui-language"
_CTX_ATTRIBUTE = "mlcs_language"

_COOKIE_JS = """
export default function ({ data }) {
  // The language chosen in this browser, for two years; sent only to this server.
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${data.name}=${data.value}; path=/; max-age=63072000; SameSite=Strict${secure}`;
}
"""
_cookie_writer = st.components.v2.component("mlcs_language_cookie", js=_COOKIE_JS)
# Screen readers pick their voice by the document's language, which Streamlit leaves at "en".
_DOCUMENT_LANG_JS = """
export default function ({ data }) {
  document.documentElement.lang = data.lang;
}
"""
_document_lang = st.components.v2.component("mlcs_document_language", js=_DOCUMENT_LANG_JS)


def _session_language() -> str | None:
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:  # a thread of no session (a download being built): English unless a block says
        return None
    # Every _() asks: the answer is kept on the run's context, so the session's state (which takes a
    # lock per read) is read once per run.
    lang = getattr(ctx, _CTX_ATTRIBUTE, None)
    if lang is None:
        state = ctx.session_state
        lang = state[_RESOLVED_KEY] if _RESOLVED_KEY in state else None
        setattr(ctx, _CTX_ATTRIBUTE, lang)
    return lang


def _settle(lang: str) -> None:
    """The session's language from now on (this run's context too)."""
    st.session_state[_RESOLVED_KEY] = lang
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None:
        setattr(ctx, _CTX_ATTRIBUTE, lang)


i18n.install_resolver(_session_language)


def chosen() -> str | None:
    """The language this person chose with the switch (in this session or earlier in this browser).
    The cookie is read once per session (reading st.context.cookies parses them all, every time)."""
    if _CHOICE_KEY not in st.session_state:
        sent = st.context.cookies.get(COOKIE) if st.context.cookies else None
        st.session_state[_CHOICE_KEY] = sent if sent in i18n.NAMES else None
    return st.session_state[_CHOICE_KEY]


def resolve(plan_language: str | None) -> str:
    """Settle this run's language (every full run, before anything is drawn): the person's choice,
    else the browser's language if the app speaks it, else `plan_language`."""
    lang = chosen() or i18n.supported(st.context.locale) or i18n.base(plan_language)
    _settle(lang)
    return lang


def current() -> str:
    return i18n.current()


def switch() -> None:
    """The language switch: a choice for this person, kept for this browser; typed values stay
    (every widget's key is independent of the language)."""
    st.session_state[_SWITCH_KEY] = current()
    st.selectbox(_("Language of the app"), list(i18n.NAMES), key=_SWITCH_KEY, format_func=i18n.NAMES.get,
                 on_change=_chosen, help=_("Reports are written in the plan's language."))
    mark_document()
    if st.session_state.get(_COOKIE_PENDING_KEY):
        _cookie_writer(data={"name": COOKIE, "value": st.session_state[_CHOICE_KEY]}, key="language-cookie",
                       height=0)


def _chosen() -> None:
    choice = st.session_state[_SWITCH_KEY]
    st.session_state[_CHOICE_KEY] = choice
    _settle(choice)
    st.session_state[_COOKIE_PENDING_KEY] = True
    _hand_back_choices()


# The widgets whose value reaches the browser as the words of its options (Streamlit's own classes).
OPTION_SERDES = frozenset({"SelectboxSerde", "RadioSerde", "MultiSelectSerde", "SelectSliderSerde",
                           "_SingleSelectButtonGroupSerde", "_MultiSelectButtonGroupSerde"})


def _hand_back_choices() -> None:
    """Every choice widget's value handed back to it, so the browser is told the choice in the words
    of the next run: a radio or select box keeps its choice in the browser as its option's words,
    which after a switch no longer name an option (the choice, a stable id, still known here, but
    shown as none). Text being typed is left alone: handing a text box its value would replace
    what the browser has not sent yet. tests/test_language_switch.py fails if these internals change."""
    ctx = get_script_run_ctx(suppress_warning=True)
    state = getattr(getattr(ctx, "session_state", None), "_state", None)
    if state is None:
        return
    keys = state._key_id_mapper.id_key_mapping
    for widget_id, metadata in list(state._new_widget_state.widget_metadata.items()):
        serde = getattr(metadata.serializer, "__self__", None)
        key = keys.get(widget_id)
        if key and key != _SWITCH_KEY and type(serde).__name__ in OPTION_SERDES and key in st.session_state:
            try:
                st.session_state[key] = st.session_state[key]
            except StreamlitAPIException:
                pass  # a widget that takes no value from code


def mark_document() -> None:
    """Tell the browser which language the page is in (the <html lang> attribute)."""
    _document_lang(data={"lang": current()}, key="document-language", height=0)
