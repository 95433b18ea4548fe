"""The data landscape step through the entry point (AppTest). The inventory is a
data editor, which AppTest cannot edit: the browser test types into the form and
looks at the picture; here the form, findings and picture data are checked."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.steps.data_landscape.rules import findings
from tests.app_driver import error_messages, open_page, run, stored

PAGE = "pages/data_landscape.py"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def picture(at: AppTest) -> dict:
    """The plotly figure the page sent: its dots' labels and hover texts, as the browser gets them."""
    [chart] = at.get("plotly_chart")
    figure = json.loads(chart.proto.spec)
    return {"labels": [t for trace in figure["data"] for t in trace.get("text") or []],
            "hovers": [t for trace in figure["data"] for t in trace.get("hovertext") or []]}


def texts(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


def test_worked_example_shows_counts_picture_and_findings():
    plan = load_example("support_mail_triage")
    at = open_page(plan, PAGE)
    shown = metrics(at)
    assert (shown["Assets"], shown["Missing"], shown["Open questions"], shown["Paid"]) == ("12", "2", "1", "1")
    labels = picture(at)["labels"]  # one dot per asset, long names shortened beside it
    assert len(labels) == len(plan.data_landscape.assets)
    for asset in plan.data_landscape.assets:
        assert any(asset.name.startswith(label.removesuffix("…")) for label in labels), asset.name
    assert any("Agents' closing notes" in h for h in picture(at)["hovers"])
    for finding in findings(plan):
        assert finding.detail in texts(at)
    assert "Datentreiber" in " ".join(c.value for c in at.caption)


def test_an_asset_added_with_the_form_is_saved_counted_and_drawn():
    at = open_page(Plan(), PAGE)
    assert metrics(at)["Assets"] == "0"
    run(at.button(key="landscape-add").click())
    at.text_input(key="landscape-new-name").set_value("Weather feed <b>v2</b>")
    at.selectbox(key="landscape-new-sharing").set_value("public")
    at.selectbox(key="landscape-new-status").set_value("missing")
    at.selectbox(key="landscape-new-acquisition").set_value("paid")
    at.multiselect(key="landscape-new-uses").set_value(["feature"])
    at.text_input(key="landscape-new-yearly_cost").set_value("1,200")
    run(at.button(key="landscape-add-submit").click())
    [asset] = stored(at).data_landscape.assets
    assert (asset.name, asset.sharing, asset.status, asset.acquisition, asset.uses, str(asset.yearly_cost)) == (
        "Weather feed <b>v2</b>", "public", "missing", "paid", ["feature"], "1200.00")
    assert (metrics(at)["Assets"], metrics(at)["Missing"], metrics(at)["Paid"]) == ("1", "1", "1")
    drawn = picture(at)
    assert drawn["labels"] == ["Weather feed &lt;b&gt;v2&lt;/b&gt;"]  # shown as typed, not as bold markup
    assert any(h.startswith("<b>Weather feed &lt;b&gt;v2&lt;/b&gt;</b>") for h in drawn["hovers"])
    assert "Weather feed <b>v2</b>: add it to the cost estimate" in texts(at)
    assert not [w for w in at.text_input if w.key == "landscape-new-name"]  # the dialog closed
    run(at.button(key="landscape-add").click())
    assert at.text_input(key="landscape-new-name").value == ""  # and opens blank for the next one


def test_the_form_takes_dont_know_the_legal_basis_and_the_plan_to_get_missing_data():
    at = open_page(Plan(), PAGE)
    run(at.button(key="landscape-add").click())
    at.text_input(key="landscape-new-name").set_value("Call recordings")
    personal = at.selectbox(key="landscape-new-personal_data")
    assert "Don't know" in personal.options
    personal.set_value("dont_know")
    at.selectbox(key="landscape-new-status").set_value("missing")
    at.text_input(key="landscape-new-legal_basis").set_value("Asked the DPO on 9 March; no answer yet")
    at.text_input(key="landscape-new-acquisition_plan").set_value("IT exports a month of calls by June")
    run(at.button(key="landscape-add-submit").click())
    [asset] = stored(at).data_landscape.assets
    assert (asset.personal_data, asset.legal_basis, asset.acquisition_plan) == (
        "dont_know", "Asked the DPO on 9 March; no answer yet", "IT exports a month of calls by June")
    assert metrics(at)["Personal data"] == "1"  # not knowing counts until someone finds out
    assert "Call recordings (IT exports a month of calls by June)" in texts(at)  # to obtain, with its plan
    run(at.button(key="landscape-add").click())
    assert at.text_input(key="landscape-new-legal_basis").value == ""  # the next asset starts blank


def test_a_nameless_asset_is_refused_with_a_message_and_nothing_added():
    at = open_page(Plan(), PAGE)
    run(at.button(key="landscape-add").click())
    at.text_input(key="landscape-new-owner").set_value("Ops")
    run(at.button(key="landscape-add-submit").click())
    assert "Give the asset a name" in " ".join(e.value for e in at.error)

    assert stored(at).data_landscape.assets == []


def test_a_yearly_cost_not_stored_as_typed_is_refused_and_nothing_added():
    at = open_page(Plan(), PAGE)
    run(at.button(key="landscape-add").click())
    at.text_input(key="landscape-new-name").set_value("Address file")
    at.text_input(key="landscape-new-yearly_cost").set_value("12,5")
    run(at.button(key="landscape-add-submit").click())
    assert 'Yearly cost: "12,5" is not a number in an English plan (use 12.5). The asset was not added.' in (
        error_messages(at))
    assert stored(at).data_landscape.assets == []


def test_assets_reach_the_ml_canvas_as_suggestions():
    at = open_page(load_example("support_mail_triage"), "pages/ml_canvas.py")
    at = run(at.button(key="open-ml-canvas-features").click())  # the block dialog with its suggestions
    shown = " ".join(t.value for t in at.text) + " ".join(m.value for m in at.markdown)
    assert "Register of insurance intermediaries" in shown
    assert "Agents' closing notes" not in shown  # known only after the prediction: not offered as a feature
