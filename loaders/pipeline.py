"""The one load pipeline: parse -> validate -> write -> derived facts -> entity resolution.

The CLI and the app both call `run_load`, so the same files build the same graph whichever door they
come in by. Each source's loader parses, validates and writes (all or nothing); the steps after it
work on what the store now holds, so they run after every load, whatever loaded it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ClusterExplorerError
from graph.store.backends import hold_for_load
from graph.store.contract import GraphStore
from graph.store.writer import Progress, WriteSummary
from loaders.common import LoadReport

__all__ = ["SOURCES", "PipelineReport", "run_load", "derive_facts"]


def _seeds(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.seeds import DEFAULT_PATH, load_seeds

    return LoadReport("seeds", load_seeds(store, progress=progress, path=path or DEFAULT_PATH))


def _cordis(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.cordis import load_cordis

    return load_cordis(store, _needed(path, "cordis"), progress=progress)


def _nuts(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.nuts import load_nuts

    return load_nuts(store, _needed(path, "nuts"), progress=progress)


def _csv(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.generic import load_generic

    return load_generic(store, _needed(path, "csv"), progress=progress)


def _needed(path: Path | None, source: str) -> Path:
    if path is None:
        raise ClusterExplorerError(f"loading {source} needs a path (a file or a folder)")
    return Path(path)


#: Source name -> its loader `(store, path, progress) -> LoadReport`.
SOURCES: dict[str, Callable[[GraphStore, Path | None, Progress | None], LoadReport]] = {
    "seeds": _seeds, "nuts": _nuts, "cordis": _cordis, "csv": _csv,
}


@dataclass
class PipelineReport:
    """The source's own report, and what the steps after it derived (`derived`: sentences)."""

    load: LoadReport
    derived: list[str] = field(default_factory=list)

    @property
    def summary(self) -> WriteSummary:
        return self.load.summary


def derive_facts(store: GraphStore) -> list[str]:
    """The facts computed from what the store holds, after any load: today entity resolution
    (seed clusters linked to their CORDIS records, `SAME_AS`). Returns one sentence per step that did something."""
    from loaders.cluster_detection import link_and_write

    said = []
    linked = link_and_write(store)
    if linked.relationships:
        said.append(f"entity resolution: {linked.relationships} seed cluster(s) linked to CORDIS "
                    "organisations (SAME_AS)")
    return said


def run_load(store: GraphStore, source: str, path: Path | str | None = None, *,
             progress: Progress | None = None) -> PipelineReport:
    """Load `source` ("seeds", "nuts", "cordis", "csv") from `path`, then derive what follows from it."""
    try:
        loader = SOURCES[source]
    except KeyError:
        raise ClusterExplorerError(f"unknown source {source!r}; known: {', '.join(SOURCES)}") from None
    with hold_for_load(store):  # one load at a time into one store
        report = loader(store, Path(path) if path is not None else None, progress)
        return PipelineReport(report, derive_facts(store))
