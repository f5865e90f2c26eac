"""A CORDIS load (or re-load) after a table that placed CORDIS's organisations (a user try-out, the sequel of
tests/test_tryout_finnish_places.py): the node keeps one place, the more detailed of CORDIS's and the store's (the
store's where neither is inside the other), a note names what CORDIS held back, a re-run changes nothing, and an
unload of either load gives the other's place back. Real loads into the embedded store: the CORDIS fixture
(OULUN YLIOPISTO in FI1D9, TURUN YLIOPISTO in Finland alone) and a small Finnish table."""

from __future__ import annotations

import shutil

import pytest

from loaders.pipeline import run_load, run_unload
from tests.conftest import FIXTURES
from tests.test_tryout_finnish_places import OULU, TURKU, _place, _table

CORDIS = FIXTURES / "cordis"


def _newer(folder):
    """A newer export: the fixture with the last participation row left out (neither university's)."""
    shutil.copytree(CORDIS, folder)
    rows = (folder / "organizations.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "organizations.csv").write_text("".join(rows[:-1]), encoding="utf-8")
    return folder


def _unchanged(report) -> bool:
    s = report.load.summary
    return s.created == s.updated == s.relationships_created == s.relationships_updated == 0


@pytest.mark.parametrize("export", ["the same", "a newer"])
def test_cordis_again_leaves_a_table_s_region_in_place_of_its_country(embedded_store, tmp_path, export):
    """The table's FI1C1 took the place of CORDIS's Finland alone; CORDIS again had linked TURUN YLIOPISTO to FI
    once more, and it was in both."""
    run_load(embedded_store, "cordis", CORDIS)
    run_load(embedded_store, "csv", _table(tmp_path, "0245896-3;Turun yliopisto;FI1C1\n"))
    again = CORDIS if export == "the same" else _newer(tmp_path / "newer")
    report = run_load(embedded_store, "cordis", again)
    assert _place(embedded_store, TURKU) == ({"Region:FI1C1"}, "FI1C1")
    assert any("'TURUN YLIOPISTO' (FI1C1, not FI)" in n for n in report.load.notes)
    assert _unchanged(run_load(embedded_store, "cordis", again))
    assert _place(embedded_store, TURKU) == ({"Region:FI1C1"}, "FI1C1")


def test_unloading_the_table_after_cordis_again_gives_cordis_s_country_back(embedded_store, tmp_path):
    run_load(embedded_store, "cordis", CORDIS)
    run_load(embedded_store, "csv", _table(tmp_path, "0245896-3;Turun yliopisto;FI1C1\n"))
    run_load(embedded_store, "cordis", _newer(tmp_path / "newer"))
    run_unload(embedded_store, "user:rahoitus")
    assert _place(embedded_store, TURKU) == ({"Country:FI"}, "FI")  # CORDIS's nuts_code FI with its place


def test_cordis_loaded_again_keeps_the_table_s_other_region_its_unload_gave(embedded_store, tmp_path):
    """Unloading CORDIS gave OULUN YLIOPISTO the table's Kainuu (FI1D8); CORDIS loaded again had put it in its
    FI1D9 too, with nuts_code FI1D9: counted in both regions."""
    run_load(embedded_store, "cordis", CORDIS)
    run_load(embedded_store, "csv", _table(tmp_path, "0245895-5;Oulun yliopisto;Kainuu\n"))
    run_unload(embedded_store, "cordis")
    assert _place(embedded_store, OULU) == ({"Region:FI1D8"}, "FI1D8")
    report = run_load(embedded_store, "cordis", CORDIS)
    assert _place(embedded_store, OULU) == ({"Region:FI1D8"}, "FI1D8")
    note = next(n for n in report.load.notes if "'OULUN YLIOPISTO' (FI1D8, not FI1D9)" in n)
    assert "unload" in note  # how to change it
    assert _unchanged(run_load(embedded_store, "cordis", CORDIS))
    run_unload(embedded_store, "user:rahoitus")
    assert _place(embedded_store, OULU) == ({"Region:FI1D9"}, "FI1D9")


def test_cordis_s_region_inside_a_table_s_takes_its_place_until_cordis_goes(embedded_store, tmp_path):
    """The table's FI1D (held back while CORDIS had the node in FI1D9 inside it) is the node's place once CORDIS
    is unloaded; CORDIS loaded again had put it in FI1D9 and FI1D both."""
    run_load(embedded_store, "cordis", CORDIS)
    run_load(embedded_store, "csv", _table(tmp_path, "0245895-5;Oulun yliopisto;FI1D\n"))
    run_unload(embedded_store, "cordis")
    assert _place(embedded_store, OULU) == ({"Region:FI1D"}, "FI1D")
    report = run_load(embedded_store, "cordis", CORDIS)
    assert _place(embedded_store, OULU) == ({"Region:FI1D9"}, "FI1D9")
    assert any("'OULUN YLIOPISTO' (FI1D9, not FI1D alone)" in n for n in report.load.notes)
    assert _unchanged(run_load(embedded_store, "cordis", CORDIS))
    run_unload(embedded_store, "cordis")
    assert _place(embedded_store, OULU) == ({"Region:FI1D"}, "FI1D")


def test_unloading_cordis_after_cordis_again_leaves_the_table_s_region(embedded_store, tmp_path):
    run_load(embedded_store, "cordis", CORDIS)
    mapping = _table(tmp_path, "0245896-3;Turun yliopisto;FI1C1\n")
    run_load(embedded_store, "csv", mapping)
    run_load(embedded_store, "cordis", _newer(tmp_path / "newer"))
    assert _unchanged(run_load(embedded_store, "csv", mapping))  # the table again: nothing to change either
    run_unload(embedded_store, "cordis")
    assert _place(embedded_store, TURKU) == ({"Region:FI1C1"}, "FI1C1")


def test_cordis_again_mends_a_node_an_earlier_version_left_in_two_places(embedded_store, tmp_path):
    """Before this rule, CORDIS again linked TURUN YLIOPISTO to FI beside the table's FI1C1 (and made nuts_code FI):
    the next CORDIS run, of the same files, takes its own FI off and holds it back."""
    run_load(embedded_store, "cordis", CORDIS)
    run_load(embedded_store, "csv", _table(tmp_path, "0245896-3;Turun yliopisto;FI1C1\n"))
    embedded_store.write("MATCH (a:Organisation {id: $id}), (c:Country {id: 'FI'}) "
                         "MERGE (a)-[r:LOCATED_IN {key: ''}]->(c) SET r.sources = ['cordis:organizations.csv']",
                         {"id": TURKU.split(":", 1)[1]})
    assert _place(embedded_store, TURKU)[0] == {"Country:FI", "Region:FI1C1"}
    run_load(embedded_store, "cordis", CORDIS)
    assert _place(embedded_store, TURKU)[0] == {"Region:FI1C1"}
    run_unload(embedded_store, "user:rahoitus")
    assert _place(embedded_store, TURKU) == ({"Country:FI"}, "FI")
