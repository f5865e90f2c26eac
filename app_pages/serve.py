"""Start the app the fast way: `python -m app_pages.serve APP_PY [streamlit run options]`.

Not a page. `streamlit run` runs nothing of ours until the first visitor's session, so that visit
waited for the store's server to start and for every module to import. This does the warm-up
(`app_pages.startup`) first: the store's server starts while the pages' modules import, then the
first views are drawn on a background thread while this process is handed to Streamlit's own
command line (`streamlit run APP_PY ...`), so the first page finds them done. `./dev run`,
`cluster-explorer app` and the app benches start the app this way; plain `streamlit run app.py` still
works, without the warm-up (its first visit does that work itself).
"""

from __future__ import annotations

import logging
import os
import signal
import sys

from app_pages import startup

_QUIET = {"streamlit.runtime.caching.cache_data_api": "No runtime found",
          "streamlit.runtime.scriptrunner_utils.script_run_context": "Thread 'cluster-explorer-"}


def main(argv: list[str]) -> None:
    """Warm up (imports here, the store and the first views on threads), then run Streamlit in this process."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger(startup.__name__)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    for name in _QUIET:  # warnings about running outside a session, true and harmless for the warm-up
        logging.getLogger(name).addFilter(lambda record: not record.getMessage().startswith(_QUIET[record.name]))
    from streamlit.web import cli

    _load_config(argv)
    startup.prepare()
    startup.begin()
    for stop in (signal.SIGTERM, signal.SIGINT):  # see _exit
        signal.signal(stop, _exit)
    sys.argv = ["streamlit", "run", *argv]
    cli.main(prog_name="streamlit")


def _exit(number: int, frame: object) -> None:
    """Leave as a normal exit, so `atexit` closes the store and its embedded server stops with the app.

    Streamlit serves with uvicorn, which stops on SIGTERM / Ctrl-C and then raises the signal again to the
    handler it found: the default one killed the process without running `atexit`, and the store's server
    outlived the app."""
    raise SystemExit(0)


def _load_config(argv: list[str]) -> None:
    """Read Streamlit's config with these options now, as `streamlit run` will: the warm-up's store thread reads
    `st.secrets`, which reads the config, and a config read without the options would make Streamlit warn
    that the [server] options changed (they still apply)."""
    from streamlit import config
    from streamlit.web import bootstrap, cli

    with cli.main_run.make_context("run", list(argv)) as context:
        options = {k: v for k, v in context.params.items() if k not in ("target", "args")}
        config._main_script_path = os.path.abspath(context.params["target"])
    bootstrap.load_config_options(flag_options=options)


if __name__ == "__main__":
    main(sys.argv[1:])
