"""The MLOps tool catalogue (data/mlops_tools.toml): a short list of well-known options per block of
the MLOps Stack Canvas, and where the canvas says a block can wait ("not needed yet"). Read and
validated once per process, like the canvas files; a broken file stops the app with its reason."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

CATALOGUE = Path(__file__).resolve().parents[3] / "data" / "mlops_tools.toml"
MLOPS_CANVAS = "mlops_stack"
TEAM_SIZES = ("small", "medium", "large")
STAGES = ("tactical", "strategic", "transformational")  # the canvas's maturity stages, as its field spells them
SERVING_MODES = ("batch", "real time", "streaming")
# Conditions a "not needed yet" entry may name; each is a predicate in canvas_core.steps.mlops_stack.fit.
CONDITIONS = ("early_stage", "small_team", "rare_retraining", "block_optional")


class CatalogueError(ValueError):
    """The tool catalogue cannot be used; the message names the entry and what is wrong."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Tool(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1, max_length=80)
    aliases: tuple[str, ...] = ()
    blocks: tuple[str, ...] = Field(min_length=1)
    what: str = Field(min_length=10, max_length=140)  # one line
    licence: str = Field(min_length=2, max_length=80)
    sourcing: Literal["open source", "buy", "build"]
    hosting: Literal["self-hosted", "managed", "either"]
    team: tuple[Literal["small", "medium", "large"], ...] = Field(min_length=1)
    maturity: tuple[Literal["tactical", "strategic", "transformational"], ...] = Field(min_length=1)
    serving: tuple[Literal["batch", "real time", "streaming"], ...] = ()
    url: HttpUrl
    checked: dt.date
    caution: str = Field(default="", max_length=140)  # e.g. little maintained: shown with the tool

    @model_validator(mode="after")
    def _consistent(self) -> Tool:
        if self.url.scheme != "https":
            raise ValueError("its link must be https")
        if self.sourcing == "buy" and self.licence != "proprietary":
            raise ValueError("a product bought is 'proprietary'")
        if self.sourcing == "build" and self.licence != "your own code":
            raise ValueError("a practice built in-house is 'your own code'")
        return self


class NotYet(_Strict):
    """Where the canvas itself says a block can wait, and when."""

    block: str
    when: tuple[Literal["early_stage", "small_team", "rare_retraining", "block_optional"], ...] = Field(
        min_length=1)
    title: str = Field(min_length=5, max_length=120)
    why: str = Field(min_length=10, max_length=300)


class Catalogue(_Strict):
    tools: tuple[Tool, ...] = Field(min_length=1)
    not_yet: tuple[NotYet, ...] = ()

    def for_block(self, block_id: str) -> list[Tool]:
        """The tools that serve a block, open source first, then in the file's order."""
        found = [tool for tool in self.tools if block_id in tool.blocks]
        return sorted(found, key=lambda tool: tool.sourcing != "open source")

    def not_yet_for(self, block_id: str) -> list[NotYet]:
        return [entry for entry in self.not_yet if entry.block == block_id]

    def find(self, typed: str) -> Tool | None:
        """The tool a typed name means (any case; its id or name), or None."""
        wanted = " ".join(typed.lower().split())
        return next((tool for tool in self.tools
                     if wanted in (tool.id, tool.name.lower(), *(alias.lower() for alias in tool.aliases))), None)


def load_catalogue(path: Path = CATALOGUE, block_ids: set[str] | None = None) -> Catalogue:
    """Read and check the catalogue; `block_ids` (the MLOps Stack's blocks) are the blocks an entry may name."""
    try:
        catalogue = Catalogue.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValueError) as error:
        raise CatalogueError(f"{path.name}: {error}") from error
    ids = [tool.id for tool in catalogue.tools]
    if len(ids) != len(set(ids)):
        raise CatalogueError(f"{path.name}: a tool id is used twice")
    if block_ids is not None:
        for entry in (*catalogue.tools, *catalogue.not_yet):
            named = entry.blocks if isinstance(entry, Tool) else (entry.block,)
            unknown = set(named) - block_ids
            if unknown:
                label = entry.id if isinstance(entry, Tool) else entry.title
                raise CatalogueError(f"{path.name}: {label} names no MLOps Stack block {sorted(unknown)}")
    return catalogue


@functools.cache
def catalogue() -> Catalogue:
    """The bundled catalogue, read once per process (it never changes at run time)."""
    from canvas_core.canvas.specs import canvases

    return load_catalogue(block_ids={block.id for block in canvases()[MLOPS_CANVAS].blocks})
