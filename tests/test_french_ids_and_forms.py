"""A French agency's members table (`Raison sociale;SIREN;...`) against CORDIS's French organisations.

Its SIRENs were not tried against CORDIS's VAT numbers (FR + a key + the SIREN), and `match = "name"` took names as
written, so `Naval Group SA` and `Lynred SAS` became new nodes beside CORDIS's `NAVAL GROUP` and `LYNRED`, splitting
Naval Group's projects over two nodes. Real parts: the CORDIS fixture with a few French organisations added (real
files in tmp_path, `loaders.cordis.load_cordis`), a real CSV and mapping, the load pipeline."""

from __future__ import annotations

import shutil

import pytest

from loaders.company_numbers import vat_forms
from loaders.cordis import load_cordis
from loaders.pipeline import run_load
from tests.conftest import FIXTURES

_PROJECT = "101039110,UNIFY"  # a project of the CORDIS fixture the added organisations take part in
#: (PIC, VAT number, name, country) of the organisations added to the CORDIS fixture.
FRENCH = [("998381522", "FR75441133808", "NAVAL GROUP", "FR"), ("936720271", "FR68334835709", "LYNRED", "FR"),
          ("897379108", "FR30130026081", "UNIVERSITE GRENOBLE ALPES", "FR"),
          ("897556521", "FR59130026123", "UNIVERSITE GUSTAVE EIFFEL", "FR"),
          ("911000001", "", "ORANGE", "FR"), ("911000002", "", "ORANGE", "BE"),
          ("911000003", "", "ACME ROBOTIQUE", "FR"), ("911000004", "", "ACME ROBOTIQUE SAS", "FR")]
MEMBERS = """Raison sociale;SIREN;SIRET
Naval Group SA;441 133 808;44113380800182
Lynred SAS;808 111 554;80811155400015
Université Grenoble Alpes;130 026 123;13002612300013
Orange SA;380 129 866;38012986600019
Acme Robotique SA;123 456 789;12345678900011
"""
MAPPING = """name = "membres"

[[nodes]]
file = "membres.csv"
separator = ";"
label = "Organisation"
id = "SIREN"
compact = ["SIREN"]
name = "Raison sociale"
located_in = { country = { value = "FR" } }
"""


@pytest.fixture
def store(embedded_store, tmp_path):
    cordis = tmp_path / "cordis"
    shutil.copytree(FIXTURES / "cordis", cordis)
    with (cordis / "organizations.csv").open("a", encoding="utf-8") as rows:
        for order, (pic, vat, name, country) in enumerate(FRENCH, start=2):
            rows.write(f"{_PROJECT},{pic},{vat},{name},,false,PRC,,,,{country},,,,,{order},participant,0,0,0,"
                       "false,,\n")
    load_cordis(embedded_store, cordis)
    return embedded_store


def _load(store, tmp_path, match: bool):
    (tmp_path / "membres.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "membres.toml").write_text(MAPPING + ('match = "name"\n' if match else ""), encoding="utf-8")
    return run_load(store, "csv", tmp_path / "membres.toml").load.notes


def _organisation(store, node_id: str):
    rows = store.read("MATCH (o:Organisation {id: $id}) RETURN o.name, o.own_ids", {"id": node_id}).rows
    return rows[0] if rows else None


def test_a_siren_or_siret_is_tried_as_the_french_vat_number_of_its_key():
    assert "FR46330715368" in vat_forms("330715368")  # Ifremer
    assert "FR75441133808" in vat_forms("441 133 808")  # Naval Group, written with spaces
    assert vat_forms("44113380800182") == ("FR75441133808",)  # a SIRET starts with its SIREN
    assert "FR96552100554" in vat_forms("552 100 554")


def test_a_siren_updates_the_cordis_organisation_whose_vat_number_holds_it(store, tmp_path):
    notes = _load(store, tmp_path, match=True)
    said = next(n for n in notes if "give an organisation number that is the VAT number of an organisation" in n)
    assert "441133808 'Naval Group SA' -> pic:998381522 'NAVAL GROUP' (FR75441133808)" in said
    assert _organisation(store, "441133808") is None  # no second Naval Group
    assert "441133808" in _organisation(store, "pic:998381522")[1]


def test_a_number_of_another_body_leaves_the_row_to_the_node_its_name_names(store, tmp_path):
    """The table gave Université Grenoble Alpes the SIREN of the Université Gustave Eiffel (both `université`)."""
    notes = _load(store, tmp_path, match=True)
    said = next(n for n in notes if "are left to their name" in n)
    assert ("130026123 'Université Grenoble Alpes' (the name of pic:897379108; FR59130026123 is pic:897556521 "
            "'UNIVERSITE GUSTAVE EIFFEL')") in said
    assert "130026123" in _organisation(store, "pic:897379108")[1]
    assert not _organisation(store, "pic:897556521")[1]


def test_a_name_with_a_legal_form_updates_the_one_stored_node_so_named(store, tmp_path):
    notes = _load(store, tmp_path, match=True)
    said = next(n for n in notes if "once legal forms (SA, SAS, GmbH, AB ...), case and punctuation are set aside" in n)
    assert "Organisation 'Lynred SAS' (id '808111554') -> pic:936720271 'LYNRED'" in said
    assert _organisation(store, "808111554") is None
    assert "808111554" in _organisation(store, "pic:936720271")[1]
    assert not any("'Lynred SAS'" in n for n in notes if "nearly share a name" in n)  # taken, so not "near"


def test_the_rows_country_tells_two_stored_nodes_so_named_apart(store, tmp_path):
    """CORDIS's ORANGE in France and ORANGE in Belgium: the table's rows are French."""
    _load(store, tmp_path, match=True)
    assert _organisation(store, "380129866") is None
    assert "380129866" in _organisation(store, "pic:911000001")[1]
    assert not _organisation(store, "pic:911000002")[1]


def test_of_two_stored_nodes_so_named_in_its_country_none_is_guessed(store, tmp_path):
    """ACME ROBOTIQUE and ACME ROBOTIQUE SAS, both French: the row stays a node of its own, and the note on near names
    asks for the id of the one meant."""
    notes = _load(store, tmp_path, match=True)
    assert _organisation(store, "123456789")[0] == "Acme Robotique SA"
    near = next(n for n in notes if "nearly share a name" in n)
    assert ("Organisation 'Acme Robotique SA' (row id '123456789', membres.csv) near the store's pic:911000003 "
            "'ACME ROBOTIQUE' / pic:911000004 'ACME ROBOTIQUE SAS': 2 nodes, give the row the id of the one "
            "meant") in near


def test_without_match_the_near_note_says_match_takes_a_name_with_a_legal_form(store, tmp_path):
    notes = _load(store, tmp_path, match=False)
    near = next(n for n in notes if "nearly share a name" in n)
    assert ("Organisation 'Lynred SAS' (row id '808111554', membres.csv) near the store's pic:936720271 'LYNRED': "
            "match = \"name\" takes it") in near
    assert _organisation(store, "808111554")[0] == "Lynred SAS"  # nothing merged without the option
