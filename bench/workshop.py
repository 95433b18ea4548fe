"""A workshop room against a real server: a facilitator and N participants, driven without a browser.

Every screen is a `bench.live_session.LiveSession` (Streamlit's websocket protocol, no Chromium),
so the fragment polls reach the server exactly as thirty tabs would send them. Three phases:

- idle: nobody writes; the server process's CPU time (/proc/<pid>/stat, all threads) over the
  phase gives the CPU per idle participant per minute and the share of one core, and divided by
  the fragment runs the sessions saw, the server's cost of one poll when nothing changed (the
  server also logs each script run's own time, see bench.live_server);
- active: each participant adds notes at random (exponential gaps), through its own session;
  the facilitator's session times each note from the moment it was sent until its text first
  arrives in a delta (the next board poll after the write) -> p95;
- floor, in the same run: the idle phase on an app whose fragment draws one static text.

The stand-in (bench/apps/live_standin.py) is wired in by default. For another page, build a
`Target`: the server to start (`bench.live_server` takes a script or a module such as ui.launch),
the page's url path and query string, and `add_note(session, text) -> sent time`.
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.apps import live_store
from bench.browser import started_server
from bench.live_session import LiveSession

ROOT = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
PARTICIPANTS, IDLE_S, ACTIVE_S = 30, 15.0, 45.0
SEED_NOTES = 40  # the board a room has after a while: every idle poll of the stand-in redraws it
NOTE_GAP_S = 30.0  # mean time between two notes of one participant: a note a second for 30 writing at once
POLL_S = 1.0
STEP_S, OPEN_S = 30.0, 180.0
# Streamlit collects garbage (gc.collect(2)) after every script run, fragment polls included: about
# 100 ms of CPU each in these servers, which thirty screens polling cannot afford. The app turns it
# off (.streamlit/config.toml); the floor and any other target are measured the same way.
NO_GC = ("--runner.postScriptGC", "false")
LATENCY_MS, POLL_MS, CORE_SHARE = 2000.0, 2.0, 0.5  # targets for the real pages (2-core machine)


@dataclass
class Target:
    name: str
    server: list[str]  # after `python -m bench.live_server`: a script path or a module, then options
    page: str  # url path of the page every participant has open
    add_note: Callable[[LiveSession, str], float] | None = None  # returns the perf_counter time it was sent
    join: Callable[[LiveSession, str], None] | None = None  # what a participant does first (a name)
    query_string: str = ""
    env: dict[str, str] = field(default_factory=dict)
    # Session i's (url path, query string, cookies); session 0 is the facilitator. Default: `page`.
    session_for: Callable[[int], tuple[str, str, dict[str, str]]] | None = None
    after_note: Callable[[int, random.Random], None] | None = None  # e.g. the participant also votes
    app_poll_ms: Callable[[], float] | None = None  # the app's own part of a poll with nothing changed


@dataclass(frozen=True)
class Idle:
    seconds: float
    sessions: int
    cpu_s: float  # server process CPU over the phase
    polls: int  # fragment runs the sessions saw finish
    script_ms: list[float]  # server-side wall time of each fragment script run in the phase

    @property
    def cpu_ms_per_participant_min(self) -> float:
        return self.cpu_s * 1000 / self.sessions / (self.seconds / 60)

    @property
    def core_share(self) -> float:
        return self.cpu_s / self.seconds

    @property
    def poll_cpu_ms(self) -> float:
        return self.cpu_s * 1000 / max(self.polls, 1)

    @property
    def script_median_ms(self) -> float:
        return statistics.median(self.script_ms) if self.script_ms else float("nan")


@dataclass(frozen=True)
class Active:
    latencies_ms: list[float]
    missing: int

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")


def standin(scratch: Path, *, unchanged: str = "redraw", options: tuple[str, ...] = (),
            seed: int = SEED_NOTES) -> Target:
    """The stand-in board with `seed` notes already on it, in a fresh SQLite file under `scratch`."""
    db = scratch / f"standin-{len(list(scratch.glob('standin-*.sqlite')))}.sqlite"  # a fresh board each call
    live_store.setup(db)
    for i in range(seed):
        live_store.add_note("seed", f"Earlier note {i}", db)

    def add_note(session: LiveSession, text: str) -> float:
        session.set_text("note", text, rerun=False)  # typed, then the Add button
        return session.click("add")

    def join(session: LiveSession, name: str) -> None:
        session.set_text("name", name)
        session.click("join")
        session.wait_for_text(f"Writing as {name}", STEP_S)

    return Target(f"stand-in ({unchanged})", [str(APPS / "live_standin.py"), *options], "board", add_note, join,
                  env={"LIVE_STANDIN_DB": str(db), "LIVE_STANDIN_UNCHANGED": unchanged})


def floor(options: tuple[str, ...] = NO_GC) -> Target:
    return Target("floor: one static text", [str(APPS / "live_floor.py"), *options], "board")


@dataclass
class Server:
    url: str
    pid: int
    timings: Path
    _read: int = 0

    def cpu_seconds(self) -> float:
        with open(f"/proc/{self.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def new_runs(self) -> list[tuple[str, float, float]]:
        """Script runs logged since the last call: (full|fragment, wall ms, cpu ms)."""
        with open(self.timings, encoding="ascii") as log:
            log.seek(self._read)
            text = log.read()
        complete = text[: text.rfind("\n") + 1]
        self._read += len(complete)
        return [(kind, float(wall), float(cpu)) for kind, wall, cpu in (line.split() for line in complete.splitlines())]


@contextmanager
def server(target: Target, scratch: Path, port: int | None = None) -> Iterator[Server]:
    """`python -m bench.live_server` for `target` on a free port (cwd: the repo, so its config applies)."""
    timings = scratch / f"timings-{len(list(scratch.glob('timings-*.log')))}.log"
    timings.touch()
    env = {**target.env, "MLCS_LIVE_TIMINGS": str(timings)}
    with started_server(["bench.live_server", *target.server], ROOT, env, port) as (url, proc):
        yield Server(url, proc.pid, timings)


def open_room(stack: ExitStack, srv: Server, target: Target, n: int, join: bool = True) -> list[LiveSession]:
    """n + 1 sessions on the page (the first is the facilitator), each through its first run (and joined)."""
    sessions = []
    for i in range(n + 1):
        page, query, cookies = (target.session_for(i) if target.session_for
                                else (target.page, target.query_string, {"room": "bench"}))
        session = LiveSession(srv.url, page, query, cookies)
        stack.callback(session.close)
        sessions.append(session)
    for i, session in enumerate(sessions):
        session.wait_for_run(OPEN_S)  # a saturated server takes long; the figures then say so
        if join and target.join is not None:
            target.join(session, "Facilitator" if i == 0 else f"P{i:02d}")
    for session in sessions:
        if session.errors:
            raise RuntimeError(f"{target.name}: the page raised {session.errors}")
    return sessions


def idle(srv: Server, sessions: list[LiveSession], seconds: float) -> Idle:
    time.sleep(2 * POLL_S)  # every session has its timer running and the joins are done
    srv.new_runs()
    start_cpu, start = srv.cpu_seconds(), time.perf_counter()
    time.sleep(seconds)
    cpu, end = srv.cpu_seconds() - start_cpu, time.perf_counter()
    polls = sum(1 for s in sessions for run in s.runs if run.fragment_ids and start <= run.at < end)
    script = [wall for kind, wall, _ in srv.new_runs() if kind == "fragment"]
    return Idle(end - start, len(sessions), cpu, polls, script)


def active(target: Target, sessions: list[LiveSession], seconds: float, rng: random.Random) -> Active:
    facilitator, participants = sessions[0], sessions[1:]
    stamp = time.time_ns()
    events = []
    for i, session in enumerate(participants):
        t = rng.expovariate(1 / NOTE_GAP_S)
        while t < seconds:
            events.append((t, i, session))
            t += rng.expovariate(1 / NOTE_GAP_S)
    events.sort(key=lambda event: event[:2])
    sent: list[tuple[str, float]] = []
    begin = time.perf_counter()
    for k, (at, i, session) in enumerate(events):
        time.sleep(max(0.0, begin + at - time.perf_counter()))
        text = f"Idea {k} from P{i + 1:02d} ({stamp})"
        sent.append((text, target.add_note(session, text)))
        if target.after_note is not None:
            target.after_note(i, rng)
    latencies, missing = [], 0
    for text, t0 in sent:
        try:
            latencies.append((facilitator.wait_for_text(text, STEP_S, since=t0) - t0) * 1000)
        except TimeoutError:
            missing += 1
    return Active(latencies, missing)


def run(n_participants: int = PARTICIPANTS, idle_s: float = IDLE_S, active_s: float = ACTIVE_S,
        target: Callable[[Path], Target] | None = None, seed: int = 7) -> dict[str, float]:
    """The figures of one room, with the floor and a run without Streamlit's post-run GC."""
    figures: dict[str, float] = {"participants": n_participants}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)

        def room(t: Target, with_active: bool) -> tuple[Idle, Active | None]:
            with ExitStack() as stack:
                srv = stack.enter_context(server(t, scratch))
                sessions = open_room(stack, srv, t, n_participants, join=with_active)
                quiet = idle(srv, sessions, idle_s)
                busy = active(t, sessions, active_s, random.Random(seed)) if with_active else None
                errors = [e for s in sessions for e in s.errors]
                if errors:
                    raise RuntimeError(f"{t.name}: {errors[:3]}")
                return quiet, busy

        make = target or standin
        base, _ = room(floor(NO_GC), False)
        measured = make(scratch)
        if measured.app_poll_ms is not None:
            figures["app_poll_ms"] = measured.app_poll_ms()
        app, busy = room(_with_options(measured, NO_GC), True)
    for prefix, phase in (("", app), ("floor_", base)):
        figures[f"{prefix}idle_cpu_ms_per_participant_min"] = phase.cpu_ms_per_participant_min
        figures[f"{prefix}idle_core_share"] = phase.core_share
        figures[f"{prefix}poll_cpu_ms"] = phase.poll_cpu_ms
        figures[f"{prefix}poll_script_ms"] = phase.script_median_ms
        figures[f"{prefix}polls_per_s"] = phase.polls / phase.seconds
    figures["latency_p95_ms"] = busy.p95_ms
    figures["latency_median_ms"] = busy.median_ms
    figures["notes"] = len(busy.latencies_ms)
    figures["notes_missing"] = busy.missing
    return figures


