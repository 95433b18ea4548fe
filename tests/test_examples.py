"""Every worked example in data/examples: it loads, comes back unchanged from its own JSON export,
builds both reports, and lands on the verdict it is there to show. Together the examples show at
least three of the four verdicts, so a team can see what each looks like. The German worked example is
the support mail triage in German: the same plan, every typed text translated, nothing else changed."""

from __future__ import annotations

import re

import pytest

from canvas_core import transfer
from canvas_core.canvas.specs import canvases
from canvas_core.examples import EXAMPLES_DIR, FIRST_EXAMPLE, FIRST_EXAMPLES, example_names, load_example
from canvas_core.i18n import _, language
from canvas_core.levels import VERDICT_WORDS
from canvas_core.report.markdown import build_markdown
from canvas_core.report.pdf import build_pdf
from canvas_core.steps import completeness_by_step
from canvas_core.steps.review.consistency import consistency_warnings
from canvas_core.steps.review.screening import screen
from tests.app_driver import open_app, run
from tests.english_left import _WORD, ALLOWED_PHRASES, ENGLISH
from ui.navigation import ALL_PAGES

# The verdict each example is meant to land on. A new example file declares its verdict here.
EXPECTED_VERDICTS = {
    "support_mail_triage": "redesign",
    "predictive_maintenance_pumps": "go_with_conditions",
    "automated_credit_decisions": "no_go",
    "kundenmails_triage": "redesign",
}
EXAMPLE_FILES = sorted(path.stem for path in EXAMPLES_DIR.glob("*.json"))


def test_every_example_file_declares_the_verdict_it_is_meant_to_show():
    assert set(EXAMPLE_FILES) == set(EXPECTED_VERDICTS)


def test_together_the_examples_show_at_least_three_verdicts():
    assert len(set(EXPECTED_VERDICTS.values())) >= 3


def test_the_first_worked_example_is_the_one_home_offers_first():
    assert next(iter(example_names())) == FIRST_EXAMPLE
    assert sorted(example_names()) == EXAMPLE_FILES


def test_a_german_session_lists_the_german_example_first():
    german = example_names("de")
    assert next(iter(german)) == FIRST_EXAMPLES["de"] == "kundenmails_triage"
    assert sorted(german) == EXAMPLE_FILES
    assert list(example_names("de-AT")) == list(german)
    assert next(iter(example_names("en"))) == FIRST_EXAMPLE == "support_mail_triage"
    with language("de"):  # without an argument: the language the person reads
        assert list(example_names()) == list(german)
    assert list(example_names()) == list(example_names("en"))


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
    if plan.meta.language == "en":
        assert f"Verdict: {VERDICT_WORDS[EXPECTED_VERDICTS[stem]]}" in markdown
    else:  # the report is written in the plan's language
        with language(plan.meta.language):
            assert _(VERDICT_WORDS[EXPECTED_VERDICTS[stem]]) in markdown


@pytest.mark.parametrize("stem", EXAMPLE_FILES)
def test_every_page_opens_with_the_example(stem):
    plan = load_example(stem)
    at = open_app(plan)
    # AppTest words a choice's options in the test's own thread: in the language the page speaks.
    with language(plan.meta.language):
        for page in ALL_PAGES:
            run(at.switch_page(page.script))


def test_examples_have_their_own_ids():
    ids = [load_example(stem).id for stem in EXAMPLE_FILES]
    assert len(set(ids)) == len(ids) and all(i.startswith("example") for i in ids)


# --- the German worked example ------------------------------------------------------

GERMAN, ENGLISH_ORIGINAL = "kundenmails_triage", "support_mail_triage"
# Where a value is an id, a stored choice, a date or a number: the same in every language.
FIXED = {"id", "created_at", "updated_at", "at", "author", "topic", "status", "category", "source_asset_id",
         "sharing", "acquisition", "personal_data", "covers", "wrong_prediction_cost", "chosen_task_id", "value",
         "wrong_predictions_intolerable", "low_expected_return", "nobody_to_maintain", "computed", "verdict",
         "date", "currency", "language", "leads_to", "kinds", "uses",
         *(field.id for spec in canvases().values()
           for field in (*spec.fields, *(f for block in spec.blocks for f in block.fields)) if field.kind == "choice")}
