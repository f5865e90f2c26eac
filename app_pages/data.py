"""Data: load your own CSV / JSON files (with a mapping), the seed data, CORDIS and NUTS.

Uploads are checked completely before anything is written: the same reader as the CLI runs on a
temporary copy, every problem is listed with its file, line and column, and the Load button only
appears when there is none. A load is all or nothing and shows its progress.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages import common
from graph.errors import ValidationFailed
from graph.settings import PROJECT_ROOT
from loaders.generic import missing_endpoints, parse_generic
from loaders.pipeline import run_load

store = common.store()
SHARED = PROJECT_ROOT.parent / "shared" / "data"
st.title("Data")
yours, sources = st.tabs(["Your files", "Seed data, CORDIS, NUTS"])

with yours:
    st.caption("A mapping file says which columns become which nodes, relationships and properties "
               "(docs/mapping.md; a worked example is in examples/members/).")
    mapping = st.file_uploader("Mapping file (TOML or JSON)", type=["toml", "json"], key="data_mapping")
    files = st.file_uploader("Data files (CSV or JSON)", type=["csv", "json", "txt", "tsv"],
                             accept_multiple_files=True, key="data_files")
    if mapping is not None:
        with tempfile.TemporaryDirectory(prefix="cluster-explorer-upload-") as folder:
            for upload in [*files, mapping]:
                (Path(folder) / Path(upload.name).name).write_bytes(upload.getvalue())
            mapping_path = Path(folder) / Path(mapping.name).name
            try:
                parsed = parse_generic(mapping_path)
                problems = missing_endpoints(store, parsed)
            except ValidationFailed as e:
                parsed, problems = None, e.problems
            if problems:
                st.error(f"{len(problems)} problem(s); nothing was written. Fix the files and upload them again.",
                         icon=":material/error:")
                st.dataframe(pd.DataFrame([{"file": Path(p.file).name, "line": p.line, "column": p.field,
                                            "problem": p.message} for p in problems]), hide_index=True,
                             key="data_problems")
            else:
                for note in parsed.notes:
                    st.caption(common.md(note))
                st.success(f"Valid: {len(parsed.nodes):,} nodes and {len(parsed.rels):,} relationships.")
                st.dataframe(pd.DataFrame([{"label": n.label, "id": n.id, "name": n.name, **n.properties}
                                           for n in parsed.nodes[:500]]), hide_index=True, key="data_nodes")
                st.dataframe(pd.DataFrame([{"type": r.type, "from": r.start_id, "to": r.end_id, **r.properties}
                                           for r in parsed.rels[:500]]), hide_index=True, key="data_rels")
                if st.button("Load into the store", type="primary", key="data_load", icon=":material/upload:"):
                    report = run_load(store, "csv", mapping_path, progress=common.progress_bar("Loading"))
                    common.refresh()
                    st.success(f"Loaded: {report.summary.created} nodes created, {report.summary.updated} "
                               f"updated, {report.summary.unchanged} unchanged, {report.summary.relationships} "
                               "relationships.", icon=":material/check:")

with sources:
    if st.button("Load the seed data", key="data_seeds", icon=":material/library_books:"):
        summary = run_load(store, "seeds", progress=common.progress_bar("Seed data")).summary
        common.refresh()
        st.success(f"Seed data: {summary.created} nodes created, {summary.unchanged} unchanged.")
    for name, source, default in (("CORDIS", "cordis", SHARED / "cordis-horizon-europe"),
                                  ("NUTS", "nuts", SHARED / "gisco-nuts")):
        folder = st.text_input(f"{name} folder", str(default) if default.exists() else "", key=f"data_{name}_path")
        if st.button(f"Load {name}", key=f"data_{name}_load", disabled=not (folder and Path(folder).exists())):
            report = run_load(store, source, Path(folder), progress=common.progress_bar(name)).load
            common.refresh()
            st.success(common.md(" ".join(report.notes[-1:])) or f"{name} loaded.", icon=":material/check:")
