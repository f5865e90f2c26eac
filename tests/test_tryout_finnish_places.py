"""A Finnish funding table naming organisations CORDIS already placed, matched by name, with a region of its own (a
user try-out): an organisation keeps one place, the more detailed one, and a note names the region not taken. Real
loads into the embedded store: the CORDIS fixture (OULUN YLIOPISTO in FI1D9 Pohjois-Pohjanmaa, TURUN YLIOPISTO in
Finland alone) and a small table."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.pipeline import run_load, run_unload
from tests.conftest import FIXTURES
from tests.generic_files import write_files

OULU, TURKU = "Organisation:pic:999844670", "Organisation:pic:999903064"


def _table(folder, rows: str):
    (folder / "rahoitus").mkdir(exist_ok=True)
    return write_files(folder / "rahoitus", {
        "mapping.toml": 'name = "rahoitus"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "ytunnus"\n'
                        'name = "nimi"\nmatch = "name"\n'
                        'located_in = { region = "maakunta", country = { value = "FI" } }\n',
        "orgs.csv": "ytunnus;nimi;maakunta\n" + rows})


def _place(store, node: str) -> tuple[set[str], str | None]:
    graph = to_networkx(store)
    places = {end for _, end, key in graph.out_edges(node, keys=True) if key.startswith("LOCATED_IN")}
    return places, graph.nodes[node].get("nuts_code")


def test_a_table_s_other_region_leaves_the_node_in_the_store_s_and_names_it(embedded_store, tmp_path):
    """CORDIS has OULUN YLIOPISTO in FI1D9; the table says Kainuu (FI1D8). It had been in both, its nuts_code
    overwritten to FI1D8, so `--region Pohjois-Pohjanmaa` and `--region Kainuu` both counted it and the SMEs of
    Pohjois-Pohjanmaa (read by nuts_code) lost it."""
    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    before = _place(embedded_store, OULU)
    assert before == ({"Region:FI1D9"}, "FI1D9")
    report = run_load(embedded_store, "csv", _table(tmp_path, "0245895-5;Oulun yliopisto;Kainuu\n"))
    assert _place(embedded_store, OULU) == before
    note = next(n for n in report.load.notes if "other region" in n)
    assert "'OULUN YLIOPISTO' (FI1D9, not FI1D8)" in note


def test_the_load_again_and_its_unload_leave_the_store_s_region(embedded_store, tmp_path):
    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    mapping = _table(tmp_path, "0245895-5;Oulun yliopisto;Kainuu\n")
    run_load(embedded_store, "csv", mapping)
    again = run_load(embedded_store, "csv", mapping)
    assert again.load.summary.relationships_created == again.load.summary.updated == 0
    assert _place(embedded_store, OULU) == ({"Region:FI1D9"}, "FI1D9")
    run_unload(embedded_store, "user:rahoitus")
    assert _place(embedded_store, OULU) == ({"Region:FI1D9"}, "FI1D9")


def test_a_table_s_national_region_leaves_the_node_in_the_store_s_nuts_region(embedded_store, tmp_path):
    """A region name NUTS does not know (Oulunseutu) had put the node in FI-Oulunseutu beside FI1D9."""
    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    report = run_load(embedded_store, "csv", _table(tmp_path, "0245895-5;Oulun yliopisto;Oulunseutu\n"))
    assert _place(embedded_store, OULU) == ({"Region:FI1D9"}, "FI1D9")
    assert "region" not in to_networkx(embedded_store).nodes[OULU]
    assert any("'OULUN YLIOPISTO' (FI1D9, not FI-Oulunseutu)" in n for n in report.load.notes)


def test_unloading_cordis_gives_the_node_the_table_s_region(embedded_store, tmp_path):
    """The table's region, held back while CORDIS placed the node elsewhere, is its place once CORDIS is gone."""
    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    run_load(embedded_store, "csv", _table(tmp_path, "0245895-5;Oulun yliopisto;Kainuu\n"))
    run_unload(embedded_store, "cordis")
    assert _place(embedded_store, OULU) == ({"Region:FI1D8"}, "FI1D8")


def test_a_table_s_region_takes_the_place_of_a_country_alone(embedded_store, tmp_path):
    """CORDIS has TURUN YLIOPISTO in Finland alone; the table says FI1C1. It had been in both FI and FI1C1."""
    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    before = _place(embedded_store, TURKU)
    assert before[0] == {"Country:FI"}
    mapping = _table(tmp_path, "0245896-3;Turun yliopisto;FI1C1\n")
    report = run_load(embedded_store, "csv", mapping)
    assert _place(embedded_store, TURKU) == ({"Region:FI1C1"}, "FI1C1")
    assert any("'TURUN YLIOPISTO' (FI1C1, not FI alone)" in n for n in report.load.notes)
    again = run_load(embedded_store, "csv", mapping)
    assert again.load.summary.relationships_created == again.load.summary.updated == 0
    assert _place(embedded_store, TURKU) == ({"Region:FI1C1"}, "FI1C1")
    run_unload(embedded_store, "user:rahoitus")
    assert _place(embedded_store, TURKU) == before
