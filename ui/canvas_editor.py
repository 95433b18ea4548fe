"""One editor for every canvas spec: the published grid, notes, prompts, twins.

The grid is drawn from the spec's layout (nested rows and columns), each block
a cell with the paper canvas's height at least, growing with its notes so none
is hidden (on a projector a cell that scrolls inside itself looks empty). A cell
shows its notes and takes a new note with Enter; each cell is a fragment, so a
note added reruns and redraws that cell only. The block's full editor (prompts,
example, suggestions from twin blocks, structured decisions, edit / reorder /
delete notes) opens in a dialog.

User text is only ever shown through st.text or inside input widgets, never
as markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from canvas_core import i18n
from canvas_core.canvas import editing, links
from canvas_core.canvas.completeness import canvas_completeness
from canvas_core.canvas.layout import GridRect, Leaf, Node, partition
from canvas_core.canvas.specs import BlockSpec, CanvasSpec, FieldSpec, canvases, header_facts
from canvas_core.canvas.titles import attribution, option_label, status_label
from canvas_core.i18n import N_, _, datetime_text
from canvas_core.plan import NoteStatus, Plan
from canvas_core.steps.mlops_stack.tools import MLOPS_CANVAS
from ui import mlops_tools, reconnect
from ui.navigation import PRESENTER, page_of
from ui.state import (
    author,
    current_plan,
    flash,
    guarded,
    is_stored,
    last_outcome,
    link_params,
    open_plan,
    pending_flash,
    read_only,
    save_is_pending,
    save_pending,
    show_flash,
    sync,
)

reconnect.additive("add-")  # the box that adds a note to a cell

# Plain symbols, not emoji: they show on machines without a colour emoji font.
STATUS_MARK = {
    None: "•",
    NoteStatus.AVAILABLE: "✔",
    NoteStatus.PLANNED: "◐",
    NoteStatus.MISSING: "✘",
    NoteStatus.QUESTION: "?",
}
# Select boxes hold strings ("" = no status): a None option would show as a blank placeholder.
STATUS_CHOICES = ["", *(s.value for s in NoteStatus)]
_GAP_PX = 16  # Streamlit's vertical gap between stacked elements
_CANVAS_HEIGHT_PX = 860
_FIELDS_PER_ROW = 3  # short structured fields side by side in the block dialog
# Our own static style (never user text): smaller note text so a cell shows more; a cell's
# title wraps instead of being cut; the last cell of a column fills it, so the columns end level.
_CELL_CSS = """<style>
[class*="st-key-block-"] [data-testid="stText"] { font-size: 0.86rem; line-height: 1.35; }
[class*="st-key-block-"] [data-testid="stCaptionContainer"] { font-size: 0.78rem; }
[class*="st-key-plan-version-"] { display: none; }
[class*="st-key-open-"] button { text-align: left; white-space: normal; height: auto; }
[class*="st-key-open-"] button p { white-space: normal; overflow-wrap: anywhere; }
[class*="st-key-canvas-"] [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { height: 100%; }
[class*="st-key-canvas-"] [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:last-child { flex-grow: 1; }
</style>"""
_ADD_PLACEHOLDER = N_("Add a note…")
_APP_RERUN_KEY = "cell_rerun_app"  # what the sidebar showed before a note was added in a cell


def show(plan: Plan, canvas_id: str) -> None:
    """Draw the whole canvas page of `plan` for `canvas_id` (title, header, grid, attribution).
    Callbacks look the plan up when they run: another session's save may have replaced it."""
    spec = canvases()[canvas_id]
    title_col, present_col = st.columns([6, 1], vertical_alignment="bottom")
    title_col.title(spec.shown_title)
    present_col.page_link(page_of(PRESENTER.step_id), label=_("Present"), icon=PRESENTER.icon,
                          query_params={**link_params(), "canvas": spec.id},
                          help=_("Show this canvas full screen for a room, whole or one block at a time"))
    st.caption(_(spec.description))
    show_flash()
    _header(spec, plan)
    _legend(spec)
    _grid(spec, plan)
    _attribution(spec)


def _key(*parts: str) -> str:
    # Keys become CSS classes (st-key-...), so keep them to safe characters.
    return "-".join(parts).replace("_", "-")


# --- header -------------------------------------------------------------------


def _header(spec: CanvasSpec, plan: Plan) -> None:
    """The plan's details under this canvas's names (changed on Home, asked once), then the canvas's
    own fields."""
    facts = header_facts(spec, plan)
    columns = st.columns([3] * len(facts) + [3] * len(spec.fields), vertical_alignment="top")
    for column, (label, value) in zip(columns, facts):
        column.caption(label)
        column.text(value or _("(not given)"))  # user text: plain
    content = plan.canvas(spec.id)
    for column, field in zip(columns[len(facts):], spec.fields):
        with column:
            if read_only():
                st.caption(_(field.label))
                st.text(field.shown_value(content.fields.get(field.id, "")) or _("(not given)"))
            else:
                _field_widget(spec, None, field, content.fields.get(field.id, ""))
    if not read_only():
        st.page_link(page_of("home"), label=_("Change these details on Home (shown on every canvas)"),
                     icon=":material/edit:", query_params=link_params())


def _legend(spec: CanvasSpec) -> None:
    labels = spec.side_labels
    if labels:
        order = [_(labels[k]) for k in ("left", "centre", "right", "bottom") if k in labels]
        st.caption("  ·  ".join(order))
    st.caption(_("Note status: {statuses}").format(
        statuses="  ".join(f"{STATUS_MARK[s]} {status_label(s)}" for s in NoteStatus)))


# --- grid ---------------------------------------------------------------------


def _grid(spec: CanvasSpec, plan: Plan) -> None:
    layout = partition({b.id: b.rect for b in spec.blocks}, GridRect(1, 1, spec.rows, spec.columns))
    st.html(_CELL_CSS + _min_heights(spec))
    with st.container(key=_key("canvas", spec.id)):
        draw_grid(layout, lambda block_id: _cell(spec.id, block_id, plan))


def _min_heights(spec: CanvasSpec) -> str:
    """Static CSS (from the canvas file, never user text): each cell at least as tall as its rows
    on the paper canvas, so an empty canvas keeps its shape; a cell with more notes grows."""
    unit = max(120, _CANVAS_HEIGHT_PX // spec.rows - _GAP_PX)
    rules = [f".st-key-{_key('block', spec.id, b.id)} {{ min-height: {b.row_span * unit + (b.row_span - 1) * _GAP_PX}px; }}"
             for b in spec.blocks]
    return "<style>" + "\n".join(rules) + "</style>"


def draw_grid(node: Node, draw_block: Callable[[str], None]) -> None:
    """Lay the canvas out as published: nested Streamlit columns and stacks, `draw_block(block_id)`
    in each leaf (the editor's cells here, the presenter's large cells there)."""
    if isinstance(node, Leaf):
        draw_block(node.block_id)
    elif node.direction == "columns":
        for column, child in zip(st.columns(list(node.sizes), gap="small"), node.children):
            with column:
                draw_grid(child, draw_block)
    else:
        for child in node.children:
            draw_grid(child, draw_block)


@st.fragment
def _cell(canvas_id: str, block_id: str, shown: Plan) -> None:
    """One block's cell. A fragment: a note added here reruns this cell, not the page. On such a
    rerun the cell shows the session's plan (the one the note went into), unless the page was
    handed another plan to show."""
    plan = current_plan() if shown.id == current_plan().id else shown
    if not save_is_pending():  # a refused note: its message needs the page
        _rerun_page_if_it_changed(canvas_id, block_id, plan)
    spec = canvases()[canvas_id]
    block = spec.block(block_id)
    stored = plan.canvases.get(spec.id)
    content = stored.blocks.get(block.id) if stored else None
    with st.container(border=True, key=_key("block", spec.id, block.id)):
        # The title is the button that opens the block: one element instead of a
        # title, a button and the columns to hold them (each costs a rerun).
        title = block.heading
        if read_only():
            st.markdown(f"**{title}**")  # our title, from the canvas file
        else:
            if st.button(f"**{title}**", icon=":material/edit_note:", type="tertiary",
                         key=_key("open", spec.id, block.id),
                         help=_("Open the block: questions, an example, suggestions, edit and reorder notes")):
                _open_block_dialog(spec, block)
            add_key = _key("add", spec.id, block.id)
            st.text_input(
                _("Add a note to {block}: type it and press Enter").format(block=_(block.title)),
                key=add_key,
                label_visibility="collapsed",
                placeholder=_(_ADD_PLACEHOLDER),
                on_change=guarded(_quick_add, save_after_drawing=True),
                args=(spec.id, block.id, add_key),
            )
        body = cell_text(block, content.notes if content else [], content.fields if content else {})
        if body:
            st.text(body)  # user text: one plain-text element for the whole block
        else:
            st.caption(_(block.prompts[0]))
        if save_pending():  # the added note is drawn; now it is written (ui.state.guarded)
            _rerun_page_if_it_changed(canvas_id, block_id, plan)
        if reconnect.in_fragment_run() and not read_only():  # last: the elements above keep their place
            reconnect.note_version(plan.id if is_stored() else None, open_plan().version, _key(spec.id, block.id))


def _sidebar_view(plan: Plan, canvas_id: str) -> tuple[bool, float]:
    """What the sidebar shows that a note can change: whether the plan is stored (its link, its
    save state) and the canvas's completeness."""
    return is_stored(), canvas_completeness(canvases()[canvas_id], plan.canvases.get(canvas_id))


def _rerun_page_if_it_changed(canvas_id: str, block_id: str, plan: Plan) -> None:
    """After a note was added in this cell: a cell's rerun leaves the rest of the page as it was, so
    rerun the page when the sidebar would show something else (the plan's link and save state, the
    step's completeness), when the save did not simply go through, or when a message waits."""
    before = st.session_state.pop(_APP_RERUN_KEY, None)
    if before is None or before[0] != (canvas_id, block_id):
        return
    outcome = last_outcome()
    if (pending_flash() or (outcome is not None and outcome.status != "saved")
            or before[1] != _sidebar_view(plan, canvas_id)):
        st.rerun(scope="app")


def cell_text(block: BlockSpec, notes: list, fields: dict[str, str]) -> str:
    """The block's notes (grouped by sub-item) and chosen decisions, as plain text (our words in the
    current language, the notes as typed)."""
    lines: list[str] = []
    if block.subitems:
        titles = {s.id: _(s.title) for s in block.subitems}
        for sub_id, sub_title in [*titles.items(), (None, _("General"))]:
            group = [n for n in notes if (n.topic if n.topic in titles else None) == sub_id]
            if group:
                lines.append(f"{sub_title.upper()}")
                lines += [f"{STATUS_MARK[n.status]} {n.text}" for n in group]
    else:
        lines += [f"{STATUS_MARK[n.status]} {n.text}" for n in notes]
    chosen = [f"{_(f.label)}: {f.shown_value(fields[f.id])}" for f in block.fields
              if f.kind != "longtext" and fields.get(f.id)]
    if chosen:
        lines += ["", _("Decisions").upper(), *chosen]
    return "\n".join(lines).strip()


def _quick_add(canvas_id: str, block_id: str, key: str) -> None:
    st.session_state[_APP_RERUN_KEY] = ((canvas_id, block_id), _sidebar_view(current_plan(), canvas_id))
    text = st.session_state[key]
    if reconnect.replaying() and editing.has_note(current_plan(), canvas_id, block_id, text):
        st.session_state[key] = ""  # saved just before the connection dropped; the box was never cleared
        return
    # A refused note raises before the box is cleared, so the typed text stays.
    editing.add_note(current_plan(), canvas_id, block_id, text, author=author())
    st.session_state[key] = ""


# --- block dialog ---------------------------------------------------------------


def _open_block_dialog(spec: CanvasSpec, block: BlockSpec) -> None:
    title = block.heading
    st.dialog(title, width="large", on_dismiss="rerun")(_block_editor)(spec.id, block.id)


def _block_editor(canvas_id: str, block_id: str) -> None:
    spec = canvases()[canvas_id]
    block = spec.block(block_id)
    show_flash()
    prompts_col, example_col = st.columns(2)
    with prompts_col:
        st.markdown(_("**Questions to answer**"))
        st.markdown("\n".join(f"- {_(p)}" for p in block.prompts))
        for sub in block.subitems:
            st.markdown(f"- *{_(sub.title)}*: {_(sub.prompt)}")
    with example_col:
        st.markdown(_("**An example answer**"))
        st.info(_(block.example), icon=":material/lightbulb:")
    _suggestions(spec, block)
    if spec.id == MLOPS_CANVAS and mlops_tools.has_suggestions(block.id):
        mlops_tools.show_suggestions(block.id)
    if block.fields:
        st.markdown(_("**Decisions**"))
        fields = current_plan().canvas(spec.id).block(block.id).fields
        short = [f for f in block.fields if f.kind != "longtext"]
        # At most three to a row, so a label such as "Buy, open source or build" stays on one line.
        for start in range(0, len(short), _FIELDS_PER_ROW):
            row = short[start:start + _FIELDS_PER_ROW]
            for column, field in zip(st.columns(_FIELDS_PER_ROW), row):
                with column:
                    _field_widget(spec, block, field, fields.get(field.id, ""))
        for field in block.fields:
            if field.kind == "longtext":
                _field_widget(spec, block, field, fields.get(field.id, ""))
    _note_list(spec, block)
    _add_form(spec, block)


def _suggestions(spec: CanvasSpec, block: BlockSpec) -> None:
    found = links.suggestions_for(current_plan(), canvases(), spec.id, block.id)
    if not found:
        return
    st.markdown(_("**Suggested by connected blocks**"))
    for index, suggestion in enumerate(found):
        with st.container(border=True):
            text_col, button_col = st.columns([6, 1], vertical_alignment="center")
            text_col.caption(suggestion.source)
            text_col.text(suggestion.text)
            button_col.button(_("Take over"), key=_key("take", spec.id, block.id, str(index)),
                              on_click=guarded(_take_over), args=(spec.id, block.id, suggestion))


def _note_list(spec: CanvasSpec, block: BlockSpec) -> None:
    notes = current_plan().canvas(spec.id).block(block.id).notes
    st.markdown(_("**Notes ({count})**").format(count=len(notes)))
    topics = ["", *[s.id for s in block.subitems]]
    topic_titles = {"": _("General"), **{s.id: _(s.title) for s in block.subitems}}
    for position, note in enumerate(notes):
        base = _key("note", spec.id, block.id, note.id)
        with st.container(border=True, key=base):
            sync(f"{base}-text", note.text)
            st.text_area(_("Note"), key=f"{base}-text", label_visibility="collapsed", max_chars=5_000,
                         on_change=guarded(_update_text), args=(spec.id, block.id, note.id, f"{base}-text"))
            cols = st.columns([3, 3, 1, 1, 1] if block.subitems else [6, 1, 1, 1], vertical_alignment="center")
            sync(f"{base}-status", note.status.value if note.status else "")
            cols[0].selectbox(_("Status"), STATUS_CHOICES, key=f"{base}-status",
                              format_func=_in_this_language(_status_label), label_visibility="collapsed",
                              on_change=guarded(_update_field),
                              args=(spec.id, block.id, note.id, "status", f"{base}-status"))
            rest = cols[1:]
            if block.subitems:
                sync(f"{base}-topic", note.topic if note.topic in topics else "")
                rest[0].selectbox(_("Part"), topics, key=f"{base}-topic", format_func=topic_titles.get,
                                  label_visibility="collapsed",
                                  on_change=guarded(_update_field),
                                  args=(spec.id, block.id, note.id, "topic", f"{base}-topic"))
                rest = rest[1:]
            rest[0].button("", icon=":material/arrow_upward:", key=f"{base}-up", disabled=position == 0,
                           help=_("Move up"), on_click=guarded(_move), args=(spec.id, block.id, note.id, -1))
            rest[1].button("", icon=":material/arrow_downward:", key=f"{base}-down",
                           disabled=position == len(notes) - 1, help=_("Move down"),
                           on_click=guarded(_move), args=(spec.id, block.id, note.id, 1))
            rest[2].button("", icon=":material/delete:", key=f"{base}-delete", help=_("Delete this note"),
                           on_click=guarded(_delete), args=(spec.id, block.id, note.id))
            when = datetime_text(note.created_at)
            # The author is user text: plain text only.
            st.text(_("Added by {author}, {when}").format(author=note.author, when=when) if note.author
                    else _("Added {when}").format(when=when))
    _undo_delete(spec, block)


# Callbacks look the plan up when they run: another session's save may have
# replaced the plan object since the widget was drawn.
def _take_over(canvas_id: str, block_id: str, suggestion: links.Suggestion) -> None:
    links.take_over(current_plan(), canvas_id, block_id, suggestion, author())


def _move(canvas_id: str, block_id: str, note_id: str, offset: int) -> None:
    editing.move_note(current_plan(), canvas_id, block_id, note_id, offset)


def _in_this_language(format_func: Callable[[str], str]) -> Callable[[str], str]:
    """`format_func` answering in this run's language, wherever it is called from (Streamlit may call
    a select box's format function again outside the run, where the session's language is unknown)."""
    lang = i18n.current()

    def formatted(value: str) -> str:
        with i18n.language(lang):
            return format_func(value)

    return formatted


def _status_label(value: str) -> str:
    status = NoteStatus(value) if value else None
    label = status_label(status) if status else _("no status")
    return f"{STATUS_MARK[status]} {label}"


def _update_text(canvas_id: str, block_id: str, note_id: str, key: str) -> None:
    editing.update_note(current_plan(), canvas_id, block_id, note_id, text=st.session_state[key])


def _update_field(canvas_id: str, block_id: str, note_id: str, name: str, key: str) -> None:
    editing.update_note(current_plan(), canvas_id, block_id, note_id, **{name: st.session_state[key] or None})


_UNDO_KEY = "last_deleted_note"


def _delete(canvas_id: str, block_id: str, note_id: str) -> None:
    index, removed = editing.delete_note(current_plan(), canvas_id, block_id, note_id)
    st.session_state[_UNDO_KEY] = (canvas_id, block_id, index, removed)


def _undo_delete(spec: CanvasSpec, block: BlockSpec) -> None:
    last = st.session_state.get(_UNDO_KEY)
    if last and last[:2] == (spec.id, block.id):
        st.button(_("Undo delete"), icon=":material/undo:", key=_key("undo", spec.id, block.id), on_click=guarded(_restore))


def _restore() -> None:
    canvas_id, block_id, index, note = st.session_state.pop(_UNDO_KEY)
    editing.restore_note(current_plan(), canvas_id, block_id, index, note)


def _add_form(spec: CanvasSpec, block: BlockSpec) -> None:
    base = _key("new", spec.id, block.id)
    with st.form(base, clear_on_submit=True, border=True):
        st.markdown(_("**Add a note**"))
        st.text_area(_("Text"), key=f"{base}-text", max_chars=5_000, height=90)
        cols = st.columns(2)
        cols[0].selectbox(_("Status"), STATUS_CHOICES, key=f"{base}-status",
                          format_func=_in_this_language(_status_label))
        if block.subitems:
            titles = {s.id: _(s.title) for s in block.subitems}
            cols[1].selectbox(_("Part"), list(titles), key=f"{base}-topic", format_func=titles.get)
        st.form_submit_button(_("Add note"), icon=":material/add:", key=f"{base}-submit",
                              on_click=guarded(_add_from_form), args=(spec.id, block.id, base))


def _add_from_form(canvas_id: str, block_id: str, base: str) -> None:
    state = st.session_state
    note = editing.add_note(current_plan(), canvas_id, block_id, state[f"{base}-text"], author=author(),
                            status=state.get(f"{base}-status") or None, topic=state.get(f"{base}-topic") or None)
    if note is None:
        flash(_("Type some text first: an empty note was not added."))


# --- structured fields -------------------------------------------------------------


def _field_widget(spec: CanvasSpec, block: BlockSpec | None, field: FieldSpec, value: str) -> None:
    key = _key("field", spec.id, block.id if block else "canvas", field.id)
    args = (spec.id, block.id if block else None, field.id, key)
    if field.kind == "choice":
        options = ["", *field.options]
        sync(key, value if value in options else "")
        st.selectbox(_(field.label), options, key=key, help=_(field.help) or None,
                     format_func=_in_this_language(lambda o: option_label(o) or _("not decided")),
                     on_change=guarded(_set_field), args=args)
    elif field.kind == "text":
        sync(key, value)
        st.text_input(_(field.label), key=key, help=_(field.help) or None, max_chars=300,
                      on_change=guarded(_set_field), args=args)
    else:
        sync(key, value)
        st.text_area(_(field.label), key=key, help=_(field.help) or None, max_chars=5_000, height=90,
                     on_change=guarded(_set_field), args=args)


def _set_field(canvas_id: str, block_id: str | None, field_id: str, key: str) -> None:
    spec = canvases()[canvas_id]
    if block_id is None:
        editing.set_canvas_field(current_plan(), spec, field_id, st.session_state[key])
    else:
        editing.set_block_field(current_plan(), spec, block_id, field_id, st.session_state[key])


# --- attribution ---------------------------------------------------------------


def _attribution(spec: CanvasSpec) -> None:
    sources = _("Source: {source} · Licence: {licence}").format(
        source=f"[{spec.source_url}]({spec.source_url})", licence=f"[{spec.licence}]({spec.licence_url})")
    st.caption(f"{attribution(spec.attribution)}  \n{sources}")
