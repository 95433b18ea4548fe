"""The costs and workflow steps of a German plan: their pages read German and write numbers with a
decimal comma (and read them back as typed), their Markdown and PDF sections are German, and a value
typed but not yet saved survives switching the app's language."""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from canvas_core.canvas.editing import EditError
from canvas_core.examples import load_example
from canvas_core.i18n import language
from canvas_core.plan import Plan
from canvas_core.steps import STEPS_BY_ID
from canvas_core.steps.costs import edits as cost_edits
from canvas_core.steps.costs import markdown as costs_markdown
from canvas_core.steps.workflow import markdown as workflow_markdown
from tests.app_driver import error_messages, open_page, run, stored
from tests.english_left import _plain, _strings, english_left, user_texts

SWITCH = "ui-language"
# German money as the plan writes it: grouped with dots, the currency after the amount.
GERMAN_MONEY = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d{2})? EUR$")


def german(example_id: str = "support_mail_triage") -> Plan:
    plan = load_example(example_id).as_new()
    plan.meta.language = "de"
    return plan


def main_texts(at: AppTest) -> list[str]:
    """What a person reads in the page's own area (the sidebar belongs to the app's frame)."""
    texts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ListFields"):
            _strings(proto, texts)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    # The process chart travels as Mermaid source: its class names and colours are ids, not words; its
    # text alternative and the task names are read.
    return [_mermaid_words(t) if t.lstrip("`").startswith("mermaid") else t for t in texts]


def _mermaid_words(source: str) -> str:
    keep = [line for line in source.splitlines() if "stAlt" in line or '["' in line]
    return "\n".join(keep)


def english_in(texts: list[str], plan: Plan) -> list[str]:
    """English left in `texts`, the plan's own text taken out first (a line's item may contain a word that
    is also a canvas title, "Monitoring and weekly report review"), and a Markdown report's Mermaid
    source read for its words only."""
    user = [typed for typed in user_texts(plan) if len(typed) > 3]  # not "de" out of "den"

    def cleaned(text: str) -> str:
        text = re.sub(r"```+mermaid\n.*?\n```+", lambda m: _mermaid_words(m.group(0)), text, flags=re.S)
        text = _plain(text)  # Markdown as read: the plan's text escaped in it is found as typed
        for typed in user:
            text = text.replace(typed, " ")
        return text

    return english_left([cleaned(t) for t in texts], plan)


def open_section(at: AppTest, number: int) -> AppTest:
    from ui.steps.workflow import SECTION_KEY, SECTIONS

    at.session_state[SECTION_KEY] = SECTIONS[number - 1]
    return run(at)


# --- the pages ------------------------------------------------------------------------------


def test_the_costs_page_of_a_german_plan_reads_german_with_german_numbers():
    plan = german()
    at = open_page(plan, "pages/costs.py")
    assert at.title[0].value == "3. Kosten"
    left = english_in(main_texts(at), plan)
    assert not left, "\n".join(left)
    figures = {m.label: m.value for m in at.metric}
    assert set(figures) >= {"Einmalig", "Laufend pro Jahr", "Jährlicher Nutzen für den Break-even"}
    assert all(GERMAN_MONEY.match(value) for value in figures.values()), figures
    # The grid shows every number as the plan writes it; its columns keep their ids.
    [grid] = at.dataframe
    staff = grid.value[grid.value["Category"] == "staff"].iloc[0]
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}", staff["Rate expected"]), staff["Rate expected"]
    assert "," in grid.value["People"].str.cat() or "." not in grid.value["People"].str.cat()
    # The tables under the charts and the charts themselves: grouped with dots, a decimal comma.
    tables = "\n".join(m.value for m in at.main.markdown if m.value.startswith("| "))
    assert "Anteil an der Summe" in tables and re.search(r"\d\.\d{3}\u00a0EUR", tables)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert [s["layout"]["separators"] for s in specs] == [",.", ",."]
    assert specs[0]["layout"]["title"]["text"] == "Einmalige und laufende Kosten nach Kategorie (erwartet)"


def test_the_costs_page_of_an_english_plan_keeps_english_numbers():
    at = open_page(load_example("support_mail_triage").as_new(), "pages/costs.py")
    assert at.title[0].value == "3. Costs"
    assert all(value.startswith("EUR ") for value in (m.value for m in at.metric))
    assert [json.loads(c.proto.spec)["layout"]["separators"] for c in at.get("plotly_chart")] == [".,", ".,"]


