"""A page's choices in the address, kept through page changes and the browser's Back and Forward.

Not a page. Two kinds of widget carry a page's choices in the address:

- bound ones (`bound(key)`: `bind="query-params"` and `persist_state="session"`): Streamlit's browser side
  writes the address as the user changes them, replacing the browser's entry (no history entry per slider step),
  in their readable form; the session keeps them while another page runs, and Streamlit writes them back on the
  return, or when the address lost them;
- choices kept by hand (`start_from_link` / `kept_in_url`), where a bound widget stores the wrong thing (a
  picker of node keys, or Explore's "Details of", would store the names shown) or loses its value now and then
  (the router's time slider, bound, lost its window from the address on a page change while still showing it):
  the page writes them at each run, and each change pushes an entry into the browser's history (Streamlit's
  browser side pushes one for any address the script writes, `handlePageInfoChanged`), which suits a deliberate
  choice, not a slider (the time slider's steps do push one each: see app_pages/timeline.py).

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
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.scriptrunner import get_script_run_ctx

URL = "query-params"
_KEYS = "url_choice_keys"  # page script hash -> the keys of the choices it keeps, as its runs drew them
_LEFT = "url_choice_left"  # page script hash -> the parameters of those choices in the address, and the choices


def bound(key: str) -> dict[str, str]:
    """The keyword arguments of a bound widget of the page (`st.slider(..., **bound("explore_depth"))`)."""
    _own(key)
    return {"key": key, "bind": URL, "persist_state": "session"}


def start_from_link(key: str, linked: Callable[[list[str]], object], page: bool = True) -> None:
    """Start a choice kept in the URL by hand at the link's values (`linked` turns them into choices): on the
    first visit, and when the browser's Back or Forward restores an address naming the choice, or naming another of
    the page's choices and not this one (Back from a first "Details of" to the view without it: none chosen), which
    then wins as it does for the bound widgets, a missing parameter meaning none. Otherwise the session's choice
    stands: a visit to another page drops an unbound widget's state, which `persist_state="session"` keeps, and the
    page writes it back into the address.
    `page=False` for a choice of every page (the time slider), which says nothing of which page's entry it is."""
    if page:
        _own(key)
    context = get_script_run_ctx(suppress_warning=True)
    restored = context is not None and context.is_history_navigation and (key in st.query_params or page and any(
        k in st.query_params for k in st.session_state.get(_KEYS, {}).get(context.page_script_hash, ())))
    if key not in st.session_state or restored:
        st.session_state[key] = linked(st.query_params.get_all(key))


def kept_in_url(key: str, picked: list[str], page: bool = True) -> list[str]:
    """Keep a choice in the URL (shareable), or drop the parameter when nothing is chosen (`page` as above)."""
    if picked and st.query_params.get_all(key) != [str(p) for p in picked]:  # a write of the same value is sent
        st.query_params[key] = picked  # to the browser too, which may push an entry: after Back, Forward was lost
    elif not picked and key in st.query_params:
        del st.query_params[key]
    if page and (context := get_script_run_ctx(suppress_warning=True)) is not None:  # as left, if left now
        left = _left(context.page_script_hash)
        left.pop(key, None)
        if picked:
            left[key] = (picked, st.session_state.get(key))
    return picked


def as_left(also: tuple[str, ...] = ()) -> None:
    """Call first on a page, before its widgets. It notes the parameters of the page's choices in the address and
    puts back those the address lost while the session kept the choice (arriving from another page, or Back):

    - in one write: Streamlit writes each kept choice back on its own, and the browser side pushed a history
      entry for each (three for Partners' consortium, its search and Rank), so Back went through them;
    - when Back or Forward restores an address of the page that names none of its choices, nor the page's other
      parameters `also` (Explore's `path`), the page runs again, as its bound widgets took their defaults in this
      run. The browser is still in its history navigation: the address is replaced, not pushed, and Forward still
      has somewhere to go. A choice of another page left in that address is taken out.

    A choice the user set back to its default is no loss: the session holds the default, not the value noted.
    """
    context = get_script_run_ctx(suppress_warning=True)
    if context is None:
        return
    page, owned = context.page_script_hash, st.session_state.get(_KEYS, {})
    keys, left = owned.get(page, set()), _left(page)
    lost = {k: url for k, (url, value) in left.items() if k not in st.query_params and st.session_state.get(k) == value}
    if context.is_history_navigation and lost and not any(k in st.query_params for k in (*keys, *also)):
        _write(lost)
        for other in set().union(*owned.values()) - keys:
            _write({}, drop=other)
        st.rerun()
    if lost and not context.is_history_navigation:
        _write(lost)
    left.clear()
    left.update({k: (st.query_params.get_all(k), st.session_state.get(k)) for k in keys if k in st.query_params})


def _write(values: dict[str, list[str]], drop: str | None = None) -> None:
    """Write `values` into the address in one go, or drop the parameter `drop`, unless a widget is bound to one
    of them this run (Streamlit refuses to have it written; it writes the widget's value itself)."""
    try:
        if values:
            st.query_params.update(values)
        if drop is not None and drop in st.query_params:
            del st.query_params[drop]
    except StreamlitAPIException:
        pass


def _left(page: str) -> dict[str, tuple[list[str], object]]:
    """The parameters of the page's choices in the address when the page last ran, each with the choice."""
    return st.session_state.setdefault(_LEFT, {}).setdefault(page, {})


def _own(key: str) -> None:
    """Note `key` as one of the current page's choices (what `as_left` looks for in a restored address)."""
    context = get_script_run_ctx(suppress_warning=True)
    if context is not None:
        st.session_state.setdefault(_KEYS, {}).setdefault(context.page_script_hash, set()).add(key)
