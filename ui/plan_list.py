"""Plan management on Home: your plans, duplicate, delete and restore, new
plans, the worked example, JSON export and import."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from canvas_core import transfer
from canvas_core.examples import copy_of_example, example_names
from canvas_core.plan import MAX_LINE_CHARS, Plan, utc_now
from canvas_core.store import RETENTION, PlanNotFound, PlanSummary, StoreUnavailable
from ui import access, report_exports
from ui.navigation import page_of
from ui.state import (
    VIEW_KEY,
    current_plan,
    flash,
    is_stored,
    open_stored,
    plan_store,
    read_only,
    replace_plan,
    save_failed,
)

_CONFIRM_KEY = "confirm_delete"
_UPLOAD_KEY = "import-upload"
_LIST_LIMIT = 15


def current_plan_actions(plan: Plan) -> None:
    if read_only():
        st.info("You opened this plan with its view-only link: every step can be read, and the review step "
                "offers the PDF report and the Markdown. Nothing can be changed here.", icon=":material/visibility:")
        return
    if not is_stored():
        if not save_failed():
            st.caption("This new plan is saved as soon as you add something to it.")
        return
    cols = st.columns([1, 1, 1, 3])
    with cols[0]:
        report_exports.json_export_button(plan, key="export-json")
    cols[1].button("Duplicate", key="duplicate-current", icon=":material/content_copy:",
                   on_click=_duplicate, args=(plan.id,))
    cols[2].button("Delete", key="delete-current", icon=":material/delete:", on_click=_ask_delete, args=(plan.id,))
    _confirm_delete_if_asked(plan.id)


def show_plans() -> None:
    """The plans this browser created or opened through their link; on a server that only this
    computer can reach, every plan in the store as well."""
    try:
        mine = plan_store().remembered(access.browser_token(), limit=_LIST_LIMIT)
    except StoreUnavailable as error:
        st.caption(f"Your plans cannot be listed right now: {error}.")
        return
    if not mine:
        st.caption("No plans in this browser yet. Add something to the plan above, or open the worked example; "
                   "a plan opened through its link is listed here too.")
    for entry in mine:
        if entry.access == "edit":
            _plan_row(entry.summary, prefix="")
        else:
            _view_row(entry.summary, entry.view_token or "")
    if mine:
        st.caption("Listed in this browser only. To open a plan elsewhere, use its link (the address of any page "
                   "while it is open); removing this browser's cookies empties the list and loses no plan.")
    if not access.is_shared_server():
        _all_plans_in_this_store()


def _all_plans_in_this_store() -> None:
    everything = plan_store().list_plans(limit=_LIST_LIMIT * 4)
    with st.expander(f"All plans in this store ({len(everything)})", icon=":material/inventory_2:"):
        st.caption("Shown because this server can only be reached from this computer. A server started for a "
                   "room lists only each browser's own plans.")
        for summary in everything:
            _plan_row(summary, prefix="all-")


def _plan_row(summary: PlanSummary, *, prefix: str) -> None:
    open_id = current_plan().id
    with st.container(border=True, key=f"{prefix}plan-row-{summary.id}"):
        name_col, info_col, open_col, copy_col, delete_col = st.columns([4, 3, 1, 1, 1], vertical_alignment="center")
        name_col.text(summary.name + ("  (open in this tab)" if summary.id == open_id else ""))
        info_col.caption(f"Changed {_ago(summary)} · {summary.completeness:.0%} complete")
        open_col.page_link(page_of("home"), label="Open", icon=":material/open_in_browser:",
                           query_params={"plan": summary.id})
        copy_col.button("Copy", key=f"{prefix}dup-{summary.id}", icon=":material/content_copy:",
                        on_click=_duplicate, args=(summary.id,))
        delete_col.button("Delete", key=f"{prefix}del-{summary.id}", icon=":material/delete:",
                          on_click=_ask_delete, args=(summary.id,))
        if summary.id != open_id and not prefix:
            _confirm_delete_if_asked(summary.id)


def _view_row(summary: PlanSummary, token: str) -> None:
    # Keys become CSS classes in the page: a row this browser may only view is keyed by its
    # view token, never by the plan id (which is the edit link).
    with st.container(border=True, key=f"view-row-{token}"):
        name_col, info_col, open_col = st.columns([4, 3, 3], vertical_alignment="center")
        showing = read_only() and st.session_state.get(VIEW_KEY) == token
        name_col.text(summary.name + ("  (open in this tab)" if showing else ""))
        info_col.caption(f"View only · changed {_ago(summary)} · {summary.completeness:.0%} complete")
        open_col.page_link(page_of("home"), label="Open", icon=":material/visibility:", query_params={"view": token})


def start_something_else() -> None:
    new_col, example_col, import_col = st.columns(3)
    with new_col, st.container(border=True):
        st.markdown("**A new, empty plan**")
        st.caption("Your other plans stay in the list above.")
        st.button("Create a new plan", key="home-new", icon=":material/add:", on_click=_new_plan)
    with example_col, st.container(border=True):
        st.markdown("**Start from a worked example**")
        st.caption("A copy of a complete plan: change it freely, the example stays as it is.")
        examples = example_names()
        st.selectbox("Example", list(examples), format_func=examples.get, key="home-example")
        st.button("Open a copy of the example", key="home-open-example", icon=":material/content_copy:",
                  on_click=_open_example)
    with import_col, st.container(border=True):
        st.markdown("**Import a plan file**")
        st.caption(f"A .json file exported from ML Canvas Studio, at most {transfer.MAX_IMPORT_MB} MB. "
                   "It opens as a new plan.")
        generation = st.session_state.get("import-generation", 0)
        st.file_uploader("Plan file", type=["json"], key=f"{_UPLOAD_KEY}-{generation}",
                         on_change=_import, args=(f"{_UPLOAD_KEY}-{generation}",))


def show_deleted() -> None:
    try:
        if access.is_shared_server():
            deleted = [e.summary for e in plan_store().remembered(access.browser_token(), deleted=True)
                       if e.access == "edit"]
        else:
            deleted = plan_store().list_deleted()
    except StoreUnavailable:
        return
    if not deleted:
        return
    with st.expander(f"Recently deleted ({len(deleted)})", icon=":material/restore_from_trash:"):
        st.caption(f"Deleted plans are kept for {RETENTION.days} days and can be restored until then.")
        for summary in deleted:
            name_col, info_col, restore_col = st.columns([4, 4, 1], vertical_alignment="center")
            name_col.text(summary.name)
            until = summary.deleted_at + RETENTION
            info_col.caption(f"Deleted {summary.deleted_at:%Y-%m-%d %H:%M} UTC · kept until {until:%Y-%m-%d}")
            restore_col.button("Restore", key=f"restore-{summary.id}", icon=":material/restore:",
                               on_click=_restore, args=(summary.id,))


# --- callbacks -------------------------------------------------------------------


def _new_plan() -> None:
    replace_plan(Plan(), store=False)


def _open_example() -> None:
    replace_plan(copy_of_example(st.session_state["home-example"]))


def _duplicate(plan_id: str) -> None:
    try:
        source = plan_store().get(plan_id).plan
    except PlanNotFound:
        flash("That plan no longer exists; nothing was copied.")
        return
    suffix = " (copy)"
    replace_plan(source.as_new(name=source.meta.name[:MAX_LINE_CHARS - len(suffix)] + suffix))


def _ask_delete(plan_id: str) -> None:
    st.session_state[_CONFIRM_KEY] = plan_id


def _confirm_delete_if_asked(plan_id: str) -> None:
    if st.session_state.get(_CONFIRM_KEY) != plan_id:
        return
    with st.container(border=True, key=f"confirm-delete-{plan_id}"):
        st.warning(f"Delete this plan? It can be restored from the deleted plans for {RETENTION.days} days.",
                   icon=":material/warning:")
        yes, no, _ = st.columns([1, 1, 4])
        yes.button("Yes, delete", key=f"confirm-yes-{plan_id}", type="primary", on_click=_delete, args=(plan_id,))
        no.button("Cancel", key=f"confirm-no-{plan_id}", on_click=st.session_state.pop, args=(_CONFIRM_KEY, None))


def _delete(plan_id: str) -> None:
    st.session_state.pop(_CONFIRM_KEY, None)
    try:
        plan_store().delete(plan_id)
    except PlanNotFound:
        return
    if current_plan().id == plan_id:
        replace_plan(Plan(), store=False)


def _restore(plan_id: str) -> None:
    plan_store().restore(plan_id)
    open_stored(plan_id)


def _import(key: str) -> None:
    upload = st.session_state.get(key)
    if upload is None:
        return
    st.session_state["import-generation"] = st.session_state.get("import-generation", 0) + 1  # empty the box
    try:
        plan = transfer.import_plan(upload.getvalue())
    except transfer.ImportRefused as refused:
        flash(str(refused), [f"File: {upload.name}"])  # the plan open in this tab is untouched
        return
    renamed = transfer.distinct_name(plan.meta.name, _listed_names(), utc_now().date())
    if renamed:
        flash(f"Imported as \"{renamed}\": a plan named \"{plan.meta.name}\" is already in your list, "
              "so the imported one got the date of the import in its name.", level="info")
        plan.meta.name = renamed
    replace_plan(plan)


def _listed_names() -> list[str]:
    """The names of the plans on this browser's list on Home (not the whole store's, which a
    server reached only from this computer also shows: an import there is usually a plan moving in)."""
    try:
        return [e.summary.name for e in plan_store().remembered(access.browser_token(), limit=1000)]
    except StoreUnavailable:
        return []  # the import is saved (or refused) as usual, and the store's trouble said there


def _ago(summary: PlanSummary) -> str:
    delta = utc_now() - summary.updated_at
    if delta < timedelta(minutes=1):
        return "just now"
    if delta < timedelta(hours=1):
        return f"{int(delta.total_seconds() // 60)} min ago"
    if delta < timedelta(days=1):
        return f"{int(delta.total_seconds() // 3600)} h ago"
    return f"on {summary.updated_at:%Y-%m-%d}"
