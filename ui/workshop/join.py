"""Join a workshop from Home: type the room code the facilitator shows."""

from __future__ import annotations

import streamlit as st

from canvas_core.i18n import _
from canvas_core.workshop import normalise_code
from ui.navigation import ROOM, page_of


def show() -> None:
    with st.form("home-join", border=True):
        st.markdown(_("**Joining a workshop?** Type the room code the facilitator shows."))
        row = st.columns([3, 1], vertical_alignment="bottom")
        typed = row[0].text_input(_("Room code"), max_chars=12, placeholder=_("e.g. KQ7 X2M"), key="home-join-code")
        wanted = row[1].form_submit_button(_("Join"), key="home-join-submit", icon=":material/login:",
                                           width="stretch")
    if wanted:
        code = normalise_code(typed)
        if code is None:
            st.error(_("A room code has six letters and digits (no 0, O, 1, I or L). Check it with the facilitator."))
        else:
            st.switch_page(page_of(ROOM.step_id), query_params={"code": code})
