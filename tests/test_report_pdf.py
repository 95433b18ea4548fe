"""The PDF report, read back the way a stakeholder's viewer reads it: text, fonts, pages, metadata."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from canvas_core.canvas.specs import canvases
from canvas_core.plan import (
    MAX_NOTE_CHARS,
    CostLine,
    DataAsset,
    Note,
    Plan,
    WorkflowTask,
)
from canvas_core.report.pdf import build_pdf
from canvas_core.report.text import REPLACEMENT
from canvas_core.steps.costs.rules import COVERS_LABELS, format_money

BASE_14 = {"Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
           "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
           "Times-BoldItalic", "Symbol", "ZapfDingbats"}
MARKUP_LIKE = ["<b>not bold</b>", '<img src="http://127.0.0.1:9/x.png"/>', "0.1 <A <0.9", "S&P 500", "&amp;",
               "<font color=red>x</font>", "a < b > c & d", "<br/>", "]]> <![CDATA[", "&#169; &lt;"]


# --- reading a PDF back ----------------------------------------------------------------------


def _squash(text: str) -> str:
    """Whitespace removed: lines wrap anywhere in a block or a table cell."""
    return re.sub(r"\s+", "", text)


def read_pages(pdf: bytes) -> list[str]:
    """Text of every page with the footer (plan name, page N of M, in English or German) taken off, so a note that runs
    over a page break reads as one piece."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        markers = [m for m in (f"page {number} of {total}", f"Seite {number} von {total}") if m in text]
        assert markers, f"page {number} has no page number"
        cut = text.rfind(markers[0])
        footer_start = text.rfind("\n", 0, cut - 1)
        pages.append(text[:max(footer_start, 0)] if footer_start > 0 else text[:cut])
    return pages


def read_text(pdf: bytes) -> str:
    return "\n".join(read_pages(pdf))


def contains(haystack: str, typed: str) -> bool:
    return _squash(typed) in _squash(haystack)


@pytest.fixture(scope="module")
def example_pdf():
    from canvas_core.examples import load_example

    return build_pdf(load_example("support_mail_triage"))


@pytest.fixture(scope="module")
def example_text(example_pdf):
    return read_text(example_pdf)


# --- the worked example: nothing typed is missing ---------------------------------------------


def test_every_note_of_every_block_of_the_worked_example_appears(example_plan, example_text):
    missing = [(cid, bid, n.text[:60]) for cid, content in example_plan.canvases.items()
               for bid, block in content.blocks.items() for n in block.notes if not contains(example_text, n.text)]
    assert missing == []
    assert sum(len(b.notes) for c in example_plan.canvases.values() for b in c.blocks.values()) > 100


def test_every_other_answer_of_the_worked_example_appears(example_plan, example_text):
    plan = example_plan
    typed = [plan.meta.name, plan.meta.team, plan.meta.designed_for, plan.workflow.process_name,
             plan.review.facilitator_note, *plan.review.open_questions]
    for content in plan.canvases.values():
        typed += list(content.fields.values())
        typed += [value for block in content.blocks.values() for value in block.fields.values()]
    for task in plan.workflow.tasks:
        typed += [task.name, task.actor, task.input, task.output, task.pain]
    integ = plan.workflow.integration
    typed += [getattr(integ, f).text for f in ("previous_steps", "use_of_model", "desired_outcome", "who_acts",
                                               "fallback", "systems", "feedback")]
    typed += [plan.workflow.judgement, integ.feedback.unclear_what]
    assert plan.workflow.judgement and integ.feedback.unclear_what, "the example says both"
    ch = plan.workflow.characteristics
    typed += [ch.data_availability.note, ch.accuracy_requirement.note, ch.problem_difficulty.note, ch.reasons_note]
    typed += [v for line in plan.costs.lines for v in (line.label, line.note)]
    typed += [v for a in plan.data_landscape.assets
              for v in (a.name, a.description, a.contents, a.owner, a.location, a.volume, a.refresh, a.use,
                        a.legal_basis, a.acquisition_plan)]
    missing = [t[:60] for t in typed if t.strip() and not contains(example_text, t)]
    assert missing == []


