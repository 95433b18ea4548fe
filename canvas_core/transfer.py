"""The plan as a file: JSON export, import with clear refusals, the JSON Schema.

Import never touches the plan that is open: it returns a new Plan (with a new
id) or raises ImportRefused with a message written for the user.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from itertools import accumulate, count
from pathlib import Path

from pydantic import ValidationError

from canvas_core.canvas.specs import canvases
from canvas_core.config import MAX_IMPORT_BYTES, MAX_IMPORT_MB
from canvas_core.duplicates import DuplicateId, duplicate_ids
from canvas_core.i18n import N_, _, current, date_text
from canvas_core.migrations import MigrationError, migrate
from canvas_core.plan import MAX_LINE_CHARS, Plan, new_plan_id, utc_now
from canvas_core.validation import problems

# The deepest plan nests objects and lists 7 levels (a note in a block of a canvas);
# anything far deeper is hostile and would exhaust Python's recursion in the parser.
MAX_NESTING = 20
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "plan.schema.json"

_NOT_JSON = N_("The file is not JSON (an exported plan is a .json file).")
_TOO_DEEP = N_("The file nests lists or objects more than {levels} levels deep; an exported plan never does, "
               "so it is not a plan file.")

# A JSON string, escapes included; an unterminated one runs to the end of the text.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class ImportRefused(ValueError):
    """The file cannot become a plan; the message says why, in plain words."""


def export_plan(plan: Plan) -> bytes:
    return (plan.to_json() + "\n").encode("utf-8")


def file_slug(name: str) -> str:
    """A plan name as the start of a file name: lower-case ASCII words joined by dashes,
    at most 60 characters, 'plan' when nothing is left (e.g. a name in Greek only)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-") or "plan"


def export_filename(plan: Plan, today: date | None = None) -> str:
    """e.g. 'support-mail-triage-2026-11-23.json' (ASCII, safe on every system)."""
    return f"{file_slug(plan.meta.name)}-{(today or utc_now().date()).isoformat()}.json"


def read_plan(data: bytes) -> Plan:
    """The plan a file holds, migrated to the current format and validated, exactly as
    stored (same id, same dates). Raises ImportRefused saying what is wrong with the file."""
    refuse_if_too_big(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_(_NOT_JSON)) from None
    if nesting_depth(text) > MAX_NESTING:
        raise ImportRefused(_(_TOO_DEEP).format(levels=MAX_NESTING))
    try:
        plan = _parse(text)
    except RecursionError:  # a second guard: the depth check should have refused it already
        raise ImportRefused(_(_TOO_DEEP).format(levels=MAX_NESTING)) from None
    duplicates = duplicate_ids(plan, canvases())
    if duplicates:
        raise ImportRefused(_("The plan file is damaged: {problems}.").format(problems=_first_duplicates(duplicates)))
    return plan


def refuse_if_too_big(size: int) -> None:
    """Refuse a file of `size` bytes over the limit, saying how big it is."""
    if size > MAX_IMPORT_BYTES:
        raise ImportRefused(_("The file is {size}; a plan file is at most {limit} MB.").format(
            size=_size_in_words(size), limit=MAX_IMPORT_MB))


def _size_in_words(size: int) -> str:
    megabytes = round(size / 1_000_000, 1)
    # Just over the limit, "5.0 MB" would not say why it is refused; the byte count does.
    if megabytes > MAX_IMPORT_MB:
        return _("{megabytes} MB").format(megabytes=_number(f"{megabytes:.1f}"))
    return _("{count} bytes").format(count=_number(f"{size:,}"))


def _number(text: str) -> str:
    """A number written in English ("5,000,001", "6.0") as the current language writes it."""
    return text.translate(str.maketrans(",.", ".,")) if current() == "de" else text


def _parse(text: str) -> Plan:
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        raise ImportRefused(_(_NOT_JSON)) from None
    except ValueError:  # valid JSON Python will not read, e.g. a whole number of over 4,300 digits
        raise ImportRefused(_("The file holds a number too long to read, so it is not a plan file.")) from None
    if not isinstance(document, dict) or "schema_version" not in document or "meta" not in document:
        raise ImportRefused(_("The file is JSON but not an ML Canvas Studio plan."))
    try:
        return Plan.model_validate(migrate(document))
    except MigrationError as error:
        raise ImportRefused(str(error)) from None
    except ValidationError as error:
        raise ImportRefused(_("The plan file is damaged: {problems}.").format(
            problems=problems(error, limit=3, nowhere=_("top level")))) from None


def nesting_depth(text: str) -> int:
    """How deep lists and objects nest in a JSON text, found without recursion (and
    without parsing): brackets inside strings do not count. Text that is not JSON
    gets a number too; the parser refuses it afterwards."""
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def import_plan(data: bytes) -> Plan:
    """The file as a new plan; a refusal also says that nothing was imported."""
    try:
        plan = read_plan(data)
    except ImportRefused as refused:
        raise ImportRefused(_("{reason} Nothing was imported.").format(reason=refused)) from None
    # An import is a new plan: it never replaces or collides with the one it came from.
    plan.id = new_plan_id()
    plan.meta.updated_at = utc_now()
    return plan


def distinct_name(name: str, listed: Iterable[str], today: date) -> str | None:
    """A name for an imported plan that tells it apart from a listed plan of the same name
    ("Name (imported 2026-12-02)", then "..., 2", ...), or None when the name is free. Written in the
    language of the person importing it (the name is theirs to change)."""
    taken = {_same(n) for n in listed}
    if _same(name) not in taken:
        return None
    for number in count(1):
        if number == 1:
            named = _("{name} (imported {day})").format
        else:
            named = _("{name} (imported {day}, {number})").format
        suffix = named(name="", day=date_text(today), number=number)
        candidate = named(name=name[:MAX_LINE_CHARS - len(suffix)].rstrip(), day=date_text(today), number=number)
        if _same(candidate) not in taken:
            return candidate
    raise AssertionError("unreachable")


def _same(name: str) -> str:
    """Names a reader would take for the same plan: case and spacing aside."""
    return " ".join(name.split()).casefold()


def _first_duplicates(duplicates: list[DuplicateId], limit: int = 3) -> str:
    more = len(duplicates) - limit
    listed = "; ".join(map(str, duplicates[:limit]))
    return _("{problems} (and {count} more)").format(problems=listed, count=more) if more > 0 else listed


def json_schema() -> str:
    return json.dumps(Plan.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m canvas_core.transfer: rewrite the published schema
    SCHEMA_FILE.write_text(json_schema(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
