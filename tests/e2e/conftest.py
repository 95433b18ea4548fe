"""Fixtures for browser (e2e) tests: the real app server (started as `make run` starts it) plus Debian's chromium.

Playwright never downloads its own browsers here; it drives /usr/bin/chromium
(or $MLCS_CHROMIUM) through `executable_path`.

Fixtures:
  app_server  (module)   -> AppServer with .url, .port, .data_dir, .restart()
  browser     (session)  -> playwright Browser
  page        (function) -> fresh context + page, viewport 1600x1000
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

# A busy CI machine (two CPUs, a server, Chromium and the rest of the suite) can take more
# than Playwright's default 5 s to finish a rerun; a real failure still fails, just later.
expect.set_options(timeout=15_000)

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("MLCS_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_TIMEOUT_S = 30.0


def _browser_unavailable_reason() -> str | None:
    reason = os.environ.get("MLCS_BROWSER_UNAVAILABLE")
    if reason:
        return f"browser tests skipped: {reason}"
    if not os.path.exists(CHROMIUM):
        return (
            f"browser tests skipped: chromium not found at {CHROMIUM} "
            "(install Debian's `chromium` or set MLCS_CHROMIUM)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - dev deps missing
        return f"browser tests skipped: playwright not importable ({exc})"
    return None


_SKIP_REASON = _browser_unavailable_reason()


def pytest_collection_modifyitems(config, items):
    """Skip every test under tests/e2e/ (with the reason) when no browser can run."""
    if _SKIP_REASON is None:
        return
    here = Path(__file__).resolve().parent
    marker = pytest.mark.skip(reason=_SKIP_REASON)
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(marker)


# --------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """The app server (`python -m ui.launch`, as `make run`) on a fixed port with its own data dir."""

    def __init__(self, port: int, data_dir: Path, log_dir: Path, address: str | None = None,
                 env: dict[str, str] | None = None):
        self.port = port
        self.env = env or {}  # e.g. MLCS_DATABASE_URL: replicas of one app on one database
        self.address = address  # None: every interface, as a server started for a room
        self.data_dir = data_dir
        self.url = f"http://localhost:{port}"
        self._log_dir = log_dir
        self._proc: subprocess.Popen | None = None
        self._starts = 0

    # ---- lifecycle
    def start(self) -> AppServer:
        assert self._proc is None, "server already running"
        self._starts += 1
        self._stdout_path = self._log_dir / f"server-{self._starts}.stdout"
        self._stderr_path = self._log_dir / f"server-{self._starts}.stderr"
        env = dict(os.environ)
        env["MLCS_DATA_DIR"] = str(self.data_dir)
        env.update(self.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        cmd = [
            sys.executable, "-m", "ui.launch",
            "--server.port", str(self.port),
            "--server.headless", "true",
            "--server.fileWatcherType", "none",
            "--browser.gatherUsageStats", "false",
            *(["--server.address", self.address] if self.address else []),
        ]  # fmt: skip
        with open(self._stdout_path, "wb") as out, open(self._stderr_path, "wb") as err:
            self._proc = subprocess.Popen(
                cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
            )
        self._wait_healthy()
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def freeze(self) -> None:
        """Stop the server process (SIGSTOP): what the browser sends now is never read."""
        assert self._proc is not None, "server not running"
        self._proc.send_signal(signal.SIGSTOP)

    def crash(self) -> None:
        """Kill the server without letting it finish anything (SIGKILL), as a power cut would."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)

    def restart(self) -> AppServer:
        """Stop and start again on the same port with the same data dir."""
        self.stop()
        return self.start()

    # ---- helpers
    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def logs(self) -> str:
        def read(p: Path) -> str:
            try:
                return p.read_text(errors="replace")
            except OSError:
                return ""

        return f"--- stdout ---\n{read(self._stdout_path)}\n--- stderr ---\n{read(self._stderr_path)}"

    def _wait_healthy(self) -> None:
        health = f"http://127.0.0.1:{self.port}/_stcore/health"
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        last_err = "no attempt"
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                code = self._proc.returncode
                self._proc = None
                raise RuntimeError(
                    f"app server exited with code {code} "
                    f"before becoming healthy\n{self.logs()}"
                )
            try:
                with urllib.request.urlopen(health, timeout=2) as resp:
                    if resp.status == 200:
                        return
                    last_err = f"HTTP {resp.status}"
            except (urllib.error.URLError, OSError) as exc:
                last_err = repr(exc)
            try:  # poll again shortly, or at once when the server exits (reported above)
                self._proc.wait(timeout=0.2)
            except subprocess.TimeoutExpired:
                pass
        self.stop()
        raise RuntimeError(
            f"app server not healthy at {health} after "
            f"{STARTUP_TIMEOUT_S:.0f}s (last error: {last_err})\n{self.logs()}"
        )


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    base = tmp_path_factory.mktemp("app_server")
    data_dir = base / "data"
    data_dir.mkdir()
    server = AppServer(_free_port(), data_dir, base)
    server.start()
    try:
        yield server
    finally:
        server.stop()


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
