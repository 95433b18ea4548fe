"""Every canvas file under data/canvases loads, and its grid is the published one."""

from __future__ import annotations

from pathlib import Path

import pytest

from canvas_core.canvas.layout import GridRect, Leaf, partition
from canvas_core.canvas.specs import (
    CANVAS_DIR,
    SpecError,
    check_links,
    load_canvas_file,
    load_canvases,
)

CANVAS_FILES = sorted(CANVAS_DIR.glob("*.toml"))


def test_the_three_template_canvases_ship(specs):
    assert {"ml_canvas": 10, "mlops_stack": 12, "product_brief": 12} == {k: len(v.blocks) for k, v in specs.items()}


@pytest.mark.parametrize("path", CANVAS_FILES, ids=lambda p: p.stem)
def test_canvas_file_fills_its_grid_without_overlap_or_hole(path: Path):
    spec = load_canvas_file(path)
    covered = [cell for block in spec.blocks for cell in block.rect.cells()]
    assert len(covered) == len(set(covered)), "blocks overlap"
    assert set(covered) == {(r, c) for r in range(1, spec.rows + 1) for c in range(1, spec.columns + 1)}


@pytest.mark.parametrize("path", CANVAS_FILES, ids=lambda p: p.stem)
def test_canvas_file_has_guidance_and_attribution(path: Path):
    spec = load_canvas_file(path)
    assert spec.licence and spec.licence_url.startswith("https://") and spec.source_url.startswith("https://")
    assert spec.authors and spec.attribution
    numbers = [b.number for b in spec.blocks]
    assert len(numbers) == len(set(numbers)), "block numbers repeat"
    for block in spec.blocks:
        assert block.prompts and all(p.strip() for p in block.prompts), block.id
        assert len(block.example) > 20, f"{block.id} needs a real example answer"


@pytest.mark.parametrize("path", CANVAS_FILES, ids=lambda p: p.stem)
def test_layout_places_every_block_exactly_once(path: Path):
    spec = load_canvas_file(path)
    tree = partition({b.id: b.rect for b in spec.blocks}, GridRect(1, 1, spec.rows, spec.columns))
    leaves = []

    def walk(node):
        if isinstance(node, Leaf):
            leaves.append(node.block_id)
        else:
            for child in node.children:
                walk(child)

    walk(tree)
    assert sorted(leaves) == sorted(b.id for b in spec.blocks)


def test_ml_canvas_matches_the_published_v1_1_grid(specs):
    ml = specs["ml_canvas"]
    where = {b.id: (b.row, b.col, b.row_span, b.col_span) for b in ml.blocks}
    assert where["value_proposition"] == (1, 3, 2, 1)  # centre, two rows high
    assert where["impact_simulation"] == (2, 1, 2, 1)  # left, down to the bottom
    assert where["features"] == (2, 5, 2, 1)  # right, down to the bottom
    assert where["monitoring"] == (3, 2, 1, 3)  # bottom strip under columns 2-4
    assert (ml.header.designed_for, ml.header.iteration) == ("Designed for", "Iteration")


def test_mlops_stack_has_decision_fields_and_maturity(specs):
    mlops = specs["mlops_stack"]
    assert mlops.block("metadata_store").col_span == 5
    for block in mlops.blocks:
        ids = {f.id for f in block.fields}
        if 2 <= block.number <= 11:
            assert {"requirement", "sourcing", "tool", "decision_record"} <= ids, block.id
    sourcing = next(f for f in mlops.block("feature_store").fields if f.id == "sourcing")
    assert sourcing.options == ("buy", "open source", "build")
    assert [f.id for f in mlops.fields] == ["maturity_stage"]
    assert {f.id for f in mlops.block("dilemmas").fields} == {"tooling", "platforms", "skills"}


def test_product_brief_sections_and_sub_items(specs):
    brief = specs["product_brief"]
    subitems = {b.id: [s.id for s in b.subitems] for b in brief.blocks}
    assert subitems["background"] == ["users", "goals", "pains"]
    assert subitems["solution"] == ["core_features", "integration", "alternatives", "constraints", "out_of_scope"]
    assert subitems["evaluation"] == ["offline", "online"]
    assert subitems["project"] == ["team", "deliverables", "timeline"]


def test_value_proposition_twins_link_all_three_canvases(specs):
    assert set(specs["ml_canvas"].block("value_proposition").twins) >= {
        "product_brief.value_proposition",
        "mlops_stack.value_proposition",
    }
    assert "workflow.use_of_model" in specs["ml_canvas"].block("decisions").twins


BASE = """
id = "demo"
title = "Demo"
short_title = "Demo"
version = "1"
authors = "Us"
licence = "CC BY-SA 4.0"
licence_url = "https://example.org/l"
source_url = "https://example.org/s"
attribution = "Demo by us"
description = "A demo"
rows = 1
columns = 2
"""

BLOCK = """
[[blocks]]
id = "{id}"
number = {n}
title = "{id}"
row = 1
col = {col}
col_span = {span}
prompts = ["Why?"]
example = "Because."
{extra}
"""


def _write(tmp_path, *blocks, name="demo.toml", head=BASE):
    path = tmp_path / name
    path.write_text(head + "".join(BLOCK.format(**{"extra": "", **b}) for b in blocks), encoding="utf-8")
    return path


def test_overlapping_blocks_are_refused_with_the_block_names(tmp_path):
    path = _write(tmp_path, dict(id="a", n=1, col=1, span=2), dict(id="b", n=2, col=2, span=1))
    with pytest.raises(SpecError, match="'a' and 'b' overlap"):
        load_canvas_file(path)


def test_a_hole_in_the_grid_is_refused(tmp_path):
    path = _write(tmp_path, dict(id="a", n=1, col=1, span=1))
    with pytest.raises(SpecError, match="empty cells"):
        load_canvas_file(path)


def test_unknown_keys_and_broken_toml_are_refused(tmp_path):
    path = _write(tmp_path, dict(id="a", n=1, col=1, span=2, extra='colour = "red"'))
    with pytest.raises(SpecError, match="colour"):
        load_canvas_file(path)
    broken = tmp_path / "broken.toml"
    broken.write_text("id = ", encoding="utf-8")
    with pytest.raises(SpecError, match="broken.toml"):
        load_canvas_file(broken)


def test_a_twin_must_exist_and_link_back(tmp_path, specs):
    path = _write(tmp_path, dict(id="a", n=1, col=1, span=2, extra='twins = ["ml_canvas.decisions"]'))
    demo = load_canvas_file(path)
    with pytest.raises(SpecError, match="does not link back"):
        check_links({**specs, "demo": demo})
    path = _write(tmp_path, dict(id="a", n=1, col=1, span=2, extra='twins = ["ml_canvas.nothing"]'))
    with pytest.raises(SpecError, match="names no known block"):
        check_links({**specs, "demo": load_canvas_file(path)})


def test_adding_a_canvas_is_adding_a_file(tmp_path):
    _write(tmp_path, dict(id="a", n=1, col=1, span=1), dict(id="b", n=2, col=2, span=1))
    assert list(load_canvases(tmp_path)) == ["demo"]
