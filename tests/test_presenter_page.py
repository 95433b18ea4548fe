"""The presenter page (AppTest): a canvas whole or one block at a time, read-only, opened from
the canvas page or by a link with the plan's edit or view-only link."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example
from tests.app_driver import APP, open_page, run, store

PRESENTER = "pages/presenter.py"


def texts(at: AppTest) -> str:
    return "\n".join(t.value for t in at.main.text)


def present(plan, **params: str) -> AppTest:
    """Open the presenter by its link: the plan's edit link (or `view`), the canvas, maybe a block."""
    at = AppTest.from_file(APP, default_timeout=30)
    store().create(plan)
    if "view" not in params:
        at.query_params["plan"] = plan.id
    for name, value in params.items():
        at.query_params[name] = value
    run(at)
    return run(at.switch_page(PRESENTER))


def inputs(at: AppTest) -> list:
    return [*at.text_input, *at.text_area, *at.selectbox, *at.number_input, *at.multiselect]


def test_the_whole_canvas_shows_every_note_without_inputs_or_sidebar():
    plan = load_example("support_mail_triage")
    at = present(plan, canvas="ml_canvas")
    shown = texts(at)
    for block in plan.canvas("ml_canvas").blocks.values():
        for note in block.notes:
            assert note.text in shown
    assert inputs(at) == []
    assert len(at.sidebar.get("page_link")) == 0  # the app's sidebar is not drawn here


def test_one_block_at_a_time_steps_with_next_and_previous_and_says_where_it_is():
    plan = load_example("support_mail_triage")
    order = canvases()["ml_canvas"].blocks_in_reading_order
    at = present(plan, canvas="ml_canvas")
    run(at.button(key="present-blocks").click())
    assert at.title[0].value == f"{order[0].number} · {order[0].title}"
    assert any(m.value == f"**1 of {len(order)}**" for m in at.markdown)
    assert at.button(key="present-previous").disabled
    run(at.button(key="present-next").click())
    run(at.button(key="present-next").click())
    third = order[2]
    assert at.query_params["block"] == third.id  # a reload shows the same block
    assert at.title[0].value == f"{third.number} · {third.title}"
    assert any(m.value == f"**3 of {len(order)}**" for m in at.markdown)
    for note in plan.canvas("ml_canvas").block(third.id).notes:
        assert note.text in texts(at)
    run(at.button(key="present-previous").click())
    assert at.title[0].value == f"{order[1].number} · {order[1].title}"
    run(at.button(key="present-whole").click())
    assert "block" not in at.query_params
    assert inputs(at) == []


def test_the_last_block_has_no_next():
    plan = load_example("support_mail_triage")
    last = canvases()["mlops_stack"].blocks_in_reading_order[-1]
    at = present(plan, canvas="mlops_stack", block=last.id)
    assert at.button(key="present-next").disabled
    assert at.title[0].value.endswith(last.title)


def test_a_view_link_shows_the_canvas_and_never_the_edit_link():
    plan = load_example("support_mail_triage")
    store().create(plan)
    token = store().view_token(plan.id)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["view"] = token
    at.query_params["canvas"] = "product_brief"
    at.query_params["block"] = "objectives"
    run(at)
    run(at.switch_page(PRESENTER))
    for note in plan.canvas("product_brief").block("objectives").notes:
        assert note.text in texts(at)
    links = at.main.get("page_link")
    assert links and all(plan.id not in link.proto.query_string for link in links)
    assert all(f"view={token}" in link.proto.query_string for link in links)
    assert plan.id not in str(dict(at.query_params))


def test_an_unknown_canvas_or_block_is_said_and_a_canvas_still_shown():
    plan = load_example("support_mail_triage")
    at = present(plan, canvas="no_such_canvas")
    assert at.warning and "no_such_canvas" in at.warning[0].value
    at = present(load_example("support_mail_triage").as_new(), canvas="ml_canvas", block="no_such_block")
    assert at.warning and "not on this canvas" in at.warning[0].value
    assert plan.canvas("ml_canvas").block("decisions").notes[0].text in texts(at)


def test_the_canvas_page_links_to_its_presenter():
    at = open_page(load_example("support_mail_triage"), "pages/mlops_stack.py")
    present_link = next(link for link in at.main.get("page_link") if link.proto.label == "Present")
    assert "canvas=mlops_stack" in present_link.proto.query_string
    assert "plan=" in present_link.proto.query_string
