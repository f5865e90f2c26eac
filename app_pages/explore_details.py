"""Explore's details panel: the properties, neighbours and sources of one node of the view (not a page).

Values are shown as a reader wants them (`graph.views.formatting`): numbers in plain notation with a
few significant digits, and a metric's run record (`pagerank_run`) folded into the row of its metric
as "computed on <date> with <engine and parameters> on <projection>". Only the open tab's table is sent
(`st.tabs(on_change="rerun")`): a focus visit built three data grids in the browser, of which it showed one.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from app_pages import common, url_choice
from graph.collation import reading_order
from graph.views import filters as views
from graph.views.formatting import property_rows

#: Values longer than a table cell shows whole, given in full under the table.
LONG = 80
KEY = "explore_details"


def details_panel(shown: nx.MultiDiGraph, default: str | None) -> None:
    """A picker of the view's nodes (the focus by default) and the chosen node's details in tabs.

    The choice is in the address as the node's key (`?explore_details=Cluster:iot-world`), kept by hand as the
    pickers are (`app_pages/url_choice.py`: bound, the address would hold the name shown), so a link opens on a
    node's details; a node the view does not show is no choice (a link's, or one kept from another view)."""
    names = {k: views.display_name(k, d) for k, d in shown.nodes(data=True)}
    shown_first = f"{names[default]}, the focus; or choose another node" if default in names else None
    url_choice.start_from_link(KEY, lambda linked: next((k for k in linked if k in names), None))
    if st.session_state[KEY] not in names:
        st.session_state[KEY] = None
    chosen = st.selectbox("Details of", sorted(names, key=lambda k: reading_order(names[k])), format_func=names.get,
                          index=None, placeholder=shown_first or "choose a node of the view", key=KEY,
                          persist_state="session")
    url_choice.kept_in_url(KEY, [chosen] if chosen else [])
    chosen = chosen or (default if default in names else None)
    if not chosen or not (details := common.details(chosen)):
        return
    st.subheader(common.md(details["name"]))
    st.caption(f"{common.md(details['kind'])} · `{chosen}` · labels: {common.md(', '.join(details['labels']))}")
    # Only the open tab is filled (a rerun when another opens): each table is a data grid the browser builds.
    props, neighbours, sources = st.tabs(["Properties", "Neighbours", "Sources"], key="explore_details_tab",
                                         on_change="rerun")
    if props.open:
        rows = property_rows(details["properties"])
        props.dataframe(pd.DataFrame(rows, columns=["property", "value", "about"]), hide_index=True,
                        key="explore_properties", height=min(36 * (len(rows) + 1) + 3, 900))  # every row shown
        for row in (r for r in rows if len(str(r["value"])) > LONG):  # a cell cuts them ("... an ambitious ind…")
            props.caption(f"**{common.md(row['property'])}**: {common.md(row['value'])}")
    if neighbours.open:
        neighbours.dataframe(pd.DataFrame(details["neighbours"]), hide_index=True)
    if sources.open:
        sources.dataframe(pd.DataFrame({"source": details["sources"]}), hide_index=True)
