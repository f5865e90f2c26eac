"""Each source's loader, as the load pipeline (`loaders.pipeline`) calls it, and the files whose checksum its log keeps.

Not a loader: the door from a source name ("seeds", "nuts", "cordis", "csv") to the module that loads it, imported
only when that source is loaded, so a load of the seeds does not import the CORDIS parser.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from graph.errors import ClusterExplorerError
from graph.store.contract import GraphStore
from graph.store.writer import Progress
from loaders.common import LoadReport

__all__ = ["SOURCES", "input_files", "load_cordis_parsed"]


def _seeds(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.seeds import DEFAULT_PATH, load_seeds

    return LoadReport("seeds", load_seeds(store, progress=progress, path=path or DEFAULT_PATH))


def load_cordis_parsed(store: GraphStore, path: Path | None, progress: Progress | None,
                       parsed: Future | None = None) -> LoadReport:
    """The CORDIS load of `path`; `parsed`, when given, is the parse of its files already started."""
    from loaders.cordis import load_cordis

    return load_cordis(store, _needed(path, "cordis"), progress=progress, parsed=parsed)


def _nuts(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.nuts import load_nuts

    return load_nuts(store, _needed(path, "nuts"), progress=progress)


def _csv(store: GraphStore, path: Path | None, progress: Progress | None) -> LoadReport:
    from loaders.generic import load_generic

    return load_generic(store, _needed(path, "csv"), progress=progress)


def input_files(source: str, path: Path | None) -> list[Path] | None:
    """The files whose checksum the load of `source` logs (None: a source that cannot be skipped)."""
    if source == "seeds":
        from loaders.seeds import DEFAULT_PATH, seed_files

        return seed_files(path or DEFAULT_PATH)
    if source == "nuts":
        from loaders.nuts import nuts_files

        return nuts_files(_needed(path, source))
    if source == "cordis":
        from loaders.cordis_files import cordis_files, cordis_inputs

        return cordis_inputs(cordis_files(_needed(path, source)))
    return None


def _needed(path: Path | None, source: str) -> Path:
    if path is None:
        raise ClusterExplorerError(f"loading {source} needs a path (a file or a folder)")
    return Path(path)


#: Source name -> its loader `(store, path, progress) -> LoadReport`.
SOURCES: dict[str, Callable[[GraphStore, Path | None, Progress | None], LoadReport]] = {
    "seeds": _seeds, "nuts": _nuts, "cordis": load_cordis_parsed, "csv": _csv,
}
