"""Every page of a German plan reads German: what is left once the plan's own text is taken out
has no English word and no message left untranslated (tests/english_left.py); the English plan
reads as before."""

from __future__ import annotations

import pytest

from canvas_core.examples import load_example
from tests.app_driver import open_app, run
from tests.english_left import english_left, page_texts
from ui.navigation import ALL_PAGES, HOME, ROOM, ROOM_SCREEN

# The room pages are reached by a room's code, not the plan's link: tests/test_workshop_pages.py
# walks them in German.
PLAN_PAGES = [page for page in ALL_PAGES if page not in (ROOM, ROOM_SCREEN)]


def german(example_id: str):
    """A German plan: the German worked example, or an English one whose language is set to German
    (its English notes are user text and stay; everything around them must be German)."""
    plan = load_example(example_id).as_new()
    plan.meta.language = "de"
    return plan


@pytest.mark.parametrize("example_id", ["kundenmails_triage", "predictive_maintenance_pumps"])
@pytest.mark.parametrize("info", PLAN_PAGES, ids=lambda p: p.step_id)
def test_every_page_of_a_german_plan_reads_german(info, example_id):
    plan = german(example_id)
    at = open_app(plan)
    if info is not HOME:
        at = run(at.switch_page(info.script))
    left = english_left(page_texts(at), plan)
    assert not left, f"{len(left)} texts still English on {info.step_id}: " + "\n".join(left[:40])


@pytest.mark.parametrize("info", [HOME, *(p for p in PLAN_PAGES if p.step_id in ("costs", "review"))],
                         ids=lambda p: p.step_id)
def test_the_walk_finds_english_on_the_pages_of_an_english_plan(info):
    """The detector is not blind: the same pages of an English plan are found English."""
    plan = load_example("support_mail_triage").as_new()
    at = open_app(plan)
    if info is not HOME:
        at = run(at.switch_page(info.script))
    assert len(english_left(page_texts(at), plan)) >= 10
