"""Where the network pages load vis-network from (not a page): the app's static files, when it serves them.

A page with the library in-lined carries 460 KB of script that every frame of every session parses and
compiles anew; loaded from `/app/static/` it is downloaded once per browser and its compiled code reused
(Chromium's code cache). Streamlit serves `static/` beside `app.py` when `server.enableStaticServing` is on
(`.streamlit/config.toml` of the checkout). Without it (an installed wheel: no `static/` beside its
app.py) the pages in-line the library, as files for download always do.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graph.views import render

STATIC = Path(__file__).resolve().parents[1] / "static"


def library_url() -> str | None:
    """The URL folder holding `render.LIBRARY_FILE`, or None to in-line the library."""
    if not st.get_option("server.enableStaticServing") or not (STATIC / render.LIBRARY_FILE).is_file():
        return None
    base = st.get_option("server.baseUrlPath").strip("/")
    return f"/{base}/app/static/" if base else "/app/static/"
