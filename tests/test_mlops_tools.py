"""MLOps tool suggestions: the catalogue is validated, each MLOps Stack block's dialog offers the
tools (or "not needed yet") that fit what the plan says, each with why, one click takes a tool over
with its licence, and the stack at a glance warns where a choice contradicts the plan, on the page
and in both reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from canvas_core.examples import example_names, load_example
from canvas_core.i18n import language
from canvas_core.plan import CostLine, Plan
from canvas_core.report.markdown import build_markdown
from canvas_core.steps.mlops_stack import edits
from canvas_core.steps.mlops_stack.fit import stack_summary, suggestions, tool_blocks
from canvas_core.steps.mlops_stack.tools import CATALOGUE, CatalogueError, catalogue, load_catalogue
from tests.app_driver import open_page, run

MLOPS = "mlops_stack"


def _answer(plan: Plan, canvas: str, block: str | None, field: str, value: str) -> None:
    content = plan.canvas(canvas)
    (content.fields if block is None else content.block(block).fields)[field] = value


def _plan(*, serving=None, retraining=None, people=None, stage=None, hosting=None, tooling=None) -> Plan:
    plan = Plan()
    if serving:
        _answer(plan, "ml_canvas", "making_predictions", "serving_mode", serving)
    if retraining:
        _answer(plan, "ml_canvas", "building_models", "retraining_frequency", retraining)
    if people is not None:
        plan.costs.lines.append(CostLine(category="staff", label="Data scientist", people=Decimal(people)))
    if stage:
        _answer(plan, MLOPS, None, "maturity_stage", stage)
    if hosting:
        _answer(plan, "product_brief", "solution", "hosting", hosting)
    if tooling:
        _answer(plan, MLOPS, "dilemmas", "tooling", tooling)
    return plan


def _names(plan: Plan, block: str) -> list[str]:
    return [s.title for s in suggestions(plan, block).offered]


# --- the catalogue ----------------------------------------------------------------------------


def test_the_catalogue_has_a_handful_of_tools_for_every_block_each_with_licence_link_and_checked_date():
    tools = catalogue().tools
    for block in tool_blocks():
        offered = catalogue().for_block(block)
        assert 3 <= len(offered) <= 9, (block, [t.name for t in offered])
        assert offered[0].sourcing == "open source"  # open source first
    for tool in tools:
        assert tool.licence and str(tool.url).startswith("https://") and tool.checked <= dt.date.today()


@pytest.mark.parametrize("change, reason", [
    ('licence = "Apache-2.0"\n', "licence"),
    ('url = "https://dvc.org"', "url = \"http://dvc.org\""),
    ('blocks = ["data_sources_versioning", "ci_ct_cd"]', 'blocks = ["data_sources_versioning", "no_such_block"]'),
    ('checked = 2026-12-02\n', ""),
])
def test_a_broken_catalogue_is_refused_with_the_entry_named(tmp_path: Path, change, reason):
    text = CATALOGUE.read_text(encoding="utf-8")
    start = text.index('id = "dvc"')
    end = text.index("[[tools]]", start)
    entry = text[start:end].replace(change, reason if reason != "licence" else "", 1)
    broken = tmp_path / "tools.toml"
    broken.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    blocks = {b for t in catalogue().tools for b in t.blocks}
    with pytest.raises(CatalogueError) as error:
        load_catalogue(broken, blocks)
    assert "mlops_tools" not in str(error.value) and "tools.toml" in str(error.value)


def test_a_tool_id_used_twice_is_refused(tmp_path: Path):
    text = CATALOGUE.read_text(encoding="utf-8")
    start = text.index("[[tools]]\nid = \"dvc\"")
    end = text.index("[[tools]]", start + 5)
    broken = tmp_path / "tools.toml"
    broken.write_text(text + "\n" + text[start:end], encoding="utf-8")
    with pytest.raises(CatalogueError, match="used twice"):
        load_catalogue(broken)


# --- suggestions fitted to the plan ------------------------------------------------------------


@pytest.mark.parametrize("example", list(example_names()))
def test_every_block_of_every_worked_example_offers_ordered_suggestions_with_their_reasons(example):
    plan = load_example(example)
    for block in tool_blocks():
        found = suggestions(plan, block).offered
        assert found, block
        tools = [s for s in found if s.tool is not None]
        assert [s.score for s in tools] == sorted((s.score for s in tools), reverse=True), block
        for suggestion in found:
            assert "›" in suggestion.why, (block, suggestion.title, suggestion.why)  # names where the answer is


def test_batch_serving_offers_a_scheduled_job_and_leaves_a_streaming_server_out_and_the_other_way_round():
    batch = suggestions(_plan(serving="batch"), "prediction_serving")
    assert "A scheduled batch job" in [s.title for s in batch.offered]
    assert "Apache Flink" in [left.tool.name for left in batch.left_out]
    reason = next(left.reason for left in batch.left_out if left.tool.name == "Apache Flink")
    assert "Making Predictions › Serving mode" in reason and "batch" in reason
    streaming = suggestions(_plan(serving="streaming"), "prediction_serving")
    assert "Apache Flink" in [s.title for s in streaming.offered]
    assert "A scheduled batch job" in [left.tool.name for left in streaming.left_out]


def test_data_kept_on_own_servers_leaves_managed_cloud_services_out_and_says_why():
    found = suggestions(_plan(hosting="own servers only"), "model_registry")
    assert [left.tool.name for left in found.left_out] == ["Amazon SageMaker AI"]
    assert all("Product brief › Solution" in left.reason for left in found.left_out)
    assert all(s.tool is None or s.tool.hosting != "managed" for s in found.offered)
    assert "Weights & Biases" in _names(_plan(hosting="own servers only"), "model_registry")  # runs either way
    assert "Amazon SageMaker AI" in _names(_plan(hosting="cloud allowed"), "model_registry")


def test_a_small_team_at_the_tactical_stage_is_told_a_feature_store_and_a_registry_can_wait():
    plan = _plan(people="2", stage="tactical")
    for block in ("feature_store", "model_registry"):
        first = suggestions(plan, block).offered[0]
        assert first.tool is None and "not needed yet" in first.title.lower()
        assert "tactical" in first.why and "MLOps Stack › Maturity stage" in first.why
    feature_store = suggestions(plan, "feature_store").offered[0]
    assert "2 people" in feature_store.why and "Costs › staff lines" in feature_store.why
    # A large team at the transformational stage is offered the tools themselves.
    big = _plan(people="14", stage="transformational")
    assert suggestions(big, "feature_store").offered[0].tool is not None


def test_the_fit_orders_the_tools_and_names_the_answers_for_and_against():
    small = suggestions(_plan(people="2", stage="tactical"), "ci_ct_cd").offered
    names = [s.title for s in small]
    assert names.index("Prefect") < names.index("Kubeflow Pipelines")
    kubeflow = next(s for s in small if s.title == "Kubeflow Pipelines")
    assert "Less so" in kubeflow.why and "made for larger teams than 2 people" in kubeflow.why
    bought = suggestions(_plan(tooling="buy"), "foundations").offered
    assert bought[0].title == "GitHub Actions" and "MLOps Dilemmas › Tooling" in bought[0].why


def test_a_plan_without_answers_gets_the_common_choices_and_says_nothing_narrows_them():
    found = suggestions(Plan(), "monitoring").offered
    assert [s.title for s in found] == ["Evidently", "Prometheus and Grafana", "NannyML"]  # the little maintained last
    assert all("no answer of the plan narrows it yet" in s.why for s in found)


def test_rare_retraining_needs_no_orchestrator_yet():
    first = suggestions(_plan(retraining="yearly"), "ci_ct_cd").offered[0]
    assert first.tool is None and "Building Models › Retraining frequency" in first.why


# --- taking a suggestion over -------------------------------------------------------------------


def test_one_click_takes_a_tool_over_with_its_licence_sourcing_and_hosting():
    plan = _plan(hosting="own servers only")
    edits.adopt(plan, "model_registry", "mlflow")
    fields = plan.canvas(MLOPS).block("model_registry").fields
    assert fields == {"tool": "MLflow", "licence": "Apache-2.0", "sourcing": "open source", "hosting": "self-hosted"}
    edits.adopt(plan, "monitoring", "evidently")  # runs either way, the brief not asked: hosting left open
    assert "hosting" not in Plan().canvas(MLOPS).block("monitoring").fields
    edits.defer(plan, "model_registry")
    fields = plan.canvas(MLOPS).block("model_registry").fields
    assert fields == {"tool": "none yet", "requirement": "optional"}
    assert stack_summary(plan).rows[[r.block_id for r in stack_summary(plan).rows].index("model_registry")].status \
        == "not needed yet"


# --- the stack at a glance ----------------------------------------------------------------------


def test_the_summary_lists_every_block_with_its_choice_and_the_undecided_ones():
    plan = _plan()
    edits.adopt(plan, "monitoring", "evidently")
    summary = stack_summary(plan)
    assert [row.block_id for row in summary.rows] == tool_blocks()
    monitoring = next(row for row in summary.rows if row.block_id == "monitoring")
    assert (monitoring.tool, monitoring.licence, monitoring.sourcing, monitoring.status) == \
        ("Evidently", "Apache-2.0", "open source", "decided")
    assert len(summary.undecided) == len(tool_blocks()) - 1


def test_a_typed_tool_the_catalogue_knows_gets_its_licence_and_hosting_and_an_unknown_one_stays_as_typed():
    plan = _plan()
    _answer(plan, MLOPS, "model_deployment", "tool", "docker, Argo CD")
    _answer(plan, MLOPS, "monitoring", "tool", "Our own <b>dashboard</b>")
    rows = {row.block_id: row for row in stack_summary(plan).rows}
    assert (rows["model_deployment"].licence, rows["model_deployment"].hosting) == ("Apache-2.0", "self-hosted")
    assert (rows["monitoring"].tool, rows["monitoring"].licence) == ("Our own <b>dashboard</b>", "")


def _contradicting_plan() -> Plan:
    plan = _plan(serving="batch", retraining="weekly", people="2", stage="tactical", hosting="own servers only")
    _answer(plan, MLOPS, "model_registry", "tool", "Amazon SageMaker")
    _answer(plan, MLOPS, "prediction_serving", "tool", "Apache Flink")
    _answer(plan, MLOPS, "ci_ct_cd", "tool", "Kubeflow Pipelines")
    return plan


def test_warnings_fire_where_a_choice_contradicts_the_plan():
    warnings = [w.text for w in stack_summary(_contradicting_plan()).warnings]
    assert any("Amazon SageMaker AI is a managed cloud service" in w and "Product brief › Solution" in w for w in warnings)
    assert any("Apache Flink is built for streaming" in w and "serving mode is batch" in w and "retrained weekly" in w
               for w in warnings)
    assert any("Kubeflow Pipelines is made for large teams" in w for w in warnings)
    assert len(warnings) == 3


@pytest.mark.parametrize("example", list(example_names()))
def test_the_worked_examples_choose_nothing_that_contradicts_them(example):
    assert stack_summary(load_example(example)).warnings == []


def test_the_reports_carry_the_stack_at_a_glance_with_its_warnings():
    from pypdf import PdfReader

    from canvas_core.report.pdf import build_pdf

    plan = _contradicting_plan()
    markdown = build_markdown(plan)
    assert "### The stack at a glance" in markdown
    assert "| Prediction Serving | Apache Flink |" in markdown
    assert "**Warning:** Prediction Serving: Apache Flink is built for streaming" in markdown
    import io

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(build_pdf(plan))).pages)
    text = " ".join(text.split())
    assert "The stack at a glance" in text and "Amazon SageMaker AI is a managed cloud service" in text


# --- in the app ---------------------------------------------------------------------------------


def test_the_page_shows_the_stack_and_its_warnings_and_a_dialog_takes_a_tool_over():
    plan = _contradicting_plan()
    at = open_page(plan, "pages/mlops_stack.py")
    assert any(h.value == "The stack at a glance" for h in at.subheader)
    assert sum("is a managed cloud service" in w.value for w in at.warning) == 1
    at = run(at.button(key="open-mlops-stack-monitoring").click())
    buttons = [b for b in at.button if (b.key or "").startswith("tool-take-monitoring-")]
    assert buttons and buttons[0].label == "Use this"
    assert any("Fits:" in c.value or "Less so:" in c.value for c in at.caption)
    at = run(buttons[0].click())
    stored = at.session_state["open_plan"].plan.canvas(MLOPS).block("monitoring").fields
    assert stored["tool"] == "Evidently" and stored["licence"] == "Apache-2.0"


def test_in_german_the_dialog_and_the_summary_read_german():
    plan = _contradicting_plan()
    plan.meta.language = "de"
    with language("de"):
        found = suggestions(plan, "prediction_serving")
        summary = stack_summary(plan)
    assert any(s.why.startswith("Passt:") for s in found.offered)
    assert any(left.reason.startswith("gebaut für") for left in found.left_out)
    assert any("ist ein Cloud-Dienst" in w.text for w in summary.warnings)
    markdown = build_markdown(plan)
    assert "### Der Stack auf einen Blick" in markdown and "**Warnung:**" in markdown


def test_the_page_table_shows_a_typed_tool_as_typed_never_as_markup():
    from tests.app_driver import shown

    plan = _plan()
    _answer(plan, MLOPS, "monitoring", "tool", "Our **own** <b>board</b> [x](https://e.com)")
    at = open_page(plan, "pages/mlops_stack.py")
    table = at.table[0].value
    cell = table[table.columns[1]][[r.block_id for r in stack_summary(plan).rows].index("monitoring")]
    assert shown(cell) == "Our **own** <b>board</b> [x](https://e.com)"
