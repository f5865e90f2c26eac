"""The app as a real process, for the browser tests, docs/screenshots.py and the benches: a free port, a wait
until Streamlit's health check answers (or the process exits), and a stop of the whole process group that
escalates to SIGKILL when the app is still busy (a background rebuild, open browser connections).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


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