# Names that stay in any language: the tools the MLOps Stack names, people, products, places.
PROPER_NAMES = ("DVC", "MLflow", "GitLab CI", "Airflow", "Docker", "Argo CD", "FastAPI", "Evidently", "Hugging Face",
                "Northwind Mutual", "Data Scientist", "Data-Engineering", "Data Engineer", "Data Warehouse", "Open-Data")
GERMAN_WORDS = {"was"}  # German words spelt like an English one ("was beim Eingang bekannt ist")


def _pairs(english, german, path=()):
    """Every value of the English example beside the German one at the same place."""
    if isinstance(english, dict):
        assert english.keys() == german.keys(), path
        for key in english:
            yield from _pairs(english[key], german[key], (*path, key))
    elif isinstance(english, list):
        assert len(english) == len(german), path
        for index, (a, b) in enumerate(zip(english, german, strict=True)):
            yield from _pairs(a, b, (*path, index))
    else:
        yield path, english, german


def _is_fixed(path) -> bool:
    return any(isinstance(part, str) and part in FIXED for part in path)


def _only_names(text: str) -> bool:
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return not text.strip(" ,")


def _typed_texts(plan) -> list[str]:
    pairs = _pairs(load_example(ENGLISH_ORIGINAL).model_dump(), plan.model_dump())
    return [german for path, _english, german in pairs if isinstance(german, str) and german and not _is_fixed(path)]


def test_the_german_example_is_written_in_german():
    plan = load_example(GERMAN)
    assert plan.meta.language == "de" and plan.meta.currency == "EUR"
    assert plan.meta.name == "Triage eingehender Kundenmails"


def test_the_german_example_is_the_english_one_with_every_typed_text_translated():
    english, german = load_example(ENGLISH_ORIGINAL), load_example(GERMAN)
    copied, changed = [], []
    for path, a, b in _pairs(english.model_dump(), german.model_dump()):
        if path in {("id",), ("meta", "language")}:
            continue
        if isinstance(a, str) and a and not _is_fixed(path):
            if a == b and not _only_names(a):  # a translation, not a copy (a tool's name stays)
                copied.append((path, a))
        elif a != b:  # ids, choices, dates, numbers, flags: exactly as in the English plan
            changed.append((path, a, b))
    assert not copied, copied[:10]
    assert not changed, changed[:10]
    assert german.id != english.id


def test_the_german_example_has_no_english_sentence():
    found = []
    for text in _typed_texts(load_example(GERMAN)):
        plain = re.sub(r"\S+@\S*|`[^`]*`|^\([a-z]\) ", " ", text)  # addresses, table names, "(a) " items
        for name in (*PROPER_NAMES, *ALLOWED_PHRASES):
            plain = plain.replace(name, " ")
        words = {word.lower() for word in _WORD.findall(plain)
                 if not word.isupper() and word.lower() not in GERMAN_WORDS}  # acronyms: IT, SLA, CRM
        if words & ENGLISH:
            found.append(f"{text[:80]!r} {sorted(words & ENGLISH)}")
    assert not found, found


def test_the_german_example_is_as_complete_and_screens_like_the_english_one():
    english, german = load_example(ENGLISH_ORIGINAL), load_example(GERMAN)
    assert completeness_by_step(german) == completeness_by_step(english)
    assert all(share == 1.0 for share in completeness_by_step(german).values())
    screened, original = screen(german), screen(english)
    assert screened.verdict == original.verdict
    assert [r.rule.id for r in screened.reasons] == [r.rule.id for r in original.reasons]
    assert [w.id for w in consistency_warnings(german)] == [w.id for w in consistency_warnings(english)]
