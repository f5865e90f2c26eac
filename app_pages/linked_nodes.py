"""Nodes a link names (`?partners_focal=IoT World`, `?explore_focus=Cluster:gone`), read as the CLI reads them.

The node pickers keep their choice in the address as node keys. A link's value that was not a key of the page's
graph (a name typed into an address, a key of a node since unloaded, an id in another case) had been dropped without
a word: Partners opened with nothing chosen, Explore without its focus. Each such value is now resolved as the CLI
and the saved queries resolve a node (`graph.store.resolve.resolve_node`: a key, an id, a name or a short name,
accents and case ignored), and a value that names no node, several, or one the page's graph does not hold is said
under the picker, with the store's own message (its did-you-mean, the keys of an ambiguous name's nodes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st

from app_pages import common
from graph.errors import NotFound, ParameterError
from graph.store.resolve import resolve_node

__all__ = ["resolved", "say_unresolved", "forget_unresolved"]


def _noted(key: str) -> str:
    return f"{key}_unresolved"


def resolved(values: Iterable[str], key: str, held: Callable[[str], bool], kinds: tuple[str, ...] | None) -> list[str]:
    """The keys `values` name, in order and once each: a value the page holds (`held`) as it is, the others
    resolved in the store; those that name no node the page holds are noted for `say_unresolved`."""
    keys, unresolved = [], []
    for value in values:
        if held(value):
            keys.append(value)
            continue
        try:
            node = resolve_node(common.store(), value, kinds)
        except (NotFound, ParameterError) as e:  # no node, or several (`AmbiguousName`)
            reason = str(e) + ("" if str(e)[-1:] in ".?" else ".")
            unresolved.append(f"“{common.md(value)}” is left out: {common.md(reason)}")
            continue
        if held(node.key):
            keys.append(node.key)
        else:
            unresolved.append(f"“{common.md(value)}” is left out: it is {common.md(node.describe())}, which this page "
                              "does not offer.")
    st.session_state[_noted(key)] = unresolved
    return list(dict.fromkeys(keys))


def say_unresolved(key: str) -> None:
    """Say which of the link's values were left out, and why, until the choice is changed."""
    if unresolved := st.session_state.get(_noted(key)):
        st.caption("From the link: " + " ".join(unresolved))


def forget_unresolved(key: str) -> None:
    """The choice was changed: the link's left-out values are no longer the question (a widget's `on_change`)."""
    st.session_state.pop(_noted(key), None)
