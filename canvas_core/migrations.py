"""Bring plan documents written by older versions up to the current schema.

Each step takes the JSON document of one schema version and returns the next;
`migrate` applies them in order. A file from a newer version is refused, never
guessed at.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from canvas_core.i18n import _
from canvas_core.plan import SCHEMA_VERSION, Plan

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


_KINDS = {"tabular": "tables", "table": "tables", "sql": "tables", "csv": "tables", "text": "text",
          "e-mail": "text", "image": "images", "audio": "audio", "video": "video", "event": "events",
          "time series": "time_series", "document": "documents", "pdf": "documents", "calendar": "tables"}


def _v2_to_v3(doc: Document) -> Document:
    # v3 gives each data asset the inventory's columns: a status with "open question",
    # graded personal data, kinds of data, uses, and links paid data to its cost line.
    assets = doc.get("data_landscape", {}).get("assets", [])
    for asset in assets if isinstance(assets, list) else []:
        if not isinstance(asset, dict):
            continue
        asset["status"] = asset.pop("availability", "available")
        personal = asset.pop("personal_data", False)
        asset["personal_data"] = "personal" if personal is True else "none"
        data_type = str(asset.pop("data_type", "") or "")
        asset["contents"] = data_type  # kept word for word; the kinds are a best guess from it
        lowered = data_type.lower()
        asset["kinds"] = sorted({kind for word, kind in _KINDS.items() if word in lowered})
        if asset.pop("origin", "internal") == "external" and not asset.get("location"):
            asset["location"] = "External"  # v3 has no origin field; the ring and acquisition carry it
    names = {a.get("name"): a.get("id") for a in assets if isinstance(a, dict)} if isinstance(assets, list) else {}
    lines = doc.get("costs", {}).get("lines", [])
    for line in lines if isinstance(lines, list) else []:
        # v2 added a paid asset as a data line named after it; v3 links them by id.
        if isinstance(line, dict) and line.get("category") == "data" and line.get("label") in names:
            line["source_asset_id"] = names[line["label"]]
    doc["schema_version"] = 3
    return doc


def _v3_to_v4(doc: Document) -> Document:
    # v4 lets a closed question be answered "don't know": the reasons not to use ML become
    # yes / no / dont_know instead of true / false.
    characteristics = doc.get("workflow", {}).get("characteristics")
    if isinstance(characteristics, dict):
        for field in ("wrong_predictions_intolerable", "low_expected_return", "nobody_to_maintain"):
            value = characteristics.get(field)
            if isinstance(value, bool):
                characteristics[field] = "yes" if value else "no"
    doc["schema_version"] = 4
    return doc


def _v4_to_v5(doc: Document) -> Document:
    # v5 asks the header facts once, in the plan's details, instead of on each canvas: whom it is
    # designed for, the date and the iteration come from the ML Canvas header (the iteration counter),
    # else from the first canvas that gives them; the team from the first "designed by" if it had none.
    canvases = doc.get("canvases") if isinstance(doc.get("canvases"), dict) else {}
    headers = [c.pop("header") for _, c in sorted(canvases.items(), key=lambda item: item[0] != "ml_canvas")
               if isinstance(c, dict) and isinstance(c.get("header"), dict)]
    meta = doc.setdefault("meta", {})
    if isinstance(meta, dict):
        def first(name: str):
            return next((h[name] for h in headers if h.get(name) not in (None, "")), None)

        for name in ("designed_for", "date"):
            if first(name) is not None:
                meta.setdefault(name, first(name))
        iterations = [h["iteration"] for h in headers if isinstance(h.get("iteration"), int)]
        if iterations:
            meta.setdefault("iteration", iterations[0])
        if not str(meta.get("team") or "").strip() and first("designed_by") is not None:
            meta["team"] = first("designed_by")
    doc["schema_version"] = 5
    return doc


def _v5_to_v6(doc: Document) -> Document:
    # v6 lets a canvas note carry the votes it got in a workshop; older notes have none.
    doc["schema_version"] = 6
    return doc


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5, 5: _v5_to_v6,
}


class MigrationError(ValueError):
    pass


def schema_version(doc: Document) -> int:
    """The plan format a document says it has; refused, saying what is there, unless it is
    a whole number from 1 up (not 3.0, not "3", not true, which Python counts as 1)."""
    if "schema_version" not in doc:
        raise MigrationError(_("The file has no schema version, so it is not a plan file."))
    version = doc["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise MigrationError(_("schema_version must be a whole number; this file has {value}.").format(
            value=_describe(version)))
    if version < 1:
        raise MigrationError(_("schema_version must be 1 or more; this file has {version}.").format(version=version))
    return version


def _describe(value: Any) -> str:
    """A JSON value in a few words for a message (a long text is cut, so the line stays short)."""
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return _("the text {text}").format(text=json.dumps(shown, ensure_ascii=False))
    if value is None:
        return _("null (no value)")
    if isinstance(value, bool):
        return _("{value} (a yes/no value)").format(value=json.dumps(value))
    if isinstance(value, float):
        return _("the number {number}").format(number=repr(value))
    return _("a list") if isinstance(value, list) else _("an object")


def migrate(document: Document) -> Document:
    """Return a copy of `document` at SCHEMA_VERSION (the input is left alone)."""
    doc = copy.deepcopy(document)
    version = schema_version(doc)
    if version > SCHEMA_VERSION:
        raise MigrationError(
            _("The file was written by a newer version of ML Canvas Studio (plan format {version}; this one "
              "reads up to {latest}). Update the app to open it.").format(version=version, latest=SCHEMA_VERSION)
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(_("Plan format {version} is too old to be read by this version.").format(
                version=version))
        doc = step(doc)
        version = doc["schema_version"]
    return doc


def load_stored(text: str | bytes) -> Plan:
    """A plan as a store or a shipped file keeps it, written in any format so far, brought up
    to date (a plan saved before an upgrade opens after it)."""
    try:
        return Plan.model_validate_json(text)
    except ValidationError:
        return Plan.model_validate(migrate(json.loads(text)))
