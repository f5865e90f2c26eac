"""A page's choices in the address, kept through page changes and the browser's Back and Forward.

Not a page. Two kinds of widget carry a page's choices in the address:

- bound ones (`bound(key)`: `bind="query-params"` and `persist_state="session"`): Streamlit's browser side
  writes the address as the user changes them, replacing the browser's entry (no history entry per slider step),
  in their readable form; the session keeps them while another page runs, and Streamlit writes them back on the
  return, or when the address lost them;
- choices kept by hand (`start_from_link` / `kept_in_url`), where a bound widget stores the wrong thing (a
  picker of node keys, or Explore's "Details of", would store the names shown): the page writes them at each
  run, and each change pushes an entry into the browser's history (Streamlit's browser side pushes one for any
  address the script writes, `handlePageInfoChanged`), which suits a deliberate choice, not a slider.

Back and Forward (`as_left`). On a page change Streamlit's browser side pushes an entry of the page being left
with its parameters taken out (`/explore` after `/explore?explore_depth=2&...`), and often one more with the next
page's parameters on the old page's path, before the next page's own entry; Back lands there first. For a bound
widget Streamlit lets the restored address win, a missing parameter meaning its default, so Explore came back at
depth 1. `as_left` treats an address of the page that names none of the page's choices as such an entry and
shows the page as the session left it, writing its choices back into the address; an address that names some of
them is a real one, and wins.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

URL = "query-params"
_KEYS = "url_choice_keys"  # page script hash -> the keys of the choices it keeps, as its last run drew them


def bound(key: str, page: bool = True) -> dict[str, str]:
    """The keyword arguments of a bound widget of the page (`st.slider(..., **bound("explore_depth"))`);
    `page=False` for a widget of every page (the time slider), which says nothing of which page's entry it is."""
    if page:
        _own(key)
    return {"key": key, "bind": URL, "persist_state": "session"}


def start_from_link(key: str, linked: Callable[[list[str]], object]) -> None:
    """Start a choice kept in the URL by hand at the link's values (`linked` turns them into choices): on the
    first visit, and when the browser's Back or Forward restores an address naming the choice, which then wins as
    it does for the bound widgets. Otherwise the session's choice stands: a visit to another page drops an unbound
    widget's state, which `persist_state="session"` keeps, and the page writes it back into the address."""
    _own(key)
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


def as_left(also: tuple[str, ...] = ()) -> None:
    """Call first on a page: when Back or Forward restores an address of it that names none of its choices, nor
    the page's other parameters `also` (Explore's `path`), run the page again with the choices the session kept
    (Streamlit's bound widgets would take their defaults in this run); the browser is still in its history
    navigation then, so the choices written back replace the entry instead of pushing one, and Forward still has
    somewhere to go."""
    context = get_script_run_ctx(suppress_warning=True)
    if context is None or not context.is_history_navigation:
        return
    keys = st.session_state.get(_KEYS, {}).get(context.page_script_hash, set())
    kept = {key: st.session_state[key] for key in keys if key in st.session_state}
    if not kept or any(key in st.query_params for key in (*keys, *also)):
        return
    st.session_state.update(kept)  # set by the page, so they win over the defaults in the next run
    st.rerun()


def _own(key: str) -> None:
    """Note `key` as one of the current page's choices (what `as_left` looks for in a restored address)."""
    context = get_script_run_ctx(suppress_warning=True)
    if context is not None:
        st.session_state.setdefault(_KEYS, {}).setdefault(context.page_script_hash, set()).add(key)
