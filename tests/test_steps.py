"""The step registry: every step is a package found by scanning canvas_core/steps, and every
step supplies every facet the app, both reports and iteration compare read from it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.steps import OVERALL, STEPS, Step, completeness_by_step, problems
from ui.navigation import STEP_PAGES


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.id)
def test_every_step_supplies_every_facet(step: Step):
    assert problems(step) == []


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.id)
def test_a_step_lacking_a_facet_is_named(step: Step):
    broken = dataclasses.replace(step, pdf_section="canvas_core.steps.nowhere:section", page="pages/nowhere.py",
                                 markdown_section=f"{step.markdown_section.partition(':')[0]}:no_such_function")
    found = " ".join(problems(broken))
    assert "pdf_section" in found and "markdown_section" in found and "pages/nowhere.py" in found


def test_the_journey_is_numbered_in_order_with_unique_addresses():
    assert [s.number for s in STEPS] == list(range(1, len(STEPS) + 1))
    assert len({s.id for s in STEPS}) == len({s.url_path for s in STEPS}) == len(STEPS)
    assert [p.step_id for p in STEP_PAGES] == [s.id for s in STEPS]  # the sidebar reads the registry


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.id)
def test_each_steps_markdown_section_starts_with_its_title(step: Step):
    example = load_example("support_mail_triage")
    lines = list(step.facet("markdown_section")(example, step))
    title = canvases()[step.canvas_id].title if step.canvas_id else step.title
    assert lines[0] == f"## {title}"


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.id)
def test_each_steps_pdf_section_draws_pages(step: Step):
    from canvas_core.report.context import ReportContext
    from canvas_core.report.document import Geometry

    ctx = ReportContext(load_example("support_mail_triage"), Geometry.for_size("A4"), "2", date(2026, 1, 2))
    assert step.facet("pdf_section")(ctx, step)


def test_completeness_comes_from_each_step_and_the_summing_step_is_their_mean():
    plan = Plan()
    from canvas_core.canvas import editing

    editing.add_note(plan, "ml_canvas", "decisions", "x")
    shares = completeness_by_step(plan)
    assert shares["ml_canvas"] == pytest.approx(1 / 10)
    summing = [s.id for s in STEPS if s.completeness == OVERALL]
    others = [shares[s.id] for s in STEPS if s.completeness != OVERALL]
    assert summing and all(shares[i] == pytest.approx(sum(others) / len(others)) for i in summing)