def _with_options(target: Target, options: tuple[str, ...]) -> Target:
    return Target(target.name, [*target.server, *options], target.page, target.add_note, target.join,
                  target.query_string, dict(target.env), target.session_for, target.after_note, target.app_poll_ms)


def lines(f: dict[str, float]) -> list[str]:
    """The section's lines, one figure each, ratios against the floor measured in the same run."""
    n = int(f["participants"])

    def verdict(ok: bool) -> str:
        return "ok" if ok else "OVER"

    missing = f" ({int(f['notes_missing'])} never arrived)" if f["notes_missing"] else ""
    return [
        f"workshop: {n} participants, note visible to the facilitator p95 {f['latency_p95_ms']:.0f} ms "
        f"(median {f['latency_median_ms']:.0f} ms, {int(f['notes'])} notes{missing}; polls every "
        f"{POLL_S * 1000:.0f} ms)  {verdict(f['latency_p95_ms'] < LATENCY_MS and not f['notes_missing'])} "
        f"(< {LATENCY_MS:.0f} ms)",
        f"workshop: server CPU per idle participant per minute {f['idle_cpu_ms_per_participant_min']:.0f} ms "
        f"(floor {f['floor_idle_cpu_ms_per_participant_min']:.0f} ms, "
        f"{f['idle_cpu_ms_per_participant_min'] / f['floor_idle_cpu_ms_per_participant_min']:.2f}x floor)",
        f"workshop: server CPU for {n} idle participants and the facilitator {f['idle_core_share']:.2f} of one core "
        f"(floor {f['floor_idle_core_share']:.2f})  {verdict(f['idle_core_share'] < CORE_SHARE)} (< {CORE_SHARE})",
        (f"workshop: poll with nothing changed {f['app_poll_ms']:.2f} ms in the app (its version read)  "
         f"{verdict(f['app_poll_ms'] < POLL_MS)} (< {POLL_MS:.0f} ms); " if "app_poll_ms" in f else
         "workshop: poll with nothing changed: ")
        + f"{f['poll_cpu_ms']:.2f} ms server CPU with Streamlit's fragment run "
        f"(floor {f['floor_poll_cpu_ms']:.2f} ms, {f['poll_cpu_ms'] / f['floor_poll_cpu_ms']:.2f}x floor; "
        f"{f['polls_per_s']:.1f} polls/s)",
        f"workshop: poll's script run on the server, median {f['poll_script_ms']:.2f} ms wall "
        f"(floor {f['floor_poll_script_ms']:.2f} ms)",
    ]


def report() -> None:
    """Print the section; a missed target is reported, never raised."""
    from bench.workshop_room import room_target  # imports the app's modules: only when the bench runs

    print(f"Workshop room: 1 facilitator + {PARTICIPANTS} participants as headless sessions on the app's own "
          f"workshop pages (a vote open; idle {IDLE_S:.0f} s, notes and votes for {ACTIVE_S:.0f} s; "
          "floor: a fragment drawing one static text)")
    try:
        figures = run(target=lambda scratch: room_target(scratch, PARTICIPANTS))
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"failed: {str(error).splitlines()[0] if str(error) else repr(error)}")
        return
    for line in lines(figures):
        print(line)
