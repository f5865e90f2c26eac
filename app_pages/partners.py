"""Partners: whom should a consortium invite next, and why (graph/analytics/recommend.py), which clusters
make good partner clusters (graph/analytics/cluster_partners.py), and what a call's rules still need
(graph/analytics/consortium.py), on the cached analytics inputs (app_pages/analytics_cache.py).

Pick the focal organisations or clusters by name (a project picked stands for its partners), say what the
project needs and, optionally, the call's rules; get ranked candidates with the score parts adding up to each
total, the reasons in words and the connecting paths, each of which opens in Explore.
The rendering is in app_pages/partners_results.py.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app_pages import analytics_cache, partners_gaps, partners_index, partners_results, timeline, url_choice, widgets
from graph.analytics.consortium import CallRules
from graph.analytics.project_consortium import projects_as_partners
from graph.analytics.recommend import LABEL_LEVELS, Requirements
from graph.analytics.recommend_index import highest_label_held, label_name
from graph.errors import ClusterExplorerError

#: "esca-bronze" shown as "ESCA Bronze"; the link keeps the id.
LABEL_NAMES = {level: label_name(level) for level in LABEL_LEVELS}

url_choice.as_left()  # Back or Forward to an entry Streamlit stripped of the page's choices: the page as left
st.title("Partners")
current = timeline.windowed(analytics_cache.inputs())  # the app's time slider
options = widgets.options_of(current.graph, current.version)
picked = widgets.pick_nodes(current.graph, "organisations, clusters or projects", "partners_focal",
                            kinds=("Cluster", "Organisation", "Project"))
focal, projects = projects_as_partners(current.graph, picked)
partners_results.say_projects(current.graph, projects)  # a project starts from its partners, as the page says
with st.sidebar:
    st.subheader("Requirements")
    sectors = widgets.choose("Sectors, topics or fields", options.sectors, "partners_sectors")
    add = widgets.choose("Places to add", options.places, "partners_add", "Prefer partners located here")
    avoid = widgets.choose("Places to avoid", options.places, "partners_avoid")
    held = highest_label_held(current.graph)  # a level no one holds would match no candidate
    levels = {k: v for k, v in LABEL_NAMES.items() if LABEL_LEVELS[k] <= held}
    label = widgets.choose_one("Minimum quality label", levels, "partners_label", "none asked",
                               help=None if held else widgets.NO_LABELS)
    sme = st.slider("Wanted share of SMEs", 0.0, 1.0, 0.0, 0.05, format="percent", **url_choice.bound("partners_sme"))
    k = st.number_input("Candidates", 1, 50, 10, **url_choice.bound("partners_k"))
    known = st.toggle("Include known partners", False, **url_choice.bound("partners_known"),
                      help="Off: organisations the consortium already worked with are left out")
    st.subheader("Call rules")
    countries = st.number_input("At least this many countries", 0, 30, 0,
                                **url_choice.bound("partners_countries"), help="0: no rule")
    # "2,612 roles" had read oddly: a role is the coordinator or a partner working in one of the store's sectors
    roles = widgets.choose("Roles to fill (coordinator, or a sector)", [("coordinator", "coordinator"),
                                                                        *options.sectors], "partners_roles",
                           "A coordinator, or a partner working in a sector")
    rank = st.radio("Rank", ["auto", "organisations", "clusters"], **url_choice.bound("partners_rank"),
                    horizontal=True, help="auto: partner clusters when every focal node is a cluster")
if not focal:
    st.info("Search for one or more organisations, clusters or projects (a project's partners): the consortium to "
            "find partners for.",
            icon=":material/info:")
    st.stop()

requirements = Requirements(sectors=sectors, add_places=tuple(p.split(":", 1)[1] for p in add),
                            avoid_places=tuple(p.split(":", 1)[1] for p in avoid), sme_share=sme or None,
                            min_label=label)
rules = CallRules(min_countries=countries, sme_share=sme or None, roles=roles)
index = partners_index.recommender(current)  # on disk per data version, shared by every process
try:
    if countries or roles:
        partners_gaps.show_gaps(index, focal, rules, replace(requirements, sme_share=None), k)  # a rule here, as in CLI
    if rank == "clusters" or (rank == "auto" and partners_results.all_clusters(current.graph, focal)):
        partners_results.show_clusters(index, current.version, focal, k, requirements)
    else:
        partners_results.show_organisations(index, focal, requirements, k, exclude_existing=not known)
except ClusterExplorerError as e:
    st.warning(str(e), icon=":material/warning:")
