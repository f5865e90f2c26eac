"""A Basque cluster's member list (CIFs written `F20165940` or `ESF20079828`, names ending in S. Coop., S.L., S.A.)
against CORDIS's Spanish organisations.

A CIF without `ES` was tried as no VAT number at all, so Mondragon Assembly S. Coop., Mondragon Goi Eskola
Politeknikoa and the Universidad de Deusto became new nodes with 0 projects beside CORDIS's ESF20165940, ESF20045241
and ESR4868004E, and no note named them. Real parts: the CORDIS fixture with a few Spanish organisations added (real
files in tmp_path, `loaders.cordis.load_cordis`), a real CSV and mapping, the load pipeline."""

from __future__ import annotations

import pytest

from loaders.cluster_detection import name_key
from loaders.company_numbers import vat_forms
from loaders.pipeline import run_load
from tests.cordis_with import load_cordis_with
from tests.cordis_with import stored_node as _node

#: (PIC, VAT number, name) of the Spanish organisations added to the CORDIS fixture, as CORDIS writes them.
SPANISH = [("972442461", "ESF20165940", "MONDRAGON ASSEMBLY SOCIEDAD COOPERATIVA"),
           ("999855146", "ESF20045241", "MONDRAGON GOI ESKOLA POLITEKNIKOA JOSE MARIA ARIZMENDIARRIETA S COOP"),
           ("999876971", "ESR4868004E", "UNIVERSIDAD DE LA IGLESIA DE DEUSTO ENTIDAD RELIGIOSA"),
           ("999604110", "ESG48975767", "FUNDACION TECNALIA RESEARCH & INNOVATION"),
           ("999581315", "ESF20079828", "IKERLAN S. COOP")]
MEMBERS = """Razón social,CIF,Provincia
Mondragon Assembly S. Coop.,F20165940,Gipuzkoa
Mondragon Goi Eskola Politeknikoa,F-20045241,Gipuzkoa
Universidad de Deusto,R4868004E,Bizkaia
Ikerlan S. Coop.,ESF20079828,Gipuzkoa
"""


@pytest.fixture
def store(embedded_store, tmp_path):
    load_cordis_with(embedded_store, tmp_path, "ES", SPANISH)
    return embedded_store


def _load(store, tmp_path, table: str = MEMBERS,
          place: str = 'located_in = { region = "Provincia", country = { value = "ES" } }\n') -> list[str]:
    (tmp_path / "socios.csv").write_text(table, encoding="utf-8")
    (tmp_path / "socios.toml").write_text(
        'name = "socios"\n\n[[nodes]]\nfile = "socios.csv"\nseparator = ","\nlabel = "Organisation"\n'
        f'id = "CIF"\nname = "Razón social"\nmatch = "name"\n{place}', encoding="utf-8")
    return run_load(store, "csv", tmp_path / "socios.toml").load.notes


def test_a_cif_nif_or_nie_without_es_is_tried_as_the_spanish_vat_number_where_its_check_holds():
    assert vat_forms("F20165940") == vat_forms("f-20.165.940") == vat_forms("ESF20165940") == ("ESF20165940",)
    assert vat_forms("R4868004E") == ("ESR4868004E",)  # a CIF whose check is a letter
    assert vat_forms("12345678-Z") == ("ES12345678Z",) and vat_forms("X1234567L") == ("ESX1234567L",)
    assert vat_forms("F20165941") == vat_forms("12345678A") == ()  # a check that fails: mistyped, or no NIF


def test_a_cif_of_a_spanish_row_updates_the_cordis_organisation_whose_vat_number_holds_it(store, tmp_path):
    notes = _load(store, tmp_path)
    said = next(n for n in notes if "give an organisation number that is the VAT number of an organisation" in n)
    assert "F20165940 'Mondragon Assembly S. Coop.' -> pic:972442461" in said
    assert "F-20045241 'Mondragon Goi Eskola Politeknikoa' -> pic:999855146" in said
    assert "R4868004E 'Universidad de Deusto' -> pic:999876971" in said
    assert [_node(store, cif) for cif in ("F20165940", "F-20045241", "R4868004E")] == [None, None, None]
    assert "F20165940" in _node(store, "pic:972442461")[1] and "R4868004E" in _node(store, "pic:999876971")[1]
    assert not run_load(store, "csv", tmp_path / "socios.toml").summary.changed  # a re-run changes nothing


