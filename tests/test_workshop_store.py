"""Workshop rooms in the store: codes, joining, notes, private writing, votes, done signals, the timer,
triage into the plan and the record, on SQLite always and on PostgreSQL when `make test` started one."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta

import pytest

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.store import SqlPlanStore, metadata
from canvas_core.workshop import (
    READY_AGENDAS,
    ROOM_ALPHABET,
    Focus,
    RoomClosed,
    RoomNotFound,
    VoteRefused,
    WorkshopError,
    WorkshopStore,
    normalise_code,
    time_spent,
)
from canvas_core.workshop.agenda import AgendaItem, check_agenda
from canvas_core.workshop.store import participant_key
from canvas_core.workshop.triage import ANONYMOUS, accept

POSTGRES_URL = os.environ.get("MLCS_TEST_POSTGRES_URL")
POSTGRES_SKIP = os.environ.get("MLCS_POSTGRES_UNAVAILABLE") or "MLCS_TEST_POSTGRES_URL not set (run `make test`)"
TWO_HOURS = READY_AGENDAS["About 2 hours"]


@pytest.fixture(params=["sqlite", "postgresql"])
def stores(request, tmp_path):
    if request.param == "sqlite":
        plans = SqlPlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    else:
        if not POSTGRES_URL:
            pytest.skip(f"PostgreSQL workshop tests skipped: {POSTGRES_SKIP}")
        plans = SqlPlanStore(POSTGRES_URL)
        metadata.drop_all(plans.engine)
        metadata.create_all(plans.engine)
    yield plans, WorkshopStore(plans.engine)
    plans.close()


@pytest.fixture
def room(stores):
    plans, workshops = stores
    plan = Plan()
    plans.create(plan)
    return workshops, workshops.start_room(plan.id, TWO_HOURS)


def joined(workshops, code: str, *names: str) -> list[str]:
    keys = [participant_key(code, f"browser-of-{name}") for name in names]
    for key, name in zip(keys, names, strict=True):
        workshops.join(code, key, name)
    return keys


# --- codes and rooms ---------------------------------------------------------------------


def test_a_room_code_is_six_characters_without_look_alikes(room):
    _workshops, started = room
    assert len(started.code) == 6 and set(started.code) <= set(ROOM_ALPHABET)
    assert not set("0O1IL") & set(ROOM_ALPHABET)


def test_a_typed_code_is_forgiven_case_spaces_and_dashes_but_not_look_alikes():
    assert normalise_code("kq7-x2mb") is None  # too long
    assert normalise_code("bcd-fg2") == "BCDFG2"
    assert normalise_code("BCD FG2") == "BCDFG2"
    assert normalise_code("BCDFG0") is None  # 0 is never in a code
    assert normalise_code("BCDFG") is None


def test_the_plan_has_one_open_room_and_a_closed_code_stops_working(stores, room):
    workshops, started = room
    assert workshops.start_room(started.plan_id, TWO_HOURS).code == started.code
    workshops.close_room(started.code)
    with pytest.raises(RoomClosed):
        workshops.join(started.code, "someone", "Ada")
    with pytest.raises(RoomClosed):
        workshops.open_room(started.code)
    again = workshops.start_room(started.plan_id, TWO_HOURS)
    assert again.code != started.code and again.is_open
    with pytest.raises(RoomNotFound):
        workshops.join("BCDFG2" if started.code != "BCDFG2" else "BCDFG3", "someone", "Ada")


def test_every_change_moves_the_version_and_a_focus_change_moves_the_focus_count(room):
    workshops, started = room
    version, seq, _open, dots = workshops.version(started.code)
    [ada] = joined(workshops, started.code, "Ada")
    assert workshops.version(started.code).version == version + 1
    note = workshops.add_note(started.code, ada, "Call centre data")
    assert workshops.version(started.code)[:2] == (version + 2, seq)
    workshops.set_focus(started.code, Focus("ml_canvas", "prediction_task"))
    assert workshops.version(started.code)[:2] == (version + 3, seq + 1)
    assert workshops.room(started.code).focus == Focus("ml_canvas", "prediction_task")
    workshops.set_focus(started.code, Focus(note.focus.step_id, note.focus.block_id))
    workshops.open_vote(started.code)
    before = workshops.version(started.code)
    workshops.vote(started.code, ada, note.id)  # seen by the voter alone: the room's screens stay as they are
    after = workshops.version(started.code)
    assert (after.version, after.dots_version) == (before.version, before.dots_version + 1)


# --- notes and private writing ---------------------------------------------------------------


def test_notes_go_to_the_block_in_focus_with_their_authors_name(room):
    workshops, started = room
    ada, bo = joined(workshops, started.code, "Ada", "Bo")
    workshops.set_focus(started.code, Focus("ml_canvas", "decisions"))
    workshops.add_note(started.code, ada, "Route mails to teams")
    workshops.set_focus(started.code, Focus("ml_canvas", "data_sources"))
    workshops.add_note(started.code, bo, "CRM export")
    on_decisions = workshops.notes(started.code, Focus("ml_canvas", "decisions"), viewer=bo)
    assert [(n.text, n.author) for n in on_decisions] == [("Route mails to teams", "Ada")]
    with pytest.raises(WorkshopError, match="empty"):
        workshops.add_note(started.code, ada, "   ")
    with pytest.raises(WorkshopError, match="Join"):
        workshops.add_note(started.code, "stranger", "Hello")


def test_private_writing_hides_notes_from_everyone_but_their_author_until_revealed(room):
    workshops, started = room
    ada, bo = joined(workshops, started.code, "Ada", "Bo")
    focus = workshops.room(started.code).focus
    workshops.set_options(started.code, private_writing=True, show_authors=True)
    workshops.add_note(started.code, ada, "<b>secret</b> idea")
    assert [n.text for n in workshops.notes(started.code, focus, viewer=ada)] == ["<b>secret</b> idea"]
    assert workshops.notes(started.code, focus, viewer=bo) == []
    assert [n.hidden for n in workshops.notes(started.code, focus, include_hidden=True)] == [True]
    assert workshops.reveal(started.code, focus) == 1
    assert [n.text for n in workshops.notes(started.code, focus, viewer=bo)] == ["<b>secret</b> idea"]


# --- votes ----------------------------------------------------------------------------------


def _three_notes(workshops, code, writer):
    return [workshops.add_note(code, writer, text).id for text in ("A", "B", "C", "D")]


def test_a_fourth_vote_with_a_budget_of_three_is_refused_and_totals_show_once_closed(room):
    workshops, started = room
    ada, bo = joined(workshops, started.code, "Ada", "Bo")
    a, b, c, d = _three_notes(workshops, started.code, ada)
    workshops.open_vote(started.code, budget=3, cap=2)
    assert workshops.vote(started.code, bo, a) == 2
    assert workshops.vote(started.code, bo, a) == 1
    with pytest.raises(VoteRefused, match="At most 2"):
        workshops.vote(started.code, bo, a)
    assert workshops.vote(started.code, bo, b) == 0
    with pytest.raises(VoteRefused, match="all 3"):
        workshops.vote(started.code, bo, c)
    workshops.vote(started.code, ada, c)
    seen_by_ada = {n.text: (n.votes, n.my_votes) for n in workshops.notes(started.code, viewer=ada)}
    assert seen_by_ada == {"A": (None, 0), "B": (None, 0), "C": (None, 1), "D": (None, 0)}  # no totals yet
    workshops.close_vote(started.code)
    with pytest.raises(VoteRefused, match="No vote"):
        workshops.vote(started.code, ada, d)
    totals = {n.text: n.votes for n in workshops.notes(started.code, viewer=ada)}
    assert totals == {"A": 2, "B": 1, "C": 1, "D": 0}


def test_a_taken_back_vote_can_be_given_again(room):
    workshops, started = room
    [ada] = joined(workshops, started.code, "Ada")
    a, b, *_ = _three_notes(workshops, started.code, ada)
    workshops.open_vote(started.code, budget=1)
    workshops.vote(started.code, ada, a)
    assert workshops.unvote(started.code, ada, a) == 1
    assert workshops.vote(started.code, ada, b) == 0
    with pytest.raises(VoteRefused):
        workshops.unvote(started.code, ada, a)


def test_two_tabs_of_one_person_voting_at_once_get_three_votes_between_them(room):
    workshops, started = room
    ada, bo = joined(workshops, started.code, "Ada", "Bo")
    notes = _three_notes(workshops, started.code, ada)
    workshops.open_vote(started.code, budget=3, cap=3)
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def tab(note_id: str) -> None:
        start.wait()
        try:
            workshops.vote(started.code, bo, note_id)
            outcomes.append("counted")
        except VoteRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=tab, args=(notes[i % 4],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["counted"] * 3 + ["refused"] * 5
    workshops.close_vote(started.code)
    assert sum(n.votes for n in workshops.notes(started.code)) == 3


# --- done signals and the timer -----------------------------------------------------------------


def test_done_signals_count_how_many_not_who_and_restart_when_the_focus_moves(room):
    workshops, started = room
    ada, bo, cy = joined(workshops, started.code, "Ada", "Bo", "Cy")
    workshops.set_done(started.code, ada, True)
    workshops.set_done(started.code, bo, True)
    workshops.set_done(started.code, bo, True)
    assert workshops.done_count(started.code) == (2, 3)
    workshops.set_done(started.code, bo, False)
    assert workshops.done_count(started.code) == (1, 3)
    workshops.set_focus(started.code, Focus("workflow"))
    assert workshops.done_count(started.code) == (0, 3)
    assert workshops.participant(started.code, ada).done is False


def test_the_timer_is_an_end_time_that_pauses_resumes_and_grows(room):
    workshops, started = room
    workshops.start_timer(started.code, 600)
    now = datetime.now(UTC)
    assert 598 <= workshops.room(started.code).timer_remaining(now) <= 600
    workshops.pause_timer(started.code)
    paused = workshops.room(started.code)
    assert paused.timer_end_at is None and 598 <= paused.timer_paused_s <= 600
    workshops.add_time(started.code, 300)
    assert 898 <= workshops.room(started.code).timer_paused_s <= 900
    workshops.resume_timer(started.code)
    running = workshops.room(started.code)
    assert running.timer_paused_s is None and 897 <= running.timer_remaining(datetime.now(UTC)) <= 900
    assert running.timer_remaining(datetime.now(UTC) + timedelta(hours=1)) == 0.0
    with pytest.raises(WorkshopError):
        workshops.start_timer(started.code, 0)


# --- agenda, triage and the record ---------------------------------------------------------------------


def test_the_ready_agendas_last_about_two_and_four_hours_and_edits_are_checked():
    assert sum(i.minutes for i in READY_AGENDAS["About 2 hours"]) == 120
    assert sum(i.minutes for i in READY_AGENDAS["About 4 hours"]) == 240
    with pytest.raises(ValueError, match="twice"):
        check_agenda([AgendaItem("brief", 10), AgendaItem("brief", 5)])
    with pytest.raises(ValueError, match="whole number"):
        check_agenda([AgendaItem("brief", 0)])


def test_time_spent_runs_from_each_move_to_the_next():
    t0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    moves = [(t0, "brief"), (t0 + timedelta(minutes=12), "workflow"), (t0 + timedelta(minutes=30), "brief")]
    assert time_spent(moves, t0 + timedelta(minutes=35)) == {"brief": 17 * 60, "workflow": 18 * 60}


def test_accepted_and_merged_notes_reach_the_canvas_with_authors_and_votes_and_nothing_is_lost(stores):
    plans, workshops = stores
    plan = load_example("support_mail_triage")
    plans.create(plan)
    started = workshops.start_room(plan.id, TWO_HOURS)
    code = started.code
    ada, bo = joined(workshops, code, "Ada", "Bo")
    workshops.set_focus(code, Focus("ml_canvas", "data_sources"))
    a, b, c, d = _three_notes(workshops, code, ada)
    workshops.open_vote(code, budget=3)
    for note_id in (a, a, b):
        workshops.vote(code, bo, note_id)
    workshops.close_vote(code)
    by_id = {n.id: n for n in workshops.notes(code)}
    before = len(plan.canvases["ml_canvas"].blocks["data_sources"].notes)
    accepted_id = accept(plan, [by_id[a]])
    merged_id = accept(plan, [by_id[b], by_id[c]], text="B and C together")
    workshops.set_status(code, [a], "accepted", accepted_id)
    workshops.set_status(code, [b, c], "merged", merged_id)
    workshops.set_status(code, [d], "discarded")
    notes = plan.canvases["ml_canvas"].blocks["data_sources"].notes
    assert len(notes) == before + 2
    assert (notes[-2].text, notes[-2].author, notes[-2].votes) == ("A", "Ada", 2)
    assert (notes[-1].text, notes[-1].votes) == ("B and C together", 1)
    record = workshops.record(code)
    assert record.participants == 2 and record.notes_written == 4 and record.discarded == 1
    assert [(n.text, n.votes) for n in record.top_voted] == [("A", 2), ("B", 1)]
    assert {n.text for n in record.accepted} == {"A", "B", "C"}
    assert record.agenda[0].step_id == "brief" and record.agenda[0].planned_minutes == 15


def test_notes_on_a_step_without_blocks_become_open_questions_and_anonymity_is_kept(stores):
    plans, workshops = stores
    plan = Plan()
    plans.create(plan)
    code = workshops.start_room(plan.id, TWO_HOURS).code
    [ada] = joined(workshops, code, "Ada")
    workshops.set_focus(code, Focus("costs"))
    note = workshops.add_note(code, ada, "Who pays for labelling?")
    accept(plan, [note], show_authors=False)
    assert plan.review.open_questions == [f"Who pays for labelling? ({ANONYMOUS}, Costs)"]


def test_deleting_a_plan_for_good_removes_its_rooms(stores):
    plans, workshops = stores
    plan = Plan()
    plans.create(plan)
    code = workshops.start_room(plan.id, TWO_HOURS).code
    joined(workshops, code, "Ada")
    plans.delete(plan.id)
    plans.purge_expired(now=datetime.now(UTC) + timedelta(days=400))
    with pytest.raises(RoomNotFound):
        workshops.room(code)
