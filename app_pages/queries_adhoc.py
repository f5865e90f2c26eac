"""The Queries page's own-Cypher editor: run read-only, show the result or the error (never both), download
every row of it as a saved query's result offers (read again uncapped, once, when the shown rows were cut), save.

Not a page. The last result is kept in the session until a run fails: the error then replaces it
instead of showing above a stale one. A refused save says what is wrong with the
query in the user's terms, not in those of the file it would have become.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from app_pages import common, queries_result, widgets
from graph.errors import ClusterExplorerError, ValidationFailed
from graph.settings import Settings
from graph.store.contract import GraphStore
from queries.missing import JSON_TEXT, matched_nothing, why_adhoc_empty
from queries.own import read_own
from queries.runner import UNCAPPED, query_name_problem, save_user_query

EXAMPLE = "MATCH (c:Cluster)-[:LOCATED_IN]->(r:Region)\nRETURN c.name AS cluster, r.name AS region\nORDER BY cluster"


def refusal(error: ValidationFailed, given: dict) -> str:
    """Why a save was refused, one sentence: the problems of the query, and where its parameters come from."""
    said = "; ".join(dict.fromkeys(p.message for p in error.problems))
    about_params = any(p.field and p.field not in ("title", "example", "timeout") for p in error.problems)
    hint = (" Its parameters are the names in *Parameters as JSON* above "
            f"({', '.join(given) or 'none given'}), each with an example value." if about_params else "")
    return f"Not saved: {said}.{hint}"


def editor(graph_store: GraphStore, config: Settings) -> None:
    st.subheader("Your own Cypher (read-only)")
    cypher = st.text_area("Cypher", EXAMPLE, height=130, key="queries_adhoc", bind=widgets.URL)  # a link holds it
    params_text = st.text_input("Parameters as JSON", "{}", key="queries_adhoc_params", help='e.g. {"country": "SE"}',
                                bind=widgets.URL)
    if st.button("Run read-only", key="queries_adhoc_run", icon=":material/play_arrow:"):
        try:
            params = widgets.json_params(params_text)
            st.session_state.queries_adhoc_result = read_own(graph_store, cypher, params)  # EXPLAIN: the plan
            st.session_state.queries_adhoc_ran = (cypher, params)  # what the downloads read again, uncapped
        except ClusterExplorerError as e:
            st.session_state.pop("queries_adhoc_result", None)  # the error replaces the result it follows
            queries_result.show_error(e, input_as_warning=False)
    if "queries_adhoc_result" in st.session_state:
        with st.container(key="queries_adhoc_output"):  # the key names the result's place on the page
            result, (ran, params) = st.session_state.queries_adhoc_result, st.session_state.queries_adhoc_ran
            queries_result.show_result(result, "queries_adhoc")
            if not result.rows:  # a label's case, a typo, a number for a text; else that it ran and found nothing
                st.info(why_adhoc_empty(graph_store, ran, params, JSON_TEXT) or matched_nothing(ran),
                        icon=":material/info:")
            prepared = f"{common.version()}|{ran}|{json.dumps(params, sort_keys=True, default=str)}"
            queries_result.downloads(result, "my-query", lambda: read_own(graph_store, ran, params, row_cap=UNCAPPED),
                                     prepared, key="queries_adhoc")
    with st.form("queries_save"):
        st.caption(f"Save it into your queries folder (`{config.user_queries_dir}`), with the parameters above.")
        new_name = st.text_input("Name (folders with /)", "mine/clusters-by-region", key="queries_save_name")
        title = st.text_input("Title", "Clusters and their regions", key="queries_save_title")
        replace = st.checkbox("Replace my query of that name", key="queries_save_replace")
        if st.form_submit_button("Save", icon=":material/save:"):
            save(config, new_name, title, cypher, params_text, replace)


def save(config: Settings, name: str, title: str, cypher: str, params_text: str, replace: bool = False) -> None:
    """Save the query, or say in one line everything wrong with its name and title (not one at a time). A name one
    of the user's queries has is refused unless *Replace* is ticked: a second save had overwritten the first
    without a word (the name field keeps the example's name, so two saves in a row lost the first query)."""
    unfit = [*([] if title.strip() else ["give the query a title"]), *filter(None, [query_name_problem(name)])]
    if not unfit and not replace and (Path(config.user_queries_dir) / f"{name}.cypher").is_file():
        unfit = [f"{name} is already one of your queries; choose another name, or tick *Replace my query of that "
                 "name*"]
    if unfit:
        st.error(f"Not saved: {'; '.join(unfit)}.", icon=":material/error:")
        return
    try:
        given = widgets.json_params(params_text)
        path = save_user_query(config.user_queries_dir, name, cypher, title, params=widgets.declared_params(given))
        st.success(f"Saved as {path}; it is now in the library as {name}.", icon=":material/check:")
    except ValidationFailed as e:
        st.error(refusal(e, given), icon=":material/error:")
    except ClusterExplorerError as e:
        st.error(f"Not saved: {e}", icon=":material/error:")
