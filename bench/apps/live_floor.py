"""Floor for the workshop bench: the same page shape, a fragment that draws one static text each second."""

from __future__ import annotations

import streamlit as st


@st.fragment(run_every="1s", key="board")
def board() -> None:
    st.text("A static board")


def board_page() -> None:
    st.title("Board")
    board()


def home_page() -> None:
    st.title("Live floor")


st.navigation([st.Page(home_page, title="Home", url_path="home", default=True),
               st.Page(board_page, title="Board", url_path="board")]).run()
