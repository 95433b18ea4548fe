"""The browser section of `make bench` reports; it never fails the bench (the measuring itself
needs servers and Chromium and is run by `make bench`, not here)."""

from __future__ import annotations

from bench import browser


def test_without_chromium_the_section_says_why_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(browser, "CHROMIUM", "/nowhere/chromium")
    browser.report()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[1] == (
        "skipped: Chromium not found at /nowhere/chromium (install Debian's chromium or set MLCS_CHROMIUM)")


def test_a_missed_target_is_printed_next_to_the_floor_and_the_ratio():
    slow = browser.Figure("note", 390.0, "bare app", 300.0, 1.3, "at most")
    near = browser.Figure("switch", 250.0, "bare pages", 200.0, 1.2, "about")
    header, slow_line, near_line = browser.table([slow, near])
    assert "x floor" in header
    assert "390.0" in slow_line and "300.0" in slow_line and "1.30" in slow_line and "ok (at most 1.3x)" in slow_line
    assert "1.25" in near_line and "ok (about 1.2x)" in near_line
    assert "MISSED (at most 1.3x)" in browser.table([browser.Figure("note", 400.0, "bare", 300.0, 1.3, "at most")])[1]
