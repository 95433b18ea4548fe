"""A German plan's reports are German, whoever reads them: the PDF and the Markdown are built in the plan's
language (not the session's, and not the English of a thread with no session), with German step headings,
the report's own parts in German (cover, summary, sources with our translation note, workshop pages,
page numbers) and dates and numbers as German writes them. English plans report as before
(tests/test_report_*.py)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from canvas_core.compare import compare
from canvas_core.examples import load_example
from canvas_core.i18n import language, translated
from canvas_core.plan import Plan
from canvas_core.portfolio import step_digest
from canvas_core.report.markdown import build_markdown
from canvas_core.report.naming import report_filename
from canvas_core.report.pdf import build_pdf
from canvas_core.steps import STEPS, STEPS_BY_ID
from tests.english_left import english_left
from tests.test_report_workshop import clock, ran, stores  # noqa: F401 (fixtures: a room run on the plan)
from ui import report_exports

TODAY = date(2026, 12, 2)
NOTE = ("Die Übersetzung der Titel, Fragen und Beispiele stammt von uns (ML Canvas Studio) und steht unter "
        "derselben Lizenz; das veröffentlichte Canvas ist auf Englisch.")


def german(plan: Plan | None = None) -> Plan:
    plan = plan or load_example("support_mail_triage")
    plan.meta.language = "de"
    return plan


def de(message: str) -> str:
    found = translated(message, "de")
    assert found != message or message in ("ML Canvas", "MLOps Stack"), f"no German for {message!r}"
    return found


@pytest.fixture(scope="module")
def markdown() -> str:
    with language("en"):  # a reader in English: the report is still in the plan's language
        return build_markdown(german(), today=TODAY)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    with language("en"):
        return build_pdf(german(), today=TODAY)


def part(markdown: str, start: str, end: str | None = None) -> str:
    begin = markdown.index(start)
    return markdown[begin:markdown.index(end, begin) if end else None]


# --- Markdown ---------------------------------------------------------------------------------


def test_the_markdown_of_a_german_plan_has_german_step_headings(markdown):
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert "## Kosten" in headings
    for step in STEPS:
        title = de(step.title)
        if step.canvas_id is None:  # a canvas step is headed by its canvas, titled by the canvas itself
            assert f"## {title}" in headings, (step.id, headings)
        assert f"| {title} |" in markdown or step.id == "review"  # the completeness table names every step
    assert not {"## Costs", "## Workflow integration", "## Data landscape", "## Review & report"} & set(headings)


def test_the_reports_own_parts_are_german(markdown):
    cover = part(markdown, "# ", "## ")
    assert "Bericht zum ML-Plan · Iteration 2 · 02.12.2026" in cover
    assert "Zuletzt geändert am 20.03.2026 · Beträge in EUR" in cover and "**Team:**" in cover
    summary = part(markdown, "## Zusammenfassung für Entscheider", "\n## ")
    for heading in ("### Urteil: Erst überarbeiten", "### Gründe für das Urteil (3)",
                    "### Stimmigkeit zwischen den Canvases (0)", "### Signale", "### Kennzahlen",
                    "### Offene Fragen (8)", "### Vollständigkeit"):
        assert heading in summary
    assert "**Abhilfe:** Klären Sie die 2 Gründe der Stufe „Erst überarbeiten“ unten." in summary
    assert "| Kennzahl | Wert |" in summary and "| Schritt | Vollständig |" in summary
    assert "| Einmalige Kosten (erwartet) | 223.300 EUR |" in summary
    assert "| Eingesparte Stunden pro Jahr in der gewählten Aufgabe | 8.640 |" in summary
    assert "| Kosten | 100\u00a0% |" in summary
    assert "Zu beheben in Einbindung in den Arbeitsablauf" in summary
    own = [line for line in (cover + summary).splitlines() if line.startswith("#") or line.startswith("| ")]
    own += [line for line in summary.splitlines() if line.startswith(("**Abhilfe", "Von der Moderation"))]
    assert len(own) > 25
    assert not english_left(own, german())
    for english in ("Executive summary", "Key figures", "Reasons for the verdict", "What would change it",
                    "Last changed", "ML plan report", "Completeness"):
        assert english not in markdown


def test_the_sources_are_german_and_say_the_translation_is_ours(markdown):
    sources = part(markdown, "## Quellen, Lizenzen und Namensnennungen")
    assert sources.count(NOTE) == 3  # after each canvas's attribution, which stays as published
    assert "Louis Dorard" in sources and "CC BY-SA 4.0" in sources and "von Goku Mohandas" in sources
    assert "**Datenlandschaft**: Bild und Verzeichnis der Datenlandschaft" in sources
    assert "folgen „MLOps: Phase Zero“ von INNOQ auf ml-ops.org. Quelle: <https://ml-ops.org/content/phase-zero>" \
           in sources
    last = sources.rstrip().splitlines()[-1]
    assert last.startswith("Blocktitel und Raster sind wie veröffentlicht") and not english_left([last], german())


def test_an_english_plan_is_reported_in_english_whatever_the_readers_language():
    with language("de"):
        text = build_markdown(load_example("support_mail_triage"), today=TODAY)
    assert "## Executive summary" in text and "## Costs" in text and "ML plan report · iteration 2 · 2026-12-02" in text
    assert "Zusammenfassung" not in text and "## Kosten" not in text and NOTE not in text


def test_the_export_buttons_build_a_german_plan_in_german_on_a_thread_with_no_session():
    plan = german()
    shown = report_exports.frozen(plan)
    text = report_exports._build_markdown(shown)  # no session, no language block: the plan's language
    assert "## Zusammenfassung für Entscheider" in text and "## Kosten" in text
    assert "Zusammenfassung für Entscheider" in first_page(report_exports._build_pdf(shown, "A4"))


def test_a_failed_build_is_told_in_the_readers_language():
    failures: dict[str, str] = {}
    with pytest.raises(RuntimeError):
        report_exports.guarded_build("Markdown export", lambda: (_ for _ in ()).throw(RuntimeError("boom")),
                                     failures, "de")
    assert failures == {"Markdown export": "Der Markdown-Export konnte nicht erstellt werden (RuntimeError: boom). "
                                           "Ihr Plan ist unverändert; die anderen Exporte funktionieren weiterhin."}


def test_a_german_report_keeps_the_language_neutral_file_name():
    day = date(2026, 11, 23)
    assert report_filename(german(), "pdf", day) == "support-mail-triage-report-2026-11-23.pdf"
    assert report_filename(german(), "md", day) == report_filename(load_example("support_mail_triage"), "md", day)


def test_a_workshop_run_on_a_german_plan_is_reported_in_german(ran):  # noqa: F811 (the fixture)
    plan, record = ran
    german(plan)
    with language("en"):
        text = build_markdown(plan, today=TODAY, workshops=[record])
    room = part(text, "\n## Workshop", "\n## Quellen")
    assert "**Wann:** 10.03.2026, 09:00–09:47 UTC (47 Min.)" in room
    assert "**Teilgenommen:** 3 Personen" in room
    assert "**Geschriebene Notizen:** 4: 1 übernommen, 2 zusammengeführt, 1 verworfen" in room
    assert "| Schritt | Geplant (Min.) | Gebraucht (Min.) |" in room and "| Produktbrief | 15 | 12 |" in room
    assert "| Notiz | Punkte | Geschrieben zu |" in room and "### In den Plan übernommen" in room
    assert "nicht erreicht" in room and "**Summe**" in room
    with language("en"):
        pages = read_pages(build_pdf(plan, today=TODAY, workshops=[record]))
    workshop = next(page for page in pages if page.startswith("Workshop"))
    for words in ("Wann:", "Teilgenommen:", "Agenda und gebrauchte Zeit", "Notizen mit den meisten Punkten",
                  "Geplant (Min.)", "In den Plan übernommen"):
        assert words in workshop


# --- PDF --------------------------------------------------------------------------------------


FOOTER = re.compile(r"Seite (\d+) von (\d+)")


def read_pages(pdf: bytes) -> list[str]:
    """Every page's text; each page carries its German page number ("Seite 3 von 21")."""
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Seite {number} von {total}" in text and f"page {number} of" not in text, text[-80:]
        pages.append(text)
    return pages


