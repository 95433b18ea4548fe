"""The journey: the steps of a plan, in the order a team goes through them.

A step is a package in this folder whose `__init__` declares `STEP`; the
registry finds them by scanning the folder and orders them by number. A step
holds its rules, its edits and its report sections; `STEP` names its page and
where each facet lives, as "module:function", loaded on first use (reading
the registry loads neither reportlab nor any step's rules):

    completeness(plan, step) -> float             how complete the step is, 0..1
    pdf_section(ctx, step) -> list[Flowable]      its pages in the PDF report
    markdown_section(plan, step) -> Iterable[str] its section of the Markdown report

and `plan_part`, the field of the plan that holds its answers (what iteration
compare shows). A canvas step (a file under data/canvases) takes every facet
from canvas_core.canvas (`canvas_step`). Adding a step is a package with its
`STEP` and a page script; tests/test_steps.py fails while a facet is missing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

OVERALL = "overall"  # the completeness of a step that sums up the others (their mean)
FACETS = ("completeness", "pdf_section", "markdown_section")


@dataclass(frozen=True)
class Step:
    id: str
    number: int
    title: str
    summary: str
    page: str  # the page script, e.g. "pages/costs.py"
    url_path: str  # its stable address in the app; never a file name under pages/
    icon: str  # a Material icon name, bundled with Streamlit
    completeness: str  # "module:function", or OVERALL
    pdf_section: str
    markdown_section: str
    plan_part: str | None = None  # the Plan field that holds its answers; None for a canvas step
    canvas_id: str | None = None  # set when the step is a canvas drawn from data/canvases

    def facet(self, name: str) -> Callable[..., Any]:
        """The function behind a facet, imported on first use."""
        module, _, function = getattr(self, name).partition(":")
        return getattr(importlib.import_module(module), function)


def canvas_step(id: str, number: int, title: str, summary: str, *, canvas_id: str, page: str, url_path: str,
                icon: str) -> Step:
    """A step that is a canvas: every facet is the generic canvas one."""
    return Step(id, number, title, summary, page, url_path, icon,
                completeness="canvas_core.canvas.facets:completeness",
                pdf_section="canvas_core.canvas.facets:pdf_section",
                markdown_section="canvas_core.canvas.facets:markdown_section",
                canvas_id=canvas_id)


def problems(step: Step) -> list[str]:
    """What a step lacks: a facet that does not resolve, a missing page script, answers compare
    cannot find. Empty for a complete step."""
    from pathlib import Path

    from canvas_core.canvas.specs import canvases
    from canvas_core.plan import Plan

    found = []
    for name in FACETS:
        if name == "completeness" and step.completeness == OVERALL:
            continue
        try:
            if not callable(step.facet(name)):
                found.append(f"{step.id}: {name} is not a function")
        except (ImportError, AttributeError, ValueError) as error:
            found.append(f"{step.id}: {name} {getattr(step, name)!r} cannot be loaded ({error})")
    if not (Path(__file__).resolve().parents[2] / step.page).is_file():
        found.append(f"{step.id}: no page script {step.page}")
    if step.canvas_id is None and step.plan_part not in Plan.model_fields:
        found.append(f"{step.id}: compare finds no answers: plan_part {step.plan_part!r} is not a field of the plan")
    if step.canvas_id is not None and step.canvas_id not in canvases():
        found.append(f"{step.id}: no canvas file for {step.canvas_id!r}")
    return list(dict.fromkeys(found))


def _discover() -> tuple[Step, ...]:
    found = []
    for module in pkgutil.iter_modules(__path__):
        if module.ispkg:
            step = importlib.import_module(f"{__name__}.{module.name}").STEP
            if step.id != module.name:
                raise ValueError(f"the step in steps/{module.name} is called {step.id!r}; name the folder after it")
            found.append(step)
    found.sort(key=lambda s: s.number)
    if [s.number for s in found] != list(range(1, len(found) + 1)):
        raise ValueError(f"steps must be numbered 1..{len(found)} without gaps: {[s.number for s in found]}")
    return tuple(found)


STEPS: tuple[Step, ...] = _discover()
STEPS_BY_ID = {step.id: step for step in STEPS}


def completeness_by_step(plan) -> dict[str, float]:
    """Every step's share at once; a step that sums up the others gets their mean (each computed once)."""
    shares = {s.id: s.facet("completeness")(plan, s) for s in STEPS if s.completeness != OVERALL}
    overall = sum(shares.values()) / len(shares)
    return {s.id: shares.get(s.id, overall) for s in STEPS}


def overall_completeness(plan) -> float:
    """One figure for a plan list: the mean over the steps that hold answers."""
    shares = completeness_by_step(plan)
    return sum(shares[s.id] for s in STEPS if s.completeness != OVERALL) / sum(
        s.completeness != OVERALL for s in STEPS)


def whole_percent(share: float) -> int:
    """A share (0-1) as the whole percent the sidebar and the reports print (f"{share:.0%}")."""
    return int(f"{share * 100:.0f}")
