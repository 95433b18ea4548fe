"""A Streamlit session driven without a browser: the websocket protocol spoken directly.

`LiveSession` does what the frontend (streamlit/static, 1.67) does for a tab, and no more:

- connects to `ws://host:port/_stcore/stream` with the subprotocols the frontend sends
  (`streamlit` and an auth-token placeholder; the XSRF token only gates the signed `st.user`
  cookie, so a session without login needs none) and the tab's cookies and Origin;
- asks for the first run with the page's url path as `page_name` (the frontend's way for a typed
  address; `st.navigation` resolves it) and the query string, then names the page by the
  `page_script_hash` the server reports, as the frontend does;
- reruns a fragment on the interval each `auto_rerun` message gives, with the current widget
  states and `is_auto_rerun`, dropping every timer when a full run starts or `stop_auto_rerun` says;
- keeps the forward-message cache (messages marked cacheable, aged by finished runs as the
  frontend ages them) and sends its hashes, so `ref_hash` messages resolve as in a browser;
- records every text in the deltas (text, markdown, headings, alerts, code) with its arrival
  time on `time.perf_counter()`'s clock, for `wait_for_text`;
- sets text inputs and clicks buttons and form submit buttons by widget key, sending the rerun a
  tab would send (scoped to the widget's fragment, form values held until the submit).

All sessions share one asyncio loop on a background thread, so thirty of them cost the machine
little besides the server they load.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

FINISHED = ForwardMsg.ScriptFinishedStatus
TEXT_FIELDS = ("body", "code_text")  # where an element carries the text a reader sees
AUTH_TOKEN_PLACEHOLDER = "PLACEHOLDER_AUTH_TOKEN"  # what the frontend sends without an XSRF cookie

_loop_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def _shared_loop() -> asyncio.AbstractEventLoop:
    global _loop
    with _loop_lock:
        if _loop is None:
            _loop = asyncio.new_event_loop()
            threading.Thread(target=_loop.run_forever, name="live-sessions", daemon=True).start()
        return _loop


@dataclass
class Widget:
    id: str
    kind: str  # the element type: text_input, button, ...
    label: str
    fragment_id: str  # "" outside fragments
    form_id: str  # "" outside forms
    default: str = ""
    is_form_submitter: bool = False


@dataclass
class Run:
    """A finished script run as the session saw it."""

    at: float
    fragment_ids: tuple[str, ...]
    status: int


@dataclass
class _Cached:
    payload: bytes
    run_count: int
    fragment_id: str


@dataclass
class _Forms:
    clear_on_submit: dict[str, bool] = field(default_factory=dict)
    pending: dict[str, dict[str, WidgetState]] = field(default_factory=dict)


TEXT_WIDGETS = ("text_input", "text_area")  # both hold a string value the same way


class LiveSession:
    """One tab on `page_url_path` of the server at `base_url` (e.g. "http://127.0.0.1:8501")."""

    def __init__(self, base_url: str, page_url_path: str = "", query_string: str = "",
                 cookies: dict[str, str] | None = None, *, timeout: float = 30.0) -> None:
        parts = urlsplit(base_url)
        self.base_url = base_url.rstrip("/")
        self._ws_url = f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream"
        self.page_url_path = page_url_path.strip("/")
        self.query_string = query_string.lstrip("?")
        self.cookies = dict(cookies or {})
        self.session_id = ""
        self.page_script_hash = ""
        self.errors: list[str] = []  # exception elements the server sent
        self.runs: list[Run] = []
        self.widgets: dict[str, Widget] = {}  # by user key (or label for unkeyed widgets)
        self._texts: list[tuple[float, str]] = []
        self._values: dict[str, WidgetState] = {}  # committed widget states by element id
        self._forms = _Forms()
        self._cache: dict[str, _Cached] = {}
        self._cache_runs = 0
        self._max_message_age = 2
        self._timers: dict[str, tuple[float, asyncio.Task]] = {}
        self._changed = threading.Condition()
        self._loop = _shared_loop()
        self._ws = None
        self._reader: asyncio.Task | None = None
        self._closed = False
        self._run(self._open(), timeout)

    # ------------------------------------------------------------------ caller's side

    def texts(self) -> list[tuple[float, str]]:
        """Every text seen so far as (arrival time, text), in arrival order."""
        with self._changed:
            return list(self._texts)

    def wait_for_text(self, needle: str, timeout: float, since: float = float("-inf")) -> float:
        """Arrival time (perf_counter) of the first text containing `needle` that came after `since`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for at, text in self._texts:
                    if at >= since and needle in text:
                        return at
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{needle!r} not seen within {timeout} s (errors: {self.errors})")
                self._changed.wait(left)

    def wait_for_run(self, timeout: float, since: int = 0,
                     accept: Callable[[Run], bool] = lambda run: not run.fragment_ids) -> Run:
        """The first finished run from `self.runs[since:]` that `accept`s (by default a full run)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for run in self.runs[since:]:
                    if run.status != FINISHED.FINISHED_EARLY_FOR_RERUN and accept(run):
                        return run
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no finished run within {timeout} s (errors: {self.errors})")
                self._changed.wait(left)

    @property
    def auto_rerun_intervals(self) -> dict[str, float]:
        return {fragment_id: interval for fragment_id, (interval, _) in self._timers.items()}

    def set_text(self, key: str, value: str, *, rerun: bool = True) -> float:
        """Type `value` into the text input (or text area) `key` and press Enter; returns when the rerun was sent.

        Inside a form the value waits for the form's submit button, as in a browser; with
        `rerun=False` it is only committed (a blur without change events), for a click to carry.
        """
        widget = self.widgets.get(key)
        if widget is None or widget.kind not in TEXT_WIDGETS:
            raise KeyError(f"no text box {key!r} on the page (widgets seen: {sorted(self.widgets)})")
        state = WidgetState(id=widget.id, string_value=value)
        if widget.form_id:
            self._forms.pending.setdefault(widget.form_id, {})[widget.id] = state
            return time.perf_counter()
        self._values[widget.id] = state
        if not rerun:
            return time.perf_counter()
        return self._run(self._send_rerun(fragment_id=widget.fragment_id), 10.0)

    def click(self, key: str) -> float:
        """Click the button (or form submit button) `key`; returns the perf_counter time the rerun was sent."""
        widget = self._widget(key, "button")
        trigger = WidgetState(id=widget.id, trigger_value=True)
        if widget.is_form_submitter:
            self._values.update(self._forms.pending.pop(widget.form_id, {}))
        sent = self._run(self._send_rerun(fragment_id=widget.fragment_id, extra=[trigger]), 10.0)
        if widget.is_form_submitter and self._forms.clear_on_submit.get(widget.form_id):
            for other in self.widgets.values():
                if other.form_id == widget.form_id and other.kind in TEXT_WIDGETS:
                    self._values[other.id] = WidgetState(id=other.id, string_value=other.default)
        return sent

    def rerun(self) -> float:
        """What the app menu's Rerun sends: the whole page with the current widget states."""
        return self._run(self._send_rerun(), 10.0)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._run(self._shut(), 10.0)

    def __enter__(self) -> LiveSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ loop side

    def _run(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    async def _open(self) -> None:
        headers = {"Origin": self.base_url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self._ws = await connect(self._ws_url, subprotocols=["streamlit", AUTH_TOKEN_PLACEHOLDER],
                                 additional_headers=headers, max_size=None)
        self._reader = asyncio.create_task(self._read())
        await self._send_rerun(page_name=self.page_url_path)

    async def _shut(self) -> None:
        for _, task in self._timers.values():
            task.cancel()
        self._timers.clear()
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    def _widget_states(self, extra: list[WidgetState]) -> list[WidgetState]:
        states = dict(self._values)
        for state in extra:
            states[state.id] = state
        return list(states.values())

    async def _send_rerun(self, *, fragment_id: str = "", page_name: str = "", auto: bool = False,
                          extra: list[WidgetState] | None = None) -> float:
        state = ClientState(query_string=self.query_string, fragment_id=fragment_id, is_auto_rerun=auto,
                            page_script_hash=self.page_script_hash, page_name="" if self.page_script_hash else page_name)
        state.widget_states.widgets.extend(self._widget_states(extra or []))
        state.cached_message_hashes.extend(self._cache)
        query = f"?{self.query_string}" if self.query_string else ""
        state.context_info.url = f"{self.base_url}/{self.page_url_path}{query}"
        state.context_info.timezone = "UTC"
        state.context_info.timezone_offset = 0
        state.context_info.locale = "en-US"
        state.context_info.is_embedded = False
        state.context_info.color_scheme = "light"
        payload = BackMsg(rerun_script=state).SerializeToString()
        sent = time.perf_counter()
        await self._ws.send(payload)
        return sent

    async def _tick(self, fragment_id: str, interval: float) -> None:
        # setInterval in the frontend: a fixed rate, whatever the server answers
        next_at = self._loop.time() + interval
        while True:
            await asyncio.sleep(max(0.0, next_at - self._loop.time()))
            next_at += interval
            await self._send_rerun(fragment_id=fragment_id, auto=True)

    async def _read(self) -> None:
        try:
            async for data in self._ws:
                arrived = time.perf_counter()
                msg = ForwardMsg()
                msg.ParseFromString(data)
                msg = self._from_cache(msg, data)
                self._handle(msg, arrived)
        except Exception as error:  # noqa: BLE001 - a dropped connection ends the session, said in errors
            if not self._closed:
                self.errors.append(f"connection: {error!r}")
        finally:
            for _, task in self._timers.values():
                task.cancel()
            with self._changed:
                self._changed.notify_all()

    def _from_cache(self, msg: ForwardMsg, data: bytes) -> ForwardMsg:
        kind = msg.WhichOneof("type")
        if kind != "ref_hash":
            if msg.metadata.cacheable and msg.hash and msg.hash not in self._cache:
                fragment_id = msg.delta.fragment_id if kind == "delta" else ""
                self._cache[msg.hash] = _Cached(data, self._cache_runs, fragment_id)
            elif msg.hash in self._cache:
                self._cache[msg.hash].run_count = self._cache_runs
            return msg
        cached = self._cache[msg.ref_hash]  # a miss is a protocol error, as in the frontend
        cached.run_count = self._cache_runs
        full = ForwardMsg()
        full.ParseFromString(cached.payload)
        full.metadata.CopyFrom(msg.metadata)
        return full

    def _age_cache(self, fragment_ids: tuple[str, ...]) -> None:
        self._cache_runs += 1
        for key, entry in list(self._cache.items()):
            if fragment_ids and (not entry.fragment_id or entry.fragment_id not in fragment_ids):
                continue
            if self._cache_runs - entry.run_count > self._max_message_age:
                del self._cache[key]

    def _handle(self, msg: ForwardMsg, arrived: float) -> None:
        kind = msg.WhichOneof("type")
        if kind == "delta":
            self._delta(msg, arrived)
        elif kind == "new_session":
            session = msg.new_session
            if session.initialize.session_id:
                self.session_id = session.initialize.session_id
            self._max_message_age = session.config.max_cached_message_age or self._max_message_age
            if session.page_script_hash:
                self.page_script_hash = session.page_script_hash
            if not msg.metadata.run.fragment_ids:  # a full run: the frontend drops every timer
                for _, task in self._timers.values():
                    task.cancel()
                self._timers.clear()
        elif kind == "navigation":  # st.navigation names the page it ran; later reruns ask for it
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "auto_rerun":
            fragment_id, interval = msg.auto_rerun.fragment_id, msg.auto_rerun.interval
            if fragment_id and self._timers.get(fragment_id, (None,))[0] != interval:
                if fragment_id in self._timers:
                    self._timers[fragment_id][1].cancel()
                task = asyncio.get_running_loop().create_task(self._tick(fragment_id, interval))
                self._timers[fragment_id] = (interval, task)
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                entry = self._timers.pop(fragment_id, None)
                if entry:
                    entry[1].cancel()
        elif kind == "script_finished":
            fragment_ids = tuple(msg.metadata.run.fragment_ids)
            if msg.script_finished != FINISHED.FINISHED_EARLY_FOR_RERUN:
                self._age_cache(fragment_ids)
            with self._changed:
                self.runs.append(Run(arrived, fragment_ids, msg.script_finished))
                self._changed.notify_all()

    def _delta(self, msg: ForwardMsg, arrived: float) -> None:
        delta = msg.delta
        kind = delta.WhichOneof("type")
        if kind == "add_block":
            block = delta.add_block
            if block.WhichOneof("type") == "form":
                self._forms.clear_on_submit[block.form.form_id] = block.form.clear_on_submit
            return
        elements = [delta.new_element] if kind == "new_element" else list(delta.new_transient.elements)
        found: list[str] = []
        for element in elements:
            element_type = element.WhichOneof("type")
            if element_type is None:
                continue
            body = getattr(element, element_type)
            if element_type == "exception":
                self.errors.append(f"{body.type}: {body.message}")
            for name in TEXT_FIELDS:
                if name in body.DESCRIPTOR.fields_by_name and getattr(body, name):
                    found.append(getattr(body, name))
            if element_type in (*TEXT_WIDGETS, "button"):
                self._register(element_type, body, delta.fragment_id)
        if found:
            with self._changed:
                self._texts.extend((arrived, text) for text in found)
                self._changed.notify_all()

    def _register(self, kind: str, body, fragment_id: str) -> None:
        user_key = body.id.split("-", maxsplit=2)[-1]
        name = body.label if user_key == "None" else user_key
        widget = Widget(body.id, kind, body.label, fragment_id, body.form_id)
        if kind in TEXT_WIDGETS:
            widget.default = body.default
            if body.set_value:  # the script set the value (e.g. cleared the box in a callback)
                self._values[body.id] = WidgetState(id=body.id, string_value=body.value)
            elif body.id not in self._values:
                self._values[body.id] = WidgetState(id=body.id, string_value=body.default)
        else:
            widget.is_form_submitter = body.is_form_submitter
        self.widgets[name] = widget

    def _widget(self, key: str, kind: str) -> Widget:
        widget = self.widgets.get(key)
        if widget is None or widget.kind != kind:
            raise KeyError(f"no {kind} {key!r} on the page (widgets seen: {sorted(self.widgets)})")
        return widget

