"""Which script draws which step, under which stable URL path.

A URL path must never equal a file name under pages/: a server started with a
plain `streamlit run app.py` (rather than `python -m ui.launch`, see there)
serves pages/<name>.py at /<name> on its own, without app.py around it, until
the first session has called st.navigation. tests/test_pages.py checks this."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from canvas_core.i18n import N_
from canvas_core.steps import STEPS


@dataclass(frozen=True)
class PageInfo:
    step_id: str
    title: str  # in English, marked for the catalogue: shown as _(title)
    script: str
    url_path: str
    icon: str


HOME = PageInfo("home", N_("Home"), "pages/home.py", "home", ":material/home:")

STEP_PAGES: tuple[PageInfo, ...] = tuple(
    PageInfo(step.id, step.title, step.page, step.url_path, step.icon) for step in STEPS
)
ITERATIONS = PageInfo("iterations", N_("Iterations"), "pages/iterations.py", "iterations-and-compare", ":material/history:")
PORTFOLIO = PageInfo("portfolio", N_("Portfolio"), "pages/portfolio.py", "portfolio-of-ideas", ":material/scatter_plot:")
# Query parameters: the plan's link (plan= or view=), canvas= and optionally block=.
PRESENTER = PageInfo("presenter", N_("Present"), "pages/presenter.py", "present", ":material/present_to_all:")
# Workshops: the facilitator's console (the plan's edit link), a participant's room and the room's
# projector screen (both by room code: code=).
WORKSHOP = PageInfo("workshop", N_("Run a workshop"), "pages/workshop_console.py", "workshop", ":material/groups:")
ROOM = PageInfo("room", N_("Workshop room"), "pages/workshop_room.py", "room", ":material/sticky_note_2:")
ROOM_SCREEN = PageInfo("room_screen", N_("Room screen"), "pages/workshop_screen.py", "room-screen", ":material/cast:")
ALL_PAGES: tuple[PageInfo, ...] = (HOME, *STEP_PAGES, ITERATIONS, PORTFOLIO, PRESENTER, WORKSHOP, ROOM, ROOM_SCREEN)
# Drawn without the app's sidebar: a projector screen, and a participant's room (whose sidebar would
# offer the plan's steps, which the room code does not open).
FULL_SCREEN_PAGES = frozenset({PRESENTER.step_id, ROOM.step_id, ROOM_SCREEN.step_id})


_RUN_PAGES_KEY = "nav_pages"


def remember_pages(pages: dict[str, StreamlitPage]) -> None:
    """Keep this run's st.Page objects so any page can link to them directly
    (a link to a page object skips resolving the script path on every rerun)."""
    st.session_state[_RUN_PAGES_KEY] = pages


def page_of(step_id: str) -> StreamlitPage:
    return st.session_state[_RUN_PAGES_KEY][step_id]
