"""An Italian agency's cluster register (partite IVA as Italians write them, S.C.p.A. and S.Cons.p.A.) against CORDIS's
Italian organisations.

An 11-digit partita IVA was not tried as CORDIS's VAT number (IT + the digits), S.C.p.A. was no legal form, and a
cluster table's `vat_number` column was not read: Telecom Italia, Centro Ricerche Fiat and Clust-ER Energia became
silent second nodes, and a note said the ids written with and without `IT` made two nodes when they had made one.
Real parts: the CORDIS fixture with a few Italian organisations added (real files in tmp_path,
`loaders.cordis.load_cordis`), real CSVs and mappings, the load pipeline."""

from __future__ import annotations

import pytest

from loaders.cluster_detection import name_key
from loaders.company_numbers import vat_forms
from loaders.pipeline import run_load, run_unload
from tests.cordis_with import load_cordis_with

#: (PIC, VAT number, name) of the Italian organisations added to the CORDIS fixture.
ITALIAN = [("999908496", "IT00488410010", "TELECOM ITALIA SPA O TIM SPA"),
           ("999992886", "", "CENTRO RICERCHE FIAT SCPA"),
           ("999879881", "IT04376620151", "POLITECNICO DI MILANO"),
           ("907604557", "IT04008171201", "ASSOCIAZIONE CLUST-ER ENERGIA E SVILUPPO SOSTENIBILE"),
           ("922348363", "", "SPRING SUSTAINABLE PROCESSES AND RESOURCES FOR INNOVATION AND NATIONAL GROWTH")]
MEMBERS = """ragione_sociale;partita_iva
Telecom Italia S.p.A.;00488410010
Centro Ricerche Fiat S.C.p.A.;01234567890
Politecnico di Milano;04376620151
Politecnico di Milano;IT04376620151
Meccanica Brianzola S.r.l.;IT02345678901
Meccanica Brianzola S.r.l.;02345678901
"""
CLUSTERS = """codice;denominazione;partita_iva
ER-ENERGIA;Clust-ER Energia e Sviluppo Sostenibile;IT04008171201
CTN-SPRING;SPRING - Sustainable Processes and Resources for Innovation and National Growth;
"""


def _table(file: str, label: str, id_column: str, name_column: str, match: bool, extra: str = "") -> str:
    return (f'\n[[nodes]]\nfile = "{file}"\nseparator = ";"\nlabel = "{label}"\nid = "{id_column}"\n'
            f'name = "{name_column}"\nlocated_in = {{ country = {{ value = "IT" }} }}\n'
            + ('match = "name"\n' if match else "") + extra)


@pytest.fixture
def store(embedded_store, tmp_path):
    load_cordis_with(embedded_store, tmp_path, "IT", ITALIAN)
    return embedded_store


def _load(store, tmp_path, *tables: str, name: str = "cluster-it") -> list[str]:
    (tmp_path / "soci.csv").write_text(MEMBERS, encoding="utf-8")
    (tmp_path / "cluster.csv").write_text(CLUSTERS, encoding="utf-8")
    (tmp_path / f"{name}.toml").write_text(f'name = "{name}"\n' + "".join(tables), encoding="utf-8")
    return run_load(store, "csv", tmp_path / f"{name}.toml").load.notes


def _members(match: bool = True) -> str:
    return _table("soci.csv", "Organisation", "partita_iva", "ragione_sociale", match,
                  'on_conflict = "merge"\n')


def _clusters(match: bool = True) -> str:
    return _table("cluster.csv", "Cluster", "codice", "denominazione", match,
                  'extra_labels = ["Organisation"]\n[nodes.properties]\nvat_number = "partita_iva"\n')


def _node(store, node_id: str):
    rows = store.read("MATCH (o {id: $id}) RETURN o.name, o.own_ids, labels(o)", {"id": node_id}).rows
    return rows[0] if rows else None


def test_a_partita_iva_of_eleven_digits_is_tried_as_the_italian_vat_number():
    assert vat_forms("00488410010") == ("IT00488410010",)
    assert vat_forms("IT 00488410010") == ("IT00488410010",)


