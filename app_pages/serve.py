"""Start the app the fast way: `python -m app_pages.serve APP_PY [streamlit run options]`.

Not a page. `streamlit run` runs nothing of ours until the first visitor's session, so that visit
waited for the store's server to start and for every module to import. This starts the warm-up
(`app_pages.startup`) on a background thread first, then hands the process to Streamlit's own
command line (`streamlit run APP_PY ...`), so both happen while Streamlit starts and the first page
finds them done. `./dev run`, `cluster-explorer app` and the app benches start the app this way; plain
`streamlit run app.py` still works, without the warm-up (its first visit does that work itself).
"""

from __future__ import annotations

import logging
import sys

from app_pages import startup


def main(argv: list[str]) -> None:
    """Warm up in the background, then run Streamlit in this process (it takes over the main thread)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger(startup.__name__)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    startup.begin()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *argv]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
