"""A table keyed by national company numbers joins CORDIS's organisations by their VAT numbers (NO...MVA,
SE...01, DK..., FI...): UiT Norges arktiske universitet (970422528) had stayed apart from CORDIS's UNIVERSITETET I
TROMSOE - NORGES ARKTISKE UNIVERSITET (NO970422528MVA) without a word, the names too far apart for the name match or
the near-name note. Real parts: the fixture network (seeds, NUTS and the CORDIS fixture through their loaders), a
real CSV and mapping (tests/fixtures/vat_numbers), the load pipeline."""

from __future__ import annotations

import doctest
import shutil

import pytest

from loaders import generic_vat_numbers
from loaders.pipeline import run_load
from tests.conftest import FIXTURES, open_fixture_network

TABLE = FIXTURES / "vat_numbers"
#: The rows whose number a CORDIS organisation of the fixture carries, with a name sharing a word.
JOINED = {"970422528": "pic:999874643", "30060946": "pic:999990655", "202100-3211": "pic:999901318",
          "0245895-5": "pic:999844670"}


@pytest.fixture
def network(embedded_server, request):
    store = open_fixture_network(embedded_server, f"vat_numbers_{request.node.name[-40:]}")
    yield store
    store.clear()
    store.close()


def _mapping(tmp_path, match: bool):
    shutil.copy(TABLE / "partners.csv", tmp_path / "partners.csv")
    text = (TABLE / "partners.toml").read_text(encoding="utf-8")
    (tmp_path / "partners.toml").write_text(text + ('match = "name"\n' if match else ""), encoding="utf-8")
    return tmp_path / "partners.toml"


def _organisation(store, node_id: str):
    rows = store.read("MATCH (o:Organisation {id: $id}) RETURN o.name, o.own_ids", {"id": node_id}).rows
    return rows[0] if rows else None


def test_the_examples_hold():
    assert doctest.testmod(generic_vat_numbers).failed == 0


def test_without_match_the_load_names_the_cordis_organisations_its_numbers_are(network, tmp_path):
    report = run_load(network, "csv", _mapping(tmp_path, match=False))
    said = next(n for n in report.load.notes if "have an id or vat_number that is the VAT number" in n)
    assert said.startswith("4 new organisation(s) have an id or vat_number that is the VAT number of an organisation "
                           "of the store, and stay apart from it: ")
    assert ("970422528 'UiT Norges arktiske universitet' -> pic:999874643 'UNIVERSITETET I TROMSOE - NORGES ARKTISKE "
            "UNIVERSITET' (NO970422528MVA)") in said
    assert "0245895-5 'Oulun yliopisto' -> pic:999844670 'OULUN YLIOPISTO' (FI02458955)" in said
    assert "993467049" not in said  # the number of OSLO UNIVERSITETSSYKEHUS HF, whose name shares no word
    assert all(_organisation(network, row_id) is not None for row_id in JOINED)  # apart, as the note says


def test_with_match_each_row_updates_the_cordis_organisation(network, tmp_path):
    report = run_load(network, "csv", _mapping(tmp_path, match=True))
    assert any(n.startswith("4 row(s) of match = \"name\" tables give an organisation number that is the VAT number")
               for n in report.load.notes)
    for row_id, node_id in JOINED.items():
        assert _organisation(network, row_id) is None
        assert row_id in _organisation(network, node_id)[1]  # its number kept among the node's own ids
    assert _organisation(network, "993467049")[0] == "Helse Sør-Øst RHF"  # a new node: another body
    again = run_load(network, "csv", _mapping(tmp_path, match=True))  # a re-run changes nothing
    assert not again.summary.changed


def test_a_row_of_another_country_is_not_looked_up_as_a_norwegian_number(network, tmp_path):
    """A nine-digit id of an organisation in Spain (a CORDIS PIC loaded through a table) is no Norwegian number."""
    (tmp_path / "pics.csv").write_text("pic,name,country\n970422528,Universitat Arktiske,ES\n", encoding="utf-8")
    (tmp_path / "pics.toml").write_text('name = "pics"\n\n[[nodes]]\nfile = "pics.csv"\nlabel = "Organisation"\n'
                                        'id = "pic"\nname = "name"\n[nodes.properties]\ncountry = "country"\n',
                                        encoding="utf-8")
    report = run_load(network, "csv", tmp_path / "pics.toml")
    assert not [n for n in report.load.notes if "VAT number" in n]
    assert _organisation(network, "970422528") is not None


def test_a_row_matched_by_its_number_in_another_region_is_not_said_to_move_it(network, tmp_path):
    """A row matched by its number whose region is not the store's: the node stays in the store's region, and the note
    on the values such rows change had still named its `nuts_code` as changed ('ITH55' -> 'ITH56' for an Italian
    register's SINTEC, beside the note saying it stays)."""
    (tmp_path / "uit.csv").write_text("orgnr,navn,fylke\n970422528,UiT Norges arktiske universitet,NO0A2\n",
                                      encoding="utf-8")
    (tmp_path / "uit.toml").write_text('name = "uit"\n\n[[nodes]]\nfile = "uit.csv"\nlabel = "Organisation"\n'
                                       'id = "orgnr"\nname = "navn"\nmatch = "name"\n'
                                       'located_in = { region = "fylke", country = { value = "NO" } }\n',
                                       encoding="utf-8")
    report = run_load(network, "csv", tmp_path / "uit.toml")
    assert not any("nuts_code on" in note for note in report.load.notes), report.load.notes
    assert any("stay in the store's region" in note and "NO072, not NO0A2" in note for note in report.load.notes)
    assert network.read("MATCH (o:Organisation {id: 'pic:999874643'}) RETURN o.nuts_code").rows == [["NO072"]]
