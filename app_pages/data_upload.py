"""The Data page's "Your files" tab: upload CSV / JSON files with a mapping, validate, preview, load.

Not a page. Uploads are checked completely before anything is written: the same reader as the CLI runs
on a temporary copy, every problem is listed with its file, line and column (sorted by file and line),
and the Load button only appears when there is none. A mapping uploaded before its data files is not an
error: the tab lists the files it still waits for. A table uploaded without a mapping gets one made from
it (`loaders.mapping_new.participation`), to edit in the page and check and load as if uploaded. The preview shows the
user's records first; the bookkeeping Source record of each file (path, checksum) is only counted.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages import common
from app_pages.data_loads import written
from app_pages.data_template import offer_templates
from graph.errors import Problem, ValidationFailed
from graph.store.contract import GraphStore
from loaders.generic import NOT_IN_FILE, missing_endpoints, parse_generic
from loaders.mapping import read_mapping
from loaders.mapping_contract import feature_summary
from loaders.pipeline import run_load


def by_file_and_line(problems: list[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then line (a whole-file problem first), then column."""
    return sorted(problems, key=lambda p: (Path(p.file).name, p.line or 0, p.field or ""))


def missing_files(mapping_path: Path, uploaded: set[str]) -> list[str]:
    """The data files the mapping names that are not among the uploaded names (a bad mapping raises)."""
    named = dict.fromkeys(spec.file for spec in read_mapping(mapping_path).files)
    return [name for name in named if Path(name).name not in uploaded]


#: A problem longer than this is cut in its cell at the page's width: it is also written out in full under the table
#: (a column the mapping names that the file lacks had read "...; did you mean 'Cluster-ID'?; colum").
CELL_CHARS = 90
#: At most so many such problems are written out; the table holds them all.
IN_FULL = 20


def where_to_fix(problems: list[Problem], mapping_name: str, mapping_here: bool) -> str:
    """What to fix: the mapping (the page's box when `mapping_here`, else its file) when a problem is in it or names
    its line (a column the mapping names that the table lacks), the data files when a problem is in them, both when
    both are (a mapping's typo beside a table's bad date had said "Fix the mapping" alone); or the data files, or the
    mapping where a problem offers a setting of it (an empty id: `on_empty`)."""
    in_mapping = [Path(p.file).name == mapping_name or p.kind == NOT_IN_FILE for p in problems]
    mapping = "the mapping in the box above" if mapping_here else f"the mapping {mapping_name}"
    again = "" if mapping_here else " and upload it again"
    if all(in_mapping):
        return mapping + again
    if any(in_mapping):
        return f"{mapping} and the data files, and upload {'them' if mapping_here else 'both'} again"
    if any(p.mapping_can_fix for p in problems):  # "the id is empty (set on_empty in the mapping ..."
        return f"the data files, or {mapping}{again} where a problem says so"
    return "the data files and upload them again"


def show_problems(problems: list[Problem], mapping_name: str, mapping_here: bool) -> None:
    """The problems in reading order, a column left blank where a problem names none, and each problem too long for
    its cell also in full under the table."""
    fix = where_to_fix(problems, mapping_name, mapping_here)
    st.error(f"{len(problems)} problem(s); nothing was written. Fix {fix}: each problem names its file, line and "
             "column.", icon=":material/error:")
    ordered = by_file_and_line(problems)
    st.dataframe(pd.DataFrame([{"file": Path(p.file).name, "line": p.line, "column": p.field or "",
                                "problem": p.message} for p in ordered]), hide_index=True, key="data_problems")
    long = [p for p in ordered if len(p.message) > CELL_CHARS]
    if long:
        more = f" (the first {IN_FULL} of {len(long)}; the table holds them all)" if len(long) > IN_FULL else ""
        st.caption(f"In full{more}:")
        st.markdown("\n".join(f"- {common.md(where_is(p))}: {common.md(p.message)}" for p in long[:IN_FULL]))


def where_is(problem: Problem) -> str:
    """`file:line [column]`, as the CLI names a problem (the parts it has)."""
    line = f":{problem.line}" if problem.line else ""
    return f"{Path(problem.file).name}{line}" + (f" [{problem.field}]" if problem.field else "")


