"""One way from a rejected value to words for a user: where the problem is, and what it is."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError


def where(error_item: dict, names: Mapping[str, str] | None = None, sep: str = " > ", nowhere: str = "") -> str:
    """The problem's place: a field as the user knows it (`names` maps field -> column or label),
    else the path through the document."""
    path = [str(part) for part in error_item.get("loc", ())]
    if names and path and path[0] in names.values():
        return next(name for name, field in names.items() if field == path[0])
    return sep.join(path) or nowhere


def problems(error: ValidationError, *, names: Mapping[str, str] | None = None, limit: int = 1,
             sep: str = " > ", nowhere: str = "") -> str:
    """'Months: Input should be greater than or equal to 0', the first `limit` problems joined
    by '; ' and a count of the rest."""
    parts = []
    for item in error.errors()[:limit]:
        place = where(item, names, sep, nowhere)
        parts.append(f"{place}: {item['msg']}" if place else item["msg"])
    more = error.error_count() - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
