"""The workshop section of the reports: a room run through the store, its record in the PDF and the
Markdown (when, how many took part, the agenda with the time spent, the top-voted and the accepted
notes), typed text shown literally, and a plan without rooms reported exactly as before."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.report.markdown import build_markdown
from canvas_core.report.pdf import build_pdf
from canvas_core.store import SqlPlanStore
from canvas_core.transfer import export_plan
from canvas_core.workshop import READY_AGENDAS, Focus, WorkshopRecord, WorkshopStore
from canvas_core.workshop import store as workshop_store
from canvas_core.workshop.store import participant_key
from canvas_core.workshop.triage import accept
from tests.app_driver import APP, run
from tests.app_driver import store as app_store
from tests.test_report_markdown import PARSER, inline_texts
from tests.test_report_pdf import contains, read_pages, read_text
from ui import report_exports

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime(2026, 3, 12).date()
START = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
NAMES = ("Zora Quell", "Ilvo Brandt", "Kasimir Oyelaran")
HOSTILE = "<b>bold</b> **stars** [link](http://x) &amp; S&P"
TOP = "Call centre logs with the customer's segment"
MERGED_WORDING = "CRM export & call logs"


class Clock:
    """The store's clock, moved by hand, so minutes spent on a step are known exactly."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def wait(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(workshop_store, "_now", clock)
    return clock


@pytest.fixture
def stores(tmp_path):
    plans = SqlPlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    yield plans, WorkshopStore(plans.engine)
    plans.close()


def run_room(plans: SqlPlanStore, workshops: WorkshopStore, plan: Plan, clock: Clock) -> str:
    """Three people, 12 minutes on the brief, 35 on the ML Canvas's data sources with four notes and a
    vote; one note accepted, two merged, one discarded; then a moment on the costs and the room closes."""
    code = workshops.start_room(plan.id, READY_AGENDAS["About 2 hours"]).code
    keys = [participant_key(code, f"browser-{name}") for name in NAMES]
    for key, name in zip(keys, NAMES, strict=True):
        workshops.join(code, key, name)
    clock.wait(12)
    workshops.set_focus(code, Focus("ml_canvas", "data_sources"))
    texts = [HOSTILE, TOP, "CRM export", "Scanned letters"]
    ids = []
    for i, text in enumerate(texts):
        ids.append(workshops.add_note(code, keys[i % 3], text).id)
        clock.wait(1)
    hostile, top, crm, scanned = ids
    workshops.open_vote(code, budget=3)
    for key in keys:
        workshops.vote(code, key, top)
    workshops.vote(code, keys[0], hostile)
    workshops.vote(code, keys[1], hostile)
    workshops.vote(code, keys[2], crm)
    workshops.close_vote(code)
    by_id = {n.id: n for n in workshops.notes(code)}
    workshops.set_status(code, [hostile], "accepted", accept(plan, [by_id[hostile]]))
    merged = accept(plan, [by_id[top], by_id[crm]], text=MERGED_WORDING)
    workshops.set_status(code, [top, crm], "merged", merged)
    workshops.set_status(code, [scanned], "discarded")
    clock.wait(31)
    workshops.set_focus(code, Focus("costs"))
    clock.wait(0.2)
    workshops.close_room(code)
    return code


@pytest.fixture
def ran(stores, clock) -> tuple[Plan, WorkshopRecord]:
    plans, workshops = stores
    plan = load_example("support_mail_triage")
    plans.create(plan)
    code = run_room(plans, workshops, plan, clock)
    return plan, workshops.record(code)


def workshop_part(markdown: str) -> str:
    start = markdown.index("\n## Workshop")
    return markdown[start:markdown.index("\n## Sources, licences and attributions")]


def table_rows(markdown: str, heading: str) -> list[list[str]]:
    """The cells of the table under `heading`, as a reader sees them (escapes resolved)."""
    part = markdown[markdown.index(heading):]
    part = part[:part.index("\n\n", part.index("|"))]
    cells = inline_texts(part[part.index("|"):])
    columns = part.splitlines()[2].count("|") - 1
    return [cells[i:i + columns] for i in range(0, len(cells), columns)][1:]


# --- the Markdown -----------------------------------------------------------------------------


