"""Metrics: who is central, on the graph the question is about (organisations, clusters, regions, ...).

Centralities only mean something on one kind of node, so the page first derives a projection
(graph/analytics/projections.py) from the cached analytics inputs (app_pages/analytics_cache.py), then
computes the chosen metrics (graph/analytics/metrics.py) with a progress bar; the results are kept on disk per
data version and projection (graph/analytics/metrics_disk.py), so the same choice later is a read.
The results can be sorted, charted, downloaded, and written back so queries and Explore can use them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import analytics_cache, common, linked_choices, missing_inputs, widgets
from app_pages.metrics_rank import find_in_ranking, ranked_first, ranking, top_rows
from graph.analytics.metrics import METRICS, notes
from graph.analytics.metrics_write import write_metrics
from graph.app_wording import METRIC_WORDS, METRICS_HELP
from graph.views.formatting import bin_labels, histogram

st.title("Metrics")
current = analytics_cache.inputs()
spec = widgets.projection_form(widgets.options_of(current.graph, current.version), "metrics")

linked_choices.read_link("metrics_chosen", METRICS)  # `PageRank` in a link is pagerank; `fame` is said, not dropped
chosen = st.multiselect("Metrics", METRICS, default=["degree", "weighted_degree", "pagerank", "betweenness"],
                        help=METRICS_HELP, key="metrics_chosen", bind=widgets.URL, on_change=st.session_state.pop,
                        args=(linked_choices.left_out_key("metrics_chosen"), None))
linked_choices.say_left_out("metrics_chosen", "metrics")
if st.button("Compute", type="primary", key="metrics_compute", icon=":material/calculate:", disabled=not chosen,
             help=None if chosen else "Choose at least one metric"):
    st.session_state.metrics_results = analytics_cache.metrics(current, spec, chosen)  # read back when kept
if "metrics_results" not in st.session_state:
    st.info("Choose in the sidebar which network to measure (organisations, clusters, regions ... linked by the "
            "projects they share), then the measures above, and press Compute.", icon=":material/info:")
    st.stop()

kept = st.session_state.metrics_results  # kept until Compute is pressed again
if kept.spec != spec:  # the sidebar changed since: say for what these were computed, not show them as its
    st.warning(f"These results were computed for {kept.spec.describe()}; press Compute for {spec.describe()}.",
               icon=":material/history:")
spec, results = kept.spec, kept.results
if missing_inputs.projection(common.store(), spec, kept, current.graph):
    st.stop()  # the reason alone: no empty table, charts or write-back under it
st.caption(f"{spec.describe()}: {kept.number_of_nodes():,} nodes, {kept.number_of_edges():,} links. "
           + "; ".join(f"{m}: {r.describe()}" for m, r in results.items())
           + (". Read back from the results kept for this data (the times are their first computation's)."
              if kept.source == "disk" else ""))
for text in notes(results, kept, common.settings().metrics_exact_nodes):
    st.info(common.sentence(text), icon=":material/info:")
table = ranking(kept)
explained = common.explained_columns(table.columns, METRIC_WORDS)
explained |= {at: st.column_config.Column(help="1 is the highest") for at in table.columns[:1] if "place" in at}
st.dataframe(table, hide_index=True, key="metrics_table", column_config=explained)
find_in_ranking(kept, spec)

metric = st.selectbox("Chart", ranked_first(results), key="metrics_chart")  # a ranking metric first
counts, edges = histogram(table[metric].dropna().astype(float))
left, right = st.columns(2)
left.caption(f"Distribution of {metric}")
left.bar_chart(pd.DataFrame({metric: bin_labels(edges), "nodes": counts}), x=metric, y="nodes",
               sort=False)  # plain "1,200", not "1.2e+03"
top, caption = top_rows(table, metric)
right.caption(caption)
right.bar_chart(top, x="name", y=metric, horizontal=True, sort=f"-{metric}")

download, write = st.columns(2)
common.csv_download(download, "Download the table (CSV)", table.to_csv(index=False), "metrics.csv", "metrics_download")
if write.button("Write back to the store", key="metrics_write", icon=":material/save:",
                help="Each metric becomes a node property (and <metric>_run records how it was computed)"):
    written = write_metrics(common.store(), results, spec, dt.datetime.now(dt.UTC).replace(microsecond=0))
    common.refresh()
    st.success(common.sentence(f"{written.describe()}; queries and Explore's size-by can use them now"))
