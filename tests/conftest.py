"""Shared fixtures: the shipped canvases and the worked example."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from canvas_core.examples import load_example  # noqa: E402
from canvas_core.specs import canvases  # noqa: E402

EXAMPLE_ID = "support_mail_triage"


@pytest.fixture(scope="session")
def specs():
    return canvases()


@pytest.fixture
def example_plan():
    return load_example(EXAMPLE_ID)
