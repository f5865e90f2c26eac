"""The "Your files" tab's offer for a table uploaded without a mapping: one made from the table, to edit here.

Not a page. The mapping comes from `loaders.mapping_template` (as `cluster-explorer mapping new`); the user
checks its guesses in a text box and switches it on, and the tab then checks, previews and loads it as if it
had been uploaded (`app_pages.data_upload`), or downloads it for the CLI.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import streamlit as st

from app_pages import common
from graph.errors import ValidationFailed
from loaders.mapping_template import guesses, participation_template, template_shape

__all__ = ["offer_templates"]


@st.cache_data(max_entries=16, show_spinner=False)
def _template(name: str, data: bytes) -> tuple[str | None, str]:
    """The mapping made from an uploaded table, or why none can be: made once per upload, not on every rerun of
    the page (typing in the box reruns it, and a large table takes a second to read)."""
    with tempfile.TemporaryDirectory(prefix="cluster-explorer-template-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return participation_template(path), ""
        except ValidationFailed as e:
            return None, str(e.problems[0])


def offer_templates(files: list) -> tuple[str, bytes] | None:
    """For each table uploaded without a mapping, a mapping made from its header and cells (a participation
    table's, or a list's of clusters or organisations: `loaders.mapping_template`), to edit here and download;
    returns the (file name, text) of the one the user switched on to check and load, as if uploaded."""
    chosen = None
    for upload in files:
        name, data = Path(upload.name).name, upload.getvalue()
        template, why_not = _template(name, data)
        if template is None:
            st.caption(common.md(f"No mapping can be made from {name}: {why_not}"))
            continue
        st.caption(common.md(f"If {name} has one row per {template_shape(template)}: a mapping "
                             f"with {guesses(template)} guesses "
                             "from its header and cells, each marked #?. Check and edit them here, then switch it "
                             "on, or download it."))
        key = f"{name}_{hashlib.sha256(data).hexdigest()[:12]}"  # a new upload under the same name: a new text
        text = st.text_area(f"Mapping for {name}", template, height=360, key=f"data_template_text_{key}")
        mapping_name = f"{Path(name).stem}.mapping.toml"
        use, download = st.columns([3, 1], vertical_alignment="center")
        download.download_button(f"A mapping for {name}", text, file_name=mapping_name, mime="text/plain",
                                 icon=":material/download:", key=f"data_template_{name}")
        if use.toggle(f"Check and load {name} with this mapping", key=f"data_template_use_{key}") and not chosen:
            chosen = (mapping_name, text.encode("utf-8"))
    return chosen
