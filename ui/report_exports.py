"""The plan's exports: the PDF report (with a preview), Markdown and JSON.

Files are built only when a button is clicked (`st.download_button` with a
callable), on another thread where the session cannot be read: each callable
gets the plan as shown, frozen as JSON text (cheaper than a deep copy on every
run), so a build can neither see later edits nor change the plan. A build that fails is logged and noted in a holder the
page reads on its next run, which names the failed export and says the plan is
unchanged (at the button itself the browser only says "Failed to generate file
for download").

Every report is in its plan's language, whatever the reader's (the builders run on a thread with no
session and say so); the buttons, captions and a failure's message are in the reader's.

The workshops run on the plan are read from the database when a file is built
(their records are rows beside the plan, not part of it): the callables get the
store's engine, a process-wide resource safe to share with the build thread. A
failure to read them is logged and the report is built without them.

The preview uses `st.pdf` (the `streamlit-pdf` package, Streamlit's own `pdf`
extra): it shows the very file the download gives, every page, scrollable and
zoomable, with pdf.js bundled in the package (nothing is fetched from the
internet). Rendering page images instead would need a PDF rasteriser
(pypdfium2 or poppler) as a new dependency, and showing no preview would send a
facilitator off to a downloads folder in the middle of a workshop. The preview
is built only when asked for, and only again when the plan or the page size
changes, or when something happens in one of the plan's workshop rooms.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from functools import partial
from typing import Literal

import streamlit as st
from sqlalchemy.engine import Engine

from canvas_core import transfer
from canvas_core.i18n import N_, NAMES, _, current, language
from canvas_core.plan import Plan
from canvas_core.report.markdown import build_markdown
from canvas_core.report.naming import report_filename
from canvas_core.workshop import WorkshopRecord, WorkshopStore
from ui.bootstrap import plan_store

_LOG = logging.getLogger(__name__)
FAILURES_KEY = "export_failures"  # export name -> message, shown on the next run
_PREVIEW_KEY = "report_preview"  # (fingerprint, page size, rooms, PDF bytes or None, error)
PAGE_SIZES: dict[str, Literal["A4", "letter"]] = {"A4": "A4", "Letter": "letter"}
# What a failed build says, by export (the export's name is the key of the failures holder).
_FAILED: dict[str, str] = {
    "PDF report": N_("The PDF report could not be built ({error}). Your plan is unchanged; the other exports "
                     "still work."),
    "Markdown export": N_("The Markdown export could not be built ({error}). Your plan is unchanged; the other "
                          "exports still work."),
}
_FAILED_OTHER = N_("The export could not be built ({error}). Your plan is unchanged; the other exports still work.")


def _failures() -> dict[str, str]:
    # A plain dict shared by reference with the build callables, which run outside the session.
    return st.session_state.setdefault(FAILURES_KEY, {})


def frozen(plan: Plan) -> str:
    """The plan as shown, as JSON text for the build callables."""
    return plan.model_dump_json()


def _engine() -> Engine | None:
    """The database the plan store uses (None for a store without one): resolved on the session's
    thread, handed to the build callables."""
    return getattr(plan_store(), "engine", None)


@functools.lru_cache(maxsize=4)
def _workshop_store(engine: Engine) -> WorkshopStore:
    return WorkshopStore(engine)  # checks its tables once per engine, not on every build


def workshop_records(engine: Engine | None, plan_id: str) -> tuple[WorkshopRecord, ...]:
    """Every room run on the plan, oldest first, as the report tells it. The report must not fail
    because the rooms cannot be read: that is logged, and the report is built without them."""
    if engine is None:
        return ()
    try:
        workshops = _workshop_store(engine)
        return tuple(workshops.record(room.code) for room in workshops.rooms_for(plan_id))
    except Exception:
        _LOG.exception("reading the workshops of a plan failed; the report is built without them")
        return ()


def _rooms_now(engine: Engine | None, plan_id: str) -> tuple[tuple[str, int], ...]:
    """(code, version) of the plan's rooms: the version moves on every change in a room."""
    if engine is None:
        return ()
    try:
        return tuple((room.code, room.version) for room in _workshop_store(engine).rooms_for(plan_id))
    except Exception:
        _LOG.exception("reading the workshop rooms of a plan failed")
        return ()


def _build_pdf(frozen_plan: str, page_size: Literal["A4", "letter"], engine: Engine | None = None) -> bytes:
    from canvas_core.report.pdf import (
        build_pdf,  # reportlab loads on the first PDF, not on every page
    )

    plan = Plan.from_json(frozen_plan)
    # On another thread, with no session: the report is in the plan's language, whatever the reader's.
    with language(plan.meta.language):
        return build_pdf(plan, page_size=page_size, workshops=workshop_records(engine, plan.id))


def _build_markdown(frozen_plan: str, engine: Engine | None = None) -> str:
    plan = Plan.from_json(frozen_plan)
    with language(plan.meta.language):
        return build_markdown(plan, workshops=workshop_records(engine, plan.id))