def upload_tab(store: GraphStore) -> None:
    st.caption("A mapping file says which columns become which nodes, relationships and properties "
               "(docs/mapping.md; a worked example is in examples/members/). A table with one row per "
               "participation, as funders publish grants, needs about ten lines: `preset = \"participation\"` "
               "and its column names. Upload such a table, or a list of clusters or organisations, alone to get "
               "a mapping made from its header, to edit and load here (the CLI: `cluster-explorer mapping new "
               "TABLE`).")
    mapping = st.file_uploader("Mapping file (TOML or JSON)", type=["toml", "json"], key="data_mapping")
    files = st.file_uploader("Data files (CSV or JSON)", type=["csv", "json", "txt", "tsv"],
                             accept_multiple_files=True, key="data_files")
    files = newest_of_each_name(files)
    if mapping is not None:
        mapping_name, mapping_text = Path(mapping.name).name, mapping.getvalue()
    elif chosen := offer_templates(files):
        mapping_name, mapping_text = chosen
    else:
        return
    with tempfile.TemporaryDirectory(prefix="cluster-explorer-upload-") as folder:
        for upload in files:
            (Path(folder) / Path(upload.name).name).write_bytes(upload.getvalue())
        mapping_path = Path(folder) / mapping_name
        mapping_path.write_bytes(mapping_text)
        try:
            waiting = missing_files(mapping_path, {Path(u.name).name for u in files})
            if waiting:
                st.info(f"The mapping names {len(waiting)} data file(s) not uploaded yet: "
                        f"{common.md(', '.join(waiting))}. Add them above; they are checked once all are here.",
                        icon=":material/hourglass_top:")
                return
            parsed = parse_generic(mapping_path)
            problems = missing_endpoints(store, parsed)
        except ValidationFailed as e:
            parsed, problems = None, e.problems
        if problems:
            show_problems(problems, mapping_name, mapping_here=mapping is None)
            return
        preview(parsed)
        if st.button("Load into the store", type="primary", key="data_load", icon=":material/upload:"):
            report = run_load(store, "csv", mapping_path, progress=common.progress_bar("Loading"))
            common.refresh()
            st.success(f"Loaded: {written(report.summary)}.", icon=":material/check:")
            for note in report.summary.retired:  # what a re-load of changed files took off (loaders/reload_gone.py)
                st.info(common.md(note), icon=":material/delete_sweep:")
            for note in report.derived:  # what the load made of it, as the CLI says (organisations made Clusters)
                st.caption(common.md(note))
            for line in feature_summary(store):
                st.caption(common.md(line))


def newest_of_each_name(files: list) -> list:
    """The uploads, one per file name: the last one uploaded of a name replaces the others, and the page says so. The
    uploader takes a name twice (a file added again while it is still listed), and two of one name had made two
    widgets of one key: the page ended in a traceback (StreamlitDuplicateElementKey)."""
    newest = {Path(upload.name).name: upload for upload in files}
    for name, times in Counter(Path(upload.name).name for upload in files).items():
        if times > 1:
            st.warning(common.md(f"{name} is uploaded {times} times: the last one is read, the others are left "
                                 "aside. Remove them from the list with their ×."), icon=":material/content_copy:")
    return list(newest.values())


def preview(parsed) -> None:
    """What the load would write: the user's nodes and relationships; the Source records only counted."""
    for note in parsed.notes:  # a near-miss of a contract name is a warning (loaders/mapping_contract.py)
        (st.warning if ": warning: " in note else st.caption)(common.md(note))
    records = [n for n in parsed.nodes if n.label != "Source"]
    st.success(f"Valid: {parsed.would_write()}.")
    st.dataframe(pd.DataFrame([{"label": n.label, "id": n.id, "name": n.name, **n.properties}
                               for n in records[:500]]), hide_index=True, key="data_nodes")
    st.dataframe(pd.DataFrame([{"type": r.type, "from": r.start_id, "to": r.end_id, **r.properties}
                               for r in parsed.rels[:500]]), hide_index=True, key="data_rels")
