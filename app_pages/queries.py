"""Queries: the saved-query library as forms, and a read-only editor for your own Cypher.

A saved query and its parameters live in the URL, so a link reproduces its result; your own Cypher and its
parameters do too, and run when *Run read-only* is pressed (a link never runs a query). Values only ever
travel as query parameters, and the database itself refuses writes and stops slow queries. A failed
run shows its error in place of the result, never above a stale one.
"""

from __future__ import annotations

import json

import streamlit as st

from app_pages import common, missing_inputs, widgets
from app_pages.queries_adhoc import editor
from app_pages.queries_params import parameter_fields, unchosen_nodes
from app_pages.queries_result import downloads, show_error
from graph.collation import reading_order
from graph.errors import ClusterExplorerError
from queries.old_folder import left_behind_note
from queries.runner import UNCAPPED, limit_reached, run_saved

store, config, library = common.store(), common.settings(), common.catalogue()
st.title("Queries")
if note := left_behind_note(config.user_queries_dir):  # the old folder's queries are listed nowhere else
    st.info(common.md(note), icon=":material/drive_file_move:")
with st.sidebar:
    namespaces = sorted({q.namespace for q in library.queries.values()}, key=reading_order)
    namespace = st.selectbox("Namespace", ["(all)", *namespaces], key="queries_namespace", bind=widgets.URL)
    tags = st.multiselect("Tags", sorted({t for q in library.queries.values() if namespace in ("(all)", q.namespace)
                                          for t in q.tags}, key=reading_order),  # of its queries
                          key="queries_tags", bind=widgets.URL)
names = sorted((n for n, q in library.queries.items()
                if namespace in ("(all)", q.namespace) and all(t in q.tags for t in tags)), key=reading_order)
widgets.from_url("queries_name", names)
if (linked := st.query_params.get("queries_name")) and linked not in library.queries:  # had opened another silently
    st.warning(common.md(f"The link's saved query {linked!r} is not in the library (one of someone else's folder, or "
                         "renamed); choose one below."), icon=":material/link_off:")
name = st.selectbox("Saved query", names, format_func=lambda n: f"{library.queries[n].title}  ·  {n}",
                    key="queries_name")
if name is None:
    st.info("No saved query matches this namespace and these tags.")
    st.stop()
query = library.get(name)
st.query_params["queries_name"] = name
st.markdown(common.md(query.description) + ("  \n*one of your queries*" if query.origin == "user" else ""))


def saved_query() -> None:
    """The chosen query's fields, then its result and downloads, or the error that replaced them."""
    raw = parameter_fields(store, query)
    if waiting := unchosen_nodes(query, raw):
        st.info(f"Search and choose {' and '.join(waiting)} above to run this query.", icon=":material/search:")
        return
    given, taken = {k: v for k, v in raw.items() if v is not None}, []
    try:
        _, bound, result = run_saved(store, library, name, given, default_timeout_s=config.query_timeout_s,
                                     taken=taken)
    except ClusterExplorerError as e:
        show_error(e)
        return
    for said in [*taken, *filter(None, [limit_reached(bound, len(result.rows), "a larger limit above raises it")])]:
        st.caption(common.md(common.sentence(said)))
    missing_inputs.show_result(store, query, bound, result, "queries_saved")
    prepared = f"{common.version()}|{name}|{json.dumps(bound, sort_keys=True, default=str)}"
    downloads(result, name.replace("/", "-"), lambda: run_saved(
        store, library, name, given, row_cap=UNCAPPED, default_timeout_s=config.query_timeout_s)[2], prepared)


saved_query()
with st.expander("Show the Cypher"):
    st.code(query.cypher, language="cypher")
editor(store, config)
