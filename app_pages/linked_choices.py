"""A link's values for a multiselect bound to the address, read as a person writes them (`?metrics_chosen=PageRank`).

Streamlit drops a bound widget's address value that is none of its options, without a word: the Metrics page opened
with `degree` alone for `?metrics_chosen=PageRank&metrics_chosen=degree&metrics_chosen=fame`. `read_link`, before the
widget, writes a value in another case or spelling as its option (`PageRank` is `pagerank`, `weighted degree`
`weighted_degree`) and notes the values that are none, which `say_left_out` says under the widget until it changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages import common

__all__ = ["read_link", "say_left_out", "left_out_key"]


def _folded(text: str) -> str:
    return " ".join(str(text).casefold().replace("_", " ").replace("-", " ").split())


def left_out_key(key: str) -> str:
    """Where the left-out values are kept: a widget's `on_change` pops it (`st.session_state.pop`)."""
    return f"{key}_left_out"


def read_link(key: str, options: Sequence[str]) -> None:
    """On a link's first visit, write its values of `key` as the options they name, and note those naming none."""
    if key in st.session_state or not (linked := st.query_params.get_all(key)):
        return
    by_fold = {_folded(option): option for option in options}
    taken = [by_fold.get(_folded(value)) for value in linked]
    if left := [value for value, option in zip(linked, taken, strict=True) if option is None]:
        st.session_state[left_out_key(key)] = left
    kept = list(dict.fromkeys(option for option in taken if option))
    if kept != linked:
        if kept:
            st.query_params[key] = kept
        else:
            del st.query_params[key]
        st.rerun()


def say_left_out(key: str, what: str) -> None:
    """Under the widget: the link's values that name none of its options (`what`: "metrics"), until it changes."""
    if left := st.session_state.get(left_out_key(key)):
        names = ", ".join(f"“{common.md(value)}”" for value in left)
        st.caption(f"The link asked for {names}, which {'is' if len(left) == 1 else 'are'} not among the {what}: "
                   "left out.")
