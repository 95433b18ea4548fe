"""The language switch hands every choice widget its value back (ui/language.py), through Streamlit
internals: these tests fail if those change. The browser tests show the whole behaviour
(tests/e2e/test_language_in_browser.py, test_workshop_german_in_browser.py)."""

from __future__ import annotations

import importlib

from streamlit.runtime.state.session_state import KeyIdMapper, SessionState, WStates

from ui.language import OPTION_SERDES

WIDGETS = ("selectbox", "radio", "multiselect", "select_slider", "button_group")


def test_the_choice_widgets_serialise_through_the_classes_the_switch_looks_for():
    found = {name for module in WIDGETS
             for name in vars(importlib.import_module(f"streamlit.elements.widgets.{module}")) if name.endswith("Serde")}
    assert OPTION_SERDES <= found


def test_the_session_state_has_the_maps_the_switch_reads():
    state = SessionState()
    assert isinstance(state._key_id_mapper, KeyIdMapper) and isinstance(state._key_id_mapper.id_key_mapping, dict)
    assert isinstance(state._new_widget_state, WStates) and isinstance(state._new_widget_state.widget_metadata, dict)
