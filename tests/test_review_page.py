"""The review step through the entry point (AppTest): completeness, signals, open
questions and the exports. AppTest cannot click a download or see the preview
drawn: the browser test fetches the real files."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.report import pdf
from tests.app_driver import open_page, run, store
from ui import report_exports


def review_page(plan: Plan) -> AppTest:
    return open_page(plan, "pages/review.py")


@pytest.fixture
def pdf_builds(monkeypatch) -> list[str]:
    """Every PDF build the page asks for, by page size (each still builds the real PDF)."""
    calls: list[str] = []
    real = pdf.build_pdf

    def counted(plan, *, page_size="A4", **kwargs):
        calls.append(page_size)
        return real(plan, page_size=page_size, **kwargs)

    monkeypatch.setattr(pdf, "build_pdf", counted)
    return calls


def test_the_worked_example_shows_signals_questions_and_every_export_without_building_one(pdf_builds):
    at = review_page(load_example("support_mail_triage"))
    assert any(w.value.startswith("**Amber** · Workflow integration readiness") for w in at.warning)
    assert any(e.value.startswith("**Red** · Data landscape: ") for e in at.error)
    assert any(s.value == "Open questions (8)" for s in at.subheader)
    buttons = {b.key: b.proto for b in at.get("download_button")}
    assert set(buttons) == {"report-pdf", "report-md", "report-json"}
    assert all(b.deferred_file_id and b.ignore_rerun for b in buttons.values())  # built on click only
    assert pdf_builds == []
    page = " ".join(m.value for m in at.main.markdown) + " ".join(s.value for s in at.subheader)
    assert "still to come" not in page.lower()  # the verdict and its reasons are built now
    assert any(e.value.startswith("**Verdict: ") for e in [*at.error, *at.warning, *at.success])


def test_the_preview_is_built_on_request_once_and_again_for_another_page_size(pdf_builds):
    at = review_page(load_example("support_mail_triage"))
    run(at.toggle(key="report-preview-on").set_value(True))
    assert pdf_builds == ["A4"] and not [e for e in at.error if "could not be built" in e.value]
    run(at)  # an unrelated rerun reuses the preview
    assert pdf_builds == ["A4"]
    run(at.segmented_control(key="report-page-size").set_value("Letter"))
    assert pdf_builds == ["A4", "letter"]


def test_a_failed_build_says_so_and_leaves_the_plan_alone(monkeypatch):
    plan = load_example("support_mail_triage")
    at = review_page(plan)

    def broken(*args, **kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setattr(pdf, "build_pdf", broken)
    run(at.toggle(key="report-preview-on").set_value(True))
    assert any("The PDF report could not be built (RuntimeError: font missing)" in e.value for e in at.error)
    stored = store().get(plan.id).plan
    assert stored.model_dump(exclude={"meta": {"updated_at"}}) == plan.model_dump(exclude={"meta": {"updated_at"}})


def test_a_failed_download_build_is_reported_on_the_next_run():
    failures: dict[str, str] = {}
    with pytest.raises(RuntimeError):
        report_exports.guarded_build("PDF report", lambda: (_ for _ in ()).throw(RuntimeError("boom")), failures)
    assert failures == {"PDF report": "The PDF report could not be built (RuntimeError: boom). Your plan is "
                                      "unchanged; the other exports still work."}
    assert report_exports.guarded_build("PDF report", lambda: b"%PDF", failures) == b"%PDF"
    assert failures == {}  # a later success clears the message

    at = review_page(Plan())
    at.session_state[report_exports.FAILURES_KEY] = {"Markdown export": "The Markdown export could not be built."}
    run(at)
    assert any(e.value == "The Markdown export could not be built." for e in at.error)



def test_twin_answers_that_disagree_are_shown_with_both_sides_and_a_link_to_fix_them():
    plan = load_example("support_mail_triage")
    plan.canvas("mlops_stack").block("prediction_serving").fields["serving_mode"] = "batch"
    at = review_page(plan)
    texts = " ".join(t.value for t in at.text)
    assert "Making Predictions" in texts and "batch" in texts and "real time" in texts
    assert any(s.value == "Consistency between canvases (1)" for s in at.subheader)


def test_completeness_shows_whole_percents_as_the_sidebar_does():
    plan = load_example("support_mail_triage")
    for block in list(plan.canvases["mlops_stack"].blocks.values())[:5]:  # 7 of 12 blocks left: 58.33 %
        block.notes.clear()
        block.fields.clear()
    at = review_page(plan)
    [table] = at.dataframe
    shown = dict(zip(table.value["Step"], table.value["Complete"]))
    assert shown["6. MLOps Stack"] == 58 and all(isinstance(v, int) or float(v).is_integer() for v in shown.values())
    sidebar = [link.proto.label for link in at.sidebar.get("page_link")]
    assert "6. MLOps Stack · 58%" in sidebar
    progress = json.loads(table.proto.columns)["Complete"]["type_config"]
    assert (progress["format"], progress["max_value"]) == ("%d%%", 100)  # the bar prints "58%"
