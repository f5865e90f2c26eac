"""Queries: the saved-query library as forms, and a read-only editor for your own Cypher.

The query and its parameters live in the URL, so a link reproduces the result. Values only ever
travel as query parameters, and the database itself refuses writes and stops slow queries.
"""

from __future__ import annotations

import io

import streamlit as st

from app_pages import common, missing_inputs, widgets
from graph.errors import ClusterExplorerError
from queries.runner import export_rows, run_saved, save_user_query

store, config, library = common.store(), common.settings(), common.catalogue()
st.title("Queries")
with st.sidebar:
    namespaces = sorted({q.namespace for q in library.queries.values()})
    namespace = st.selectbox("Namespace", ["(all)", *namespaces], key="queries_namespace", bind=widgets.URL)
    tags = st.multiselect("Tags", sorted({t for q in library.queries.values() for t in q.tags}), key="queries_tags")
names = sorted(n for n, q in library.queries.items()
               if namespace in ("(all)", q.namespace) and all(t in q.tags for t in tags))
widgets.from_url("queries_name", names)
name = st.selectbox("Saved query", names, format_func=lambda n: f"{library.queries[n].title}  ·  {n}",
                    key="queries_name")
if name is None:
    st.info("No saved query matches this namespace and these tags.")
    st.stop()
query = library.get(name)
st.query_params["queries_name"] = name
st.markdown(common.md(query.description) + ("  \n*one of your queries*" if query.origin == "user" else ""))
with st.form("queries_form"):
    raw = {p.name: widgets.param_input(store, p, f"queries_{name}:{p.name}", query.example.get(p.name))
           for p in query.params}
    st.form_submit_button("Run", type="primary", icon=":material/play_arrow:")
try:
    _, bound, result = run_saved(store, library, name, {k: v for k, v in raw.items() if v is not None},
                                 default_timeout_s=config.query_timeout_s)
except ClusterExplorerError as e:
    st.warning(str(e), icon=":material/warning:")
    st.stop()
missing_inputs.show_result(store, query, bound, result, "queries_saved")


def export(fmt: str) -> str:
    out = io.StringIO()
    export_rows(store, query, bound, fmt, out, default_timeout_s=config.query_timeout_s)
    return out.getvalue()


for column, fmt, mime in zip(st.columns(4)[:2], ("csv", "json"), ("text/csv", "application/json"), strict=True):
    column.download_button(f"All rows as {fmt.upper()}", lambda fmt=fmt: export(fmt), f"{name.replace('/', '-')}.{fmt}",
                           mime, key=f"queries_{fmt}", icon=":material/download:")
with st.expander("Show the Cypher"):
    st.code(query.cypher, language="cypher")

st.subheader("Your own Cypher (read-only)")
cypher = st.text_area("Cypher", "MATCH (c:Cluster)-[:LOCATED_IN]->(r:Region)\nRETURN c.name AS cluster, r.name AS "
                      "region\nORDER BY cluster", height=130, key="queries_adhoc")
params_text = st.text_input("Parameters as JSON", "{}", key="queries_adhoc_params", help='e.g. {"country": "SE"}')
if st.button("Run read-only", key="queries_adhoc_run", icon=":material/play_arrow:"):
    try:
        st.session_state.queries_adhoc_result = store.read(cypher, widgets.json_params(params_text))
    except ClusterExplorerError as e:
        st.error(str(e), icon=":material/error:")
if "queries_adhoc_result" in st.session_state:
    widgets.show_result(st.session_state.queries_adhoc_result, "queries_adhoc")
with st.form("queries_save"):
    st.caption(f"Save it into your queries folder (`{config.user_queries_dir}`), with the parameters above.")
    new_name = st.text_input("Name (folders with /)", "mine/clusters-by-region", key="queries_save_name")
    title = st.text_input("Title", "Clusters and their regions", key="queries_save_title")
    if st.form_submit_button("Save", icon=":material/save:"):
        try:
            declared = widgets.declared_params(widgets.json_params(params_text))
            path = save_user_query(config.user_queries_dir, new_name, cypher, title, params=declared)
            st.success(f"Saved as {path}; it is now in the library as {new_name}.", icon=":material/check:")
        except ClusterExplorerError as e:
            st.error(str(e), icon=":material/error:")
