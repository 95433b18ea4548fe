"""The launcher switches off Streamlit's page-folder mode; that switch must still exist."""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

import ui.launch


def test_the_page_folder_switch_the_launcher_sets_still_exists(monkeypatch):
    # The browser tests show the effect (no "Page not found" on a first deep link); this
    # names the cause when an upgraded Streamlit drops the class attribute.
    assert "uses_pages_directory" in vars(PagesManager)
    started = []
    monkeypatch.setattr(ui.launch.cli, "main", lambda: started.append(list(ui.launch.sys.argv)))
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    monkeypatch.setattr(ui.launch.sys, "argv", list(ui.launch.sys.argv))  # main() replaces it
    ui.launch.main(["--server.port", "8600"])
    assert PagesManager.uses_pages_directory is False
    assert started == [["streamlit", "run", str(ui.launch.APP), "--server.port", "8600"]]
