"""Bring plan documents written by older versions up to the current schema.

Each step takes the JSON document of one schema version and returns the next;
`migrate` applies them in order. A file from a newer version is refused, never
guessed at.
"""

from __future__ import annotations

import copy
from typing import Any, Callable

from canvas_core.plan import SCHEMA_VERSION

Document = dict[str, Any]


def _v1_to_v2(doc: Document) -> Document:
    # v2 keeps "augment or automate" with its own unclear flag, like every other
    # integration answer, instead of two loose fields.
    integration = doc.get("workflow", {}).get("integration")
    if isinstance(integration, dict):
        integration["mode"] = {
            "value": integration.get("mode"),
            "unclear": bool(integration.pop("mode_unclear", False)),
        }
    doc["schema_version"] = 2
    return doc


MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


class MigrationError(ValueError):
    pass


def migrate(document: Document) -> Document:
    """Return a copy of `document` at SCHEMA_VERSION (the input is left alone)."""
    doc = copy.deepcopy(document)
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise MigrationError("The file has no schema version, so it is not a plan file.")
    if version > SCHEMA_VERSION:
        raise MigrationError(
            f"The file was written by a newer version of ML Canvas Studio (plan format {version}; "
            f"this one reads up to {SCHEMA_VERSION}). Update the app to open it."
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"Plan format {version} is too old to be read by this version.")
        doc = step(doc)
        version = doc["schema_version"]
    return doc
