"""Start the app the fast way: `python -m app_pages.serve APP_PY [streamlit run options]`.

Not a page. `streamlit run` runs nothing of ours until the first visitor's session, so that visit
waited for the store's server to start and for every module to import. This does the warm-up
(`app_pages.startup`) first: the store's server starts while the pages' modules import, then the
first views are drawn on a background thread while this process is handed to Streamlit's own
command line (`streamlit run APP_PY ...`), so the first page finds them done, and then what the Map, Partners
and Metrics pages need first (`app_pages.startup`). `./dev run`,
`cluster-explorer app` and the app benches start the app this way; plain `streamlit run app.py` still
works, without the warm-up (its first visit does that work itself).
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading

from app_pages import startup
from app_pages.stop_signals import stop_on_signals
from graph.memory import settle_later

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
    _refuse_a_taken_port()
    startup.prepare()
    views = startup.begin()
    threading.Thread(target=settle_after, args=(views,), name="cluster-explorer-settle", daemon=True).start()
    stop_on_signals()  # SIGTERM / Ctrl-C: a normal exit, so the store's server stops with the app
    sys.argv = ["streamlit", "run", *argv]
    cli.main(prog_name="streamlit")


def settle_after(views: threading.Thread) -> None:
    """After the warm-up: what it made stays for every session, out of the collector's full passes (graph.memory).
    (It also read the recommender index back here; the warm-up's own step does that now, `startup._analytics`.)"""
    views.join()
    settle_later()


def _refuse_a_taken_port() -> None:
    """One line and exit 1 when the app's address is in use (often the app itself, still running), before the
    warm-up opens the store: Streamlit would say so only after the warm-up had started reading."""
    from streamlit import config

    address, port = config.get_option("server.address") or "127.0.0.1", int(config.get_option("server.port"))
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server sets it: TIME_WAIT is no use
        try:
            probe.bind((address, port))
        except OSError as e:
            sys.exit(f"Error: cannot start the app: {address}:{port} is in use ({e.strerror}); the app may already "
                     f"be running at http://{address}:{port}, or start it on another port (`cluster-explorer app "
                     "--port N`; `--server.port N` for Streamlit's own options)")


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
