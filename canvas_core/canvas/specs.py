"""Canvas specifications: the data files under data/canvases, validated.

A canvas is data, not code. Each TOML file describes one canvas: its blocks,
their place in the published grid, prompts in our own words, an example
answer, structured decision fields and the twins (blocks on other canvases or
steps that ask for the same thing). Adding a canvas is adding a file.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from canvas_core.canvas.layout import GridRect, partition
from canvas_core.canvas.titles import option_label, shown_title
from canvas_core.i18n import N_, _, date_text

CANVAS_DIR = Path(__file__).resolve().parents[2] / "data" / "canvases"

# Places outside the canvases that a block may be linked to. The workflow,
# cost and data landscape steps are forms, not canvases, so their fields are
# named here rather than discovered from files.
STEP_REFS: frozenset[str] = frozenset(
    {
        "workflow.use_of_model",
        "data_landscape.assets",
        "data_landscape.features",
        "data_landscape.labels",
        "costs.staff",
        "costs.serving",
        "costs.retraining",
        "costs.operations",
        "costs.data",
    }
)

Identifier = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(_Strict):
    """A structured answer a block or canvas asks for (beyond free notes)."""

    id: str = Identifier
    label: str
    kind: Literal["choice", "text", "longtext"]
    options: tuple[str, ...] = ()
    help: str = ""

    @model_validator(mode="after")
    def _choices_have_options(self) -> FieldSpec:
        if self.kind == "choice" and len(self.options) < 2:
            raise ValueError(f"choice field {self.id!r} needs at least two options")
        if self.kind != "choice" and self.options:
            raise ValueError(f"field {self.id!r} is not a choice but lists options")
        return self

    def shown_value(self, value: str) -> str:
        """A stored answer as shown: a choice (stored as its English id) in the current language,
        typed text as typed."""
        return option_label(value) if self.kind == "choice" else value


class SubItemSpec(_Strict):
    """A named part of a block (e.g. 'users', 'goals', 'pains' of Background)."""

    id: str = Identifier
    title: str
    prompt: str


class BlockSpec(_Strict):
    id: str = Identifier
    number: int = Field(ge=0, le=99)
    title: str
    group: str = ""
    row: int = Field(ge=1)
    col: int = Field(ge=1)
    row_span: int = Field(default=1, ge=1)
    col_span: int = Field(default=1, ge=1)
    prompts: tuple[str, ...] = Field(min_length=1)
    example: str
    subitems: tuple[SubItemSpec, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    twins: tuple[str, ...] = ()

    @property
    def rect(self) -> GridRect:
        return GridRect(self.row, self.col, self.row_span, self.col_span)

    @property
    def heading(self) -> str:
        """The title as the app shows it, in the current language: "3 · Decisions" (a block numbered 0
        has no number); in German "3 · Entscheidungen (Decisions)"."""
        title = shown_title(self.title)
        return f"{self.number} · {title}" if self.number else title


HEADER_FACTS = ("name", "designed_for", "team", "date", "iteration")  # the plan's own details, asked once


class HeaderLabels(_Strict):
    """Which of the plan's details (asked once, on Home) the canvas's header shows, under the name the
    published canvas gives it: {"name": "Product", "team": "Authors", ...}, in this order (English, as
    in the canvas file; translated where shown)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str | None = None
    designed_for: str | None = None
    team: str | None = None
    date: str | None = None
    iteration: str | None = None

    def shown(self) -> list[tuple[str, str]]:
        """(plan detail, label) for each detail this canvas shows."""
        return [(fact, getattr(self, fact)) for fact in HEADER_FACTS if getattr(self, fact)]


def header_facts(spec: CanvasSpec, plan) -> list[tuple[str, str]]:
    """(label, value) of the canvas header, read from the plan's details."""
    meta = plan.meta
    values = {"name": meta.name, "designed_for": meta.designed_for, "team": meta.team,
              "date": date_text(meta.date) if meta.date else "", "iteration": str(meta.iteration)}
    return [(_(label), values[fact]) for fact, label in spec.header.shown()]


