"""Report downloads are named like the JSON export: plan name, 'report', date."""

from __future__ import annotations

from datetime import date

from canvas_core.plan import Plan
from canvas_core.report.naming import report_filename
from canvas_core.transfer import export_filename, file_slug


def test_report_and_export_share_the_plan_name_slug(example_plan: Plan):
    day = date(2026, 11, 23)
    assert report_filename(example_plan, "pdf", day) == "support-mail-triage-report-2026-11-23.pdf"
    assert report_filename(example_plan, ".md", day) == "support-mail-triage-report-2026-11-23.md"
    assert export_filename(example_plan, day).startswith(file_slug(example_plan.meta.name) + "-2026")


def test_names_without_latin_letters_and_long_names_still_give_a_safe_name():
    assert file_slug("Ζημιά οχήματος") == "plan"
    assert file_slug("../../etc/passwd") == "etc-passwd"
    long = file_slug("word " * 40)
    assert len(long) <= 60 and not long.endswith("-")
