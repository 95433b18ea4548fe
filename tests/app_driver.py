"""Driving the app through its entry point with AppTest, as the page tests do."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(target) -> AppTest:
    """Run the app (`target` is the AppTest or a widget just changed) and check for exceptions."""
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
