"""The canvases in German: titles with the published English title beside them, prompts, examples,
field labels and options, the PDF page and the Markdown section; typed values survive a switch of
the app's language. The English canvases read as before."""

from __future__ import annotations

import pytest

from canvas_core.canvas import editing
from canvas_core.canvas.markdown import canvas_section
from canvas_core.canvas.parts import split_part
from canvas_core.canvas.specs import canvases
from canvas_core.canvas.titles import attribution, shown_title, status_label, translation_note
from canvas_core.i18n import language
from canvas_core.plan import Note, NoteStatus, Plan
from tests.app_driver import error_messages, open_app, run


def german_plan() -> Plan:
    plan = Plan()
    plan.meta.name = "Mail-Triage"
    plan.meta.language = "de"
    return plan


def texts(at) -> list[str]:
    return ([b.label for b in at.button] + [c.value for c in at.caption] + [m.value for m in at.markdown]
            + [t.value for t in at.title])


# --- titles ------------------------------------------------------------------------------------


def test_a_title_in_german_keeps_the_published_one_beside_it():
    with language("de"):
        assert shown_title("Prediction Task") == "Vorhersageaufgabe (Prediction Task)"
        assert shown_title("Machine Learning Canvas") == "Machine Learning Canvas"  # kept as published
        assert canvases()["ml_canvas"].block("prediction_task").heading == "2 · Vorhersageaufgabe (Prediction Task)"
        assert status_label(NoteStatus.MISSING) == "fehlt"
        assert translation_note().startswith("Die Übersetzung")
        assert attribution(canvases()["ml_canvas"].attribution).endswith(translation_note())
    assert shown_title("Prediction Task") == "Prediction Task"
    assert canvases()["ml_canvas"].block("prediction_task").heading == "2 · Prediction Task"
    assert translation_note() == ""
    assert attribution(canvases()["ml_canvas"].attribution) == canvases()["ml_canvas"].attribution


def test_every_text_of_the_two_canvases_has_a_german_translation():
    from canvas_core.i18n import catalogue

    german = catalogue("de").singular
    for canvas_id in ("product_brief", "ml_canvas"):
        spec = canvases()[canvas_id]
        wanted = [spec.title, spec.short_title, spec.description, spec.attribution, *spec.side_labels.values(),
                  *(label for _fact, label in spec.header.shown())]
        for block in spec.blocks:
            wanted += [block.title, *block.prompts, block.example]
            wanted += [t for sub in block.subitems for t in (sub.title, sub.prompt)]
            wanted += [t for f in block.fields for t in (f.label, f.help, *f.options) if t]
        missing = [text for text in wanted if not german.get(text)]
        assert not missing, (canvas_id, missing[:5])


# --- typed parts and messages ----------------------------------------------------------------


def test_a_part_named_in_german_puts_the_note_there():
    block = canvases()["product_brief"].block("background")
    with language("de"):
        assert split_part(block, "Ziele: jede Mail rechtzeitig beim richtigen Team") == (
            "goals", "jede Mail rechtzeitig beim richtigen Team")
    assert split_part(block, "Goals: each mail on time") == ("goals", "each mail on time")
    assert split_part(block, "Ziele: x") == (None, "Ziele: x")  # English: the German name is no part


def test_an_oversized_note_is_refused_in_german_with_german_numbers():
    plan = german_plan()
    with language("de"), pytest.raises(editing.EditError, match=r"höchstens 5\.000 Zeichen; diese hat 6\.000"):
        editing.add_note(plan, "ml_canvas", "features", "x" * 6000)


# --- Markdown ------------------------------------------------------------------------------------


def _plan_with_answers() -> Plan:
    plan = german_plan()
    editing.add_note(plan, "ml_canvas", "prediction_task", "Mehrklassen-Klassifikation",
                     status=NoteStatus.PLANNED)
    spec = canvases()["ml_canvas"]
    editing.set_block_field(plan, spec, "making_predictions", "serving_mode", "real time")
    plan.canvas("product_brief").block("background").notes.append(Note(text="Verteilstelle", topic="users"))
    return plan


def test_the_markdown_section_of_a_german_canvas_has_german_titles():
    plan = _plan_with_answers()
    with language("de"):
        ml = "\n".join(canvas_section(canvases()["ml_canvas"], plan))
        brief = "\n".join(canvas_section(canvases()["product_brief"], plan))
    assert "## Machine Learning Canvas" in ml
    assert "### 2. Vorhersageaufgabe (Prediction Task)" in ml
    assert "- Mehrklassen-Klassifikation *(geplant)*" in ml
    assert "**Art der Bereitstellung:** Echtzeit" in ml
    assert "*Leer gelassen.*" in ml and "Left empty" not in ml
    assert "## Produktbrief (Canvas von Made With ML)" in brief
    assert "### 1. Hintergrund (Background)" in brief and "#### Nutzende" in brief
    assert "**Produkt:** Mail-Triage" in brief