def test_italian_legal_forms_are_set_aside_when_names_are_compared():
    assert name_key("Centro Ricerche Fiat S.C.p.A.") == name_key("CENTRO RICERCHE FIAT SCPA") == "centro ricerche fiat"
    assert name_key("ART-ER S.Cons.p.A.") == name_key("ART-ER-SOCIETA CONSORTILE PER AZIONI") == "art er"
    assert {name_key(n) for n in ("Rossi & Figli S.n.c.", "Rossi & Figli S.a.s.", "Rossi & Figli scrl",
                                  "Rossi & Figli S.c.a.r.l.", "Rossi & Figli S.a.p.a.")} == {"rossi figli"}
    assert name_key("Sapa Profili Srl") == "sapa profili"  # the first word stays


def test_a_bare_partita_iva_updates_the_cordis_organisation_whose_vat_number_holds_it(store, tmp_path):
    notes = _load(store, tmp_path, _members())
    said = next(n for n in notes if "give an organisation number that is the VAT number of an organisation" in n)
    assert "00488410010 'Telecom Italia S.p.A.' -> pic:999908496 'TELECOM ITALIA SPA O TIM SPA' (IT00488410010)" in said
    assert _node(store, "00488410010") is None  # no second Telecom Italia
    assert "00488410010" in _node(store, "pic:999908496")[1]


def test_a_name_ending_in_s_c_p_a_updates_the_cordis_organisation_ending_in_scpa(store, tmp_path):
    _load(store, tmp_path, _members())
    assert _node(store, "01234567890") is None
    assert "01234567890" in _node(store, "pic:999992886")[1]


def test_ids_with_and_without_it_that_became_one_node_are_not_said_to_make_two(store, tmp_path):
    """Politecnico di Milano's `04376620151` and `IT04376620151` are one CORDIS node; Meccanica Brianzola's two
    spellings, which CORDIS lacks, are two nodes, and the advice names no option, none reading `IT` away."""
    notes = _load(store, tmp_path, _members())
    assert {"04376620151", "IT04376620151"} <= set(_node(store, "pic:999879881")[1])
    said = next(n for n in notes if "are written two ways" in n)
    assert said.startswith("soci.csv: 1 id(s) are written two ways")
    assert "Politecnico" not in said and "'IT02345678901' (line 6) and '02345678901' (line 7)" in said
    assert "compact" not in said and "no option reads a country code away" in said


def test_a_cluster_rows_vat_number_makes_it_the_cordis_cluster_that_carries_it(store, tmp_path):
    notes = _load(store, tmp_path, _clusters())
    assert _node(store, "ER-ENERGIA") is None
    assert "ER-ENERGIA" in _node(store, "pic:907604557")[1]
    assert any("Cluster ER-ENERGIA 'Clust-ER Energia e Sviluppo Sostenibile' -> pic:907604557 'ASSOCIAZIONE "
               "CLUST-ER ENERGIA E SVILUPPO SOSTENIBILE' (IT04008171201)" in n for n in notes)


def test_without_match_a_cluster_rows_vat_number_is_named_in_a_note(store, tmp_path):
    notes = _load(store, tmp_path, _clusters(match=False))
    said = next(n for n in notes if "that is the VAT number of an organisation of the store" in n)
    assert said.startswith("1 new organisation(s) have an id or vat_number that is the VAT number")
    assert "Cluster ER-ENERGIA 'Clust-ER Energia e Sviluppo Sostenibile' -> pic:907604557" in said
    assert _node(store, "ER-ENERGIA") is not None  # nothing merged without the option


def test_a_cluster_named_as_a_cordis_organisation_that_is_no_cluster_is_named_in_a_note(store, tmp_path):
    """CORDIS's SPRING is not detected as a cluster: `match = "name"` of a Cluster row cannot take it. The note says
    how, and its advice does it."""
    notes = _load(store, tmp_path, _clusters())
    said = next(n for n in notes if "of their extra label but not of theirs" in n)
    assert ("Cluster 'SPRING - Sustainable Processes and Resources for Innovation and National Growth' (row id "
            "'CTN-SPRING') and the store's Organisation pic:922348363 'SPRING SUSTAINABLE PROCESSES") in said
    assert 'give its table label = "Organisation" and extra_labels = ["Cluster"]' in said
    run_unload(store, "user:cluster-it")
    assert "Cluster" not in _node(store, "pic:922348363")[2]
    _load(store, tmp_path, _table("cluster.csv", "Organisation", "codice", "denominazione", True,
                                  'extra_labels = ["Cluster"]\n'), name="cluster-it-advised")
    assert "Cluster" in _node(store, "pic:922348363")[2]