def test_the_twin_answers_and_what_each_cost_line_covers_are_printed(example_pdf, example_plan):
    pages = read_pages(example_pdf)
    ml_canvas = next(p for p in pages if p.startswith("Machine Learning Canvas"))
    assert contains(ml_canvas, "Serving mode: real time") and contains(ml_canvas, "Retraining frequency: monthly")
    assert contains(ml_canvas, "Monitoring planned: yes")
    text = _squash(read_text(example_pdf))
    assert _squash("Line Covers People × months Low Expected High") in text
    covered = [line for line in example_plan.costs.lines if line.covers]
    assert len(covered) == 6
    for line in covered:  # the line, its note, then what it covers, then its amounts
        row = (line.label + ("[assumption]" if line.assumption else "") + line.note + COVERS_LABELS[line.covers]
               + format_money(line.low, "EUR", "en"))
        assert _squash(row) in text, line.label


def test_a_staff_line_with_rates_prints_people_months_and_rates_beside_its_amounts(example_text):
    assert contains(example_text, "Product owner 0.3 people × 6 months × monthly rate EUR 9,000 / EUR 10,000 / "
                                  "EUR 11,500 (low / expected / high)")
    assert contains(example_text, "0.3 × 6 EUR 16,200 EUR 18,000 EUR 20,700")


def test_the_judgement_and_what_is_unclear_are_printed_with_the_integration(example_text):
    assert contains(example_text, "The human judgement the prediction supports: Which team handles a customer mail")
    assert contains(example_text, "[marked unclear] Unclear: Whether the ticket system vendor can add the button")


def test_the_worked_example_prices_the_hours_saved_and_names_the_line_paying_for_its_data(example_text):
    assert contains(example_text, "The chosen task saves about 8,640 hours a year; at EUR 38.00 an hour that is "
                                  "EUR 328,320 a year, more than the EUR 155,893 a year needed to break even.")
    assert contains(example_text, "Paid by: Postal address reference data licence (per year)")


def test_cover_footer_and_metadata(example_pdf, example_plan):
    reader = PdfReader(io.BytesIO(example_pdf))
    meta = reader.metadata
    assert meta.title == "Support mail triage"
    assert meta.author == example_plan.meta.team
    assert "Support mail triage" in meta.subject
    first = reader.pages[0].extract_text()
    assert "Support mail triage" in first and "Iteration" in first and example_plan.meta.team[:20] in first
    total = len(reader.pages)
    assert 10 <= total <= 40
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"page {number} of {total}" in text and "Support mail triage · iteration 2" in text


def test_executive_summary_and_sources_page(example_text):
    assert "Executive summary" in example_text and "Workflow integration readiness" in example_text
    assert "Open questions" in example_text and "Completeness by step" in example_text
    for spec in canvases().values():
        assert contains(example_text, spec.attribution)
        assert spec.licence_url in example_text
    assert "inspired by the Data Landscape Canvas by Datentreiber" in re.sub(r"\s+", " ", example_text)
    assert "DejaVu Sans" in example_text


def _fonts(pdf: bytes) -> list[tuple[str, bool]]:
    """(base font name, embedded) of every font any page or form uses."""
    reader = PdfReader(io.BytesIO(pdf))
    found = {}

    def visit(resources):
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return sorted(found.items())


