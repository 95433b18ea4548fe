"""File names of the report downloads, built like the JSON export's: the same in every language (ASCII,
an ISO date that sorts), so a script or a folder of reports finds them whatever the plan's language."""

from __future__ import annotations

from datetime import date

from canvas_core.plan import Plan, utc_now
from canvas_core.transfer import file_slug


def report_filename(plan: Plan, ext: str, today: date | None = None) -> str:
    """e.g. 'support-mail-triage-report-2026-11-23.pdf' (ASCII, safe on every system)."""
    return f"{file_slug(plan.meta.name)}-report-{(today or utc_now().date()).isoformat()}.{ext.lstrip('.')}"