def first_page(pdf: bytes) -> str:
    return "\n".join(read_pages(pdf)[:2])


def test_the_pdf_of_a_german_plan_has_a_german_cover_summary_and_sources(pdf):
    pages = read_pages(pdf)
    cover, summary, sources = pages[0], pages[1], pages[-1]
    for words in ("ML-Projektplan", "Support mail triage", "Iteration 2", "Datum des Berichts 02.12.2026",
                  "Plan zuletzt geändert 20.03.2026", "Dieser Bericht zeigt jeden Schritt des Plans",
                  "Quellen, Lizenzen und Namensnennungen stehen auf der letzten Seite."):
        assert words in cover.replace("\n", " "), words
    assert "Support mail triage · Iteration 2" in cover  # the footer
    for words in ("Zusammenfassung für Entscheider", "Urteil: Erst überarbeiten", "Gründe für das Urteil (3)",
                  "Zu beheben in"):
        assert words in summary.replace("\n", " "), words
    text = " ".join(page.replace("\n", " ") for page in pages)
    for words in ("Signale der Vorprüfung", "Kennzahlen", "Einmalige Kosten (erwartet)", "223.300 EUR",
                  "Vollständigkeit nach Schritt", "Offene Fragen (8)"):
        assert words in text, words
    assert "Quellen, Lizenzen und Namensnennungen" in sources or "Quellen, Lizenzen" in pages[-2]
    back = " ".join(page.replace("\n", " ") for page in pages[-2:])
    for words in ("Autoren:", "Lizenz:", "Quelle:", "Namensnennung:", "Übersetzung:", "Schrift",
                  "Bericht erstellt mit ML Canvas Studio."):
        assert words in back, words
    assert re.sub(r"\s+", " ", NOTE) in re.sub(r"\s+", " ", back.replace("- ", "-"))
    for english in ("Executive summary", "Key figures", "Report date", "Sources, licences", "page 1 of"):
        assert english not in text, english


