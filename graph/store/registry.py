"""The registry of every Cypher statement the code can send (re-exported by `graph.store.cypher`).

Each builder is registered where it is defined, with `@statement(examples=...)`: the examples enumerate
every schema-valid instance, so `all_statements()` yields every text the code can send, and the lint test
(tests/test_cypher_lint.py) runs Neo4j's own linter over each one. A statement only one store receives
says why (`embedded_only=` / `neo4j_only=`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from graph.errors import SchemaError

__all__ = ["Statement", "statement", "fixed_statement", "registered", "all_statements"]


@dataclass(frozen=True)
class Statement:
    """One registered builder: `examples()` gives the argument tuples of every instance worth linting."""

    name: str
    build: Callable[..., str]
    examples: Callable[[], Iterable[tuple[Any, ...]]]
    embedded_only: str | None = None  # why only FalkorDB receives it (kept out of the Neo4j lint)
    neo4j_only: str | None = None  # why only Neo4j receives it (not run on the embedded store)
    accepted_warning: str | None = None  # why Neo4j's deprecation of id() is accepted (the only warning allowed)

    def texts(self) -> list[str]:
        return [self.build(*args) for args in self.examples()]


_REGISTRY: dict[str, Statement] = {}


def _said(*reasons: str | None) -> None:
    if any(reason is not None and not reason.strip() for reason in reasons):
        raise SchemaError("a statement sent to one store only, or with an accepted warning, must say why")


def statement(examples: Callable[[], Iterable[tuple[Any, ...]]] | Iterable[tuple[Any, ...]] = ((),), *,
              embedded_only: str | None = None, neo4j_only: str | None = None, accepted_warning: str | None = None,
              ) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Register a builder of Cypher text; `examples` are its argument tuples (a callable: evaluated late).

    A statement sent to one store only says why in `embedded_only` or `neo4j_only`; one whose id() Neo4j
    deprecates says why it needs it in `accepted_warning`.
    """
    _said(embedded_only, neo4j_only, accepted_warning)
    listed = None if callable(examples) else tuple(examples)

    def register(build: Callable[..., str]) -> Callable[..., str]:
        name = f"{build.__module__}.{build.__qualname__}"
        _REGISTRY[name] = Statement(name, build, examples if listed is None else (lambda: listed),
                                    embedded_only, neo4j_only, accepted_warning)
        return build

    return register


def fixed_statement(module: str, name: str, text: str, *, accepted_warning: str | None = None) -> str:
    """Register a statement that takes no arguments (a module constant) and return its text."""
    _said(accepted_warning)
    _REGISTRY[f"{module}.{name}"] = Statement(f"{module}.{name}", lambda: text, lambda: ((),),
                                              accepted_warning=accepted_warning)
    return text


def registered(module: str | None = None) -> list[Statement]:
    """The registered statements (of one module, when given), in registration order."""
    return [s for s in _REGISTRY.values() if module is None or s.name.rpartition(".")[0] == module]


def all_statements(module: str | None = None, *, store: str | None = None) -> list[str]:
    """Every text the registered builders can build for `store` ("falkordb", "neo4j"; None: any store).

    Only the modules imported so far have registered theirs; the lint test imports every module first.
    """
    skip = {"falkordb": "neo4j_only", "neo4j": "embedded_only"}.get(store or "")
    return [text for s in registered(module) if skip is None or getattr(s, skip) is None for text in s.texts()]
