"""The app's own workshop pages as a bench target: a plan with an open room in a fresh store, thirty
participants already joined (each session carries its browser cookie, as a tab that joined before
would), a vote open on the block in focus, and the facilitator's console.

A participant adds a note the way the page does it (typed into the note box, then "Add note") and
gives a dot to a note at random through the store, as the page's Vote button does.
"""

from __future__ import annotations

import random
import secrets
import time
from pathlib import Path

from bench.live_session import LiveSession
from bench.workshop import STEP_S, Target
from canvas_core.examples import load_example
from canvas_core.store import SqlPlanStore
from canvas_core.workshop import READY_AGENDAS, Focus, VoteRefused, WorkshopStore
from canvas_core.workshop.store import participant_key
from ui.access import COOKIE


def room_target(scratch: Path, participants: int) -> Target:
    data = scratch / f"room-{secrets.token_hex(3)}"
    data.mkdir()
    url = f"sqlite:///{data / 'plans.sqlite3'}"
    plans = SqlPlanStore(url)
    plan = load_example("support_mail_triage")
    plans.create(plan)
    workshops = WorkshopStore(plans.engine)
    code = workshops.start_room(plan.id, READY_AGENDAS["About 2 hours"]).code
    workshops.set_focus(code, Focus("ml_canvas", "data_sources"))
    tokens = [secrets.token_urlsafe(24) for _ in range(participants)]
    keys = [participant_key(code, token) for token in tokens]
    for n, key in enumerate(keys, start=1):
        workshops.join(code, key, f"P{n:02d}")
    workshops.open_vote(code, budget=3)

    def session_for(i: int) -> tuple[str, str, dict[str, str]]:
        if i == 0:
            return "workshop", f"plan={plan.id}", {}
        return "room", f"code={code}", {COOKIE: tokens[i - 1]}

    def add_note(session: LiveSession, text: str) -> float:
        session.set_text("room-note-text", text, rerun=False)
        return session.click("room-note-add")

    def after_note(i: int, rng: random.Random) -> None:
        notes = workshops.notes(code, Focus("ml_canvas", "data_sources"))
        if notes:
            try:
                workshops.vote(code, keys[i], rng.choice(notes).id)
            except VoteRefused:
                pass  # this participant's three votes are given

    def join(session: LiveSession, _name: str) -> None:
        session.wait_for_text("Notes on", STEP_S)

    def app_poll_ms(reads: int = 2000) -> float:
        """What the watcher's tick does besides Streamlit's own run: read the room's version and compare."""
        seen = workshops.version(code)
        start = time.perf_counter()
        for _ in range(reads):
            if workshops.version(code) != seen:  # pragma: no cover - nobody writes meanwhile
                seen = None
        return (time.perf_counter() - start) * 1000 / reads

    return Target("the workshop pages", ["ui.launch"], "room", add_note, join,
                  env={"MLCS_DATA_DIR": str(data), "MLCS_DATABASE_URL": url},
                  session_for=session_for, after_note=after_note, app_poll_ms=app_poll_ms)