def test_the_markdown_tells_when_who_and_how_many_notes(ran):
    plan, record = ran
    part = workshop_part(build_markdown(plan, workshops=[record], today=TODAY))
    assert part.startswith("\n## Workshop\n")
    assert "**When:** 2026-03-10, 09:00–09:47 UTC (47 min)" in part
    assert "**Took part:** 3 people" in part
    assert "**Notes written:** 4: 1 accepted, 2 merged, 1 discarded" in part
    assert not any(name in part for name in NAMES)  # a room may run anonymously: no authors here


def test_the_markdown_agenda_shows_planned_and_spent_minutes_and_the_steps_not_reached(ran):
    plan, record = ran
    rows = table_rows(build_markdown(plan, workshops=[record]), "### Agenda and time spent")
    assert rows == [["Product brief", "15", "12"], ["Workflow integration", "20", "not reached"],
                    ["Costs", "10", "under 1"], ["ML Canvas", "30", "35"], ["Data landscape", "15", "not reached"],
                    ["MLOps Stack", "15", "not reached"], ["Review & report", "15", "not reached"],
                    ["Total", "120", "47"]]


def test_the_markdown_lists_the_top_voted_and_the_accepted_notes_literally(ran):
    plan, record = ran
    markdown = build_markdown(plan, workshops=[record])
    assert table_rows(markdown, "### Top-voted notes") == [
        [TOP, "3", "ML Canvas · Data Sources"], [HOSTILE, "2", "ML Canvas · Data Sources"],
        ["CRM export", "1", "ML Canvas · Data Sources"]]
    assert table_rows(markdown, "### Accepted into the plan") == [
        [HOSTILE, "2", "ML Canvas · Data Sources"],
        [TOP, "3", f"ML Canvas · Data Sources, merged into \u201c{MERGED_WORDING}\u201d"],
        ["CRM export", "1", f"ML Canvas · Data Sources, merged into \u201c{MERGED_WORDING}\u201d"]]
    rendered = PARSER.render(workshop_part(markdown))
    assert "<b>bold" not in rendered and "<strong>" not in rendered.split("</th>")[-1] and "<a " not in rendered


def test_without_workshops_the_markdown_is_what_it_was_and_the_section_sits_before_the_sources(ran):
    plan, record = ran
    without = build_markdown(plan, today=TODAY)
    assert "## Workshop" not in without
    with_room = build_markdown(plan, workshops=[record], today=TODAY)
    part = workshop_part(with_room)
    assert with_room.replace(part, "", 1) == without
    assert with_room.index(part) < with_room.index("## Sources, licences and attributions")
    assert with_room.index(part) > with_room.index("## Review & report")


def test_several_rooms_are_numbered_oldest_first_and_an_open_room_says_so(stores, clock):
    plans, workshops = stores
    plan = load_example("support_mail_triage")
    plans.create(plan)
    first = run_room(plans, workshops, plan, clock)
    clock.wait(60 * 24)
    second = workshops.start_room(plan.id, READY_AGENDAS["About 4 hours"]).code
    clock.wait(20)
    records = [workshops.record(second), workshops.record(first)]  # given newest first
    markdown = build_markdown(plan, workshops=records)
    assert markdown.index("## Workshop 1 of 2") < markdown.index("## Workshop 2 of 2")
    later = markdown[markdown.index("## Workshop 2 of 2"):]
    assert "**When:** 2026-03-11, 09:47 UTC, still open" in later
    assert table_rows(later, "### Agenda and time spent")[0] == ["Product brief", "25", "20"]
    assert "No note got a vote." in later and "No note was accepted." in later
    assert "**Notes written:** none" in later and "**Took part:** 0 people" in later


# --- the PDF ----------------------------------------------------------------------------------


def test_the_pdf_has_a_workshop_page_before_the_sources_with_the_same_content(ran):
    plan, record = ran
    without = PdfReader(io.BytesIO(build_pdf(plan)))
    pdf = build_pdf(plan, workshops=[record])
    pages = read_pages(pdf)
    assert len(pages) == len(without.pages) + 1
    page = pages[-2]
    assert page.lstrip().startswith("Workshop") and pages[-1].lstrip().startswith("Sources")
    for typed in ["When: 2026-03-10, 09:00–09:47 UTC (47 min)", "Took part: 3 people",
                  "Notes written: 4: 1 accepted, 2 merged, 1 discarded", "Product brief 15 12",
                  "Workflow integration 20 not reached", "Costs 10 under 1", "ML Canvas 30 35", "Total 120 47",
                  f"{TOP} 3 ML Canvas · Data Sources", f"{HOSTILE} 2 ML Canvas · Data Sources",
                  f"merged into \u201c{MERGED_WORDING}\u201d"]:
        assert contains(page, typed), typed
    assert not any(name in page for name in NAMES)
    assert "The workshop run on the plan follows the steps." in " ".join(pages[0].split())


