"""Who may see which plan: links are capabilities, and a browser's own list.

There are no accounts. The edit link (`?plan=<id>`) lets its holder edit, the
view link (`?view=<token>`) shows the plan read-only. Home lists the plans this
browser created or opened through a link: the browser carries a random token
in a cookie and the store maps that token (hashed) to plan ids. A cookie rather
than local storage because it reaches the server with the page's first
request, so Home lists the plans on its first run without a round trip
through the page. Losing the cookie loses no plan: the links still open them.

A server reachable only from this computer (bound to localhost) may also list
every plan in its store; any other address counts as shared.
"""

from __future__ import annotations

import re
import secrets

import streamlit as st

from canvas_core.store import PlanRepository, StoreUnavailable

COOKIE = "mlcs_browser"
LOCAL_ADDRESSES = frozenset({"localhost", "127.0.0.1", "::1"})
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
_TOKEN_KEY = "browser_token"
_COOKIE_SENT_KEY = "browser_cookie_sent"

_COOKIE_JS = """
export default function ({ data }) {
  // Keep this browser's list of plans for two years; sent only to this server.
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `${data.name}=${data.token}; path=/; max-age=63072000; SameSite=Strict${secure}`;
}
"""
_cookie_writer = st.components.v2.component("mlcs_browser_cookie", js=_COOKIE_JS)


def is_shared_server() -> bool:
    """True unless the server listens on this computer only (`make run` without HOST)."""
    address = (st.get_option("server.address") or "").strip().strip("[]")
    return address not in LOCAL_ADDRESSES


def browser_token() -> str:
    """This browser's random token: from its cookie, or new (and written to the cookie)."""
    token = st.session_state.get(_TOKEN_KEY)
    if token is None:
        sent = st.context.cookies.get(COOKIE, "") if st.context.cookies else ""
        token = sent if _TOKEN.match(sent) else secrets.token_urlsafe(24)
        st.session_state[_TOKEN_KEY] = token
        st.session_state[_COOKIE_SENT_KEY] = token == sent
    return token


def keep_browser_token() -> None:
    """Write the token into the browser's cookie if it did not come with the page (on every
    run of such a session: a run cut short by a rerun may never reach the browser)."""
    token = browser_token()
    if not st.session_state.get(_COOKIE_SENT_KEY):
        _cookie_writer(data={"name": COOKIE, "token": token}, key="browser-cookie", height=0)


def remember(store: PlanRepository, plan_id: str, access: str) -> None:
    """Put the plan on this browser's list (a plan it created, or opened through its link)."""
    try:
        store.remember(browser_token(), plan_id, access)
    except StoreUnavailable:
        pass  # the list is a convenience; the link in the address bar still opens the plan
