"""Portfolio: the plans this browser can see, side by side, to choose which idea goes to a POC."""

import streamlit as st

from canvas_core.i18n import _
from ui import portfolio
from ui.state import show_flash

st.title(_("Portfolio of ideas"))
st.caption(_("Every plan this browser can open, with its verdict, costs, the benefit it needs against the value "
             "estimated, and completeness. Value and feasibility stay on separate axes, with the verdict as the "
             "colour: there is no blended score. Pick two or three plans to compare them step by step."))
show_flash()
portfolio.show()
