"""The Queries page's results: rows, the network they draw, their downloads, and errors said where they are.

Not a page. Downloads carry their data (prepared as the page runs, from the rows already read), not a
callable run on click: Streamlit names a prepared file by its content, so its link stays the same across
reruns and a second download clicked right after the first still finds its file. A callable's link is
new on every rerun, and the first click's rerun took the second button's link away ("Deferred file not
found"). A result cut at the display cap offers to read all rows once, then downloads them the same way.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.explore_library import library_url
from graph.errors import ClusterExplorerError, QueryError, QuerySyntaxError
from graph.store.contract import QueryResult
from graph.views import exports, render
from graph.wording import counted
from queries.runner import write_rows


def _cell(value: Any) -> Any:
    if isinstance(value, dict) and "key" in value:  # a node: its name reads better than its map
        return str(value.get("properties", {}).get("name") or value["key"])
    if isinstance(value, dict) and "path" in value:
        return " → ".join(value["path"])
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def show_result(result: QueryResult, key: str) -> None:
    """Rows as a table and, when the query returned nodes or relationships, as a network too.

    The network is drawn only when chosen (not in a hidden tab): a network drawn in a hidden frame
    is fitted to no width at all and shows cut off when the tab opens.
    """
    note = counted(len(result.rows), "row") + (
        " (cut at the display cap; the downloads have all of them)" if result.truncated else "")
    st.caption(note)
    table = pd.DataFrame([[_cell(v) for v in row] for row in result.rows], columns=result.columns)
    shown = "Rows"
    if result.nodes:
        shown = st.segmented_control("Show", ["Rows", "Graph"], default="Rows", key=f"{key}_shown",
                                     format_func=lambda o: f"Graph ({len(result.nodes)} nodes)" if o == "Graph" else o,
                                     label_visibility="collapsed") or "Rows"
    if shown == "Rows":
        for column in table.select_dtypes(include=["object", "str"]).columns:  # a missing text is blank, not a grey
            table[column] = table[column].where(table[column].notna(), "")  # "None" (the try-out read it as a value)
        st.dataframe(table, hide_index=True, key=f"{key}_table")
    else:
        html = render.to_html(exports.result_graph(result), height=520, library=library_url())
        st.iframe(html, height=580, alt="Query result graph")


def _as_text(result: QueryResult, fmt: str) -> str:
    out = io.StringIO()
    write_rows(result, fmt, out)
    return out.getvalue()


def downloads(result: QueryResult, file_stem: str, read_all, prepared_key: str, key: str = "queries") -> None:
    """CSV and JSON buttons of every row. `read_all()` reads the rows uncapped (only when the shown ones were cut);
    `key` prefixes the widgets' keys and the session's copy of every row (a saved query's and your own differ)."""
    complete = None if result.truncated else result
    if complete is None and st.session_state.get(f"{key}_prepared", (None,))[0] == prepared_key:
        complete = st.session_state[f"{key}_prepared"][1]
    if complete is None:
        if st.button("Prepare the downloads of all rows", key=f"{key}_prepare", icon=":material/download:",
                     help="The table shows the first rows only; this reads every row once."):
            try:
                complete = read_all()
            except ClusterExplorerError as e:
                show_error(e)
                return
            st.session_state[f"{key}_prepared"] = (prepared_key, complete)
        else:
            return
    as_csv, as_json = st.columns(4)[:2]
    common.csv_download(as_csv, "All rows as CSV", _as_text(complete, "csv"), f"{file_stem}.csv", f"{key}_csv")
    as_json.download_button("All rows as JSON", _as_text(complete, "json"), f"{file_stem}.json", "application/json",
                            key=f"{key}_json", icon=":material/download:", **common.NO_RERUN)


def show_error(error: ClusterExplorerError, input_as_warning: bool = True) -> None:
    """The error in one line (a warning when a parameter, not the query, is at fault and `input_as_warning`);
    a syntax error also shows the offending line with a caret under the column."""
    if isinstance(error, QuerySyntaxError):
        st.error(common.md(str(error).split("\n", 1)[0]), icon=":material/error:")
        if error.excerpt:
            st.code(error.excerpt, language=None)
    elif isinstance(error, QueryError) or not input_as_warning:
        st.error(str(error), icon=":material/error:")
    else:
        st.warning(str(error), icon=":material/warning:")
