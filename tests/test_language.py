"""The app's language follows the person: the switch (remembered by a cookie), else the browser's
language, else the open plan's. Switching keeps every typed value; the plan's own language (its
reports) is changed only in the plan form."""

from __future__ import annotations

import json

import pytest
from streamlit.runtime.context import ContextProxy, StreamlitCookies
from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from tests.app_driver import APP, error_messages, open_app, run, store
from ui import language

SWITCH = "ui-language"


def example(lang: str = "en"):
    plan = load_example("support_mail_triage").as_new()
    plan.meta.language = lang
    return plan


def subheaders(at: AppTest) -> list[str]:
    return [s.value for s in at.subheader]


def reads_german(at: AppTest) -> bool:
    # The language of the run, as the session holds it: AppTest draws no sidebar (and so no switch)
    # when Home runs again.
    return "Ihre Pläne" in subheaders(at) and at.session_state[language._RESOLVED_KEY] == "de"


def reads_english(at: AppTest) -> bool:
    return "Your plans" in subheaders(at) and at.session_state[language._RESOLVED_KEY] == "en"


def widget_ids(at: AppTest) -> dict[str, str]:
    """The widgets of the main area by key, with the id the browser knows each by."""
    return {w.key: w.id for w in at.main.get("text_input") + at.main.get("selectbox") + at.main.get("button")
            + at.main.get("date_input") + at.main.get("number_input") + at.main.get("file_uploader") if w.key}


def test_the_app_reads_in_the_plans_language_when_the_person_chose_none():
    assert reads_german(open_app(example("de")))
    assert reads_english(open_app(example("en")))


def test_a_plan_in_a_language_the_app_does_not_speak_reads_english_and_keeps_its_code():
    at = open_app(example("fr"))
    assert reads_english(at)
    chooser = at.selectbox(key="plan-language")
    assert chooser.value == "fr" and chooser.options[0] == "Français"
    assert set(chooser.options[1:]) == {"English", "Deutsch"}  # the languages the app has catalogues for


def test_the_switch_overrides_the_plan_for_this_person_and_keeps_every_typed_value():
    plan = example("en")
    at = open_app(plan)
    # Typed, not yet sent: a plan detail, the author's name in the sidebar, a room code in its form.
    at.text_input(key="plan-team").input("Dana, Jo and Kim")
    at.text_input(key="author_name").input("Dana")
    at.selectbox(key="home-example").select("support_mail_triage")
    before = widget_ids(at)
    at = run(at.selectbox(key=SWITCH).select("de"))
    assert reads_german(at)
    assert at.text_input(key="plan-team").value == "Dana, Jo and Kim"
    assert at.session_state["author_name"] == "Dana"  # the sidebar's field (not drawn again by AppTest on Home)
    assert at.selectbox(key="home-example").value == "support_mail_triage"
    # A form's field (the room code) keeps what is typed in the browser until it is sent: it stays the
    # same widget in either language, as every widget on Home does.
    assert widget_ids(at) == {key: wid for key, wid in before.items() if key in widget_ids(at)}
    assert "home-join-code" in widget_ids(at)
    assert at.text_input(key="plan-name").value == plan.meta.name
    assert at.text_input(key="plan-team").label == "Team" and at.text_input(key="plan-name").label == "Name des Plans"
    # The person's choice, not the plan's: the plan (and its reports) stay English.
    assert store().get(plan.id).plan.meta.language == "en"
    assert at.selectbox(key="plan-language").value == "en"
    # It holds for the rest of the session, on every page and after the plan's language changed.
    at = run(at.selectbox(key="plan-language").select("en"))
    assert reads_german(at)
    at = run(at.switch_page("pages/iterations.py"))
    assert at.title[0].value == "Iterationen"
    # Another person opening the same plan reads it in the plan's language.
    assert reads_english(open_app(plan_id=plan.id))


