"""Overview: what the store holds, where it came from and when, so the other pages can be read right.

Counts come from a few counting reads (each node once, by its kind; extra labels such as SME apart), shared by every
session until the next load. On an empty store it offers the one step that makes the rest useful: loading the
bundled real sample (or the seed data alone). The load log's table is headed in words (`data_loads.LOG_COLUMNS`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.data_loads import LOG_COLUMNS
from graph.store.load_log import unfinished_loads, unfinished_parts
from graph.store.reads import last_loads
from loaders.pipeline import run_sample
from loaders.seeds import load_seeds

store = common.store()
st.title("Overview")
st.caption(f"Store in use: **{store.kind}** at `{store.location}`")
nodes, types = common.node_counts()

if not nodes.kinds:
    st.info("The store is empty. Load the bundled real sample (the seed knowledge base, NUTS regions and the "
            "CORDIS Horizon Europe projects with a Nordic participant: about 32,000 nodes, offline, in 10-20 s), "
            "or the seed knowledge base alone (facts read from five source texts about clusters, programmes and "
            "quality labels: 88 nodes); the **Data** page loads CORDIS, NUTS and your own files.",
            icon=":material/info:")
    sample, seeds = st.columns(2)
    if sample.button("Load the bundled sample", type="primary", key="overview_load_sample",
                     icon=":material/library_books:"):
        run_sample(store, progress=common.progress_bar("Loading the sample"))
        common.refresh()
        st.rerun()
    if seeds.button("Load the seed data only", key="overview_load_seeds"):
        summary = load_seeds(store, progress=common.progress_bar("Loading the seed data"))
        common.refresh()
        st.success(f"Loaded {summary.nodes} nodes and {summary.relationships} relationships.")
        st.rerun()
    st.stop()

loads = last_loads(store, 50)
unfinished, running = unfinished_loads(store, loads)
for entry in unfinished:
    what, since, again = unfinished_parts(entry)
    if entry in running:
        st.info(f"{what.capitalize()} started at {since} is running.", icon=":material/sync:")
    else:
        st.warning(f"{what.capitalize()} started at {since} did not finish; {again}.", icon=":material/warning:")
shown = {k: v for k, v in nodes.kinds.items() if k not in ("Source", "Load")}
first, second, third, projects, fourth = st.columns(5)
first.metric("Nodes", f"{sum(shown.values()):,}", help="Each node once, by its kind; sources and loads not counted")
second.metric("Relationships", f"{sum(types.values()):,}")
third.metric("Organisations", f"{shown.get('Organisation', 0) + shown.get('Cluster', 0):,}",
             help="Clusters are organisations too")
projects.metric("Projects", f"{shown.get('Project', 0):,}")  # what most questions count in, beside organisations
fourth.metric("Loads", sum(e.get("status") not in ("started", "unloading") for e in loads),
              help="Completed loads recorded in the store")
if extra := ", ".join(f"{label} on {n:,}" for label, n in nodes.extra_labels.items() if n):
    st.caption(f"Extra labels, beyond each node's kind (not counted again above): {extra}.")

left, right = st.columns(2)
with left:
    st.subheader("Nodes per kind")
    st.bar_chart(pd.DataFrame({"kind": list(shown), "nodes": list(shown.values())}), x="kind", y="nodes",
                 horizontal=True, sort="-nodes")
with right:
    st.subheader("Relationships per type")
    st.bar_chart(pd.DataFrame({"type": list(types), "relationships": list(types.values())}), x="type",
                 y="relationships", horizontal=True, sort="-relationships")

st.subheader("Sources loaded")
if loads:
    table = pd.DataFrame(loads)[["started_at", "loaded_at", "status", "source", "nodes", "relationships", "checksum"]]
    st.dataframe(table, hide_index=True, key="overview_loads", column_config=LOG_COLUMNS)
    st.caption("A load is complete (its *Loaded* time) once the facts derived from all the data are written too: the "
               "loads of one command (`load sample`: seeds, NUTS, CORDIS) complete together.")
else:
    st.caption("No load is recorded (the data was written without the loaders).")
