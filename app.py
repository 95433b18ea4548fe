"""ML Canvas Studio: the frame around every page.

Sets the page up, declares the steps as pages with stable URL paths, draws the
shared sidebar and runs the selected page. No domain logic lives here.
"""

import streamlit as st

from ui import sidebar, state
from ui.navigation import ALL_PAGES, HOME, remember_pages

st.set_page_config(page_title="ML Canvas Studio", page_icon=":material/dashboard:", layout="wide")

pages = {
    p.step_id: st.Page(p.script, title=p.title, url_path=p.url_path, icon=p.icon, default=p is HOME)
    for p in ALL_PAGES
}
selected = st.navigation(list(pages.values()), position="hidden")
remember_pages(pages)
state.start_run()
sidebar.show(pages)
selected.run()
state.finish_run()
