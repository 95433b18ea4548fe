"""The report's process diagram stays legible from 1 to 30 tasks, with branches and loops,
and the escaping helper keeps user text literal."""

from __future__ import annotations

import pytest

from canvas_core.plan import Plan, Workflow, WorkflowTask
from canvas_core.report.document import Geometry
from canvas_core.report.pdf import build_pdf
from canvas_core.report.text import REPLACEMENT, displayable, esc
from canvas_core.steps.workflow import rules as wf
from canvas_core.steps.workflow.diagram import MIN_SCALE, ProcessDiagram
from canvas_core.steps.workflow.pdf import DIAGRAM_HEADROOM

WIDTH = Geometry.for_size("A4").portrait.width
MAX_HEIGHT = Geometry.for_size("A4").portrait.height - DIAGRAM_HEADROOM  # as in the report


def _workflow(n: int, shape: str) -> Workflow:
    tasks = [WorkflowTask(id=f"t{i}", name=f"Task {i} with a fairly long descriptive name", actor="Dispatcher",
                          prediction_candidate=i % 4 == 0) for i in range(n)]
    for i, task in enumerate(tasks):
        if shape == "chain" and i + 1 < n:
            task.leads_to = [f"t{i + 1}"]
        elif shape == "tree":
            task.leads_to = [f"t{c}" for c in (2 * i + 1, 2 * i + 2) if c < n]
        elif shape == "loops" and i + 1 < n:
            task.leads_to = [f"t{i + 1}"] + ([f"t{i - 3}"] if i % 5 == 4 else [])
    return Workflow(tasks=tasks, chosen_task_id=tasks[n // 2].id)


def _overlap(a, b, w, h) -> bool:
    return a.x < b.x + w and b.x < a.x + w and a.y < b.y + h and b.y < a.y + h


@pytest.mark.parametrize("n", [1, 2, 7, 12, 30])
@pytest.mark.parametrize("shape", ["chain", "tree", "loops", "unconnected"])
def test_boxes_never_overlap_and_stay_on_the_page(n, shape):
    diagram = ProcessDiagram(wf.process_graph(_workflow(n, shape)), WIDTH, MAX_HEIGHT)
    boxes = diagram.boxes
    assert len(boxes) == n
    for i, a in enumerate(boxes):
        assert 0 <= a.x and a.x + diagram.box_w <= WIDTH + 0.01
        assert 0 <= a.y and a.y + diagram.box_h <= diagram.natural_height + 0.01
        for b in boxes[i + 1:]:
            assert not _overlap(a, b, diagram.box_w, diagram.box_h), (a.node.label, b.node.label)
    # Every label fits its box, and the drawing is shrunk at most to MIN_SCALE.
    assert all(h + 8 <= diagram.box_h for _, h in diagram.labels)
    assert diagram.scale >= MIN_SCALE
    assert diagram.height <= MAX_HEIGHT + 0.01


def test_a_long_process_folds_into_bands_rather_than_shrinking():
    diagram = ProcessDiagram(wf.process_graph(_workflow(30, "chain")), WIDTH, MAX_HEIGHT)
    assert diagram.box_w >= 80  # readable boxes
    assert len({round(b.y) for b in diagram.boxes}) > 1  # several bands


@pytest.mark.parametrize("n", [30, 150])
def test_a_large_process_builds_into_the_report(n):
    plan = Plan()
    plan.workflow = _workflow(n, "loops")
    assert build_pdf(plan)[:5] == b"%PDF-"


def test_a_process_too_large_for_one_page_shrinks_to_fit_it():
    diagram = ProcessDiagram(wf.process_graph(_workflow(300, "unconnected")), WIDTH, MAX_HEIGHT)
    assert diagram.height <= MAX_HEIGHT + 0.01 and diagram.scale < MIN_SCALE


def test_escape_keeps_markup_literal_and_line_breaks():
    assert esc("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert esc("line one\nline two") == "line one<br/>line two"
    assert esc("S&P 500") == "S&amp;P 500"


def test_characters_the_font_lacks_become_visible_replacements():
    assert displayable("中文 ok") == f"{REPLACEMENT}{REPLACEMENT} ok"
    assert displayable("bell\x07") == f"bell{REPLACEMENT}"
    assert displayable("tab\there") == "tab here"
    assert displayable("Ελληνικά кириллица") == "Ελληνικά кириллица"
    assert displayable("zero\u200bwidth") in ("zero\u200bwidth", "zerowidth")  # invisible either way
