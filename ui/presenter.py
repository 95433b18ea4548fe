"""The presenter: a canvas for a projector, read-only and large enough to read across a room.

Two views: the whole canvas in its published arrangement with larger text and no sidebar, or one
block at a time with Previous / Next and its position ("3 of 10"). The address carries the plan's
link (plan= or view=), the canvas (canvas=) and, for one block, the block (block=), so the same
screen can be opened from a link; it shows no edit link and has no inputs. `block_view` draws
one block from (plan, canvas spec, block), for any screen that shows "the block in focus".

User text is only shown through st.text; the CSS is our own, static. Titles are shown as
`shown_title` gives them (in German our translation with the published title beside it); the
prompts are translated where shown.
"""

from __future__ import annotations

import streamlit as st

from canvas_core.canvas.layout import GridRect, partition
from canvas_core.canvas.specs import BlockSpec, CanvasSpec, canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.i18n import _
from canvas_core.plan import Plan
from canvas_core.steps import STEPS
from ui.canvas_editor import cell_text, draw_grid
from ui.navigation import page_of
from ui.state import current_plan, link_params, show_flash

CANVAS_PARAM, BLOCK_PARAM = "canvas", "block"
FULL_SCREEN_CSS = """<style>
[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none; }
[data-testid="stMainBlockContainer"] { padding: 1rem 1.5rem; max-width: 100%; }
</style>"""
PRESENTER_CSS = """<style>
.st-key-present-canvas [data-testid="stText"] { font-size: clamp(0.95rem, 1.05vw, 1.5rem); line-height: 1.35; }
.st-key-present-canvas [data-testid="stMarkdownContainer"] p { font-size: clamp(1rem, 1.2vw, 1.7rem); }
.st-key-present-canvas [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { height: 100%; }
.st-key-present-canvas [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:last-child { flex-grow: 1; }
.st-key-present-block h1 { font-size: clamp(2.5rem, 4.5vw, 5rem); line-height: 1.15; }
.st-key-present-block [data-testid="stText"] { font-size: clamp(1.6rem, 2.6vw, 3rem); line-height: 1.4; }
.st-key-present-title p { font-size: clamp(1.2rem, 1.6vw, 2rem); font-weight: 600; }
.st-key-present-position p { font-size: clamp(1.1rem, 1.6vw, 2rem); }
</style>"""


def show(plan: Plan, canvas_id: str, block_id: str | None = None) -> None:
    """The presenter screen: the whole canvas, or the block `block_id` with Previous / Next."""
    spec = canvases()[canvas_id]
    st.html(FULL_SCREEN_CSS)
    st.html(PRESENTER_CSS)
    _bar(spec, block_id)
    if block_id is None:
        _whole_canvas(plan, spec)
    else:
        block_view(plan, spec, spec.block(block_id))


def show_from_link() -> None:
    """The presenter for the canvas and block named in the address (an unknown one is said so)."""
    show_flash()
    specs = canvases()
    canvas_id = st.query_params.get(CANVAS_PARAM) or next(iter(specs))
    if canvas_id not in specs:
        st.warning(_("There is no canvas called {canvas_id}: showing the {canvas}.").format(
            canvas_id=repr(canvas_id), canvas=shown_title(next(iter(specs.values())).title)))
        canvas_id = next(iter(specs))
    block_id = st.query_params.get(BLOCK_PARAM) or None
    if block_id is not None and block_id not in {b.id for b in specs[canvas_id].blocks}:
        st.warning(_("That block is not on this canvas: showing the whole canvas."))
        block_id = None
    show(current_plan(), canvas_id, block_id)


# --- the bar: exit, views, position ---------------------------------------------------


def _bar(spec: CanvasSpec, block_id: str | None) -> None:
    order = [b.id for b in spec.blocks_in_reading_order]
    exit_col, view_col, prev_col, position_col, next_col = st.columns([3, 3, 2, 2, 2], vertical_alignment="center")
    step = next(s for s in STEPS if s.canvas_id == spec.id)
    exit_col.page_link(page_of(step.id), label=_("Exit: back to the {canvas}").format(canvas=_(spec.short_title)),
                       icon=":material/close:", query_params=link_params())
    if block_id is None:
        view_col.button(_("One block at a time"), icon=":material/view_agenda:", key="present-blocks",
                        on_click=_go_to, args=(order[0],))
        return
    view_col.button(_("Whole canvas"), icon=":material/grid_view:", key="present-whole", on_click=_go_to, args=(None,))
    index = order.index(block_id)
    prev_col.button(_("Previous"), icon=":material/arrow_back:", key="present-previous", disabled=index == 0,
                    on_click=_go_to, args=(order[index - 1] if index else None,), width="stretch")
    with position_col.container(key="present-position"):
        st.markdown(_("**{position} of {count}**").format(position=index + 1, count=len(order)))
    next_col.button(_("Next"), icon=":material/arrow_forward:", key="present-next", disabled=index == len(order) - 1,
                    on_click=_go_to, args=(order[min(index + 1, len(order) - 1)],), width="stretch")


def _go_to(block_id: str | None) -> None:
    """Show `block_id` (None: the whole canvas); the address says which, so a reload keeps it."""
    if block_id is None:
        st.query_params.pop(BLOCK_PARAM, None)
    else:
        st.query_params[BLOCK_PARAM] = block_id


# --- one block ----------------------------------------------------------------------------


def block_view(plan: Plan, spec: CanvasSpec, block: BlockSpec) -> None:
    """One block, large: its title, then its notes and decisions as plain text (or its first question)."""
    content = _content(plan, spec, block)
    with st.container(key="present-block"):
        st.title(block.heading, anchor=False)  # ours, from the canvas file
        body = cell_text(block, content.notes if content else [], content.fields if content else {})
        if body:
            st.text(body)  # user text: plain
        else:
            st.caption(_("Nothing noted yet. {prompt}").format(prompt=_(block.prompts[0])))


# --- the whole canvas ---------------------------------------------------------------------


def _whole_canvas(plan: Plan, spec: CanvasSpec) -> None:
    layout = partition({b.id: b.rect for b in spec.blocks}, GridRect(1, 1, spec.rows, spec.columns))
    with st.container(key="present-title"):
        st.markdown(shown_title(spec.title))  # ours, from the canvas file
    with st.container(key="present-canvas"):
        draw_grid(layout, lambda block_id: _cell(plan, spec, block_id))


def _cell(plan: Plan, spec: CanvasSpec, block_id: str) -> None:
    block = spec.block(block_id)
    content = _content(plan, spec, block)
    with st.container(border=True, key=f"present-cell-{block.id}".replace("_", "-")):
        st.markdown(f"**{block.heading}**")  # ours, from the canvas file
        body = cell_text(block, content.notes if content else [], content.fields if content else {})
        if body:
            st.text(body)  # user text: plain


def _content(plan: Plan, spec: CanvasSpec, block: BlockSpec):
    stored = plan.canvases.get(spec.id)  # read only: never creates an empty canvas in the plan
    return stored.blocks.get(block.id) if stored else None
