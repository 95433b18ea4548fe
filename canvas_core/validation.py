"""One way from a rejected value to words for a user: where the problem is, and what it is.

Pydantic words its problems in English ("Input should be greater than or equal to 0"). In English
they are shown as Pydantic words them; in another language the common kinds of problem are ours,
translated ("muss 0 oder mehr sein"), and any other keeps Pydantic's words as the technical
detail."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from canvas_core.i18n import N_, SOURCE, _, current

# Pydantic's error types as we word them, with the placeholders of its context ("ctx").
_OUR_WORDS = {
    "missing": N_("a value is missing"),
    "extra_forbidden": N_("not a field the app knows"),
    "string_too_long": N_("at most {max_length} characters"),
    "string_too_short": N_("at least {min_length} characters"),
    "too_long": N_("at most {max_length} entries, not {actual_length}"),
    "too_short": N_("at least {min_length} entries, not {actual_length}"),
    "greater_than_equal": N_("must be {ge} or more"),
    "greater_than": N_("must be more than {gt}"),
    "less_than_equal": N_("must be {le} or less"),
    "less_than": N_("must be less than {lt}"),
    "string_pattern_mismatch": N_("not in the expected form"),
    "string_type": N_("must be a text"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "decimal_parsing": N_("must be a number"),
    "decimal_type": N_("must be a number"),
    "bool_type": N_("must be yes or no (true or false)"),
    "bool_parsing": N_("must be yes or no (true or false)"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be an object"),
    "model_type": N_("must be an object"),
    "date_type": N_("must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("must be a date (YYYY-MM-DD)"),
    "datetime_type": N_("must be a moment in time (ISO 8601)"),
    "datetime_parsing": N_("must be a moment in time (ISO 8601)"),
    "datetime_from_date_parsing": N_("must be a moment in time (ISO 8601)"),
}


def where(error_item: dict, names: Mapping[str, str] | None = None, sep: str = " > ", nowhere: str = "") -> str:
    """The problem's place: a field as the user knows it (`names` maps field -> column or label),
    else the path through the document."""
    path = [str(part) for part in error_item.get("loc", ())]
    if names and path and path[0] in names.values():
        return next(name for name, field in names.items() if field == path[0])
    return sep.join(path) or nowhere


def what(error_item: dict) -> str:
    """The problem in words: Pydantic's in English, ours in another language where we have them."""
    words = _OUR_WORDS.get(error_item.get("type", ""))
    if current() == SOURCE or words is None:
        return error_item["msg"]
    try:
        return _(words).format(**(error_item.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):  # a context without what our words name: Pydantic's words
        return error_item["msg"]


def problems(error: ValidationError, *, names: Mapping[str, str] | None = None, limit: int = 1,
             sep: str = " > ", nowhere: str = "") -> str:
    """'Months: Input should be greater than or equal to 0', the first `limit` problems joined
    by '; ' and a count of the rest."""
    parts = []
    for item in error.errors()[:limit]:
        place = where(item, names, sep, nowhere)
        parts.append(f"{place}: {what(item)}" if place else what(item))
    more = error.error_count() - limit
    listed = "; ".join(parts)
    return _("{problems} (and {count} more)").format(problems=listed, count=more) if more > 0 else listed
