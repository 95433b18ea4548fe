"""Plan management on Home: your plans, duplicate, delete and restore, new
plans, the worked example, JSON export and import."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from canvas_core import transfer
from canvas_core.examples import copy_of_example, example_names
from canvas_core.i18n import _, date_text, datetime_text, ngettext
from canvas_core.plan import MAX_LINE_CHARS, Plan, utc_now
from canvas_core.store import RETENTION, PlanNotFound, PlanSummary, StoreUnavailable
from ui import access, app_css, report_exports
from ui.navigation import page_of
from ui.state import (
    VIEW_KEY,
    current_plan,
    flash,
    is_stored,
    new_plan,
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
        st.info(_("You opened this plan with its view-only link: every step can be read, and the review step "
                  "offers the PDF report and the Markdown. Nothing can be changed here."), icon=":material/visibility:")
        return
    if not is_stored():
        if not save_failed():
            st.caption(_("This new plan is saved as soon as you add something to it."))
        return
    cols = st.columns([1, 1, 1, 3])
    with cols[0]:
        report_exports.json_export_button(plan, key="export-json")
    cols[1].button(_("Duplicate"), key="duplicate-current", icon=":material/content_copy:",
                   on_click=_duplicate, args=(plan.id,))
    cols[2].button(_("Delete"), key="delete-current", icon=":material/delete:", on_click=_ask_delete, args=(plan.id,))
    _confirm_delete_if_asked(plan.id)


def show_plans() -> None:
    """The plans this browser created or opened through their link; on a server that only this
    computer can reach, every plan in the store as well."""
    try:
        mine = plan_store().remembered(access.browser_token(), limit=_LIST_LIMIT)
    except StoreUnavailable as error:
        st.caption(_("Your plans cannot be listed right now: {error}.").format(error=error))
        return
    if not mine:
        st.caption(_("No plans in this browser yet. Add something to the plan above, or open the worked example; "
                     "a plan opened through its link is listed here too."))
    for entry in mine:
        if entry.access == "edit":
            _plan_row(entry.summary, prefix="")
        else:
            _view_row(entry.summary, entry.view_token or "")
    if mine:
        st.caption(_("Listed in this browser only. To open a plan elsewhere, use its link (the address of any page "
                     "while it is open); removing this browser's cookies empties the list and loses no plan."))
    if not access.is_shared_server():
        _all_plans_in_this_store()


def _all_plans_in_this_store() -> None:
    everything = plan_store().list_plans(limit=_LIST_LIMIT * 4)
    with st.expander(_("All plans in this store ({count})").format(count=len(everything)),
                     icon=":material/inventory_2:"):
        st.caption(_("Shown because this server can only be reached from this computer. A server started for a "
                     "room lists only each browser's own plans."))
        for summary in everything:
            _plan_row(summary, prefix="all-")


def _plan_row(summary: PlanSummary, *, prefix: str) -> None:
    open_id = current_plan().id
    with st.container(border=True, key=f"{prefix}plan-row-{summary.id}"):
        # The buttons' columns fit their words in German too ("Kopieren", "Löschen").
        name_col, info_col, open_col, copy_col, delete_col = st.columns([3, 2.6, 1.5, 1.5, 1.5],
                                                                        vertical_alignment="center")
        name_col.text(_open_here(summary.name) if summary.id == open_id else summary.name)  # user text: plain
        info_col.caption(_("Changed {when} · {share} complete").format(when=_ago(summary), share=_share(summary)))
        open_col.page_link(page_of("home"), label=_("Open"), icon=":material/open_in_browser:",
                           query_params={"plan": summary.id})
        copy_col.button(_("Copy"), key=f"{prefix}dup-{summary.id}", icon=":material/content_copy:",
                        on_click=_duplicate, args=(summary.id,))
        delete_col.button(_("Delete"), key=f"{prefix}del-{summary.id}", icon=":material/delete:",
                          on_click=_ask_delete, args=(summary.id,))
        if summary.id != open_id and not prefix:
            _confirm_delete_if_asked(summary.id)


def _view_row(summary: PlanSummary, token: str) -> None:
    # Keys become CSS classes in the page: a row this browser may only view is keyed by its
    # view token, never by the plan id (which is the edit link).
    with st.container(border=True, key=f"view-row-{token}"):
        name_col, info_col, open_col = st.columns([4, 3, 3], vertical_alignment="center")
        showing = read_only() and st.session_state.get(VIEW_KEY) == token
        name_col.text(_open_here(summary.name) if showing else summary.name)  # user text: plain
        info_col.caption(_("View only · changed {when} · {share} complete").format(when=_ago(summary),
                                                                                   share=_share(summary)))
        open_col.page_link(page_of("home"), label=_("Open"), icon=":material/visibility:", query_params={"view": token})


def start_something_else() -> None:
    new_col, example_col, import_col = st.columns(3)
    with new_col, st.container(border=True):
        st.markdown(_("**A new, empty plan**"))
        st.caption(_("Your other plans stay in the list above."))
        st.button(_("Create a new plan"), key="home-new", icon=":material/add:", on_click=_new_plan)
    with example_col, st.container(border=True):
        st.markdown(_("**Start from a worked example**"))
        st.caption(_("A copy of a complete plan: change it freely, the example stays as it is."))
        examples = example_names()
        st.selectbox(_("Example"), list(examples), format_func=examples.get, key="home-example")
        st.button(_("Open a copy of the example"), key="home-open-example", icon=":material/content_copy:",
                  on_click=_open_example)
    with import_col, st.container(border=True, key=app_css.IMPORT_BOX):  # its caption says the uploader's limits
        st.markdown(_("**Import a plan file**"))
        st.caption(_("A .json file exported from ML Canvas Studio, at most {size} MB. It opens as a new plan.").format(
            size=transfer.MAX_IMPORT_MB))
        generation = st.session_state.get("import-generation", 0)
        st.file_uploader(_("Plan file"), type=["json"], key=f"{_UPLOAD_KEY}-{generation}",
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
    with st.expander(_("Recently deleted ({count})").format(count=len(deleted)), icon=":material/restore_from_trash:"):
        st.caption(ngettext("Deleted plans are kept for {days} day and can be restored until then.",
                            "Deleted plans are kept for {days} days and can be restored until then.",
                            RETENTION.days).format(days=RETENTION.days))
        for summary in deleted:
            name_col, info_col, restore_col = st.columns([4, 4, 1], vertical_alignment="center")
            name_col.text(summary.name)
            until = summary.deleted_at + RETENTION
            info_col.caption(_("Deleted {when} · kept until {day}").format(when=datetime_text(summary.deleted_at),
                                                                           day=date_text(until.date())))
            restore_col.button(_("Restore"), key=f"restore-{summary.id}", icon=":material/restore:",
                               on_click=_restore, args=(summary.id,))


# --- callbacks -------------------------------------------------------------------


def _new_plan() -> None:
    replace_plan(new_plan(), store=False)


def _open_example() -> None:
    replace_plan(copy_of_example(st.session_state["home-example"]))


def _duplicate(plan_id: str) -> None:
    try:
        source = plan_store().get(plan_id).plan
    except PlanNotFound:
        flash(_("That plan no longer exists; nothing was copied."))
        return
    copy_name = _("{name} (copy)")
    room = MAX_LINE_CHARS - len(copy_name.format(name=""))
    replace_plan(source.as_new(name=copy_name.format(name=source.meta.name[:room])))


def _ask_delete(plan_id: str) -> None:
    st.session_state[_CONFIRM_KEY] = plan_id


def _confirm_delete_if_asked(plan_id: str) -> None:
    if st.session_state.get(_CONFIRM_KEY) != plan_id:
        return
    with st.container(border=True, key=f"confirm-delete-{plan_id}"):
        st.warning(ngettext("Delete this plan? It can be restored from the deleted plans for {days} day.",
                            "Delete this plan? It can be restored from the deleted plans for {days} days.",
                            RETENTION.days).format(days=RETENTION.days), icon=":material/warning:")
        yes, no, _rest = st.columns([1, 1, 4])
        yes.button(_("Yes, delete"), key=f"confirm-yes-{plan_id}", type="primary", on_click=_delete, args=(plan_id,))
        no.button(_("Cancel"), key=f"confirm-no-{plan_id}", on_click=st.session_state.pop, args=(_CONFIRM_KEY, None))


def _delete(plan_id: str) -> None:
    st.session_state.pop(_CONFIRM_KEY, None)
    try:
        plan_store().delete(plan_id)
    except PlanNotFound:
        return
    if current_plan().id == plan_id:
        replace_plan(new_plan(), store=False)


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
        flash(str(refused), [_("File: {name}").format(name=upload.name)])  # the plan open in this tab is untouched
        return
    renamed = transfer.distinct_name(plan.meta.name, _listed_names(), utc_now().date())
    if renamed:
        flash(_("Imported as \"{renamed}\": a plan named \"{name}\" is already in your list, so the imported one "
                "got the date of the import in its name.").format(renamed=renamed, name=plan.meta.name), level="info")
        plan.meta.name = renamed
    replace_plan(plan)


def _listed_names() -> list[str]:
    """The names of the plans on this browser's list on Home (not the whole store's, which a
    server reached only from this computer also shows: an import there is usually a plan moving in)."""
    try:
        return [e.summary.name for e in plan_store().remembered(access.browser_token(), limit=1000)]
    except StoreUnavailable:
        return []  # the import is saved (or refused) as usual, and the store's trouble said there


def _open_here(name: str) -> str:
    return _("{name}  (open in this tab)").format(name=name)


def _share(summary: PlanSummary) -> str:
    return f"{summary.completeness:.0%}"


def _ago(summary: PlanSummary) -> str:
    """When the plan last changed, to follow "Changed": "just now", "5 min ago", "on 2026-12-02"."""
    delta = utc_now() - summary.updated_at
    if delta < timedelta(minutes=1):
        return _("just now")
    if delta < timedelta(hours=1):
        return _("{minutes} min ago").format(minutes=int(delta.total_seconds() // 60))
    if delta < timedelta(days=1):
        return _("{hours} h ago").format(hours=int(delta.total_seconds() // 3600))
    return _("on {day}").format(day=date_text(summary.updated_at.date()))