def test_a_cif_on_a_row_of_no_country_is_tried_as_spanish_when_its_check_character_holds(store, tmp_path):
    _load(store, tmp_path, "Razón social,CIF\nTecnalia,G48975767\n"
                           "Tecnalia Ventures,G48975768\n", place="")
    assert _node(store, "G48975767") is None and "G48975767" in _node(store, "pic:999604110")[1]
    assert _node(store, "G48975768")[0] == "Tecnalia Ventures"  # its check fails: a node of its own


def test_spanish_and_catalan_legal_forms_are_set_aside_when_names_are_compared():
    assert name_key("Mondragon Assembly S. Coop.") == name_key("MONDRAGON ASSEMBLY SOCIEDAD COOPERATIVA") == name_key(
        "Mondragon Assembly S.Coop.") == "mondragon assembly"
    assert {name_key(f"Máquinas Elgoibar {form}") for form in (
        "S.L.", "S.L.U.", "SLU", "Sociedad Limitada", "SL UNIPERSONAL", "S.A.", "S.A.U.", "SA SOCIEDAD UNIPERSONAL",
        "Sociedad Anónima", "S.L.L.", "S.A.L.", "A.I.E.", "Agrupación de Interés Económico", "S.C.C.L.", "SCCL")} == {
        "maquinas elgoibar"}
    assert name_key("Fundación Tecnalia") == "fundacion tecnalia"  # Fundación is part of a foundation's name
    assert name_key("Tecnalia Fundación") == "tecnalia fundacion"


def test_a_spanish_name_with_its_form_written_another_way_updates_the_cordis_organisation(store, tmp_path):
    """`match = "name"` takes `Mondragon Assembly S. Coop.`, keyed by the cluster's own member number (no CIF to go
    by), to CORDIS's MONDRAGON ASSEMBLY SOCIEDAD COOPERATIVA: the load had said they nearly share a name."""
    notes = _load(store, tmp_path, "Razón social,CIF\nMondragon Assembly S. Coop.,SOCIO-08\n", place="")
    assert _node(store, "SOCIO-08") is None and "SOCIO-08" in _node(store, "pic:972442461")[1]
    assert not [n for n in notes if "nearly share a name" in n]


def test_a_tables_vat_number_in_its_national_form_keeps_the_stored_vat_form(store, tmp_path):
    """A member list mapping its CIF as `vat_number` too had overwritten the CORDIS organisations' VAT numbers with
    the bare CIF (`ESF20165940` -> `F20165940`): the stored form is kept where it is the table's number's VAT form."""
    (tmp_path / "socios.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "socios.toml").write_text(
        'name = "socios"\n\n[[nodes]]\nfile = "socios.csv"\nseparator = ","\nlabel = "Organisation"\n'
        'id = "CIF"\nname = "Razón social"\nmatch = "name"\n'
        'located_in = { region = "Provincia", country = { value = "ES" } }\n'
        '[nodes.properties]\nvat_number = "CIF"\n', encoding="utf-8")
    notes = run_load(store, "csv", tmp_path / "socios.toml").load.notes
    vat = {row[0]: row[1] for row in store.read("MATCH (o:Organisation) WHERE o.id IN $ids RETURN o.id, o.vat_number",
                                                {"ids": ["pic:972442461", "pic:999876971", "pic:999581315"]}).rows}
    assert vat == {"pic:972442461": "ESF20165940", "pic:999876971": "ESR4868004E", "pic:999581315": "ESF20079828"}
    assert not any("vat_number on" in note for note in notes), notes
