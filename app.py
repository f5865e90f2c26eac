"""cluster-explorer in the browser: the router.

`streamlit run app.py` starts here. The pages live in `app_pages/`, one small file each; this file only
sets the page up, opens the store once per process (`app_pages.common.store`, an `st.cache_resource`),
says in the sidebar which store it is on, and turns the tool's own errors into one message instead of
a traceback. The store is the one `Settings.from_env()` chooses (embedded FalkorDB at
`CLUSTER_EXPLORER_DB`, or Neo4j when `NEO4J_URI` is set in the environment or `.streamlit/secrets.toml`).
"""

from __future__ import annotations

import streamlit as st

from app_pages import analytics_cache, common, partners_index, timeline
from graph.errors import ClusterExplorerError, StoreUnavailable

# No page icons: Streamlit turns a page's icon into the favicon, fetched from a CDN, and this app works offline.
st.set_page_config(page_title="cluster-explorer", layout="wide")

PAGES = [
    st.Page("app_pages/overview.py", title="Overview", default=True),
    st.Page("app_pages/explore.py", title="Explore"),
    st.Page("app_pages/queries.py", title="Queries"),
    st.Page("app_pages/metrics.py", title="Metrics"),
    st.Page("app_pages/partners.py", title="Partners"),
    st.Page("app_pages/map.py", title="Map"),
    st.Page("app_pages/data.py", title="Data"),
]
page = st.navigation(PAGES)

try:
    store = common.store()
    common.pin_version()  # read once per run: every cached view of this run keys on it
except StoreUnavailable as e:
    st.error(f"The store cannot be reached. {e}")
    st.stop()
except ClusterExplorerError as e:  # a setting that cannot be used
    st.error(str(e))
    st.stop()

st.sidebar.caption(f"Store: **{store.kind}** at `{store.location}`")
try:
    if page.title != "Overview":
        common.say_running_loads()
    analytics_cache.rebuild_after_load()
    partners_index.rebuild_after_load()
    if page.url_path in timeline.PAGES:
        timeline.slider()  # drawn here, it is one widget on every page: its window survives a page change
    page.run()
except ClusterExplorerError as e:
    st.error(str(e))
