"""The headless session driver against a real server running the stand-in board: a note typed
through one session's widgets reaches another session through its board's one-second poll."""

from __future__ import annotations

import socket

import pytest

from bench import workshop
from bench.live_session import LiveSession

PORTS = range(8720, 8726)  # this suite's range on the shared machine
TIMEOUT_S = 30.0  # generous: the machine is shared; the poll is one second


def _port() -> int:
    for port in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port in {PORTS}")


@pytest.fixture
def board(tmp_path):
    target = workshop.standin(tmp_path, seed=2)
    with workshop.server(target, tmp_path, port=_port()) as server:
        yield server, target


def test_a_note_typed_in_one_session_reaches_the_other_through_its_board_poll(board):
    server, target = board
    with LiveSession(server.url, "board", "room=a", {"room": "bench"}) as writer, \
            LiveSession(server.url, "board", "room=a") as reader:
        for session in (writer, reader):
            session.wait_for_run(TIMEOUT_S)
            session.wait_for_text("seed: Earlier note 1", TIMEOUT_S)  # the board page, not Home
        assert list(reader.auto_rerun_intervals.values()) == [1.0]

        target.join(writer, "Ada")  # a form: text input held until its submit button
        runs_before = len(reader.runs)
        sent = target.add_note(writer, "Label the invoices by hand first")  # text input + button

        arrived = reader.wait_for_text("Ada: Label the invoices by hand first", TIMEOUT_S, since=sent)
        assert arrived > sent
        delivering = [run for run in reader.runs[runs_before:] if run.at >= arrived]
        assert delivering and delivering[0].fragment_ids, "the reader got the note from a board poll"
        assert writer.errors == [] and reader.errors == []


def test_an_unknown_widget_is_named_with_the_widgets_on_the_page(board):
    server, _ = board
    with LiveSession(server.url, "board") as session:
        session.wait_for_run(TIMEOUT_S)
        with pytest.raises(KeyError, match="'note'"):
            session.click("missing")


def test_the_section_prints_each_figure_on_its_own_line_with_its_floor():
    figures = {"participants": 30, "latency_p95_ms": 1500.0, "latency_median_ms": 700.0, "notes": 90,
               "notes_missing": 0}
    for prefix in ("", "floor_"):
        figures |= {f"{prefix}idle_cpu_ms_per_participant_min": 600.0, f"{prefix}idle_core_share": 0.3,
                    f"{prefix}poll_cpu_ms": 3.0, f"{prefix}poll_script_ms": 1.0, f"{prefix}polls_per_s": 31.0}
    figures["floor_poll_cpu_ms"] = 1.5
    lines = workshop.lines(figures | {"app_poll_ms": 2.5})
    assert lines[0].startswith("workshop: 30 participants, note visible to the facilitator p95 1500 ms")
    assert lines[0].endswith("ok (< 2000 ms)")
    assert lines[3].startswith("workshop: poll with nothing changed 2.50 ms in the app (its version read)  OVER")
    assert "3.00 ms server CPU with Streamlit's fragment run (floor 1.50 ms, 2.00x floor" in lines[3]
    assert all(line.startswith("workshop: ") for line in lines)
