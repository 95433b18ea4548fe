"""Shared fixtures: the shipped canvases and the worked example."""

from __future__ import annotations

import pytest

from canvas_core.examples import load_example
from canvas_core.specs import canvases

EXAMPLE_ID = "support_mail_triage"


@pytest.fixture(scope="session")
def specs():
    return canvases()


@pytest.fixture
def example_plan():
    return load_example(EXAMPLE_ID)
