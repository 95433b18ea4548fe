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
import sqlite3
import tempfile
import time
from pathlib import Path

import streamlit as st

DB = Path(os.environ.get("LIVE_STANDIN_DB") or Path(tempfile.gettempdir()) / "live_standin.sqlite")
UNCHANGED = os.environ.get("LIVE_STANDIN_UNCHANGED", "redraw")

SCHEMA = """
CREATE TABLE IF NOT EXISTS board (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT OR IGNORE INTO board (id, version) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, author TEXT NOT NULL, body TEXT NOT NULL,
                                  created REAL NOT NULL);
"""


def connect(path: Path = DB) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=10, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    return connection


def setup(path: Path = DB) -> None:
    with connect(path) as connection:
        connection.executescript(SCHEMA)


def add_note(author: str, body: str, path: Path = DB) -> None:
    """What the note entry's callback does; also used to add notes without a session."""
    connection = connect(path)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO notes (author, body, created) VALUES (?, ?, ?)", (author, body, time.time()))
        connection.execute("UPDATE board SET version = version + 1 WHERE id = 1")
        connection.execute("COMMIT")
    finally:
        connection.close()


def version() -> int:
    connection = connect()
    try:
        return connection.execute("SELECT version FROM board WHERE id = 1").fetchone()[0]
    finally:
        connection.close()


def notes() -> list[tuple[str, str]]:
    connection = connect()
    try:
        return connection.execute("SELECT author, body FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()


def _on_add() -> None:
    body = st.session_state.note.strip()
    if body:
        add_note(st.session_state.get("author", "anonymous"), body)
    st.session_state.note = ""


@st.fragment(run_every="1s", key="board")
def board() -> None:
    current = version()
    if current != st.session_state.get("drawn_version"):
        st.session_state.board_notes = notes()
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


setup()
st.navigation([st.Page(home_page, title="Home", url_path="home", default=True),
               st.Page(board_page, title="Board", url_path="board")]).run()
