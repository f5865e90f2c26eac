"""What every page shares: settings read once, the store opened once per process, the graph cached.

Not a page (the router lists pages explicitly). Nothing here runs at import time: the store opens on
the first call of `store()`, inside a running app, so the module can be imported by tests and pages
alike. Caches are keyed by plain values: the store's location and the newest load, so a load from the
CLI or the Data page is picked up by the next rerun without restarting the app.
"""

from __future__ import annotations

import os
import re

import networkx as nx
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from graph.app_wording import explained
from graph.settings import Settings
from graph.store.backends import open_store, running_load_note
from graph.store.contract import GraphStore
from graph.store.counting import CountingStore
from graph.store.load_log import data_version, unfinished_loads
from graph.store.reads import counts, last_loads
from graph.store.sector_fields import equivalent_fields
from graph.views import load_nodes, store_views
from graph.views.exports import for_spreadsheets
from graph.views.filters import FilterOptions, Filters
from graph.views.node_search import SearchHit, search_hits
from queries.catalogue import Catalogue, load_catalogue

NEO4J_KEYS = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~:$])")


def settings() -> Settings:
    """Settings from the environment, with Neo4j credentials from `.streamlit/secrets.toml` as defaults."""
    try:
        secrets = {k: str(st.secrets[k]) for k in NEO4J_KEYS if k in st.secrets}
    except FileNotFoundError:  # no secrets.toml: the environment alone decides
        secrets = {}
    return Settings.from_env({**secrets, **os.environ})


@st.cache_resource(show_spinner="Opening the store…", hash_funcs={Settings: repr}, on_release=lambda s: s.close())
def _open(config: Settings) -> GraphStore:
    store = CountingStore(open_store(config))  # counts the rows of each read: see tests/test_store_views.py
    store.setup_schema()
    return store


def store() -> GraphStore:
    """The store of this process (opened on first use; raises StoreUnavailable when it cannot be reached)."""
    opened = _open(settings())
    why = getattr(opened, "restarted", False)  # the embedded server had died and the adapter started it again
    if why:
        getattr(opened, "inner", opened).restarted = False  # the adapter's own flag, under CountingStore
        st.toast(f"The store's server {why if isinstance(why, str) else 'had stopped'}; it was started again from "
                 "the store's files on disk, which keep every saved write.")
    return opened


def refresh() -> None:
    """Forget cached graphs after this app wrote to the store."""
    if get_script_run_ctx(suppress_warning=True) is not None:
        st.session_state.pop(_PINNED, None)
    for cached in (_counts, _options, _view, _search, _names, _details, _metrics_present):
        cached.clear()


def catalogue() -> Catalogue:
    """The saved queries, shipped and the user's (read each run: a few files, and saving adds one)."""
    return load_catalogue(settings().user_queries_dir)


