"""The app as a real process, for the browser tests, docs/screenshots.py and the benches: a start on a port the
system picks, a wait until Streamlit's health check answers (or the process exits), and a stop of the whole
process group that escalates to SIGKILL when the app is still busy (a background rebuild, open browser connections).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

_SERVED_AT = re.compile(r"(?:URL: http://|server started on )(?P<address>[0-9.]+:[0-9]+)")


def start_on_any_port(command: list[str], log: Path, **popen) -> tuple[subprocess.Popen, str]:
    """Start the app's `command` (Streamlit options, without a port) with `--server.port 0`, its output in `log`,
    and return it with its address once it answers. The system picks a free port when the server binds and
    Streamlit prints it: a port found free before the start could be taken by the time the app
    binds it, and the app then exited with "Port ... is not available"."""
    with log.open("w") as out:
        server = subprocess.Popen([*command, "--server.port", "0"], stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True, **popen)
    try:
        url = f"http://{_served_at(log, server)}"
        wait_healthy(url, server, log)
    except BaseException:
        stop_app(server, timeout_s=5)
        raise
    return server, url


def _served_at(log: Path, server: subprocess.Popen, timeout_s: float = 120) -> str:
    """The address the app's log says it serves at (the warm-up of `app_pages.serve` comes first)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if found := _SERVED_AT.search(log.read_text(errors="replace")):
            return found["address"]
        if server.poll() is not None:
            raise RuntimeError(f"the app exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)  # a poll interval: the loop waits on the log, not on the clock
    raise RuntimeError(f"the app named no address within {timeout_s:.0f} s:\n{log.read_text()[-3000:]}")


def wait_healthy(url: str, server: subprocess.Popen, log: Path | None = None, timeout_s: float = 90) -> None:
    """Return once `url` answers Streamlit's health check; raise (with the log's end) when the app exits first
    or does not answer within `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    tail = (lambda: "\n" + log.read_text()[-3000:]) if log else (lambda: "")
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the app exited with {server.returncode}:{tail()}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        time.sleep(0.5)  # a poll interval: the loop waits on the answer, not on the clock
    raise RuntimeError(f"the app did not answer within {timeout_s:.0f} s:{tail()}")


def stop_app(server: subprocess.Popen, timeout_s: float = 30) -> None:
    """SIGTERM to the app's process group (started with `start_new_session=True`); SIGKILL when it has not
    exited after `timeout_s`."""
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=timeout_s)
