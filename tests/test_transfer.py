"""Plan files: export, lossless import, and clear refusals for bad files."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from canvas_core import migrations, transfer
from canvas_core.examples import load_example
from canvas_core.plan import MAX_LINE_CHARS, SCHEMA_VERSION, Plan
from canvas_core.transfer import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_MB,
    MAX_NESTING,
    SCHEMA_FILE,
    ImportRefused,
    export_filename,
    export_plan,
    import_plan,
    json_schema,
    nesting_depth,
)

ROOT = Path(__file__).resolve().parent.parent
V1_FILE = Path(__file__).parent / "fixtures" / "plan_v1_example.json"
V2_FILE = Path(__file__).parent / "fixtures" / "plan_v2_example.json"


def test_export_then_import_is_lossless_apart_from_the_new_identity(example_plan: Plan):
    imported = import_plan(export_plan(example_plan))
    assert imported.id != example_plan.id
    assert imported.model_dump(exclude={"id": True, "meta": {"updated_at"}}) == example_plan.model_dump(
        exclude={"id": True, "meta": {"updated_at"}}
    )


def test_file_name_is_the_plan_name_and_date(example_plan: Plan):
    assert export_filename(example_plan, date(2026, 11, 23)) == "support-mail-triage-2026-11-23.json"
    example_plan.meta.name = "Ζημιά / triage: v2!"
    assert export_filename(example_plan, date(2026, 1, 2)) == "triage-v2-2026-01-02.json"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not JSON"),
        (b"{not json", "not JSON"),
        (b"[1, 2, 3]", "not an ML Canvas Studio plan"),
        (b'{"name": "a shopping list"}', "not an ML Canvas Studio plan"),
        (json.dumps({"schema_version": 99, "meta": {}}).encode(), "newer version"),
        (json.dumps({"schema_version": 2, "meta": {"currency": "euro"}}).encode(), "damaged: meta > currency"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data: bytes, message: str):
    with pytest.raises(ImportRefused, match=message) as refused:
        import_plan(data)
    assert "Nothing was imported" in str(refused.value)


@pytest.mark.parametrize(
    "version, says",
    [
        ("3", 'this file has the text "3".'),
        ("three" * 50, 'this file has the text "threethreethreethree…".'),
        (3.0, "this file has the number 3.0."),
        (None, "this file has null (no value)."),
        (True, "this file has true (a yes/no value)."),
        ([3], "this file has a list."),
    ],
)
def test_a_schema_version_that_is_not_a_whole_number_says_what_the_file_has(version, says: str):
    data = json.dumps({"schema_version": version, "meta": {}}).encode()
    with pytest.raises(ImportRefused) as refused:
        import_plan(data)
    assert str(refused.value) == f"schema_version must be a whole number; {says} Nothing was imported."


@pytest.mark.parametrize("version", [0, -3])
def test_a_schema_version_below_1_is_refused_as_such(version: int):
    with pytest.raises(ImportRefused, match=rf"schema_version must be 1 or more; this file has {version}\."):
        import_plan(json.dumps({"schema_version": version, "meta": {}}).encode())


@pytest.mark.parametrize(
    "size, says",
    [(6_000_000, "6.0 MB"), (5_260_000, "5.3 MB"), (MAX_IMPORT_BYTES + 1, "5,000,001 bytes")],
)
def test_a_file_over_the_limit_is_refused_before_it_is_parsed_saying_its_size(size: int, says: str):
    with pytest.raises(ImportRefused) as refused:
        import_plan(b"{" * size)
    assert str(refused.value) == f"The file is {says}; a plan file is at most 5 MB. Nothing was imported."


def test_a_file_of_exactly_the_limit_is_read():
    with pytest.raises(ImportRefused, match="not JSON"):
        import_plan(b" " * MAX_IMPORT_BYTES)


def test_the_app_refuses_exactly_the_files_the_uploader_refuses():
    """Streamlit's uploader takes server.maxUploadSize in MB and, in the browser, counts
    1 MB as 1,000,000 bytes: change the config or MAX_IMPORT_BYTES, and change both."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    upload_limit_mb = config["server"]["maxUploadSize"]
    assert MAX_IMPORT_BYTES == upload_limit_mb * 1_000_000
    assert MAX_IMPORT_MB == upload_limit_mb  # the number every message shows


def deeply_nested_plan(example_plan: Plan, levels: int) -> bytes:
    """The worked example with `levels` lists nested inside its open questions."""
    document = json.loads(export_plan(example_plan))
    document["review"]["open_questions"] = "@@"
    return json.dumps(document).encode().replace(b'"@@"', b"[" * levels + b"]" * levels)


DEEP_FILES = [lambda plan: b"[" * 100_000, lambda plan: deeply_nested_plan(plan, 900)]


