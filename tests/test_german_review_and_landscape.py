"""The data landscape and the review step of a German plan read German: the pages (verdict,
reasons, consistency warnings, findings, labels), the Markdown and PDF sections, and the
screening's texts. A rule's message keeps what the user typed exactly as typed, and the cached
rules file keeps the English the catalogue is keyed by."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from reportlab.platypus import Paragraph

from canvas_core import levels
from canvas_core.canvas import editing
from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example
from canvas_core.i18n import language
from canvas_core.plan import DataAsset, Plan
from canvas_core.report.context import ReportContext
from canvas_core.report.document import Geometry
from canvas_core.steps import STEPS_BY_ID
from canvas_core.steps.data_landscape import markdown as landscape_markdown
from canvas_core.steps.data_landscape import pdf as landscape_pdf
from canvas_core.steps.data_landscape import rules as landscape
from canvas_core.steps.review import markdown as review_markdown
from canvas_core.steps.review import pdf as review_pdf
from canvas_core.steps.review.consistency import consistency_warnings
from canvas_core.steps.review.screening import rules_file, screen
from canvas_core.steps.review.signals import screening_signals
from tests.app_driver import open_page, run

TYPED = "Kundendaten <2024> & *alt*"  # user text with markup characters: shown exactly as typed


def german_plan() -> Plan:
    plan = load_example("support_mail_triage").as_new()
    plan.meta.language = "de"
    return plan


def with_problems(plan: Plan) -> Plan:
    """A missing asset nobody plans to get (a redesign reason quoting its name) and serving modes that differ."""
    plan.data_landscape.assets.append(DataAsset(name=TYPED, status="missing", uses=["feature"],
                                                at_prediction_time=True, owner="IT", location="CRM"))
    editing.set_block_field(plan, canvases()["mlops_stack"], "prediction_serving", "serving_mode", "streaming")
    return plan


def paragraphs(flowables) -> str:
    """The text of every paragraph, also those kept together."""
    found = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            found.append(flowable.text)
        elif isinstance(getattr(flowable, "_content", None), list):
            found.append(paragraphs(flowable._content))
    return "\n".join(found)


# --- the screening, the consistency warnings and the signals -------------------------------------------


def test_a_rule_message_keeps_the_typed_answer_inside_the_german_sentence():
    plan = with_problems(german_plan())
    with language("de"):
        reason = next(r for r in screen(plan).reasons if r.rule.id == "required-data-missing")
        assert reason.step_title == "Datenlandschaft"
    assert reason.message == f"Benötigt, aber fehlend, ohne Plan zur Beschaffung: {TYPED}."
    assert reason.rule.title == "Benötigte Daten fehlen, und niemand plant ihre Beschaffung"
    assert reason.rule.fix.startswith("Sagen Sie, wer jeden Datenbestand bis wann erstellt oder kauft")
    assert reason.rule.answer == "Datenlandschaft › Status, Plan zur Beschaffung"
    # The published title of the cited work stays, the words around it are German.
    assert reason.source.title.startswith("Google, Managing ML Projects: Machbarkeit")
    english = next(r for r in screen(plan).reasons if r.rule.id == "required-data-missing")
    assert english.message == f"Required but missing, with no plan to get it: {TYPED}."


def test_the_cached_rules_stay_english_whatever_language_screened_first():
    plan = with_problems(german_plan())
    with language("de"):
        german = screen(plan)
    english = screen(plan)
    assert rules_file().rules[0].title == "Wrong predictions cannot be tolerated"
    assert [r.rule.id for r in german.reasons] == [r.rule.id for r in english.reasons]
    assert german.verdict == english.verdict
    assert {r.rule.title for r in german.reasons}.isdisjoint({r.rule.title for r in english.reasons})


def test_verdicts_and_levels_have_their_german_words():
    with language("de"):
        assert [levels.verdict_word(v) for v in ("go", "go_with_conditions", "redesign", "no_go")] == [
            "Weiter zum POC", "Weiter mit Auflagen", "Erst überarbeiten", "No-Go"]
        assert [levels.rule_level_word(v) for v in ("condition", "note", "redesign", "no-go")] == [
            "Auflage", "Hinweis", "Überarbeiten", "No-Go"]
        assert levels.word("amber") == "Gelb"
    assert levels.verdict_word("go") == "Go to POC" and levels.word("amber") == "Amber"
    assert [levels.rule_level_word(v) for v in ("condition", "note", "redesign", "no-go")] == [
        "Condition", "Note", "Redesign first", "No-go"]


def test_consistency_warnings_and_signals_are_german_and_quote_the_answers():
    plan = with_problems(german_plan())
    with language("de"):
        [warning] = consistency_warnings(plan)
        signals = {s.name: s for s in screening_signals(plan)}
    assert warning.id == "serving_mode_differs"
    assert "unterscheidet sich zwischen den Canvases" in warning.message
    assert warning.fix.startswith("Klären Sie mit dem Team, welche Angabe stimmt")
    assert warning.sides[0].step == "ML Canvas"
    data = signals["Datenlandschaft"]
    assert data.summary.endswith(").") and "Befund" in data.summary
    assert any(TYPED in reason for reason in data.reasons)


def test_findings_and_the_paid_by_column_are_german():
    plan = with_problems(german_plan())
    plan.data_landscape.assets.append(DataAsset(name="Wetterdienst", acquisition="paid"))
    with language("de"):
        found = {f.kind: f for f in landscape.findings(plan)}
        paid = landscape.paid_by(plan, plan.data_landscape.assets[-1])
    assert found["missing"].title == "Benötigte Daten fehlen (1)"
    assert found["missing"].detail.startswith(f"Benötigt, aber noch nicht vorhanden: {TYPED} (als Merkmal).")
    assert found["unpaid"].title == "Kostenpflichtige Daten ohne Kostenzeile"
    assert paid == "noch keine Kostenzeile"
    assert landscape.paid_by(plan, plan.data_landscape.assets[-1]) == landscape.NO_COST_LINE  # English outside


# --- the Markdown and PDF sections --------------------------------------------------------------------


def test_the_markdown_sections_of_a_german_plan_are_german():
    plan = with_problems(german_plan())
    plan.review.facilitator_note = "Bitte vor Juni klären."
    with language("de"):
        landscape_md = "\n".join(landscape_markdown.section(plan, STEPS_BY_ID["data_landscape"]))
        review_md = "\n".join(review_markdown.section(plan, STEPS_BY_ID["review"]))
    assert landscape_md.startswith("## Datenlandschaft")
    assert "| Datenbestand | Status | Weitergabe | Herkunft | Personenbezogene Daten |" in landscape_md
    assert "### Befunde" in landscape_md and "### Datenbestände im Einzelnen" in landscape_md
    assert "**Rot: Benötigte Daten fehlen (1).**" in landscape_md
    assert "- **Zuständig:** IT" in landscape_md
    assert "Findings" not in landscape_md and "Owner" not in landscape_md
    assert review_md.startswith("## Prüfung & Bericht")
    assert "### Offene Fragen des Teams" in review_md
    assert "**Notiz der Moderation:** Bitte vor Juni klären." in review_md


def test_the_pdf_sections_of_a_german_plan_are_german():
    plan = with_problems(german_plan())
    ctx = ReportContext(plan, Geometry.for_size("A4"), "2", date(2026, 1, 2))
    with language("de"):
        landscape_text = paragraphs(landscape_pdf.section(ctx, STEPS_BY_ID["data_landscape"]))
        review_text = paragraphs(review_pdf.section(ctx, STEPS_BY_ID["review"]))
    for german in ("Datenlandschaft", "Befunde", "Datenverzeichnis", "Ringe von innen nach außen",
                   "Benötigte Daten fehlen (1)", "(rot)"):
        assert german in landscape_text, german
    assert "Findings" not in landscape_text and "Data inventory" not in landscape_text
    assert "Prüfung &amp; Bericht" in review_text and "Offene Fragen des Teams" in review_text
    assert "Notiz der Moderation" in review_text


def test_the_german_inventory_table_of_the_pdf_has_german_headings_and_labels():
    plan = with_problems(german_plan())
    ctx = ReportContext(plan, Geometry.for_size("A4"), "2", date(2026, 1, 2))
    with language("de"):
        table = landscape_pdf._inventory(ctx, plan.data_landscape.assets)
    cells = [c.text for row in table._cellvalues for c in row if isinstance(c, Paragraph)]
    assert "Datenbestand" in cells and "Kosten / Jahr" in cells
    assert any(c.startswith("Benötigt, aber fehlend") for c in cells)


# --- the pages ----------------------------------------------------------------------------------------


def test_a_german_plans_review_page_shows_verdict_reasons_and_warnings_in_german():
    plan = with_problems(german_plan())
    with language("de"):
        verdict = levels.verdict_word(screen(plan).verdict)
    at = open_page(plan, "pages/review.py")
    alerts = [a.value for a in [*at.error, *at.warning, *at.success]]
    assert f"**Urteil: {verdict}**" in alerts
    subheaders = [s.value for s in at.subheader]
    assert "Das Urteil der Vorprüfung vor dem POC" in subheaders
    assert any(s.startswith("Gründe (") for s in subheaders)
    assert "Stimmigkeit zwischen den Canvases (1)" in subheaders
    texts = [t.value for t in at.text]
    assert f"Benötigt, aber fehlend, ohne Plan zur Beschaffung: {TYPED}." in texts  # the typed name, as typed
    assert any("unterscheidet sich zwischen den Canvases" in t for t in texts)
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Abhilfe: Sagen Sie, wer jeden Datenbestand") for c in captions)
    assert any(c.startswith("Behebung: Klären Sie mit dem Team") for c in captions)
    markdown = " ".join(m.value for m in at.markdown)
    assert "Benötigte Daten fehlen, und niemand plant ihre Beschaffung" in markdown
    assert "**Abhilfe:**" in markdown
    assert at.button(key="verdict-accept").label == f"Übernehmen: {verdict}"


def test_accepting_and_overriding_on_a_german_page_says_so_in_german():
    plan = german_plan()
    at = open_page(plan, "pages/review.py")
    with language("de"):  # AppTest formats the options in the test's own thread: in the page's language
        at = run(at.button(key="verdict-accept").click())
    assert any(t.value.startswith("Übernommen") and "UTC" in t.value for t in at.text)
    choice = at.selectbox(key="verdict-override-choice")
    assert choice.options[-1] == "No-Go"  # the labels are German, the values ids
    with language("de"):
        choice.set_value("no_go")
        at.text_area(key="verdict-override-reason").input("Zu riskant")
        at = run(at.button(key="verdict-override-submit").click())
    overridden = next(t.value for t in at.text if t.value.startswith("Übergangen"))
    assert "das Team entschied No-Go." in overridden and overridden.endswith("Begründung: Zu riskant")
    assert at.session_state["open_plan"].plan.review.decision.verdict == "no_go"  # stored as the id


def test_a_german_plans_data_landscape_page_is_german_and_adds_an_asset():
    plan = with_problems(german_plan())
    at = open_page(plan, "pages/data_landscape.py")
    assert {m.label for m in at.metric} >= {"Datenbestände", "Vorhanden", "Fehlend", "Offene Fragen",
                                             "Personenbezogene Daten"}
    assert "Befunde" in [s.value for s in at.subheader]
    assert any("Benötigte Daten fehlen (1)" in m.value for m in at.markdown)
    assert any(t.value.startswith(f"Benötigt, aber noch nicht vorhanden: {TYPED}") for t in at.text)
    at = run(at.button(key="landscape-add").click())
    assert at.text_input(key="landscape-new-name").label == "Datenbestand"
    ring = at.selectbox(key="landscape-new-sharing")
    assert ring.options == ["Nur bei uns", "Mit Partnern geteilt", "Öffentlich"]
    with language("de"):  # AppTest formats the options in the test's own thread
        at.text_input(key="landscape-new-name").input("Wartungsprotokolle")
        ring.set_value("shared")
        at.text_input(key="landscape-new-yearly_cost").input("1.200,50")
        at = run(at.button(key="landscape-add-submit").click())
    added = at.session_state["open_plan"].plan.data_landscape.assets[-1]
    assert (added.name, added.sharing, added.yearly_cost) == ("Wartungsprotokolle", "shared", Decimal("1200.50"))


def test_the_inventory_shows_german_headings_and_labels_and_keeps_its_tab_when_the_language_changes():
    plan = load_example("support_mail_triage").as_new()  # an English plan, read by a German speaker
    at = open_page(plan, "pages/data_landscape.py")
    at.session_state["landscape-section"] = "Inventory"
    at.session_state["landscape-section-open"] = 1
    at = run(at)
    assert len(at.dataframe) == 1
    with language("de"):
        at.selectbox(key="ui-language").set_value("de")
        at = run(at)
    assert at.session_state["landscape-section"] == "Verzeichnis"  # the same tab, in the new words
    [table] = at.dataframe
    columns = json.loads(table.proto.columns)
    assert columns["Asset"]["label"] == "Datenbestand"  # the column keeps its id, its heading is German
    assert columns["Paid by (cost line)"]["label"] == "Bezahlt über (Kostenzeile)"
    ring = {o["value"]: o["label"] for o in columns["Ring"]["type_config"]["options"]}
    assert ring == {"private": "Nur bei uns", "shared": "Mit Partnern geteilt", "public": "Öffentlich"}
    assert "Eine Zeile je Datenbestand." in " ".join(c.value for c in at.caption)
