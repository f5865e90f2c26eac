"""A store that holds two loads one of whose names starts with the other's and a `/` (`dk` and `dk/2024`), as versions
before names with `/` were refused wrote it: `unload user:dk` takes out `dk`'s files alone. Real loads into the
embedded store, the second written by the store's own writer under its old name."""

from __future__ import annotations

import dataclasses

from graph.store.reads import to_networkx
from loaders.common import load_records
from loaders.generic import check_generic
from loaders.pipeline import run_load, run_unload
from tests.generic_files import write_files

ORGS = 'located_in = { country = { value = "DK" } }\n'


def _mapping(folder, name: str, rows: str):
    (folder / name).mkdir()
    return write_files(folder / name, {
        "mapping.toml": f'name = "{name}"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\n'
                        f'name = "navn"\n[nodes.properties]\ncity = "by"\n',
        "orgs.csv": "nr;navn;by\n" + rows})


def _load_as_older_versions_did(store, mapping, name: str) -> None:
    """The load of `mapping` under the name `name` (with a `/`), as a version that allowed it wrote it."""
    data = check_generic(store, mapping)
    old, new = f"user:{data.mapping.name}/", f"user:{name}/"

    def renamed(record):
        return dataclasses.replace(record, **({"id": record.id.replace(old, new)} if record.label == "Source" else {}),
                                   sources=tuple(s.replace(old, new) for s in record.sources))
    load_records(store, f"user:{name}", data.paths, [renamed(n) for n in data.nodes], [renamed(r) for r in data.rels])


def test_unloading_dk_leaves_dk_2024_s_nodes_values_and_sources(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _mapping(tmp_path, "dk", "1;Odense Robotics;Odense\n2;Fjordlab;Aarhus\n"))
    _load_as_older_versions_did(embedded_store, _mapping(tmp_path, "later", "2;Fjordlab ApS;Aalborg\n3;Arla;Viby\n"),
                                "dk/2024")
    before = to_networkx(embedded_store)
    assert before.nodes["Organisation:2"]["sources"] == ["user:dk/orgs.csv", "user:dk/2024/orgs.csv"]
    run_unload(embedded_store, "user:dk")
    graph = to_networkx(embedded_store)
    organisations = {n: d for n, d in graph.nodes(data=True) if n.startswith("Organisation:")}
    assert sorted(organisations) == ["Organisation:2", "Organisation:3"]  # dk's Odense Robotics alone is gone
    assert organisations["Organisation:2"]["sources"] == ["user:dk/2024/orgs.csv"]
    assert organisations["Organisation:2"]["city"] == "Aalborg"
    assert organisations["Organisation:3"]["sources"] == ["user:dk/2024/orgs.csv"]
    assert "Source:user:dk/2024/orgs.csv" in graph and "Source:user:dk/orgs.csv" not in graph
    run_unload(embedded_store, "user:dk/2024")
    assert not [n for n in to_networkx(embedded_store) if n.startswith("Organisation:")]
