"""A row matched to a stored organisation under another name keeps that name as an alias of the node.

A Finnish table's `Tampereen yliopisto`, matched by its Y-tunnus to CORDIS's TAMPEREEN KORKEAKOULUSAATIO SR, kept
only its number (`own_ids`): `recommend --for "Tampereen yliopisto"` and the queries then found nothing by the name
the table wrote. Real parts: the CORDIS fixture and a table in tmp_path, through the generic loader into the
embedded store.
"""

from __future__ import annotations

from graph.store.resolve import resolve_node
from loaders.cordis import load_cordis
from loaders.generic import load_generic
from tests.conftest import FIXTURES
from tests.generic_files import write_preset

TABLE = "Prosjekt;Akronym;Orgnr;Navn;Land;By\n1;Havvind;971035854;UiO - Universitetet i Oslo;NO;Blindern\n"


def test_the_tables_name_finds_the_node_it_was_matched_to(embedded_store, tmp_path):
    load_cordis(embedded_store, FIXTURES / "cordis")
    mapping = write_preset(tmp_path, TABLE, {"country": '"Land"', "city": '"By"'}, top='match = "name"')
    report = load_generic(embedded_store, mapping)
    node = resolve_node(embedded_store, "UiO - Universitetet i Oslo", ("Organisation",))
    assert (node.id, node.name) == ("pic:999975814", "UNIVERSITETET I OSLO")
    aliases = embedded_store.read("MATCH (o:Organisation {id: 'pic:999975814'}) RETURN o.aliases").rows[0][0]
    assert "UiO - Universitetet i Oslo" in aliases
    again = load_generic(embedded_store, mapping)
    assert again.summary.updated == 0  # a re-run changes nothing
    assert ("1 node(s) of other loads get other values from rows matched by their organisation number: city on 1 "
            "(UNIVERSITETET I OSLO: 'Oslo' -> 'Blindern'); an unload of this table gives back the values the other "
            "loads gave") in report.notes  # the values a match changes are said, by whichever way it matched
