"""A page with nothing but the shared countdown, for tests/e2e/test_countdown_in_browser.py.

Query parameters: end=<epoch ms> (running), paused=<seconds> (paused), size=normal|large;
neither end nor paused: no timer. "Add 5 minutes" and "Pause" change the timer as a
facilitator would, in the same session (the element must update in place).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from ui.countdown import countdown

params = st.query_params
if "timer" not in st.session_state:
    end = params.get("end")
    paused = params.get("paused")
    st.session_state.timer = {
        "end_at": datetime.fromtimestamp(int(end) / 1000, UTC) if end else None,
        "paused_remaining": float(paused) if paused else None,
    }
timer = st.session_state.timer


def add_five_minutes() -> None:
    if timer["end_at"] is not None:
        timer["end_at"] += timedelta(minutes=5)


def pause() -> None:
    if timer["end_at"] is not None:
        timer["paused_remaining"] = max(0.0, (timer["end_at"] - datetime.now(UTC)).total_seconds())
        timer["end_at"] = None


st.title("Countdown")
countdown(end_at=timer["end_at"], paused_remaining=timer["paused_remaining"], server_now=datetime.now(UTC),
          key="room-timer", size=params.get("size", "normal"))
left, right = st.columns(2)
left.button("Add 5 minutes", on_click=add_five_minutes, key="add-five")
right.button("Pause", on_click=pause, key="pause")