def md(text: object) -> str:
    """User text made inert for Markdown: `<img ...>`, `*`, `[x](y)` show as typed."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def sentence(text: str) -> str:
    """A message of `graph/` (lower case, no stop: it reads inside CLI lines too) as a sentence of its own."""
    return text[0].upper() + text[1:] + "." if text else text


# What every download button passes: a click only downloads. Streamlit's default ("rerun") also runs the page
# again, and for a callable's data the run starts while the file is made: a run's start empties the queue of
# messages to the browser, so the file's answer can be dropped and the button stays disabled (180 s, then "timed
# out"; seen twice in loaded full runs on the Explore page's "Network HTML"). It also spared a whole Explore run.
NO_RERUN = {"on_click": "ignore"}


def csv_download(where, label: str, csv_text, file_name: str, key: str, **options):
    """A CSV download button in `where` (a column, or `st`) for text or a callable made on click, Excel-readable
    (`graph.views.exports.for_spreadsheets`, the mark the CLI's `--out` files carry too). A click runs no script
    (`NO_RERUN`)."""
    data = (lambda: for_spreadsheets(csv_text())) if callable(csv_text) else for_spreadsheets(csv_text)
    return where.download_button(label, data, file_name, "text/csv", key=key, icon=":material/download:",
                                 **NO_RERUN | options)


def progress_bar(label: str):
    """An st.progress bar and the `progress(done, total)` callback that loaders and metrics call."""
    bar = st.progress(0.0, text=label)

    def advance(done: int, total: int) -> None:
        finished = not total or done >= total  # "4 / 4" read as still at work once the page showed the results
        bar.progress(min(done / total, 1.0) if total else 1.0,
                     text=f"{label}: done" if finished else f"{label} {done:,} / {total:,}")

    return advance


# -- views served from the store (graph/views/store_views.py), shared by every session ------------------
# Keyed by `version()` (the store and its newest load), so a load from anywhere shows at the next rerun,
# and by the view's controls. Resources (not data): one object shared, no copy per session.
_PINNED = "_common_version"


def pin_version() -> None:
    """Read the data version once for this run (the router calls this first; it costs three reads).

    Every cache below keys on `version()`, which a page calls several times a run: seven to thirteen
    times three reads per Explore visit before. A load from anywhere shows at the next run, as before;
    `refresh()` (after this app wrote) forgets the pinned one at once.
    """
    st.session_state[_PINNED] = _version_now()


def data_version_now() -> str:
    """The data version alone (the analytics cache's key): the pinned one of this run when there is one."""
    return version().rpartition("|")[2]


def version() -> str:
    """The store and its data version: what every cache of a view is keyed by (pinned per run, see above)."""
    if get_script_run_ctx(suppress_warning=True) is not None and (pinned := st.session_state.get(_PINNED)):
        return pinned
    return _version_now()


def _version_now() -> str:
    current = store()
    return f"{current.location}#{getattr(current, 'graph_name', '')}|{data_version(current)}"


@st.cache_resource(max_entries=4, show_spinner=False)
def _counts(_store: GraphStore, key: str) -> tuple[store_views.NodeCounts, dict[str, int]]:
    return store_views.node_counts(_store), counts(_store)[1]


@st.cache_resource(max_entries=4, show_spinner=False)
def _options(_store: GraphStore, key: str) -> FilterOptions:
    return store_views.filter_options(_store)


@st.cache_resource(max_entries=64, show_spinner="Reading the view…")
def _view(_store: GraphStore, key: str, filters: Filters, focus: tuple[str, ...], depth: int,
          cap: int) -> nx.MultiDiGraph:
    return store_views.explore_view(_store, filters, focus, depth, cap)


@st.cache_data(max_entries=64, show_spinner=False)
def _is_clusters_view(_store: GraphStore, key: str, filters: Filters, focus: tuple[str, ...]) -> bool:
    return store_views.is_clusters_view(_store, filters, focus)


@st.cache_data(max_entries=512, show_spinner=False)
def _search(_store: GraphStore, key: str, text: str, kinds: tuple[str, ...] | None) -> list[SearchHit]:
    return search_hits(_store, text, 50, kinds)


@st.cache_data(max_entries=512, show_spinner=False)
def _names(_store: GraphStore, key: str, keys: tuple[str, ...]) -> dict[str, str]:
    return store_views.names_of(_store, keys)


@st.cache_data(max_entries=256, show_spinner=False)
def _details(_store: GraphStore, key: str, node: str) -> dict | None:
    return store_views.node_details(_store, node)


@st.cache_data(max_entries=4, show_spinner=False)
def _metrics_present(_store: GraphStore, key: str, names: tuple[str, ...]) -> list[str]:
    return store_views.present_properties(_store, names)


def node_counts() -> tuple[store_views.NodeCounts, dict[str, int]]:
    """Nodes per kind (each once), extra labels, relationships per type."""
    return _counts(store(), version())


@st.cache_data(max_entries=64, show_spinner=False)
def _sector_fields(_store: GraphStore, key: str, sectors: tuple[str, ...]) -> dict[str, str]:
    return equivalent_fields(_store, sectors)


def sector_fields(sectors: tuple[str, ...]) -> dict[str, str]:
    """The CORDIS field each sector of the seeds among `sectors` takes along in filters and projections."""
    return _sector_fields(store(), version(), tuple(sectors)) if sectors else {}


def filter_options() -> FilterOptions:
    return _options(store(), version())


def view(filters: Filters, focus: tuple[str, ...] = (), depth: int = 1, cap: int = 1000) -> nx.MultiDiGraph:
    """The Explore view of these controls (read-only: shared by every session)."""
    return _view(store(), version(), filters, focus, depth, cap)


def is_clusters_view(filters: Filters, focus: tuple[str, ...] = ()) -> bool:
    """Whether these controls show Explore's default view, the clusters and their partners (as `view` decides)."""
    return _is_clusters_view(store(), version(), filters, focus)


def search(text: str, kinds: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    return [(hit.key, hit.name) for hit in search_choices(text, kinds)]


def search_choices(text: str, kinds: tuple[str, ...] | None = None) -> list[SearchHit]:
    """The nodes `text` finds, with their kinds and other names (`graph.views.node_search.choice_label`)."""
    return _search(store(), version(), text, kinds) if text.strip() else []


def names_of(keys: tuple[str, ...]) -> dict[str, str]:
    return _names(store(), version(), keys) if keys else {}


def details(node: str) -> dict | None:
    return _details(store(), version(), node)


def metrics_present(names: tuple[str, ...]) -> list[str]:
    return _metrics_present(store(), version(), names)


@st.cache_resource(max_entries=4, show_spinner=False)
def _loads(_store: GraphStore, key: str) -> list[dict]:
    return last_loads(_store, 50)


def loads_offered() -> list[str]:
    """The loads the "This load's nodes" choices offer, newest first (`graph.views.load_nodes.loads_offered`)."""
    return load_nodes.loads_offered(_loads(store(), version()))


def say_running_loads() -> None:
    """A load another process runs, said above every page but the Overview (which lists the loads): Explore and
    Metrics showed a store half-loaded with no word of it. Read once per data version (a load's start changes it);
    the lock that tells running from interrupted is tried only when the log holds an unfinished load."""
    current = store()
    if note := running_load_note(current):  # said by the lock itself: also before the load's first write
        st.info(f"{note[0].upper()}{note[1:]}. This page shows the store as it stands; reload it once the load ends "
                "(the Overview says when).", icon=":material/sync:")
        return
    _, running = unfinished_loads(current, _loads(current, version()))
    if running:
        what = ", ".join(sorted({entry.get("source") or "a" for entry in running}))
        st.info(f"A load is running ({what}): this page shows the store as it stands, that load in part; it shows "
                "the whole once the load ends (reload the page then; the Overview says when).", icon=":material/sync:")


def explained_columns(columns, words: dict[str, tuple[str, str]]) -> dict:
    """`st.dataframe`'s column_config giving each of `columns` that `words` explains its header in words and a
    tooltip saying what it means and which way is better (`graph.app_wording`): score columns named `pagerank`
    or `sectors 0.22` had been read as codes."""
    configs = {}
    for column in columns:
        label, meaning = explained(column, words)
        if meaning:
            configs[column] = st.column_config.Column(label, help=meaning)
    return configs
