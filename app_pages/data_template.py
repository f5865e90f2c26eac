"""The "Your files" tab's offer for a table uploaded without a mapping: one made from the table, to edit here.

Not a page. The mapping comes from `loaders.mapping_new.participation` (as `cluster-explorer mapping new`); the user
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
from loaders.mapping_new.participation import guesses, participation_template, template_shape

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
    table's, or a list's of clusters or organisations: `loaders.mapping_new.participation`), to edit here and download;
    returns the (file name, text) of the one the user switched on to check and load, as if uploaded."""
    chosen = None
    for upload in files:
        name, data = Path(upload.name).name, upload.getvalue()
        template, why_not = _template(name, data)
        if template is None:
            st.caption(common.md(f"No mapping can be made from {name}: {why_not}"))
            continue
        key = f"data_template_text_{name}"
        edited = _start_text(key, hashlib.sha256(data).hexdigest(), template)
        if st.session_state[key] == template:  # said of the draft only: it had stayed above the user's own text
            st.caption(common.md(f"If {name} has one row per {template_shape(template)}: a mapping "
                                 f"with {guesses(template)} guesses "
                                 "from its header and cells, each marked #?. Check and edit them here, then switch "
                                 "it on, or download it."))
        else:
            st.caption(common.md(f"The mapping for {name} as you wrote it: switch it on to check and load it, or "
                                 "download it."))
        text = st.text_area(f"Mapping for {name}", height=360, key=key, persist_state="session")
        if edited:
            st.caption(common.md(f"Your edits of this mapping are kept for the new upload of {name}."))
            st.button("Start again from the new file's guesses", key=f"data_template_reset_{name}",
                      on_click=st.session_state.update, args=({key: template},))
        mapping_name = f"{Path(name).stem}.mapping.toml"
        use, download = st.columns([3, 1], vertical_alignment="center")
        download.download_button("Download mapping", text, file_name=mapping_name, mime="text/plain",  # naming the
                                 icon=":material/download:", key=f"data_template_{name}",  # file, it was cut
                                 help=f"This mapping as {mapping_name}, to keep or to edit elsewhere")
        if use.toggle(f"Check and load {name} with this mapping", key=f"data_template_use_{name}",
                      persist_state="session") and not chosen:
            chosen = (mapping_name, text.encode("utf-8"))
    return chosen


def _start_text(key: str, digest: str, template: str) -> bool:
    """Put the mapping made from this upload in the box `key`, unless the user edited the one made from an earlier
    upload of the same name: the edits stay (the page's advice is to fix the data and upload it again, which
    reset the box, every edit lost). Returns whether edits were kept for a new upload."""
    made = st.session_state.get(f"{key}_made")  # (digest, template) of the upload the box was made from
    st.session_state[f"{key}_made"] = (digest, template)
    if key not in st.session_state or made is None:
        st.session_state[key] = template
    elif made[0] != digest:  # a new upload of this name
        st.session_state[f"{key}_kept"] = st.session_state[key] != made[1]
        if not st.session_state[f"{key}_kept"]:
            st.session_state[key] = template
    return st.session_state.get(f"{key}_kept", False) and st.session_state[key] != template