def test_switching_back_keeps_what_was_typed_in_the_plan_form():
    plan = example("de")
    at = open_app(plan)
    at.text_input(key="plan-designed_for").input("Kundendienst, 2. Ebene")
    at = run(at.selectbox(key=SWITCH).select("en"))
    assert reads_english(at)
    assert at.text_input(key="plan-designed_for").value == "Kundendienst, 2. Ebene"
    assert store().get(plan.id).plan.meta.designed_for == "Kundendienst, 2. Ebene"


def test_the_switch_asks_the_browser_to_remember_the_choice():
    at = open_app(example("en"))
    assert language._COOKIE_PENDING_KEY not in at.session_state  # nothing chosen, nothing to remember
    at = run(at.selectbox(key=SWITCH).select("de"))
    assert at.session_state[language._CHOICE_KEY] == "de"
    assert at.session_state[language._COOKIE_PENDING_KEY]  # the cookie writer is drawn with the choice


@pytest.fixture
def cookie_says_german(monkeypatch):
    """A browser that sends `mlcs_language=de` with the page (AppTest cannot send cookies: st.context's
    cookies are what the app reads, so they are given here)."""
    monkeypatch.setattr(ContextProxy, "cookies", property(lambda self: StreamlitCookies({language.COOKIE: "de"})))


def test_a_new_session_with_the_cookie_reads_the_chosen_language(cookie_says_german):
    assert reads_german(open_app(example("en")))


def test_a_cookie_naming_a_language_the_app_does_not_speak_is_ignored(monkeypatch):
    monkeypatch.setattr(ContextProxy, "cookies", property(lambda self: StreamlitCookies({language.COOKIE: "xx"})))
    assert reads_english(open_app(example("en")))


