"""One list of legal forms (`graph.legal_forms`) for entity resolution and the note on near names: a seed `KEBA`
is the same body as CORDIS's `KEBA AG` (real embedded store), and both rules set aside the same forms."""

from __future__ import annotations

import pytest

from graph import legal_forms, names
from graph.legal_forms import LEGAL_FORMS
from graph.store.records import NodeRecord
from graph.store.writer import write_records
from loaders import cluster_detection, generic_near_names
from loaders.cluster_detection import name_key
from loaders.entity_resolution import link_and_write
from loaders.generic_near_names import same_but_legal_forms

SEED = ("seed:test",)  # a file of the seed load: its sources start with `seed:`
CORDIS = ("cordis:test/organization.csv",)


def _same_as(store) -> list[tuple[str, str, str]]:
    found = store.read("MATCH (a)-[r:SAME_AS]->(b) RETURN a.id, b.id, r.rule ORDER BY a.id, b.id")
    return [tuple(row) for row in found.rows]


def _write(store, nodes: list[NodeRecord]) -> None:
    sources = [NodeRecord("Source", "seed:test", "seed texts", SEED),
               NodeRecord("Source", "cordis:test/organization.csv", "CORDIS extract", CORDIS),
               NodeRecord("Country", "AT", "Austria", SEED)]
    write_records(store, sources + nodes, [])


def test_a_seed_organisation_is_the_same_as_its_record_whose_name_adds_a_german_legal_form(embedded_store):
    _write(embedded_store, [
        NodeRecord("Organisation", "keba", "KEBA", SEED, (), {"country": "AT"}),
        NodeRecord("Organisation", "pic:1", "KEBA AG", CORDIS, (), {"country": "AT"}),
        NodeRecord("Organisation", "pic:2", "KEBA GROUP AG", CORDIS, (), {"country": "AT"}),  # more than a form
        NodeRecord("Organisation", "pic:3", "KEBA AG", CORDIS, (), {"country": "DE"}),  # another country
    ])
    link_and_write(embedded_store)
    assert _same_as(embedded_store) == [("pic:1", "keba", "same-name+country")]


def test_a_seed_cluster_is_the_same_as_its_record_of_the_form_gmbh_and_co_kg(embedded_store):
    _write(embedded_store, [
        NodeRecord("Cluster", "holzcluster", "Holzcluster Steiermark", SEED, (), {"country": "AT"}),
        NodeRecord("Organisation", "pic:1", "HOLZCLUSTER STEIERMARK GMBH & CO KG", CORDIS, (), {"country": "AT"}),
    ])
    link_and_write(embedded_store)
    assert _same_as(embedded_store) == [("holzcluster", "pic:1", "same-name+country")]


def test_entity_resolution_and_the_note_on_near_names_take_one_list(embedded_store):
    assert not hasattr(cluster_detection, "_LEGAL_FORMS") and not hasattr(generic_near_names, "LEGAL_FORMS")
    assert cluster_detection.name_key is names.name_key and names.strip_legal_forms is legal_forms.strip_legal_forms
    forms = sorted(LEGAL_FORMS)
    for form in forms:
        assert name_key(f"Acme {form}") == "acme", form
    # the note on near names takes a row's name for a stored node's once any form of the one list is set aside
    austrian = {"country": "AT"}
    _write(embedded_store, [NodeRecord("Organisation", f"pic:{n}", f"Acme{n} Works {form}", CORDIS, (), austrian)
                            for n, form in enumerate(forms)])
    rows = [NodeRecord("Organisation", f"row:{n}", f"Acme{n} Works", ("user:t/t.csv",), (), austrian)
            for n in range(len(forms))]
    taken = same_but_legal_forms(embedded_store, "Organisation", rows)
    assert {row_id: [node_id for node_id, _ in found] for row_id, found in taken.items()} == {
        f"row:{n}": [f"pic:{n}"] for n in range(len(forms))}


@pytest.mark.parametrize("name", ["KEBA AG", "Keba KG", "KEBA GmbH & Co KG", "Keba Co. KG", "KEBA e.V.", "Keba eG",
                                  "KEBA mbH", "Keba GesmbH", "KEBA SE", "Keba OG", "KEBA AB", "Keba A/S", "KEBA Oy",
                                  "Keba S.A.", "KEBA SARL", "Keba B.V.", "KEBA S.p.A.", "Keba S.r.l.", "KEBA S.L.",
                                  "Keba Ltd", "KEBA d.o.o.", "Keba s.r.o.", "KEBA Sp. z o.o."])
def test_nordic_german_french_dutch_italian_spanish_and_other_forms_are_set_aside(name):
    assert name_key(name) == "keba"


def test_the_list_holds_every_form_either_rule_had():
    before = {  # cluster_detection._LEGAL_FORMS, then generic_near_names.LEGAL_FORMS, as they were
        "ab", "aktiebolag", "as", "asa", "sa", "aps", "a s", "oy", "oyj", "ehf", "hf", "gmbh", "ggmbh", "ev", "e v",
        "srl", "sl", "sas", "zs", "z s", "ry", "rf", "sr", "fmba", "f m b a", "asbl", "vzw", "bv", "nv", "ltd",
        "limited", "ug", "scarl", "spa", "ets", "ivs",
        "ag", "s a", "gesmbh", "mbh", "kg", "og", "& co", "co kg", "ohg", "eu", "e u", "se", "plc", "llc", "inc",
        "corp",
        "s r l", "s l", "sarl", "s p a", "kft", "doo", "d o o", "sro", "s r o", "sp z o o", "k k"}
    assert before <= LEGAL_FORMS  # `co` alone is no form, `& co` is (tests/test_legal_forms_ends.py)


def test_a_name_that_is_only_a_legal_form_keeps_it():
    assert name_key("AG") == "ag" and name_key("Co KG") == "co"
