"""SIGTERM / Ctrl-C end the served app as a normal exit, every time, so the store's server stops with it.

Not a page. `app_pages.serve` installs `stop_on_signals` before handing the process to Streamlit. Streamlit
serves with uvicorn, which stops on these signals while it serves and then raises the signal again to the
handler it found; the default handler killed the process without running `atexit`, and the store's server
outlived the app. So ours raises `SystemExit`, and `atexit` closes the store.

A `SystemExit` raised by a signal handler is lost when Python is running a callback whose exceptions it
ignores at that moment (a weak reference's callback, a `__del__`): it prints "Exception ignored" and goes
on. A SIGTERM that came in the split second before uvicorn took the signals over was lost that way, and the
app then served on (a test waited 60 s for it to stop). So after the first signal a watcher sends it again
every `RESEND_S` seconds until the process exits, to uvicorn's handler by then or to ours once more; once the
exit runs (`atexit`), the signals are ignored, so closing the store is never cut short.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
import time

__all__ = ["stop_on_signals", "RESEND_S"]

RESEND_S = 2.0
_FIRST = threading.Event()
_EXITING = threading.Event()


def stop_on_signals() -> None:
    """Make SIGTERM and SIGINT end this process as a normal exit (`atexit` runs); call from the main thread."""
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, _exit)


def _exit(number: int, frame: object) -> None:
    if _EXITING.is_set():
        return  # the exit runs already: a signal now would cut `atexit` (the store's close) short
    if not _FIRST.is_set():
        _FIRST.set()
        atexit.register(_EXITING.set)  # registered last, so it runs first (atexit runs newest first)
        threading.Thread(target=_resend_until_gone, args=(number,), name="cluster-explorer-stop", daemon=True).start()
    raise SystemExit(0)


def _resend_until_gone(number: int) -> None:
    """The signal again every RESEND_S seconds while the process has not begun its exit (see the module)."""
    while True:
        time.sleep(RESEND_S)
        if _EXITING.is_set() or not threading.main_thread().is_alive():  # the exit has begun (threads joined)
            return
        os.kill(os.getpid(), number)
