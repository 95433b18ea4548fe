"""The report's process diagram stays legible from 1 to 30 tasks, with branches and loops,
and the escaping helper keeps user text literal."""

from __future__ import annotations

import itertools
import math
import random

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


def _branchy(n: int, seed: int) -> Workflow:
    """A process with the next task after each, plus random jumps forwards and back."""
    rnd = random.Random(seed)
    tasks = [WorkflowTask(id=f"t{i}", name=f"Task {i}", actor="Team") for i in range(n)]
    for i, task in enumerate(tasks):
        targets = {i + 1} if i + 1 < n else set()
        targets |= {rnd.randrange(n) for _ in range(rnd.choice([0, 0, 1, 2]))}
        task.leads_to = [f"t{j}" for j in sorted(targets - {i})]
    return Workflow(tasks=tasks, chosen_task_id="t3")


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


# --- connectors: a reader can follow each arrow -------------------------------------------------

NEAR = 2.0  # closer than this, two parallel lines read as one


def _segments(diagram):
    for index, points in enumerate(diagram.connectors):
        for p, q in itertools.pairwise(points):
            yield index, p, q


def _shared_stretch(s, t) -> float:
    """How long two segments run along each other closer than NEAR (0 when they only cross or meet)."""
    (p1, q1), (p2, q2) = s, t
    d1 = (q1[0] - p1[0], q1[1] - p1[1])
    d2 = (q2[0] - p2[0], q2[1] - p2[1])
    length = math.hypot(*d1)
    if length == 0 or abs(d1[0] * d2[1] - d1[1] * d2[0]) > 1e-6 * length * math.hypot(*d2):
        return 0.0  # not parallel
    ux, uy = d1[0] / length, d1[1] / length
    if abs((p2[0] - p1[0]) * uy - (p2[1] - p1[1]) * ux) >= NEAR:
        return 0.0  # parallel, but apart
    along = sorted((p2[0] - p1[0]) * ux + (p2[1] - p1[1]) * uy for p2 in (p2, q2))
    return max(0.0, min(length, along[1]) - max(0.0, along[0]))


def _crosses_box(p, q, box, w, h) -> bool:
    """Whether the segment enters the box's inside (touching its border, as an arrow tip does, is fine)."""
    left, right, bottom, top = box.x + 0.5, box.x + w - 0.5, box.y + 0.5, box.y + h - 0.5
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for edge_p, edge_q in ((-dx, p[0] - left), (dx, right - p[0]), (-dy, p[1] - bottom), (dy, top - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
    return t0 < t1


FLOWS = [*[(f"{shape} {n}", _workflow(n, shape)) for shape in ("chain", "tree", "loops") for n in (7, 12, 30)],
         *[(f"branchy {n}/{seed}", _branchy(n, seed)) for n in (8, 14, 20, 30) for seed in (1, 7, 11)]]


@pytest.mark.parametrize("name, flow", FLOWS, ids=[name for name, _ in FLOWS])
def test_no_two_connectors_share_a_stretch_of_line_and_none_crosses_a_task(name, flow):
    diagram = ProcessDiagram(wf.process_graph(flow), WIDTH, MAX_HEIGHT)
    w, h = diagram.box_w, diagram.box_h
    segments = list(_segments(diagram))
    for (i, *s), (j, *t) in itertools.combinations(segments, 2):
        assert _shared_stretch(s, t) <= 0.5, (diagram.routes[i], s, diagram.routes[j], t)
    for i, p, q in segments:
        a, b, _ = diagram.routes[i]
        for box in diagram.boxes:
            assert not _crosses_box(p, q, box, w, h), (diagram.routes[i], p, q, box.node.label)
        assert all(0 <= x <= WIDTH and 0 <= y <= diagram.natural_height for x, y in (p, q))


@pytest.mark.parametrize("name, flow", FLOWS, ids=[name for name, _ in FLOWS])
def test_every_connector_has_an_arrowhead_of_its_own_on_its_target(name, flow):
    diagram = ProcessDiagram(wf.process_graph(flow), WIDTH, MAX_HEIGHT)
    tips = [points[-1] for points in diagram.connectors]
    for s, t in itertools.combinations(tips, 2):
        assert math.dist(s, t) >= 4, (s, t)
    w, h = diagram.box_w, diagram.box_h
    for (_, b, _), (x, y) in zip(diagram.routes, tips):
        box = diagram.boxes[b]
        on_left = math.isclose(x, box.x) and box.y <= y <= box.y + h
        on_top_or_bottom = box.x <= x <= box.x + w and (math.isclose(y, box.y) or math.isclose(y, box.y + h))
        assert on_left or on_top_or_bottom, (diagram.routes, (x, y))


def test_the_worked_examples_branches_run_between_the_rows_not_around_the_page():
    from canvas_core.examples import load_example

    flow = load_example("support_mail_triage").workflow
    diagram = ProcessDiagram(wf.process_graph(flow), WIDTH, MAX_HEIGHT)
    rightmost = max(b.x for b in diagram.boxes) + diagram.box_w
    folded = [points for (a, b, kind), points in zip(diagram.routes, diagram.connectors) if kind != "straight"]
    assert len(folded) == 2  # the chosen task leads to the first tasks of the second row
    for points in folded:
        assert max(x for x, _ in points) <= rightmost  # no detour round the right edge
        assert len({round(y) for _, y in points}) <= 3  # down, across between the rows, down (or in from the left)
