"""Partners: whom should a consortium invite next, and why (graph/analytics/recommend.py),
on the cached analytics inputs (app_pages/analytics_cache.py).

Pick the focal organisations or clusters by name, say what the project needs, and get ranked
candidates with the score components that add up to each total, the reasons in words and the
connecting paths, each of which opens in Explore.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import analytics_cache, common, timeline, widgets
from graph.analytics.recommend import LABEL_LEVELS, Requirements, recommend
from graph.errors import ClusterExplorerError

st.title("Partners")
current = timeline.windowed(analytics_cache.inputs())  # the app's time slider
options = widgets.options_of(current.graph, current.version)
focal = widgets.pick_nodes(current.graph, "organisations or clusters", "partners_focal",
                           kinds=("Cluster", "Organisation"))
with st.sidebar:
    st.subheader("Requirements")
    sectors = widgets.choose("Sectors, topics or fields", options.sectors, "partners_sectors")
    add = widgets.choose("Places to add", options.places, "partners_add", "Prefer partners located here")
    avoid = widgets.choose("Places to avoid", options.places, "partners_avoid")
    label = st.selectbox("Minimum quality label", [None, *LABEL_LEVELS], key="partners_label", bind=widgets.URL)
    sme = st.slider("Wanted share of SMEs", 0.0, 1.0, 0.0, 0.05, key="partners_sme", bind=widgets.URL)
    k = st.number_input("Candidates", 1, 50, 10, key="partners_k", bind=widgets.URL)
    known = st.toggle("Include known partners", False, key="partners_known", bind=widgets.URL,
                      help="Off: organisations the consortium already worked with are left out")
if not focal:
    st.info("Search for one or more organisations or clusters: the consortium to find partners for.",
            icon=":material/info:")
    st.stop()

requirements = Requirements(sectors=sectors, add_places=tuple(p.split(":", 1)[1] for p in add),
                            avoid_places=tuple(p.split(":", 1)[1] for p in avoid), sme_share=sme or None,
                            min_label=label)
try:
    candidates = recommend(analytics_cache.recommender(current), focal, requirements, k=k, exclude_existing=not known)
except ClusterExplorerError as e:
    st.warning(str(e), icon=":material/warning:")
    st.stop()
if not candidates:
    st.info("No candidate fits these requirements.")
    st.stop()

table = pd.DataFrame([{"rank": i, "candidate": c.name, "score": round(c.score, 3),
                       **{part: round(v, 3) for part, v in c.components.items()}}
                      for i, c in enumerate(candidates, start=1)]).fillna(0.0)
st.dataframe(table, hide_index=True, key="partners_table")
st.download_button("Download (CSV)", table.to_csv(index=False), "partners.csv", "text/csv", key="partners_csv",
                   icon=":material/download:")
for rank, candidate in enumerate(candidates, start=1):
    with st.expander(f"{rank}. {common.md(candidate.name)} — score {candidate.score:.2f}", expanded=rank == 1):
        st.markdown("\n".join(f"- {common.md(reason)}" for reason in candidate.reasons) or "No reason recorded.")
        for path in candidate.paths:
            text, link = st.columns([5, 1])
            text.caption(common.md(path.text))
            link.page_link("app_pages/explore.py", label="Open in Explore", icon=":material/route:",
                           query_params={"path": ",".join(path.nodes)})