def open_with_locale(plan, locale: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    store().create(plan)
    at.query_params["plan"] = plan.id
    at.context["locale"] = locale
    return run(at)


def test_a_german_browser_reads_an_english_plan_in_german():
    assert reads_german(open_with_locale(example("en"), "de-AT"))


def test_a_browser_language_the_app_does_not_speak_leaves_the_plans_language():
    assert reads_german(open_with_locale(example("de"), "fr-FR"))
    assert reads_english(open_with_locale(example("en"), "fr-FR"))


def test_the_choice_wins_over_the_browser_language():
    at = open_with_locale(example("en"), "de-DE")
    assert reads_german(at)
    at = run(at.selectbox(key=SWITCH).select("en"))
    assert reads_english(at)


def test_a_refused_import_reads_german_in_a_german_session():
    at = open_app(example("de"))
    uploader = at.get("file_uploader")[0]
    at = run(uploader.upload("plan.json", json.dumps({"schema_version": 99, "meta": {}}).encode(), "application/json"))
    errors = error_messages(at)
    assert any(e.startswith("Die Datei wurde von einer neueren Version von ML Canvas Studio geschrieben")
               and e.endswith("Es wurde nichts importiert.") for e in errors), errors
    assert "Datei: plan.json" in [t.value for t in at.text]


def test_a_damaged_plan_file_is_explained_in_german_around_the_technical_detail():
    plan = example("en")
    document = json.loads(plan.to_json())
    document["meta"]["iteration"] = 0
    document["meta"]["extra"] = "?"
    at = open_app(example("de"))
    at = run(at.get("file_uploader")[0].upload("plan.json", json.dumps(document).encode(), "application/json"))
    errors = error_messages(at)
    assert any(e.startswith("Die Plandatei ist beschädigt: meta > ") and "muss 1 oder mehr sein" in e
               and "kein Feld, das die App kennt" in e for e in errors), errors


def test_a_new_plan_is_named_and_written_in_the_language_its_person_reads():
    at = open_with_locale_no_plan("de-CH")
    plan = at.session_state["open_plan"].plan
    assert (plan.meta.name, plan.meta.language) == ("Plan ohne Namen", "de")
    at = run(AppTest.from_file(APP, default_timeout=30))
    plan = at.session_state["open_plan"].plan
    assert (plan.meta.name, plan.meta.language) == ("Untitled plan", "en")


def open_with_locale_no_plan(locale: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.context["locale"] = locale
    return run(at)


def styles(at: AppTest) -> str:
    return "\n".join(element.proto.body for element in at.get("html"))


def test_streamlits_english_upload_instruction_is_hidden_only_where_our_caption_says_it_in_german():
    german = open_app(example("de"))
    assert 'st-key-import-plan-file [data-testid="stFileUploaderDropzoneInstructions"]' in styles(german)
    assert any("höchstens 5 MB" in c.value and ".json" in c.value for c in german.caption)
    assert "stFileUploaderDropzoneInstructions" not in styles(open_app(example("en")))


def test_import_refusals_are_whole_german_sentences_with_german_numbers():
    from canvas_core import transfer
    from canvas_core.config import MAX_IMPORT_BYTES
    from canvas_core.i18n import language as in_language

    with in_language("de"), pytest.raises(transfer.ImportRefused) as too_big:
        transfer.import_plan(b"{" * (MAX_IMPORT_BYTES + 1))
    assert str(too_big.value) == ("Die Datei ist 5.000.001 Byte groß; eine Plandatei hat höchstens 5 MB. "
                                  "Es wurde nichts importiert.")
    with in_language("de"), pytest.raises(transfer.ImportRefused) as not_json:
        transfer.import_plan(b"no json")
    assert str(not_json.value) == ("Die Datei ist kein JSON (ein exportierter Plan ist eine .json-Datei). "
                                   "Es wurde nichts importiert.")
    with in_language("de"), pytest.raises(transfer.ImportRefused) as text_version:
        transfer.import_plan(json.dumps({"schema_version": "3", "meta": {}}).encode())
    assert str(text_version.value) == ('schema_version muss eine ganze Zahl sein; diese Datei enthält den Text "3". '
                                       "Es wurde nichts importiert.")


def test_a_repeated_id_is_named_in_german_with_the_step_as_the_app_names_it(example_plan):
    from canvas_core import transfer
    from canvas_core.i18n import language as in_language

    lines = example_plan.costs.lines
    lines[1].id = lines[0].id
    with in_language("de"), pytest.raises(transfer.ImportRefused) as refused:
        transfer.import_plan(transfer.export_plan(example_plan))
    assert str(refused.value) == (f"Die Plandatei ist beschädigt: zwei Kostenzeilen in Kosten haben dieselbe ID "
                                  f"{lines[0].id!r}. Es wurde nichts importiert.")


def test_pydantics_words_are_ours_in_german_and_its_own_in_english():
    from pydantic import ValidationError

    from canvas_core.i18n import language as in_language
    from canvas_core.plan import PlanMeta
    from canvas_core.validation import problems

    with pytest.raises(ValidationError) as error:
        PlanMeta.model_validate({"iteration": 0, "name": "x" * 400, "colour": "red"})
    assert problems(error.value) == "name: String should have at most 300 characters (and 2 more)"
    with in_language("de"):
        assert problems(error.value, limit=3) == ("name: höchstens 300 Zeichen; iteration: muss 1 oder mehr sein; "
                                                  "colour: kein Feld, das die App kennt")
        assert problems(error.value) == "name: höchstens 300 Zeichen (und 2 weitere)"


def test_a_name_taken_in_the_list_gets_the_date_of_the_import_as_german_writes_it():
    import datetime as dt

    from canvas_core import transfer
    from canvas_core.i18n import language as in_language

    with in_language("de"):
        assert transfer.distinct_name("Triage", ["triage"], dt.date(2026, 12, 2)) == "Triage (importiert am 02.12.2026)"
        assert transfer.distinct_name("Triage", ["triage", "Triage (importiert am 02.12.2026)"],
                                      dt.date(2026, 12, 2)) == "Triage (importiert am 02.12.2026, 2)"


def test_a_link_to_no_plan_is_explained_in_the_browsers_language():
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["plan"] = "n0-such-plan-n0-such-plan"
    at.context["locale"] = "de-DE"
    at = run(at)
    assert "Unter diesem Link wurde kein Plan gefunden. Vielleicht wurde er falsch eingegeben." in error_messages(at)
