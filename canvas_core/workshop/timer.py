"""A workshop's shared countdown, as the server reasons about it.

A running timer is stored as an absolute end time (timezone-aware UTC), a paused one as the seconds
it had left when it was paused; neither means no timer. Every screen draws it from these in the
browser (ui.countdown); the server uses the same arithmetic to decide that time is up.
"""

from __future__ import annotations

from datetime import datetime


def remaining_seconds(end_at: datetime | None, paused_remaining: float | None, now: datetime) -> float | None:
    """Seconds left at `now` (0.0 once time is up, never negative), or None without a timer.

    A paused timer's stored seconds win over an end time, so a pause takes effect whether or
    not the caller also cleared the end time."""
    _require_aware(now, "now")
    if paused_remaining is not None:
        return max(0.0, float(paused_remaining))
    if end_at is None:
        return None
    _require_aware(end_at, "end_at")
    return max(0.0, (end_at - now).total_seconds())


def _require_aware(moment: datetime, name: str) -> None:
    # A naive time would be read in the server's local zone: off by hours on a server set to UTC+x.
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (UTC), got {moment!r}")
