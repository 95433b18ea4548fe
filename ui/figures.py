"""Plotly figures kept for one session.

Building a figure validates every attribute and costs about as much as the rest
of a page, so a rerun that did not change a figure's data reuses it. The figure
object is mutable, so it is kept in this session only (one per figure name),
never in a process-wide cache shared by every session and thread.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import streamlit as st

_KEY = "_figures"


def session_figure(name: str, build: Callable[..., Any], *data: Hashable) -> Any:
    """`build(*data)`, or the figure this session built last time for `name` from equal data."""
    held: dict[str, tuple[tuple, Any]] = st.session_state.setdefault(_KEY, {})
    if name not in held or held[name][0] != data:
        held[name] = (data, build(*data))
    return held[name][1]
