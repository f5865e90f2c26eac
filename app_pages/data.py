"""Data: the bundled real sample, the official CORDIS and NUTS files (download, then load), your own files.

Every load goes through the one load pipeline (`loaders.pipeline`), as the CLI's does: validated first,
all or nothing, with a progress bar, activity counts and entity resolution after it. Downloads go to
CLUSTER_EXPLORER_DOWNLOADS from the base URLs of the settings (mirrors welcome), resumable and checked.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app_pages import common
from app_pages.data_loads import loads_section, say
from app_pages.data_upload import upload_tab
from loaders.download import CORDIS_ARCHIVES, download_cordis, download_nuts
from loaders.pipeline import run_load, run_sample

store = common.store()
settings = common.settings()
downloads = settings.downloads_dir
st.title("Data")
yours, real = st.tabs(["Your files", "Sample, CORDIS, NUTS"])


def byte_bar(name: str):
    """An st.progress bar for one download, driven by `progress(bytes so far, bytes in all)`."""
    bar = st.progress(0.0, text=f"Downloading {name}")
    return lambda done, total: bar.progress(min(done / total, 1.0) if total else 0.0,
                                            text=f"Downloading {name}: {done / 1e6:,.1f} MB")


with real:
    st.caption("The sample ships with the tool: the CORDIS Horizon Europe projects with a Nordic participant "
               "(5,768 projects, 21,680 organisations) and NUTS regions. Source: CORDIS, © European Union; "
               "© EuroGeographics for the administrative boundaries (non-commercial use).")
    if st.button("Load the bundled sample", type="primary", key="data_sample", icon=":material/library_books:"):
        for report in run_sample(store, progress=common.progress_bar("Sample")):
            say(report)
        common.refresh()
    st.subheader("Official CORDIS and NUTS files")
    st.caption("CORDIS is the EU's public list of the research projects it funds and who took part; NUTS are the "
               "EU's regions (three levels, from large to small), which place organisations on the map. Download "
               "them here, then load them.")
    chosen = st.multiselect("Framework programmes", list(CORDIS_ARCHIVES), default=["horizon-europe"],
                            key="data_frameworks", help="The EU's research programmes: Horizon Europe (2021-2027), "
                            "Horizon 2020 (2014-2020), FP7 (2007-2013); each is one archive")
    left, right = st.columns(2)
    if left.button("Download CORDIS", key="data_download_cordis", icon=":material/download:", disabled=not chosen):
        for done in download_cordis(chosen, downloads, settings.cordis_url, progress=byte_bar):
            st.success(f"{done.path.name}: {done.size / 1e6:,.1f} MB, downloaded whole (checksum {done.sha256[:16]}…)")
            st.session_state["data_CORDIS_path"] = str(done.path)  # offered for loading below
    if right.button("Download NUTS", key="data_download_nuts", icon=":material/download:"):
        download_nuts(downloads / "nuts", settings.gisco_url, progress=byte_bar)
        st.success("NUTS 2021 and 2024 label points downloaded.")
        st.session_state["data_NUTS_path"] = str(downloads / "nuts")
    downloaded = {"nuts": [downloads / "nuts"], "cordis": sorted(downloads.glob("*.zip"))}
    for name, source in (("NUTS", "nuts"), ("CORDIS", "cordis")):
        offered = [str(p) for p in downloaded[source] if p.exists()]
        st.session_state.setdefault(f"data_{name}_path", offered[0] if offered else "")
        example = downloads / ("nuts" if source == "nuts" else CORDIS_ARCHIVES["horizon-europe"])
        path = st.text_input(f"{name} folder or archive", key=f"data_{name}_path",
                             placeholder=f"a path on this machine, e.g. {example} (where Download puts it)")
        if st.button(f"Load {name}", key=f"data_{name}_load", disabled=not (path and Path(path).exists())):
            say(run_load(store, source, Path(path), progress=common.progress_bar(name)))
            common.refresh()

with yours:
    upload_tab(store)
    loads_section(store)
