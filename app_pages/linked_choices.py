"""A link's values for a widget bound to the address, read as a person writes them (`?metrics_chosen=PageRank`).

Streamlit drops a bound widget's address value that is none of its options, without a word: the Metrics page opened
with `degree` alone for `?metrics_chosen=PageRank&metrics_chosen=degree&metrics_chosen=fame`. `read_link`, before the
widget, writes a value in another case or spelling as its option (`PageRank` is `pagerank`, `weighted degree`
`weighted_degree`) and notes the values that are none, which `say_left_out` says under the widget until it changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages import common
from graph.store.search_text import fold

__all__ = ["read_link", "say_left_out", "left_out_key", "labels_from_link", "named_choice"]


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


def labels_from_link(key: str, names: dict[str, str]) -> None:
    """For `widgets.choose`, a bound multiselect showing `names` (key -> label): note a link's values that name no
    choice, for it to say. The bound widget reads labels from the address: a link naming choices by key
    (`?explore_labels=QualityLabel:esca-gold`, the form the node pickers keep), or by label in another case, had
    them dropped; the address is written with their labels and the page runs again."""
    linked, by_label = st.query_params.get_all(key), {name: k for k, name in names.items()}
    labels = [v if v in by_label else names.get(named_choice(v, names) or "") for v in linked]  # a key may be its label
    st.session_state[left_out_key(key)] = [v for v, label in zip(linked, labels, strict=True) if label is None]
    if (written := [label or v for v, label in zip(linked, labels, strict=True)]) != linked:
        st.query_params[key] = written  # the values of no choice too: said again at the run this starts
        st.rerun()


def named_choice(value: str, names: dict[str, str]) -> str | None:
    """The key of the one choice that `value` names by its key, id, label or name, in any case (`sweden`, `se` for
    `Sweden (SE)`): a link's `?explore_places=Sweden` had been said to be no choice."""
    if value in names:
        return value
    wanted = fold(value)
    found = {k for k, label in names.items()  # the last: an old link's `COIN (COIN)`
             if wanted in (fold(k), fold(i := k.partition(":")[2]), fold(label), fold(label.rsplit(" (", 1)[0]),
                           fold(f"{label} ({i})"))}
    return found.pop() if len(found) == 1 else None
