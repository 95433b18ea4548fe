"""Every worked example in data/examples: it loads, comes back unchanged from its own JSON export,
builds both reports, and lands on the verdict it is there to show. Together the examples show at
least three of the four verdicts, so a team can see what each looks like."""

from __future__ import annotations

import pytest

from canvas_core import transfer
from canvas_core.examples import EXAMPLES_DIR, FIRST_EXAMPLE, example_names, load_example
from canvas_core.levels import VERDICT_WORDS
from canvas_core.report.markdown import build_markdown
from canvas_core.report.pdf import build_pdf
from canvas_core.steps.review.screening import screen
from tests.app_driver import open_app, run
from ui.navigation import ALL_PAGES

# The verdict each example is meant to land on. A new example file declares its verdict here.
EXPECTED_VERDICTS = {
    "support_mail_triage": "redesign",
    "predictive_maintenance_pumps": "go_with_conditions",
    "automated_credit_decisions": "no_go",
}
EXAMPLE_FILES = sorted(path.stem for path in EXAMPLES_DIR.glob("*.json"))


def test_every_example_file_declares_the_verdict_it_is_meant_to_show():
    assert set(EXAMPLE_FILES) == set(EXPECTED_VERDICTS)


def test_together_the_examples_show_at_least_three_verdicts():
    assert len(set(EXPECTED_VERDICTS.values())) >= 3


def test_the_first_worked_example_is_the_one_home_offers_first():
    assert next(iter(example_names())) == FIRST_EXAMPLE
    assert sorted(example_names()) == EXAMPLE_FILES


@pytest.mark.parametrize("stem", EXAMPLE_FILES)
def test_example_lands_on_its_verdict(stem):
    screening = screen(load_example(stem))
    assert screening.verdict == EXPECTED_VERDICTS[stem], [r.rule.id for r in screening.reasons]


@pytest.mark.parametrize("stem", EXAMPLE_FILES)
def test_example_comes_back_from_its_json_export(stem):
    plan = load_example(stem)
    imported = transfer.import_plan(transfer.export_plan(plan))
    # An import is a new plan (its own id and time of change); everything else is the example.
    assert imported.id != plan.id
    same = {"id": True, "meta": {"updated_at"}}
    assert imported.model_dump(exclude=same) == plan.model_dump(exclude=same)
    assert screen(imported).verdict == EXPECTED_VERDICTS[stem]


@pytest.mark.parametrize("stem", EXAMPLE_FILES)
def test_example_builds_both_reports(stem):
    plan = load_example(stem)
    assert build_pdf(plan).startswith(b"%PDF")
    markdown = build_markdown(plan)
    assert plan.meta.name in markdown
    assert f"Verdict: {VERDICT_WORDS[EXPECTED_VERDICTS[stem]]}" in markdown


@pytest.mark.parametrize("stem", EXAMPLE_FILES)
def test_every_page_opens_with_the_example(stem):
    at = open_app(load_example(stem))
    for page in ALL_PAGES:
        run(at.switch_page(page.script))


def test_examples_have_their_own_ids():
    ids = [load_example(stem).id for stem in EXAMPLE_FILES]
    assert len(set(ids)) == len(ids) and all(i.startswith("example") for i in ids)