@pytest.mark.parametrize(
    "text, depth",
    [
        ("", 0),
        ("3", 0),
        ('{"a": [1, {"b": []}], "c": {}}', 4),
        ('["[[[[", "{{\\"}}", "\\\\", {"]]": "[\\u005b"}]', 2),  # brackets and escapes inside strings
        ("[" * 100_000, 100_000),
        ('{"a": "unterminated [[[[', 1),
    ],
)
def test_nesting_depth_counts_brackets_outside_strings(text: str, depth: int):
    assert nesting_depth(text) == depth


def test_the_deepest_plan_the_model_allows_is_well_within_the_nesting_limit():
    def depth(schema: dict, defs: dict) -> int:
        if "$ref" in schema:
            return depth(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
        if "anyOf" in schema:
            return max(depth(option, defs) for option in schema["anyOf"])
        if schema.get("type") == "array":
            return 1 + depth(schema.get("items", {}), defs)
        if schema.get("type") == "object":
            extra = schema.get("additionalProperties")
            children = [*schema.get("properties", {}).values(), *([extra] if isinstance(extra, dict) else [])]
            return 1 + max((depth(child, defs) for child in children), default=0)
        return 0

    schema = Plan.model_json_schema()
    assert 5 <= depth(schema, schema["$defs"]) <= MAX_NESTING // 2


@pytest.mark.parametrize("make", DEEP_FILES, ids=["brackets only", "900 lists in a plan"])
def test_a_deeply_nested_file_is_refused_in_one_line(example_plan: Plan, make):
    with pytest.raises(ImportRefused) as refused:
        import_plan(make(example_plan))
    assert str(refused.value) == (f"The file nests lists or objects more than {MAX_NESTING} levels deep; an "
                                  "exported plan never does, so it is not a plan file. Nothing was imported.")


@pytest.mark.parametrize("make", DEEP_FILES, ids=["brackets only", "900 lists in a plan"])
def test_recursion_in_the_parser_or_the_model_is_a_refusal_too(example_plan: Plan, make, monkeypatch):
    monkeypatch.setattr(transfer, "MAX_NESTING", 10**6)  # as if the depth check had missed it
    with pytest.raises(ImportRefused, match="levels deep"):
        import_plan(make(example_plan))


def test_the_limit_itself_is_allowed_one_level_more_is_not(example_plan: Plan):
    lists_at_the_limit = MAX_NESTING - 2  # the plan and its review are two levels
    with pytest.raises(ImportRefused, match=r"damaged: review > open_questions"):  # parsed, then validated
        import_plan(deeply_nested_plan(example_plan, lists_at_the_limit))
    with pytest.raises(ImportRefused, match="levels deep"):
        import_plan(deeply_nested_plan(example_plan, lists_at_the_limit + 1))


def test_a_number_python_cannot_read_is_refused():
    with pytest.raises(ImportRefused, match="number too long to read"):
        import_plan(b'{"schema_version": 3, "meta": {}, "n": ' + b"1" * 5000 + b"}")


def test_a_plan_repeating_a_note_id_in_a_block_is_refused_naming_it(example_plan: Plan):
    notes = example_plan.canvas("ml_canvas").block("data_sources").notes
    notes[3].id = notes[1].id
    with pytest.raises(ImportRefused) as refused:
        import_plan(export_plan(example_plan))
    assert str(refused.value) == ("The plan file is damaged: two notes in ML Canvas › Data Sources share the id "
                                  f"{notes[1].id!r}. Nothing was imported.")


def test_a_refusal_lists_three_repeated_ids_and_counts_the_rest(example_plan: Plan):
    lines = example_plan.costs.lines
    for first, second in [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)]:
        lines[second].id = lines[first].id
    with pytest.raises(ImportRefused) as refused:
        import_plan(export_plan(example_plan))
    message = str(refused.value)
    assert message.count("two cost lines in Costs share the id") == 3 and message.endswith(
        " (and 2 more). Nothing was imported.")


def test_a_file_from_the_older_format_is_migrated():
    v1 = json.loads(V1_FILE.read_text(encoding="utf-8"))
    assert v1["schema_version"] == 1 and v1["workflow"]["integration"]["mode"] == "augment"
    plan = import_plan(V1_FILE.read_bytes())
    assert plan.schema_version == SCHEMA_VERSION
    assert (plan.workflow.integration.mode.value, plan.workflow.integration.mode.unclear) == ("augment", False)
    assert plan.meta.name == v1["meta"]["name"]


def test_a_v2_data_landscape_keeps_every_answer_in_the_richer_v3_inventory():
    v2 = json.loads(V2_FILE.read_text(encoding="utf-8"))
    assert v2["schema_version"] == 2
    plan = import_plan(V2_FILE.read_bytes())
    old = {a["id"]: a for a in v2["data_landscape"]["assets"]}
    assert [a.name for a in plan.data_landscape.assets] == [a["name"] for a in old.values()]
    for asset in plan.data_landscape.assets:
        before = old[asset.id]
        assert asset.status == before["availability"]
        assert asset.personal_data == ("personal" if before["personal_data"] else "none")
        assert asset.contents == before["data_type"]
        assert (asset.use, asset.description, asset.sharing, asset.acquisition) == (
            before["use"], before["description"], before["sharing"], before["acquisition"])
        assert (asset.location == "External") == (before["origin"] == "external")
    mail = next(a for a in plan.data_landscape.assets if a.name == "Mail archive")
    assert mail.kinds == ["text"]  # from "Text (e-mail)"


