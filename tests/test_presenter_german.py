"""The presenter of a German plan reads German: block titles are our translation with the published
English title beside it, the prompts and the bar are German. And every text of the MLOps Stack
Canvas (titles, prompts, examples, labels, help, options) and of the presenter has a German
translation in the catalogue, keeping its placeholders."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file

from canvas_core.canvas.specs import canvases
from canvas_core.canvas.titles import shown_title
from canvas_core.examples import load_example
from canvas_core.i18n import catalogue, language
from canvas_core.i18n.extract import KEYWORDS, OPTIONS_MAP, ROOT, extract_toml, placeholders
from canvas_core.plan import Plan
from tests.app_driver import run
from tests.test_presenter_page import present, texts

MLOPS = "data/canvases/mlops_stack.toml"
PRESENTER_FILES = ("ui/presenter.py", "pages/presenter.py")


def german(plan: Plan) -> Plan:
    plan = plan.as_new()
    plan.meta.language = "de"
    return plan


def test_the_whole_canvas_of_a_german_plan_shows_german_titles_beside_the_published_ones():
    spec = canvases()["mlops_stack"]
    at = present(german(load_example("support_mail_triage")), canvas="mlops_stack")
    shown = [m.value for m in at.markdown]
    assert "**2 · Datenquellen & Datenversionierung (Data Sources & Data Versioning)**" in shown
    assert "**MLOps-Dilemmata (MLOps Dilemmas)**" in shown  # block 0 has no number
    for block in spec.blocks:
        with language("de"):
            title = shown_title(block.title)
        assert title != block.title and title.endswith(f" ({block.title})")
        assert any(m.endswith(f"{title}**") for m in shown), block.id
    assert at.button(key="present-blocks").label == "Block für Block"
    assert "Schließen: zurück zu MLOps Stack" in [link.proto.label for link in at.main.get("page_link")]


def test_one_block_of_a_german_plan_shows_its_german_title_and_first_prompt():
    order = canvases()["mlops_stack"].blocks_in_reading_order
    at = present(german(Plan()), canvas="mlops_stack", block="data_sources_versioning")
    assert at.title[0].value == "2 · Datenquellen & Datenversionierung (Data Sources & Data Versioning)"
    assert at.caption[0].value == ("Noch nichts notiert. Welche Daten gehören uns, und welche stammen aus "
                                   "öffentlichen, bezahlten oder Partnerquellen? Wo liegen sie?")
    assert any(m.value == f"**2 von {len(order)}**" for m in at.markdown)
    assert [at.button(key=k).label for k in ("present-whole", "present-previous", "present-next")] == [
        "Ganzes Canvas", "Zurück", "Weiter"]
    run(at.button(key="present-next").click())
    third = order[2]
    assert at.query_params["block"] == third.id  # the same ids whatever the language
    with language("de"):
        assert at.title[0].value == f"{third.number} · {shown_title(third.title)}"
    assert "Noch nichts notiert." in at.caption[0].value


def test_an_english_plan_still_shows_the_published_titles_alone():
    at = present(load_example("support_mail_triage").as_new(), canvas="mlops_stack")
    shown = [m.value for m in at.markdown]
    assert "**2 · Data Sources & Data Versioning**" in shown
    assert at.button(key="present-blocks").label == "One block at a time"
    assert "Datenquellen" not in texts(at)


def messages() -> list[tuple[str, str]]:
    """Every message of the MLOps Stack Canvas file and of the presenter, with where it is."""
    found = [(message, MLOPS) for _line, message, _comments, _context in
             extract_from_file(extract_toml, str(ROOT / MLOPS), options=OPTIONS_MAP["data/canvases/*.toml"])]
    for path in PRESENTER_FILES:
        for _line, message, _comments, _context in extract_from_file("python", str(ROOT / path), KEYWORDS):
            found += [(m, path) for m in (message if isinstance(message, tuple) else (message,)) if m]
    return found


def test_the_files_have_messages_to_translate():
    found = messages()
    assert sum(1 for _m, path in found if path == MLOPS) > 100
    assert sum(1 for _m, path in found if path == "ui/presenter.py") >= 8
    assert all(Path(ROOT / path).exists() for path in PRESENTER_FILES)


def test_every_mlops_stack_and_presenter_text_has_a_translation_with_its_placeholders():
    german_texts = catalogue("de").singular
    missing = [f"{path}: {message!r}" for message, path in messages() if not german_texts.get(message)]
    assert not missing, "\n".join(missing)
    changed = [message for message, _path in messages() if placeholders(german_texts[message]) != placeholders(message)]
    assert not changed, changed