def test_markup_in_notes_is_printed_as_typed_in_the_pdf(ran):
    plan, record = ran
    text = read_text(build_pdf(plan, workshops=[record]))
    for typed in ["<b>bold</b>", "**stars**", "[link](http://x)", "&amp;", "S&P"]:
        assert contains(text, typed), typed
    assert "S&P;" not in text


def test_without_workshops_the_pdf_keeps_its_pages_and_cover(example_plan):
    pages = read_pages(build_pdf(example_plan))
    assert not any(page.lstrip().startswith("Workshop") for page in pages)
    assert "follows the steps" not in pages[0] and "follow the steps" not in pages[0]


# --- the app and the command line --------------------------------------------------------------


def test_the_app_builds_read_the_rooms_at_click_time_and_a_broken_database_only_drops_them(ran, stores, caplog):
    plan, _record = ran
    plans, _workshops = stores
    shown = report_exports.frozen(plan)
    assert "## Workshop" in report_exports._build_markdown(shown, plans.engine)
    assert contains(read_text(report_exports._build_pdf(shown, "A4", plans.engine)), "Took part: 3 people")
    broken = sa.create_engine("sqlite:////nonexistent-folder/for/sure/plans.sqlite3")
    with caplog.at_level(logging.ERROR, logger=report_exports.__name__):
        markdown = report_exports._build_markdown(shown, broken)
    assert "## Workshop" not in markdown and markdown.startswith("# Support mail triage")
    assert any("built without them" in r.getMessage() for r in caplog.records)


def test_the_preview_shows_the_workshop_and_is_built_again_when_the_room_changes(monkeypatch):
    from canvas_core.report import pdf

    builds: list[int] = []
    real = pdf.build_pdf

    def counted(plan, **kwargs):
        builds.append(len(kwargs.get("workshops", ())))
        return real(plan, **kwargs)

    monkeypatch.setattr(pdf, "build_pdf", counted)
    plan = load_example("support_mail_triage")
    app_store().create(plan)
    workshops = WorkshopStore(app_store().engine)
    code = workshops.start_room(plan.id, READY_AGENDAS["About 2 hours"]).code
    at = _review(plan)
    run(at.toggle(key="report-preview-on").set_value(True))
    assert builds == [1] and contains(read_text(at.session_state["report_preview"][3]), "Took part: 0 people")
    run(at)  # nothing changed: the preview is kept
    assert builds == [1]
    workshops.join(code, participant_key(code, "browser-of-ann"), "Ann")
    run(at)
    assert builds == [1, 1]
    assert contains(read_text(at.session_state["report_preview"][3]), "Took part: 1 person")


def _review(plan: Plan):
    """The review step of `plan`, already stored (with its rooms), opened by its link."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["plan"] = plan.id
    return run(run(at).switch_page("pages/review.py"))


def test_the_command_line_adds_the_workshops_from_the_database(ran, stores, tmp_path):
    plan, _record = ran
    plans, _workshops = stores
    plan_file = tmp_path / "plan.json"
    plan_file.write_bytes(export_plan(plan))
    url = str(plans.engine.url)
    done = subprocess.run([sys.executable, "-m", "canvas_core.report", str(plan_file), "--format", "md", "-o", "-",
                           "--database", url], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "**Took part:** 3 people" in done.stdout.decode("utf-8")
    missing = subprocess.run([sys.executable, "-m", "canvas_core.report", str(plan_file), "-o", "-",
                              "--database", f"sqlite:///{tmp_path / 'no-such.sqlite3'}"], cwd=ROOT,
                             capture_output=True, timeout=120)
    assert missing.returncode == 2 and b"no such database file" in missing.stderr
    assert not (tmp_path / "no-such.sqlite3").exists()