def test_migration_links_a_v2_data_line_named_after_its_asset():
    doc = {"schema_version": 2,
           "data_landscape": {"assets": [{"id": "a1", "name": "Address file", "acquisition": "paid"}]},
           "costs": {"lines": [{"id": "l1", "category": "data", "label": "Address file"},
                               {"id": "l2", "category": "staff", "label": "Address file"}]}}
    lines = migrations.migrate(doc)["costs"]["lines"]
    assert [line.get("source_asset_id") for line in lines] == ["a1", None]


def test_migration_leaves_its_input_alone_and_refuses_a_gap(monkeypatch):
    doc = {"schema_version": 1, "workflow": {"integration": {"mode": "automate", "mode_unclear": True}}}
    migrated = migrations.migrate(doc)
    assert migrated["workflow"]["integration"]["mode"] == {"value": "automate", "unclear": True}
    assert doc["workflow"]["integration"]["mode"] == "automate"
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    with pytest.raises(migrations.MigrationError, match="too old"):
        migrations.migrate({"schema_version": 1})


def test_published_json_schema_matches_the_model():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema(), (
        "data/plan.schema.json is out of date: run `python -m canvas_core.transfer`"
    )


def test_a_v3_plan_answers_the_reasons_not_to_use_ml_as_yes_or_no():
    document = json.loads(load_example("support_mail_triage").to_json())
    document["schema_version"] = 3
    document["workflow"]["characteristics"].update(nobody_to_maintain=True, low_expected_return=False)
    plan = transfer.read_plan(json.dumps(document).encode())
    assert plan.schema_version == SCHEMA_VERSION
    assert (plan.workflow.characteristics.nobody_to_maintain, plan.workflow.characteristics.low_expected_return) == (
        "yes", "no")


def test_a_plan_stored_before_an_upgrade_opens_after_it(tmp_path):
    from canvas_core.store import SqlPlanStore
    from canvas_core.store.sql import plans_table

    store = SqlPlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    plan = load_example("support_mail_triage")
    store.create(plan)
    old = json.loads(plan.to_json())
    old["schema_version"] = 3
    old["workflow"]["characteristics"]["nobody_to_maintain"] = False
    with store.engine.begin() as db:
        db.execute(plans_table.update().values(data=json.dumps(old)))
    assert store.get(plan.id).plan.workflow.characteristics.nobody_to_maintain == "no"


def test_a_v4_plan_asks_its_header_facts_once():
    document = json.loads(load_example("support_mail_triage").to_json())
    document["schema_version"] = 4
    meta = document["meta"]
    for name in ("designed_for", "date", "iteration"):
        meta.pop(name)
    meta["team"] = ""
    document["canvases"]["ml_canvas"]["header"] = {"designed_for": "Claims", "designed_by": "Dana, Ola",
                                                   "date": "2026-03-12", "iteration": 4}
    document["canvases"]["product_brief"]["header"] = {"designed_for": "Mail triage", "designed_by": "",
                                                       "date": None, "iteration": 1}
    plan = transfer.read_plan(json.dumps(document).encode())
    assert (plan.meta.designed_for, plan.meta.team, plan.meta.iteration) == ("Claims", "Dana, Ola", 4)
    assert plan.meta.date.isoformat() == "2026-03-12"


# --- an imported plan named like one already listed -----------------------------------------

IMPORT_DAY = date(2026, 12, 2)


def test_an_imported_plan_named_like_a_listed_one_gets_the_date_of_the_import():
    listed = ["Support mail triage", "Pump failure prediction"]
    assert transfer.distinct_name("Support mail triage", listed, IMPORT_DAY) == "Support mail triage (imported 2026-12-02)"
    assert transfer.distinct_name("support  MAIL triage", listed, IMPORT_DAY) == "support  MAIL triage (imported 2026-12-02)"


def test_a_name_no_listed_plan_has_is_kept():
    assert transfer.distinct_name("Support mail triage", ["Support mail triage (copy)"], IMPORT_DAY) is None
    assert transfer.distinct_name("Anything", [], IMPORT_DAY) is None


def test_a_second_import_on_the_same_day_is_told_apart_too():
    listed = ["Triage", "Triage (imported 2026-12-02)"]
    assert transfer.distinct_name("Triage", listed, IMPORT_DAY) == "Triage (imported 2026-12-02, 2)"


def test_a_long_name_is_shortened_to_fit_the_suffix_within_the_limit():
    name = "x" * MAX_LINE_CHARS
    renamed = transfer.distinct_name(name, [name], IMPORT_DAY)
    assert len(renamed) == MAX_LINE_CHARS and renamed.endswith(" (imported 2026-12-02)")
