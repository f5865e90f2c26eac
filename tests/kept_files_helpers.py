"""For the tests of the files kept beside the analytics inputs (graph/analytics/kept_files.py): the damage done to
one (the same six kinds for every kind of file: it must be made again, never trusted), and an app restarted with
none of a kind kept."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from graph.analytics import cache
from graph.store.contract import GraphStore

#: garbage, a file cut short, an empty one, one byte flipped, a readable file of another key, one of another shape.
DAMAGES = ["garbage", "cut short", "empty", "flipped", "foreign", "other shape"]


def foreign(path: Path, format: int) -> bytes:
    """A readable file of this kind under this name, made from another key (an older release's `format`)."""
    held = pickle.loads(path.read_bytes())
    held["key"] = (format - 1, *held["key"][1:])
    return pickle.dumps(held)


def damage(path: Path, how: str, format: int, other_shape: Callable[[Path], bytes]) -> None:
    """Rewrite the kept file at `path` damaged `how` (one of `DAMAGES`); `other_shape(path)` gives that kind's file
    of this key holding a state of another shape."""
    whole = path.read_bytes()
    middle = len(whole) // 2
    path.write_bytes({"garbage": lambda: b"not a pickle at all", "cut short": lambda: whole[:middle],
                      "empty": lambda: b"", "flipped": lambda: whole[:middle] + bytes([whole[middle] ^ 0xFF])
                      + whole[middle + 1:], "foreign": lambda: foreign(path, format),
                      "other shape": lambda: other_shape(path)}[how]())


def restart() -> None:
    """What a restart forgets: everything the process held (the store's connection too); the files stay."""
    st.cache_resource.clear()


def restart_keeping_none(store: GraphStore, tag: str) -> tuple[Path, str]:
    """A restart with no file of the kind `tag` ("cls", "met") kept for `store`: (the cache folder, the store tag)."""
    folder, store_tag = cache.cache_dir_for(store), cache.store_tag(store)
    restart()
    for old in folder.glob(f"{store_tag}-{tag}-*"):
        old.unlink()
    return folder, store_tag
