"""The Data page's list of what is loaded, what a load did (`say`), and taking a load out again (`run_unload`).

Not a page. A user who loaded the wrong file, or a mapping since corrected, removes that load here as with
`cluster-explorer unload`: what only it brought goes, what other loads brought too stays. A tick confirms it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from graph.store.contract import GraphStore
from graph.store.reads import last_loads
from loaders.pipeline import run_unload

__all__ = ["loads_section", "written", "say", "LOG_COLUMNS"]

#: The load log's columns as the tables show them: headings in words and counts with thousands marks, as every other
#: page writes them ("loaded_at" and "30255" had been shown).
LOG_COLUMNS = {"source": st.column_config.TextColumn("Source"), "started_at": st.column_config.TextColumn("Started"),
               "loaded_at": st.column_config.TextColumn("Loaded"), "status": st.column_config.TextColumn("Status"),
               "nodes": st.column_config.NumberColumn("Nodes", format="localized"),
               "relationships": st.column_config.NumberColumn("Relationships", format="localized"),
               "checksum": st.column_config.TextColumn("Checksum")}


def written(summary) -> str:
    """What a load wrote (a `WriteSummary`), counts with thousands marks as every page writes them: "30,255 nodes
    (30,255 created, 0 updated, 0 unchanged), 123,600 relationships (...)" (the sample's had read "30255")."""
    return (f"{summary.nodes:,} nodes ({summary.created:,} created, {summary.updated:,} updated, "
            f"{summary.unchanged:,} unchanged), {summary.relationships:,} relationships "
            f"({summary.relationships_created:,} created, {summary.relationships_updated:,} updated, "
            f"{summary.relationships_unchanged:,} unchanged)")


def loads_section(store: GraphStore) -> None:
    st.subheader("Loaded")
    if said := st.session_state.pop("data_unloaded", None):  # from the run that took a load out
        st.success(said, icon=":material/check:")
    loads = last_loads(store, limit=1000)
    if not loads:
        st.caption("Nothing is loaded yet.")
        return
    st.dataframe(pd.DataFrame([{k: load.get(k) for k in ("source", "loaded_at", "nodes", "relationships")}
                               for load in loads]), hide_index=True, key="data_loads", column_config=LOG_COLUMNS)
    sources = list(dict.fromkeys(load["source"] for load in loads))
    source = st.selectbox("Take a load out of the store", sources, key="data_unload_source")
    sure = st.checkbox(f"Remove what {source} brought (what other loads brought too stays)",
                       key=f"data_unload_sure:{source}")  # one tick per load: a tick never moves to another one
    if st.button("Take it out", key="data_unload", icon=":material/delete:", disabled=not sure):
        summary, derived = run_unload(store, source, progress=common.progress_bar(f"Taking {source} out"))
        common.refresh()
        st.session_state["data_unloaded"] = common.md(
            f"{source}: {summary.nodes_removed:,} nodes and {summary.relationships_removed:,} relationships "
            f"removed; {summary.nodes_kept:,} nodes and {summary.relationships_kept:,} relationships kept without "
            "its files. " + " ".join(filter(None, [summary.given_back(), *derived])))
        del st.session_state[f"data_unload_sure:{source}"]  # the next load taken out is ticked anew
        st.rerun()  # the list and the choices without it


def say(report) -> None:
    """What a load did, counts with thousands marks, then each fact derived after it on a line of its own (they had
    run on in one paragraph: "... 0 unchanged. activity counts: 21680 organisation(s) ... SMEs: ..."); first, why it
    read again files the store had loaded (their reader changed since: `loaders.reader_version`)."""
    if report.read_again:
        st.info(common.md(report.read_again), icon=":material/update:")
    if report.skipped:
        st.info(common.md(f"{report.load.source}: already loaded (the same files); skipped."), icon=":material/check:")
    else:
        st.success(f"{report.load.source}: {written(report.summary)}.", icon=":material/check:")
    for note in report.derived:
        st.caption(common.md(note))
    for warning in report.warnings:  # the user's nodes this load made namesakes of (it had gone unseen here)
        st.warning(common.md(warning), icon=":material/warning:")
