"""The served app stops on SIGTERM every time (app_pages.stop_signals), in a real process with real signals.

A `SystemExit` raised by a signal handler while Python runs a `__del__` or a weak reference's callback is
printed as "Exception ignored" and lost: the app then served on after SIGTERM (seen in test_app_startup).
Here a `__del__` is made to swallow the first signal's exit; the process must still end, with `atexit` run
to its end (the store closes there), however long that takes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app_pages.stop_signals import RESEND_S

ROOT = Path(__file__).resolve().parents[1]

SERVES_ON_AFTER_A_LOST_EXIT = f"""
import atexit, os, signal, time
from app_pages.stop_signals import stop_on_signals

stop_on_signals()

def close_slowly():  # as closing the store may take a while: the resent signal must not cut it short
    time.sleep({RESEND_S} * 1.5)
    print("atexit ran to its end", flush=True)

atexit.register(close_slowly)

class SwallowsTheExit:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100_000):  # the handler runs in this loop, inside __del__: its SystemExit is ignored
            pass

SwallowsTheExit()
print("serving on", flush=True)
while True:
    time.sleep(0.05)
"""


def test_a_sigterm_whose_exit_python_swallowed_still_ends_the_process_with_atexit_run():
    run = subprocess.run([sys.executable, "-c", SERVES_ON_AFTER_A_LOST_EXIT], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert "Exception ignored" in run.stderr and "SystemExit" in run.stderr, run.stderr  # the first exit was lost
    assert run.stdout.splitlines() == ["serving on", "atexit ran to its end"], (run.stdout, run.stderr)
    assert run.returncode == 0, run.stderr