def test_the_pdf_of_a_german_plan_has_german_step_headings(pdf):
    starts = [page.splitlines()[0] for page in read_pages(pdf)]
    for step_id in ("workflow", "costs", "data_landscape", "review"):
        assert de(STEPS_BY_ID[step_id].title) in starts, (step_id, starts)


def test_the_pdf_metadata_is_german(pdf):
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta.subject == "ML-Projektplan: Support mail triage"


# --- iterations and portfolio: in the reader's language ----------------------------------------


def test_compare_and_portfolio_texts_follow_the_language(specs):
    old = load_example("support_mail_triage")
    new = old.model_copy(deep=True)
    new.costs.horizon_years = 5
    new.canvas("ml_canvas").block("decisions").notes.clear()
    with language("de"):
        result = compare(old, new, specs)
        digest = step_digest(german(old.model_copy(deep=True)), STEPS_BY_ID["costs"])
    assert [change.step for change in result.other] == ["Kosten"]
    [block] = result.blocks
    assert block.canvas == "ML Canvas" and block.removed
    assert digest[0] == "Einmalig: 223.300 EUR" and digest[2].startswith("Gesamtkosten über 3 Jahre: ")
    with language("en"):
        assert compare(old, new, specs).other[0].step == "Costs"


def test_every_step_digest_of_a_german_plan_reads_german():
    plan = german()
    with language("de"):
        digests = {step.id: step_digest(plan, step) for step in STEPS}
    assert digests["workflow"][0].startswith("Prozess: ") and digests["workflow"][-1].startswith("Reife: ")
    # each status as "<label>: <count>" (German keeps the label's capital; the labels are the step's own)
    assert re.fullmatch(r"12 Datenbestände: [^:]+: 5, [^:]+: 4, [^:]+: 2, [^:]+: 1", digests["data_landscape"][0])
    assert digests["review"][0] == "Urteil (berechnet): Erst überarbeiten"
    assert digests["costs"][-1].startswith("Wert der eingesparten Stunden: ")


def test_the_command_line_writes_a_german_plans_report_in_german(tmp_path):
    from canvas_core.transfer import export_plan
    from tests.test_report_cli import cli

    path = tmp_path / "plan.json"
    path.write_bytes(export_plan(german()))
    done = cli(path, "--format", "md", "-o", "-")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert "## Zusammenfassung für Entscheider" in text and "## Kosten" in text and "· Iteration 2 ·" in text
