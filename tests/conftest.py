"""Shared fixtures: the shipped canvases and the worked example."""

from __future__ import annotations

import pytest

from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example

EXAMPLE_ID = "support_mail_triage"


@pytest.fixture(scope="session")
def specs():
    return canvases()


@pytest.fixture
def example_plan():
    return load_example(EXAMPLE_ID)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own plan store (an SQLite file in a fresh directory)."""
    monkeypatch.setenv("MLCS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MLCS_DATABASE_URL", raising=False)
    return tmp_path / "data"