def _export_json(frozen_plan: str) -> bytes:
    return transfer.export_plan(Plan.from_json(frozen_plan))


def guarded_build(what: str, build: Callable[[], bytes | str], failures: dict[str, str],
                  lang: str | None = None) -> bytes | str:
    """Run a build for a download; a failure is logged, noted for the page (in `lang`, the reader's
    language when the button was drawn: the build's thread has no session), and re-raised so the
    browser does not save a broken file."""
    try:
        data = build()
    except Exception as error:
        _LOG.exception("building the %s failed", what)
        with language(lang):
            message = _FAILED.get(what, _FAILED_OTHER)
            failures[what] = _(message).format(error=f"{type(error).__name__}: {error}")
        raise
    failures.pop(what, None)
    return data


def json_export_button(plan: Plan, *, key: str, label: str | None = None, shown: str | None = None) -> None:
    """The whole plan as a versioned JSON file that imports back losslessly (also used on Home).
    `shown` is the plan already frozen by the caller, if it has done so."""
    st.download_button(label or _("Export JSON"), data=partial(_export_json, shown or frozen(plan)),
                       file_name=transfer.export_filename(plan),
                       mime="application/json", on_click="ignore", key=key, icon=":material/download:")


def show(plan: Plan, *, with_json: bool = True) -> None:
    """The export section of the review step (`with_json=False` for a view link: the JSON file
    carries the plan's id, which is its edit link)."""
    failures = _failures()
    for message in failures.values():
        st.error(message, icon=":material/error:")
    size_label = st.segmented_control(_("Page size of the PDF"), list(PAGE_SIZES), default="A4",
                                      key="report-page-size", required=True)  # A4, Letter: paper names
    page_size = PAGE_SIZES[size_label or "A4"]
    shown = frozen(plan)
    engine = _engine()
    row = st.container(horizontal=True, key="report-exports")
    reader = current()  # the build runs on another thread: its failure is told in the reader's language
    row.download_button(
        _("Download PDF report"), key="report-pdf", type="primary", icon=":material/picture_as_pdf:",
        data=partial(guarded_build, "PDF report", partial(_build_pdf, shown, page_size, engine), failures, reader),
        file_name=report_filename(plan, "pdf"), mime="application/pdf", on_click="ignore",
    )
    row.download_button(
        _("Download Markdown"), key="report-md", icon=":material/description:",
        data=partial(guarded_build, "Markdown export", partial(_build_markdown, shown, engine), failures, reader),
        file_name=report_filename(plan, "md"), mime="text/markdown", on_click="ignore",
    )
    if with_json:
        with row:
            json_export_button(plan, key="report-json", label=_("Export plan as JSON"), shown=shown)
        st.caption(_("The PDF and the Markdown hold the same report; the JSON file is the whole plan, to import "
                     "into ML Canvas Studio again."))
    else:
        st.caption(_("The PDF and the Markdown hold the same report."))
    if plan.meta.language != reader:
        st.caption(_("The report is written in the plan's language ({language}).").format(
            language=NAMES.get(plan.meta.language, plan.meta.language)))
    if st.toggle(_("Preview the PDF"), key="report-preview-on"):
        _preview(shown, page_size, engine, plan.id)


def view_link(token: str) -> None:
    """The plan's view-only link, to copy for stakeholders (shown next to the exports)."""
    base = (st.context.url or "").rstrip("/")
    with st.container(border=True, key="view-link"):
        st.markdown(_("**View-only link for stakeholders**"))
        st.caption(_("Opens every step read-only and offers the PDF report and the Markdown. Whoever has it cannot "
                     "change the plan or find this tab's edit link. Share the address in your browser's address "
                     "bar only with people who may edit."))
        st.code(f"{base}/?view={token}", language=None, wrap_lines=True)


def _preview(frozen_plan: str, page_size: Literal["A4", "letter"], engine: Engine | None, plan_id: str) -> None:
    wanted = (hashlib.sha256(frozen_plan.encode("utf-8")).hexdigest(), page_size, _rooms_now(engine, plan_id))
    held = st.session_state.get(_PREVIEW_KEY)
    if held is None or held[:3] != wanted:
        with st.spinner(_("Building the report…")):
            try:
                held = (*wanted, _build_pdf(frozen_plan, page_size, engine), "")
            except Exception as error:
                _LOG.exception("building the PDF preview failed")
                held = (*wanted, None, _("The PDF report could not be built ({error}). Your plan is unchanged; "
                                         "the Markdown and JSON exports still work.").format(
                                             error=f"{type(error).__name__}: {error}"))
        st.session_state[_PREVIEW_KEY] = held
    pdf, error = held[3], held[4]
    if error:
        st.error(error, icon=":material/error:")
        return
    st.pdf(pdf, height=720, key="report-preview")
