"""A choice kept in the address by hand, for widgets that `bind="query-params"` does not serve well.

Not a page. A bound widget stores its displayed label (wrong for a picker of node keys), and a bound widget
drawn by the router (the time slider) lost its value from the address now and then on a page change: the
browser side of Streamlit mounted it at its default for a moment and took the parameter out (seen in CI, on
one run in many). Kept by hand, the page writes the choice into the address at each run, and the session's
value (`persist_state="session"`) wins over an address that lacks it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx


def start_from_link(key: str, linked: Callable[[list[str]], object]) -> None:
    """Start a choice kept in the URL by hand at the link's values (`linked` turns them into choices): on the
    first visit, and when the browser's Back or Forward restores an address naming a choice, which then wins as
    it does for the bound widgets. Otherwise the session's choice stands: a visit to another page drops an unbound
    widget's state, which `persist_state="session"` keeps, and the page writes it back into the address. An
    address restored without the key is most often the entry Streamlit's browser side pushes when the user
    leaves a page (its own parameters stripped), so Back from Partners finds Explore's focus as it was."""
    context = get_script_run_ctx(suppress_warning=True)
    restored = context is not None and context.is_history_navigation and key in st.query_params
    if key not in st.session_state or restored:
        st.session_state[key] = linked(st.query_params.get_all(key))


def kept_in_url(key: str, picked: list[str]) -> list[str]:
    """Keep a choice in the URL (shareable), or drop the parameter when nothing is chosen."""
    if picked:
        st.query_params[key] = picked
    elif key in st.query_params:
        del st.query_params[key]
    return picked