def test_every_font_is_embedded_and_none_is_base_14(example_pdf):
    fonts = _fonts(example_pdf)
    assert fonts, "no fonts found"
    assert all(embedded for _, embedded in fonts), fonts
    names = {name.lstrip("/").split("+")[-1] for name, _ in fonts}
    assert not names & BASE_14
    assert names <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_pdffonts_agrees(example_pdf, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(example_pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert name.split("+")[-1] not in BASE_14


# --- odd text -------------------------------------------------------------------------------------


def _plan_with(texts: list[str]) -> Plan:
    """A plan that carries each text in many places: name, notes, tasks, costs, data, review."""
    plan = Plan()
    plan.meta.name = texts[0][:300]
    plan.meta.team = texts[-1][:300]
    specs = list(canvases().values())
    for i, text in enumerate(texts):
        spec = specs[i % len(specs)]
        block = spec.blocks[i % len(spec.blocks)]
        topic = block.subitems[0].id if block.subitems else None
        plan.canvas(spec.id).block(block.id).notes.append(Note(text=text, topic=topic))
    short = [t[:300] for t in texts]
    plan.workflow.tasks = [WorkflowTask(name=t, pain=t) for t in short]
    plan.workflow.chosen_task_id = plan.workflow.tasks[0].id
    plan.workflow.tasks[0].leads_to = [t.id for t in plan.workflow.tasks[1:3]]
    plan.costs.lines = [CostLine(category="staff", label=t, note=t, expected=Decimal(10), high=Decimal(20))
                        for t in short]
    plan.data_landscape.assets = [DataAsset(name=t, description=t, use=t, status="question") for t in short]
    plan.review.open_questions = list(texts)
    return plan


def test_markup_like_text_appears_literally_and_is_never_interpreted():
    text = read_text(build_pdf(_plan_with(MARKUP_LIKE)))
    for typed in MARKUP_LIKE:
        assert contains(text, typed), typed
    assert "S&P; 500" not in text


def test_greek_and_cyrillic_render_as_typed():
    typed = ["Ζημιά οχήματος: αυτοκίνητο", "Заявка на страховое возмещение", "Ärger über Öl: straße, ČŘŽ ø"]
    pdf = build_pdf(_plan_with(typed))
    text = read_text(pdf)
    for t in typed:
        assert contains(text, t), t
    assert all(embedded for _, embedded in _fonts(pdf))


def test_emoji_and_cjk_never_crash_and_show_a_visible_replacement():
    typed = ["Claims 理赔 team 🦜 ok", "Routing 😀 works", "zero\u200bwidth and e\u0301 and ctrl\x07char"]
    text = read_text(build_pdf(_plan_with(typed)))
    assert contains(text, f"Claims {REPLACEMENT}{REPLACEMENT} team {REPLACEMENT} ok")
    assert contains(text, "Routing") and contains(text, "works")
    assert contains(text, "ctrl") and contains(text, "char")


# A text alphabet the bundled font shows: Latin, Greek, Cyrillic, digits and markup characters.
SHOWABLE = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), include_characters="<>&\"'/;#=",
                         exclude_characters="\u00ad\u2028\u2029", max_codepoint=0x04FF).filter(
    lambda c: c.isprintable() and not ("\u0250" <= c <= "\u036f"))
TEXTS = st.one_of(st.sampled_from(MARKUP_LIKE), st.text(SHOWABLE, min_size=1, max_size=120)).filter(
    lambda t: t.strip())


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXTS, min_size=1, max_size=6))
def test_any_plan_with_adversarial_text_builds_and_shows_that_text(texts):
    text = read_text(build_pdf(_plan_with(texts)))
    for typed in texts:
        assert contains(text, typed), typed


def test_a_20000_character_block_builds_and_loses_nothing():
    chunk = MAX_NOTE_CHARS - 1000
    notes = [f"Note {k}: " + " ".join(f"word{k}x{i}" for i in range(chunk))[:chunk] for k in range(5)]
    assert sum(map(len, notes)) >= 20_000
    plan = Plan()
    for n in notes:
        plan.canvas("ml_canvas").block("features").notes.append(Note(text=n))
    text = read_text(build_pdf(plan))
    for n in notes:
        assert contains(text, n)
    assert "continued on page" in text


# --- pages -------------------------------------------------------------------------------------


def test_letter_is_letter_and_a4_is_a4(example_plan):
    for size, (w, h) in (("letter", (612, 792)), ("A4", (595.28, 841.89))):
        reader = PdfReader(io.BytesIO(build_pdf(example_plan, page_size=size)))
        first = reader.pages[0].mediabox
        assert (round(float(first.width), 1), round(float(first.height), 1)) == (round(w, 1), round(h, 1))
        shapes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
        assert shapes == {(round(w), round(h)), (round(h), round(w))}


def test_unknown_page_size_is_refused(example_plan):
    with pytest.raises(ValueError):
        build_pdf(example_plan, page_size="A3")


def test_every_canvas_is_on_a_landscape_page(example_pdf):
    reader = PdfReader(io.BytesIO(example_pdf))
    for spec in canvases().values():
        credit = f"{spec.title} v{spec.version} by"
        header = f"{spec.header.shown()[0][1]}:"  # the first of the plan's details, under the canvas's name
        pages = [p for p in reader.pages if credit in p.extract_text() and header in p.extract_text()]
        assert len(pages) == 1, spec.id
        assert pages[0].mediabox.width > pages[0].mediabox.height