def test_the_markdown_section_of_an_english_canvas_is_unchanged():
    plan = _plan_with_answers()
    ml = "\n".join(canvas_section(canvases()["ml_canvas"], plan))
    assert "### 2. Prediction Task" in ml and "*(planned)*" in ml and "**Serving mode:** real time" in ml
    assert "*Left empty.*" in ml and "(Prediction Task)" not in ml


# --- the PDF page --------------------------------------------------------------------------------


def test_a_german_canvas_page_in_the_pdf_has_german_titles_and_fits():
    from canvas_core.examples import load_example
    from canvas_core.report.pdf import build_pdf
    from tests.test_report_pdf import read_text

    plan = load_example("support_mail_triage").as_new()
    plan.meta.language = "de"
    with language("de"):
        text = read_text(build_pdf(plan))
    squashed = "".join(text.split())
    for title in ("Vorhersageaufgabe(PredictionTask)", "Nutzenversprechen(ValueProposition)",
                  "Hintergrund(Background)", "Lösung(Solution)", "ZIEL:Inhalt,Zweck,Zielgruppe"):
        assert title in squashed, title
    assert "Die Übersetzung der Titel" in text


# --- the page, the block dialog and the language switch (AppTest) -------------------------------


def test_a_german_canvas_page_shows_german_titles_and_prompts():
    at = run(open_app(german_plan()).switch_page("pages/ml_canvas.py"))
    shown = texts(at)
    assert "Machine Learning Canvas" in [t.value for t in at.title]
    assert "**2 · Vorhersageaufgabe (Prediction Task)**" in shown
    assert "**3 · Entscheidungen (Decisions)**" in shown
    prompt = "Um welche Art von Vorhersage geht es (Klassifikation, Regression, Ranking, ...)?"
    assert prompt in shown
    assert any(t.startswith("Beschreibt, wie ein Vorhersagesystem") for t in shown)
    assert any("Die Übersetzung der Titel" in t for t in shown)
    assert not any("Questions" in t or "What kind of prediction" in t for t in shown)


def test_the_block_dialog_reads_german_and_a_language_switch_keeps_what_was_typed():
    at = run(open_app(german_plan()).switch_page("pages/ml_canvas.py"))
    key = "ml-canvas-making-predictions"
    run(at.button(key=f"open-{key}").click())
    shown = [m.value for m in at.markdown]
    assert "**Zu beantwortende Fragen**" in shown
    assert any("Entstehen Vorhersagen einzeln" in m for m in shown)
    assert [i.value for i in at.info][0].startswith("Nahezu in Echtzeit")
    mode = at.selectbox(key=f"field-{key}-serving-mode")
    assert mode.label == "Art der Bereitstellung"
    assert mode.options == ["nicht entschieden", "Batch", "Echtzeit", "Streaming", "weiß nicht"]
    assert at.text_input(key=f"field-{key}-predictions-per-month").label == "Vorhersagen pro Monat"

    # An answer typed in the dialog as the language is switched: the dialog, opened again, holds it.
    at.text_input(key=f"field-{key}-predictions-per-month").input("Etwa 60.000")
    at.selectbox(key="ui-language").select("en")
    run(at.button(key=f"open-{key}").click())
    assert "**Questions to answer**" in [m.value for m in at.markdown]
    assert at.selectbox(key=f"field-{key}-serving-mode").label == "Serving mode"
    assert at.text_input(key=f"field-{key}-predictions-per-month").value == "Etwa 60.000"


def test_a_refused_note_stays_typed_when_the_language_is_switched():
    at = run(open_app(german_plan()).switch_page("pages/ml_canvas.py"))
    box = "add-ml-canvas-features"
    run(at.text_input(key=box).input("x" * 6000))
    assert any("höchstens 5.000 Zeichen" in m for m in error_messages(at))
    assert at.text_input(key=box).placeholder == "Notiz hinzufügen …"
    run(at.selectbox(key="ui-language").select("en"))
    assert at.text_input(key=box).placeholder == "Add a note…"
    assert at.text_input(key=box).value == "x" * 6000  # typed, never saved, still there
    content = at.session_state["open_plan"].plan.canvases.get("ml_canvas")
    assert content is None or not any(block.notes for block in content.blocks.values())


def test_a_choice_stays_its_english_id_whatever_the_language():
    at = run(open_app(german_plan()).switch_page("pages/ml_canvas.py"))
    key = "ml-canvas-making-predictions"
    run(at.button(key=f"open-{key}").click())
    at.selectbox(key=f"field-{key}-serving-mode").select("real time")
    run(at)
    plan = at.session_state["open_plan"].plan
    assert plan.canvases["ml_canvas"].blocks["making_predictions"].fields == {"serving_mode": "real time"}
    cell = " ".join(t.value for t in at.text)
    assert "Art der Bereitstellung: Echtzeit" in cell and "ENTSCHEIDUNGEN" in cell
