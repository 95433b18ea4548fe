"""Stand-in for a workshop screen: notes in SQLite, a board that polls one version number.

`streamlit run bench/apps/live_standin.py` with LIVE_STANDIN_DB naming the SQLite file (created
when missing). The board page is at /board:

- a form to join under a name (text input + submit button),
- a note entry outside the board (text input + button): its callback inserts a row and bumps
  the version,
- the board, a keyed fragment rerun every second: it reads the version and, when it is the one
  this tab has drawn, skips the notes query. Streamlit clears a fragment's elements that a rerun
  does not draw again (its own and those it wrote to outside containers, checked in Chromium),
  so with LIVE_STANDIN_UNCHANGED=redraw (the default) it redraws the notes it keeps in the
  session; with =return it draws nothing, the cheapest possible tick, which a browser would show
  as an empty board.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import streamlit as st
from live_store import add_note, notes, setup, version  # this script's folder is on sys.path

DB = Path(os.environ.get("LIVE_STANDIN_DB") or Path(tempfile.gettempdir()) / "live_standin.sqlite")
UNCHANGED = os.environ.get("LIVE_STANDIN_UNCHANGED", "redraw")

def _on_add() -> None:
    body = st.session_state.note.strip()
    if body:
        add_note(st.session_state.get("author", "anonymous"), body, DB)
    st.session_state.note = ""


@st.fragment(run_every="1s", key="board")
def board() -> None:
    current = version(DB)
    if current != st.session_state.get("drawn_version"):
        st.session_state.board_notes = notes(DB)
        st.session_state.drawn_version = current
    elif UNCHANGED == "return":
        return
    for author, body in st.session_state.board_notes:
        st.text(f"{author}: {body}")  # user text, never Markdown


def board_page() -> None:
    st.title("Board")
    with st.form("join"):
        st.text_input("Your name", key="name")
        if st.form_submit_button("Join", key="join"):
            st.session_state.author = st.session_state.name
    st.text(f"Writing as {st.session_state.get('author', 'anonymous')}")
    st.text_input("Add a note", key="note")
    st.button("Add", key="add", on_click=_on_add)
    st.session_state.drawn_version = None  # a full run starts a new board: draw it
    board()


def home_page() -> None:
    st.title("Live stand-in")


setup(DB)
st.navigation([st.Page(home_page, title="Home", url_path="home", default=True),
               st.Page(board_page, title="Board", url_path="board")]).run()