class CanvasSpec(_Strict):
    id: str = Identifier
    title: str
    short_title: str
    version: str
    authors: str
    licence: str
    licence_url: str
    source_url: str
    attribution: str
    description: str
    rows: int = Field(ge=1, le=20)
    columns: int = Field(ge=1, le=12)
    side_labels: dict[str, str] = {}
    header: HeaderLabels = HeaderLabels(designed_for=N_("Designed for"), team=N_("Designed by"), date=N_("Date"),
                                        iteration=N_("Iteration"))
    fields: tuple[FieldSpec, ...] = ()
    blocks: tuple[BlockSpec, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _grid_is_complete(self) -> CanvasSpec:
        ids = [b.id for b in self.blocks]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"duplicate block ids: {sorted(duplicates)}")
        owner: dict[tuple[int, int], str] = {}
        for block in self.blocks:
            if block.row + block.row_span - 1 > self.rows or block.col + block.col_span - 1 > self.columns:
                raise ValueError(f"block {block.id!r} reaches outside the {self.rows}x{self.columns} grid")
            for cell in block.rect.cells():
                if cell in owner:
                    raise ValueError(f"blocks {owner[cell]!r} and {block.id!r} overlap at row/col {cell}")
                owner[cell] = block.id
        holes = [(r, c) for r in range(1, self.rows + 1) for c in range(1, self.columns + 1) if (r, c) not in owner]
        if holes:
            raise ValueError(f"grid has empty cells at row/col {holes}")
        # The editor draws the grid as nested rows and columns; make sure it can.
        partition({b.id: b.rect for b in self.blocks}, GridRect(1, 1, self.rows, self.columns))
        return self

    @property
    def shown_title(self) -> str:
        """The canvas's title in the current language, the published title beside it."""
        return shown_title(self.title)

    def block(self, block_id: str) -> BlockSpec:
        for block in self.blocks:
            if block.id == block_id:
                return block
        raise KeyError(block_id)

    @property
    def blocks_in_reading_order(self) -> tuple[BlockSpec, ...]:
        return tuple(sorted(self.blocks, key=lambda b: (b.number == 0, b.number)))


class SpecError(ValueError):
    """A canvas file could not be read or does not describe a valid canvas."""


def load_canvas_file(path: Path) -> CanvasSpec:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return CanvasSpec.model_validate(raw)
    except (tomllib.TOMLDecodeError, ValueError) as error:
        raise SpecError(f"{path.name}: {error}") from error


def check_links(specs: dict[str, CanvasSpec]) -> None:
    """Every twin must name an existing block or step field, and canvas twins
    must point back, so a suggestion offered one way is offered the other way."""
    for spec in specs.values():
        for block in spec.blocks:
            for ref in block.twins:
                if ref in STEP_REFS:
                    continue
                canvas_id, _dot, block_id = ref.partition(".")
                if canvas_id not in specs or block_id not in {b.id for b in specs[canvas_id].blocks}:
                    raise SpecError(f"{spec.id}.{block.id}: twin {ref!r} names no known block or step")
                back = specs[canvas_id].block(block_id).twins
                if f"{spec.id}.{block.id}" not in back:
                    raise SpecError(f"{spec.id}.{block.id}: twin {ref!r} does not link back")


def load_canvases(directory: Path = CANVAS_DIR) -> dict[str, CanvasSpec]:
    specs: dict[str, CanvasSpec] = {}
    for path in sorted(directory.glob("*.toml")):
        spec = load_canvas_file(path)
        if spec.id in specs:
            raise SpecError(f"{path.name}: canvas id {spec.id!r} is used twice")
        specs[spec.id] = spec
    check_links(specs)
    return specs


@functools.cache
def canvases() -> dict[str, CanvasSpec]:
    """The bundled canvases, read once per process (they never change at run time)."""
    return load_canvases()


def blocks_not_drawn(plan, specs: dict[str, CanvasSpec]) -> list[tuple[str, str, list]]:
    """(canvas id, block id, notes) of every block holding notes that no canvas file draws (from an
    older canvas file, say): the reports list them, so nothing typed goes missing."""
    known = {spec.id: {b.id for b in spec.blocks} for spec in specs.values()}
    return [(canvas_id, block_id, block.notes) for canvas_id, content in plan.canvases.items()
            for block_id, block in content.blocks.items()
            if block_id not in known.get(canvas_id, ()) and block.notes]
