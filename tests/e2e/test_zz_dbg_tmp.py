import pytest, re
from playwright.sync_api import expect
from tests.e2e.helpers import by_key, go_to, open_app, wait_for_app_run
from tests.e2e.test_keeping_work import stored_plan, cell, second_session, plan_id

@pytest.mark.parametrize("restart", [False, True])
def test_dbg(app_server, browser, page, restart):
    pid = stored_plan(page, app_server, "ml-canvas", "decisions", "hello there")
    url = page.url
    print("URL", url)
    if restart:
        app_server.restart()
    ctx = browser.new_context(viewport={"width":1600,"height":1000})
    other = ctx.new_page()
    open_app(other, url)
    print("OTHER URL", other.url)
    other.wait_for_timeout(2000)
    print("OTHER URL after", other.url)
    print(cell(other, "ml-canvas", "decisions").inner_text())
    print(other.locator("[data-testid='stSidebar']").inner_text())
    import sqlite3
    con = sqlite3.connect(str(app_server.data_dir / "plans.sqlite3"))
    print(con.execute("select id, version, deleted_at from plans").fetchall())
    ctx.close()