def test_an_empty_plan_builds():
    text = read_text(build_pdf(Plan()))
    assert "Untitled plan" in text and "Sources, licences and attributions" in text
    assert "Left empty" in text


def test_an_iteration_label_is_printed_on_cover_and_footer(example_plan):
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        build_pdf(example_plan, iteration="3: after the <first> workshop"))).pages)
    assert "3: after the <first> workshop" in text
    assert "Support mail triage · iteration 3: after the <first> workshop" in text


# --- what the page looks like -----------------------------------------------------------------


def _gray(pdf: bytes, page: int, tmp_path, dpi: int = 30) -> tuple[int, int, bytes]:
    """Render one page with pdftoppm to an 8-bit grey image (PGM): width, height, pixels."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(path), str(out)], check=True)
    data = (tmp_path / "page.pgm").read_bytes()
    magic, width, height, maxval, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
    return int(width), int(height), pixels


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_the_ml_canvas_page_renders_with_text_in_every_column(example_pdf, tmp_path):
    reader = PdfReader(io.BytesIO(example_pdf))
    number = next(i for i, p in enumerate(reader.pages, start=1) if "Machine Learning Canvas v1.1 by" in p.extract_text())
    path = tmp_path / "r.pdf"
    path.write_bytes(example_pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", str(number), "-l", str(number), "-singlefile", str(path),
                    str(tmp_path / "canvas")], check=True)
    png = (tmp_path / "canvas.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    width, height, pixels = _gray(example_pdf, number, tmp_path, dpi=50)
    assert width > height
    # The grid spans the page below the header: each of its five columns holds ink (block text).
    top, bottom = int(height * 0.2), int(height * 0.85)
    for column in range(5):
        left = int(width * (0.04 + 0.92 * column / 5)) + 3
        right = int(width * (0.04 + 0.92 * (column + 1) / 5)) - 3
        ink = sum(1 for y in range(top, bottom) for x in range(left, right) if pixels[y * width + x] < 160)
        # An empty canvas (titles, borders, "Left empty") stays under 500 dark pixels per column.
        assert ink > 1200, f"column {column + 1} of the ML Canvas looks empty"


def _last_body_run(page) -> tuple[str, str, float]:
    """(text, font, size) of the last text drawn above the footer: what a reader sees last on the page."""
    runs: list[tuple[str, str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font:
            y = (tm[5] * cm[3] + cm[5]) if cm else tm[5]
            runs.append((text.strip(), str(font.get("/BaseFont", "")), size * (tm[3] or 1), y))

    page.extract_text(visitor_text=visit)
    body = [r for r in runs if r[3] > 40]  # the footer sits 6 mm from the edge
    lowest = min(body, key=lambda r: r[3])
    return lowest[0], lowest[1], lowest[2]


def test_no_page_ends_with_a_heading_left_alone(example_pdf):
    from canvas_core.report.text import styles

    heading_sizes = {styles().h2.fontSize, styles().h3.fontSize}
    for number, page in enumerate(PdfReader(io.BytesIO(example_pdf)).pages, start=1):
        text, font, size = _last_body_run(page)
        assert not ("Bold" in font and round(size, 1) in heading_sizes), f"page {number} ends with heading {text!r}"


def test_the_executive_summary_opens_with_the_verdict_its_reasons_and_the_consistency_checks(example_plan):
    from canvas_core.steps.review import edits

    edits.override_verdict(example_plan, "redesign", "go_with_conditions", "Gold set & labels <bought>", "Dana")
    reader = PdfReader(io.BytesIO(build_pdf(example_plan)))
    summary = reader.pages[1].extract_text()
    assert summary.index("Executive summary") < summary.index("Verdict: Go with conditions")
    assert "the screening said Redesign first" in summary and "Gold set & labels <bought>" in summary
    assert "Reasons for the verdict" in summary and "Consistency between canvases" in summary


def test_a_block_without_a_number_prints_no_number(example_text):
    # The MLOps Stack's dilemmas block is not numbered in the published canvas nor in the app.
    assert contains(example_text, "MLOps Dilemmas")
    assert "0MLOpsDilemmas" not in _squash(example_text)
    assert contains(example_text, "1 Value Proposition")  # the numbered blocks keep theirs
