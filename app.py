"""ML Canvas Studio: the frame around every page.

Sets the page up, declares the steps as pages with stable URL paths, draws the
shared sidebar and runs the selected page. No domain logic lives here.
"""

from pathlib import Path

import streamlit as st

from canvas_core.i18n import _
from ui import app_css, language, sidebar, state
from ui.navigation import ALL_PAGES, FULL_SCREEN_PAGES, HOME, remember_pages

# The icon ships with the app: a material icon name here makes the browser fetch it from a font host.
ICON = Path(__file__).resolve().parent / "data" / "app_icon.png"
st.set_page_config(page_title="ML Canvas Studio", page_icon=str(ICON), layout="wide")
# The language known before the link is followed (the person's, else the plan this tab had open), so
# that what opening the link says ("No plan was found at this link") reads in it.
language.resolve(state.current_plan().meta.language)
state.start_run()  # opens the plan the link names: its language is the app's unless the person chose
app_css.apply(language.resolve(state.current_plan().meta.language))
pages = {
    p.step_id: st.Page(p.script, title=_(p.title), url_path=p.url_path, icon=p.icon, default=p is HOME)
    for p in ALL_PAGES
}
selected = st.navigation(list(pages.values()), position="hidden")
remember_pages(pages)
try:
    selected.run()
finally:  # after the page: its heading shows sooner, and the sidebar counts what the page changed.
    # So a page never calls st.stop() (nothing could be drawn after it): it returns early instead.
    if not any(selected is pages[step_id] for step_id in FULL_SCREEN_PAGES):
        sidebar.show(state.current_plan(), pages)
state.finish_run()
