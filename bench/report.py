"""PDF report build time: the worked example and a synthetic plan ten times larger.

Both are measured next to a floor built in the same run: a one-page reportlab
document (one paragraph in the report font), so the ratios say how much the
report costs beyond reportlab itself on this machine. Font registration happens
once per process and is measured separately (the first report a server builds
pays it once).
"""

from __future__ import annotations

import io
import statistics
import time
from dataclasses import dataclass

from canvas_core.examples import load_example
from canvas_core.plan import Plan, new_id
from canvas_core.report import fonts
from canvas_core.report.pdf import build_pdf

EXAMPLE_RUNS = 10
LARGE_RUNS = 3
FLOOR_RUNS = 30
SCALE = 10


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    pages: int


def _median_ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def one_page_document() -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, initialFontName=fonts.REGULAR)
    doc.build([Paragraph("One page, one paragraph.", ParagraphStyle("p", fontName=fonts.REGULAR))])
    return buffer.getvalue()


def larger_plan(scale: int = SCALE) -> Plan:
    """The worked example with every list `scale` times as long: notes, tasks (each copy wired
    like the original), cost lines, data assets and open questions."""
    base = load_example("support_mail_triage")
    plan = base.model_copy(deep=True)
    for canvas_id, content in base.canvases.items():
        for block_id, block in content.blocks.items():
            plan.canvases[canvas_id].blocks[block_id].notes = [
                n.model_copy(update={"id": new_id(), "text": f"{n.text} (copy {k})" if k else n.text})
                for k in range(scale) for n in block.notes]
    tasks = []
    for k in range(scale):
        ids = {t.id: f"{t.id}-{k}" for t in base.workflow.tasks}
        tasks += [t.model_copy(update={"id": ids[t.id], "name": f"{t.name} ({k})" if k else t.name,
                                       "leads_to": [ids[x] for x in t.leads_to if x in ids]})
                  for t in base.workflow.tasks]
    plan.workflow.tasks = tasks
    plan.workflow.chosen_task_id = f"{base.workflow.chosen_task_id}-0"
    plan.costs.lines = [line.model_copy(update={"id": new_id()}) for _ in range(scale) for line in base.costs.lines]
    plan.data_landscape.assets = [a.model_copy(update={"id": f"{a.id}-{k}", "name": f"{a.name} ({k})" if k else a.name})
                                  for k in range(scale) for a in base.data_landscape.assets]
    plan.review.open_questions = [q for _ in range(scale) for q in base.review.open_questions]
    return plan


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")


def run() -> tuple[float, Timing, list[Timing]]:
    """(font registration ms, the floor, [worked example, 10x plan])."""
    start = time.perf_counter()
    fonts.register()
    register_ms = (time.perf_counter() - start) * 1000
    example = load_example("support_mail_triage")
    large = larger_plan()
    build_pdf(example)  # warm caches shared by every build (styles, glyph coverage)
    floor = Timing("one-page reportlab document", _median_ms(one_page_document, FLOOR_RUNS), 1)
    timings = [
        Timing("worked example", _median_ms(lambda: build_pdf(example), EXAMPLE_RUNS), _pages(build_pdf(example))),
        Timing(f"{SCALE}x plan", _median_ms(lambda: build_pdf(large), LARGE_RUNS), _pages(build_pdf(large))),
    ]
    return register_ms, floor, timings
