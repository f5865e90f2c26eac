"""Graphs of the CORDIS fixture network with a member list's mapping loaded into each, the app pointed at the
server: the fixture of the partner-sector modules, each loading one list two ways (its sectors on the members or on
the cluster; with aliases or without) and comparing what the CLI and the Partners page say."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from loaders.pipeline import run_load
from tests.app_graph import app_on_stores
from tests.conftest import open_fixture_network
from tests.generic_files import write_files


@contextmanager
def member_list_graphs(server: Path, tmp_path_factory: pytest.TempPathFactory,
                       loads: dict[Hashable, tuple[str, dict[str, str]]]) -> Iterator[dict[Hashable, str]]:
    """Each key of `loads` -> its graph: the graph named, holding the fixture network and its files (a
    `mapping.toml` and the tables it reads) loaded by the real pipeline; the graphs are cleared and closed after."""
    graphs, stores = {}, []
    for key, (graph, files) in loads.items():
        graphs[key] = graph
        stores.append(store := open_fixture_network(server, graph))
        write_files(folder := tmp_path_factory.mktemp("socios"), files)
        run_load(store, "csv", folder / "mapping.toml")
    with app_on_stores(server, None, tmp_path_factory.mktemp("user_queries"), *stores):
        yield graphs