def test_the_add_a_line_form_of_a_german_plan_takes_a_decimal_comma():
    plan = german()
    plan.costs.lines = []
    at = open_page(plan, "pages/costs.py")
    run(at.selectbox(key="cost-new-category").set_value("staff"))
    assert at.text_input(key="cost-new-people").label == "Personen"
    assert at.text_input(key="cost-new-monthly-rate-low").placeholder == "z. B. 8.000"
    at.text_input(key="cost-new-label").input("Datenengineer")
    for key, text in (("people", "0,5"), ("months", "4"), ("monthly-rate-low", "9.000"),
                      ("monthly-rate-expected", "10.000,50"), ("monthly-rate-high", "11000")):
        at.text_input(key=f"cost-new-{key}").input(text)
    run(at.button(key="cost-new-add").click())
    [line] = stored(at).costs.lines
    assert (line.people, line.rate_expected, line.expected) == (Decimal("0.5"), Decimal("10000.50"), Decimal("20001"))
    [grid] = at.dataframe
    assert (grid.value.iloc[0]["People"], grid.value.iloc[0]["Expected"]) == ("0,5", "20.001,00")


def test_a_refusal_on_the_german_costs_page_is_german():
    plan = german()
    plan.costs.lines = []
    at = open_page(plan, "pages/costs.py")
    run(at.selectbox(key="cost-new-category").set_value("infrastructure"))
    at.text_input(key="cost-new-label").input("GPU")
    for key, text in (("low", "1.5"), ("expected", "2"), ("high", "3")):
        at.text_input(key=f"cost-new-{key}").input(text)
    run(at.button(key="cost-new-add").click())
    assert stored(at).costs.lines == []
    [error] = error_messages(at)
    assert error == "Neue Zeile, Niedrig: „1.5“ ist in einem deutschen Plan keine Zahl (gemeint ist wohl 1,5). " \
                    "Es wurde nichts hinzugefügt."


def test_the_german_grid_reads_a_decimal_comma_and_refuses_in_german():
    plan = german()
    ids = [line.id for line in plan.costs.lines]
    staff = next(i for i, line in enumerate(plan.costs.lines) if line.category == "staff")
    with language("de"):
        cost_edits.apply_line_edits(plan, ids, {"edited_rows": {staff: {"People": "0,5"}}})
        assert plan.costs.lines[staff].people == Decimal("0.5")
        with pytest.raises(EditError) as refused:
            cost_edits.apply_line_edits(plan, ids, {"edited_rows": {staff: {"Months": "12.5"}}})
    assert str(refused.value).startswith(f"Zeile {staff + 1}, Monate: „12.5“ ist in einem deutschen Plan keine Zahl")
    assert str(refused.value).endswith("Die letzten gültigen Werte wurden beibehalten.")


@pytest.mark.parametrize("section", [1, 2, 3, 4])
def test_every_section_of_the_workflow_page_of_a_german_plan_reads_german(section):
    plan = german()
    at = open_section(open_page(plan, "pages/workflow.py"), section)
    assert at.title[0].value == "2. Einbindung in den Arbeitsablauf"
    left = english_in(main_texts(at), plan)
    assert not left, "\n".join(left)


def test_the_german_workflow_candidates_show_german_numbers():
    plan = german()
    at = open_section(open_page(plan, "pages/workflow.py"), 2)
    candidates = next(d.value for d in at.dataframe if "Score" in d.value.columns)
    assert any("," in score for score in candidates["Score"]), list(candidates["Score"])
    assert not any("." in score for score in candidates["Score"])


# --- switching the language keeps what was typed ---------------------------------------------


