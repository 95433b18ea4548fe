"""Connected canvases: a twin's answer is offered once, and taken over on request."""

from __future__ import annotations

from canvas_core.canvas import editing, links
from canvas_core.plan import DataAsset, Plan


def test_value_proposition_flows_between_all_three_canvases(specs):
    plan = Plan()
    editing.add_note(plan, "product_brief", "value_proposition", "Dispatchers stop reading routine mail")
    for canvas in ("ml_canvas", "mlops_stack"):
        found = links.suggestions_for(plan, specs, canvas, "value_proposition")
        assert [s.text for s in found] == ["Dispatchers stop reading routine mail"]
        assert found[0].source == "Product brief · Value proposition"


def test_taking_over_copies_once_and_the_suggestion_disappears(specs):
    plan = Plan()
    editing.add_note(plan, "ml_canvas", "monitoring", "Re-route rate per week")
    [suggestion] = links.suggestions_for(plan, specs, "mlops_stack", "monitoring")
    links.take_over(plan, "mlops_stack", "monitoring", suggestion, author="Dana")
    notes = plan.canvas("mlops_stack").block("monitoring").notes
    assert [(n.text, n.author) for n in notes] == [("Re-route rate per week", "Dana")]
    assert links.suggestions_for(plan, specs, "mlops_stack", "monitoring") == []
    # The source is untouched: a copy, not a move.
    assert len(plan.canvas("ml_canvas").block("monitoring").notes) == 1


def test_same_text_with_other_spacing_or_case_is_not_offered_again(specs):
    plan = Plan()
    editing.add_note(plan, "ml_canvas", "making_predictions", "Online,  60k mails a month")
    editing.add_note(plan, "mlops_stack", "prediction_serving", "online, 60k mails a MONTH")
    assert links.suggestions_for(plan, specs, "mlops_stack", "prediction_serving") == []


def test_workflow_use_of_model_feeds_decisions(specs):
    plan = Plan()
    assert links.suggestions_for(plan, specs, "ml_canvas", "decisions") == []
    plan.workflow.integration.use_of_model.text = "Dispatcher sees top-3 teams"
    [s] = links.suggestions_for(plan, specs, "ml_canvas", "decisions")
    assert (s.text, s.source) == ("Dispatcher sees top-3 teams", "Workflow integration · Use of the model")


def test_data_landscape_assets_feed_data_sources_with_their_status(specs):
    plan = Plan()
    plan.data_landscape.assets = [
        DataAsset(name="Ticket DB", use="labels"),
        DataAsset(name="Re-route reasons", status="missing"),
        DataAsset(name="CRM replica", status="accessible"),
        DataAsset(name="Cyprus mails", status="question"),
    ]
    found = links.suggestions_for(plan, specs, "ml_canvas", "data_sources")
    assert [(s.text, s.status) for s in found] == [
        ("Ticket DB: labels", "available"), ("Re-route reasons", "missing"),
        ("CRM replica", "planned"), ("Cyprus mails", "question")]
    assert [s.text for s in links.suggestions_for(plan, specs, "mlops_stack", "data_sources_versioning")] == [
        s.text for s in found]


def test_features_are_offered_only_from_data_the_model_has_when_it_predicts(specs):
    plan = Plan()
    plan.data_landscape.assets = [
        DataAsset(name="CRM", contents="segment, broker flag", uses=["feature"]),
        DataAsset(name="Closing notes", uses=["feature"], at_prediction_time=False),
        DataAsset(name="Ticket DB", contents="final team", uses=["label"]),
    ]
    features = links.suggestions_for(plan, specs, "ml_canvas", "features")
    assert [s.text for s in features] == ["CRM: segment, broker flag"]
    labels = links.suggestions_for(plan, specs, "ml_canvas", "data_collection")
    assert [(s.text, s.source) for s in labels] == [("Ticket DB: final team", "Data landscape · Sources of labels")]


def test_every_step_answer_a_canvas_may_twin_is_one_a_step_reads():
    from canvas_core.canvas.links import _ANSWER_LABELS
    from canvas_core.canvas.specs import STEP_REFS
    from canvas_core.steps.costs.rules import COST_TWINS

    assert STEP_REFS == set(_ANSWER_LABELS) | {f"costs.{name}" for name in COST_TWINS}
