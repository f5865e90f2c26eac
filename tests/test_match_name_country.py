"""`match = "name"` where a name names several nodes of the store: the one in the row's country is taken when it
is the only one there. An Austrian table's `Fraunhofer` (Germany) had been refused as the name of the German and the
Portuguese Fraunhofer both. Real loads into the embedded store, real files."""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from loaders.pipeline import run_load
from tests.generic_files import write_files

REGISTER = "pic:1;Fraunhofer;DE;\npic:2;Fraunhofer;PT;\npic:3;Fraunhofer;FR;\n"


def _table(folder, name: str, rows: str, match: bool = False):
    (folder / name).mkdir()
    return write_files(folder / name, {
        "mapping.toml": f'name = "{name}"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\n'
                        f'name = "navn"\n{"match = \"name\"\n" if match else ""}'
                        'located_in = { country = "land" }\nproperties = { city = "by" }\n',
        "orgs.csv": "nr;navn;land;by\n" + rows})


def test_a_name_of_several_nodes_takes_the_one_in_the_rows_country(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path, "register", REGISTER))
    report = run_load(embedded_store, "csv", _table(tmp_path, "grants", "77;Fraunhofer;DE;München\n", match=True))
    graph = to_networkx(embedded_store)
    assert graph.nodes["Organisation:pic:1"]["city"] == "München"
    assert "Organisation:77" not in graph
    assert not [n for n in ("Organisation:pic:2", "Organisation:pic:3") if graph.nodes[n].get("city")]
    assert any("-> pic:1" in note for note in report.load.notes)


def test_a_name_of_several_nodes_none_or_several_in_its_country_asks_for_the_id(embedded_store, tmp_path):
    two_in_germany = REGISTER.replace("pic:3;Fraunhofer;FR", "pic:3;Fraunhofer;DE")
    run_load(embedded_store, "csv", _table(tmp_path, "register", two_in_germany))
    with pytest.raises(ValidationFailed, match=r"is the name of 3 nodes of the store \(pic:1, pic:2, pic:3\)"):
        run_load(embedded_store, "csv", _table(tmp_path, "grants", "77;Fraunhofer;DE;München\n", match=True))
