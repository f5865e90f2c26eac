"""Which record sources are one load's files: the rule an unload takes them back by and a load's nodes are read by.

Every node and relationship carries `sources`, the ids of the files that gave it (`seed:001`,
`user:grants/grants.csv`). A load's files share a start (`source_prefix`); a load named under another's name with a
`/` (`user:dk/2024` under `user:dk`, loaded before such names were refused) shares it too, so its prefix is left out
(`nested_prefixes`). `of_load` says the same in Cypher, given `$prefix` and `$nested` (`params_of` reads them from
the load log): `unload user:dk` (`graph.store.unload`) and "This load's nodes" (`graph.views.load_nodes`) take
`dk`'s files alone.
"""

from __future__ import annotations

from typing import Any

from graph.store.contract import GraphStore
from graph.store.reads import last_loads

__all__ = ["source_prefix", "nested_prefixes", "of_load", "is_of_load", "params_of"]

#: The record sources of the built-in loaders (`loaders.seeds`, `loaders.nuts`, `loaders.cordis`).
_PREFIXES = {"seeds": "seed:", "nuts": "nuts:", "cordis": "cordis:"}


def source_prefix(source: str) -> str:
    """The start of the record sources of a load's files: `seed:` for "seeds", `user:grants/` for "user:grants"."""
    return _PREFIXES.get(source, f"{source}/")


def nested_prefixes(source: str, logged: list[str]) -> list[str]:
    """The prefixes of the logged loads whose files' ids start with `source`'s prefix too: `user:dk/2024/` for
    `user:dk` when a store holds both (written before names with `/` were refused). Their files are not `source`'s.

    >>> nested_prefixes("user:dk", ["user:dk", "user:dk/2024", "user:dkk", "cordis"])
    ['user:dk/2024/']
    """
    prefix = source_prefix(source)
    return sorted({source_prefix(other) for other in logged
                   if other != source and source_prefix(other).startswith(prefix)})


def of_load(value: str) -> str:
    """Cypher: `value` is the id of one of the load's files: it starts with `$prefix` and with none of `$nested`,
    the prefixes of the loads named under this one's name (`user:dk/2024/` under `user:dk/`, loaded before names
    with `/` were refused), nor is the name of such a load (`user:dk/2024`, the `sources` of its log entry):
    `unload user:dk` had taken out `dk/2024`'s data and log entry too, and its nodes were `dk`'s on Explore.

    >>> of_load("s")
    "(s STARTS WITH $prefix AND none(o IN $nested WHERE s STARTS WITH o OR s + '/' = o))"
    """
    return f"({value} STARTS WITH $prefix AND none(o IN $nested WHERE {value} STARTS WITH o OR {value} + '/' = o))"


def is_of_load(source: str, prefix: str, nested: tuple[str, ...] | list[str] = ()) -> bool:
    """`of_load` in Python, for sources already read: `source` is one of the files of the load whose files start
    with `prefix`, and of none of the loads `nested` under it.

    >>> [is_of_load(s, "user:dk/", ("user:dk/2024/",)) for s in ("user:dk/a.csv", "user:dk/2024/a.csv", "user:dk/2024")]
    [True, False, False]
    """
    nested = tuple(nested)
    return source.startswith(prefix) and not (nested and (source.startswith(nested) or f"{source}/" in nested))


def params_of(store: GraphStore, source: str) -> dict[str, Any]:
    """`$prefix` and `$nested` of `of_load` for the load `source`, the loads named under it read from the load log."""
    logged = [str(load["source"]) for load in last_loads(store, limit=10**6)]
    return {"prefix": source_prefix(source), "nested": nested_prefixes(source, logged)}
