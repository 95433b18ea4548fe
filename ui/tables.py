"""Data editors that show the plan's rows.

An editor must never get its own output back as input (every second edit
would be lost), so after a delta is applied to the plan the editor gets a new
key and shows the plan afresh. Editors of one group share the generation.
"""

from __future__ import annotations

from typing import Any

import streamlit as st


def editor_key(group: str, name: str) -> str:
    return f"{name}-{st.session_state.get(f'{group}-generation', 0)}"


def renew(group: str) -> None:
    """Show every editor of `group` afresh on the next render."""
    st.session_state[f"{group}-generation"] = st.session_state.get(f"{group}-generation", 0) + 1


def cell(value: Any) -> Any:
    """A plan value as a table cell: Decimals as floats, lists as lists of strings."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return float(value) if hasattr(value, "as_tuple") else value