def test_a_value_typed_on_the_costs_page_survives_switching_the_language():
    plan = german()
    at = open_page(plan, "pages/costs.py")
    assert at.selectbox(key=SWITCH).value == "de"
    run(at.selectbox(key="cost-new-category").set_value("staff"))
    # Typed, sent with the form and refused (no months yet): not saved, kept in the fields to correct.
    at.text_input(key="cost-new-label").input("Datenengineer")
    at.text_input(key="cost-new-people").input("0,5")
    at = run(at.button(key="cost-new-add").click())
    assert error_messages(at) and stored(at).costs.lines == plan.costs.lines
    german_id = at.text_input(key="cost-new-people").id
    at = run(at.selectbox(key=SWITCH).set_value("en"))
    people = at.text_input(key="cost-new-people")
    assert (people.label, people.value) == ("People", "0,5")
    # The field is the same widget in either language (its id derives from its key, not its label), so a
    # browser keeps what is typed into a form not yet sent as well.
    assert people.id == german_id
    assert at.text_input(key="cost-new-label").value == "Datenengineer"
    assert at.selectbox(key="cost-new-category").value == "staff"
    assert at.title[0].value == "3. Costs"
    # Numbers stay the plan's: a German plan writes them with a decimal comma in either language.
    assert all(GERMAN_MONEY.match(m.value) for m in at.metric)
    at = run(at.selectbox(key=SWITCH).set_value("de"))
    assert (at.text_input(key="cost-new-people").label, at.text_input(key="cost-new-people").value) == ("Personen",
                                                                                                      "0,5")
    assert stored(at).costs.lines == plan.costs.lines  # nothing was added on the way


def test_the_open_workflow_section_survives_switching_the_language():
    from ui.steps.workflow import SECTION_KEY

    at = open_section(open_page(german(), "pages/workflow.py"), 3)
    assert at.session_state[SECTION_KEY] == "3 · Wie sie sich in die Arbeit einfügt"
    at = run(at.selectbox(key=SWITCH).set_value("en"))
    assert at.session_state[SECTION_KEY] == "3 · How it fits the work"
    assert "Previous steps" in [t.label for t in at.text_area]


# --- the reports --------------------------------------------------------------------------


def test_the_markdown_sections_of_a_german_plan_are_german():
    plan = german()
    with language("de"):
        costs_text = "\n".join(costs_markdown.section(plan, STEPS_BY_ID["costs"]))
        workflow_text = "\n".join(workflow_markdown.section(plan, STEPS_BY_ID["workflow"]))
    assert costs_text.startswith("## Kosten\n")
    for heading in ("### Summen", "### Nach Kategorie", "### Kumulierte Kosten nach Jahr", "### Kostenzeilen"):
        assert heading in costs_text
    assert "| Kategorie | Art | Niedrig | Erwartet | Hoch |" in costs_text
    assert "Personal" in costs_text and "einmalig" in costs_text and "pro Jahr" in costs_text
    assert re.search(r"\d\.\d{3} EUR", costs_text) and "Personen × " in costs_text
    assert workflow_text.startswith("## Einbindung in den Arbeitsablauf\n")
    for text in ("### Der Prozess, Aufgabe für Aufgabe", "### Merkmale des Anwendungsfalls",
                 "**Nutzung des Modells:**", "| Aufgabe | Wer | Eingabe |"):
        assert text in workflow_text
    left = english_in([costs_text, workflow_text], plan)
    assert not left, "\n".join(left)


def test_the_pdf_sections_of_a_german_plan_are_german():
    from canvas_core.report.pdf import build_pdf

    plan = german()
    with language("de"):
        pdf = build_pdf(plan)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for label in ("Kosten", "Kostenzeilen", "Gesamtbetriebskosten über", "Kosten nach Kategorie",
                  "Kumulierte Kosten über", "Einbindung in den Arbeitsablauf", "Wie sich die Vorhersage einfügt",
                  "Merkmale des Anwendungsfalls", "Gründe gegen ML", "Die gewählte Aufgabe"):
        assert label in text, label
    assert re.search(r"\d\.\d{3} EUR", text)


def test_the_german_task_table_reads_a_decimal_comma_and_refuses_in_german():
    from canvas_core.steps.workflow import edits as workflow_edits

    plan = german()
    ids = [task.id for task in plan.workflow.tasks]
    with language("de"):
        workflow_edits.apply_table_edits(plan, ids, {"edited_rows": {1: {"Minutes per case": "0,25"}}})
        assert plan.workflow.tasks[1].minutes_per_case == Decimal("0.25")
        with pytest.raises(EditError) as refused:
            workflow_edits.apply_table_edits(plan, ids, {"edited_rows": {1: {"Cases per month": "1,5"}}})
        assert str(refused.value) == ("Zeile 2, Fälle pro Monat: „1,5“ ist keine ganze Zahl. "
                                      "Die letzten gültigen Werte wurden beibehalten.")
        with pytest.raises(EditError) as unnamed:
            workflow_edits.apply_table_edits(plan, ids, {"edited_rows": {1: {"Task": " "}}})
        assert str(unnamed.value) == "Zeile 2: Jede Aufgabe braucht einen Namen. Die Zeile wurde nicht gespeichert."
