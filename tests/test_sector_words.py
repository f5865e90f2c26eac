"""A member list's sectors in Finnish, Swedish, Danish, Norwegian, German, Spanish, Italian, French or Polish stand for
the EuroSciVoc field their word in `graph.store.sector_words` names, wherever a sector's field is read.

A Finnish manager's Toimiala column (Automaatio, Teollisuusrobotiikka ...) and a Basque manager's Sector column
(Mecanizado, Robótica ...) became Sector nodes that named no field: the partner rankings ran without them and said the
user must add English aliases. Real parts: the bundled sample's EuroSciVoc file, the CORDIS fixture and a mapping load
into the embedded store, `recommend` run in-process.
"""

from __future__ import annotations

import csv
import io
import lzma
from collections import Counter
from pathlib import Path

import pytest

from graph.store.reads import to_networkx
from graph.store.search_text import fold
from graph.store.sector_fields import FIELD_OF_WORD, best_field, equivalent_fields, equivalent_sectors
from graph.store.sector_words import SECTOR_WORDS
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES, open_fixture_network
from tests.generic_files import write_files
from tests.test_partners_unbridged_sectors import CLUSTER, MAPPING

SAMPLE_FIELDS = (Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "cordis-horizon-europe"
                 / "project_euroscivoc.csv.xz")
#: Two sectors in Finnish and Spanish as member lists write them, and the field each stands for.
OWN_WORDS = {"Teollisuusrobotiikka": "robotics", "Robótica colaborativa": "robotics"}


def test_every_field_of_the_table_is_a_field_of_the_bundled_sample_and_each_word_names_one():
    text = lzma.decompress(SAMPLE_FIELDS.read_bytes()).decode("utf-8")
    fields = {row["euroSciVocTitle"] for row in csv.DictReader(io.StringIO(text))}
    assert set(SECTOR_WORDS) - fields == set()
    words = Counter(fold(word) for listed in SECTOR_WORDS.values() for word in listed.split(", "))
    assert [word for word, n in words.items() if n > 1] == []
    assert all(word and word == word.strip() for listed in SECTOR_WORDS.values() for word in listed.split(", "))
    assert len(SECTOR_WORDS) >= 40 and len(FIELD_OF_WORD) == sum(words.values())


def test_a_word_counts_whole_or_as_the_names_first_words_the_longest_first_and_nothing_beyond_the_table():
    tags = {"Sector:esv:energy": 190, "Sector:esv:renewable": 48, "Sector:esv:robotics": 73,
            "Sector:esv:subtractive": 6, "Sector:esv:automation": 103}
    by_name = {"energy and fuels": ["Sector:esv:energy"], "renewable energy": ["Sector:esv:renewable"],
               "robotics": ["Sector:esv:robotics"], "subtractive manufacturing": ["Sector:esv:subtractive"],
               "automation": ["Sector:esv:automation"]}
    field = lambda name: best_field({fold(name)}, by_name, tags)  # noqa: E731
    assert [field(n) for n in ("Automaatio", "Teollisuusrobotiikka", "Robotik", "Mecanizado", "Robótica colaborativa",
                               "Automaatio ja robotiikka")] == [
        "Sector:esv:automation", "Sector:esv:robotics", "Sector:esv:robotics", "Sector:esv:subtractive",
        "Sector:esv:robotics", "Sector:esv:automation"]
    assert field("Energías renovables marinas") == "Sector:esv:renewable"  # not energía's more tagged field
    assert field("Energia") == "Sector:esv:energy"
    assert [field(n) for n in ("Robotika", "Robotiikkaa", "Servorobótica", "Calderería")] == [None] * 4
    assert best_field({"robotics", "automaatio"}, by_name, tags) == "Sector:esv:robotics"  # its own name first


@pytest.fixture(scope="module")
def own_words_list(embedded_server, tmp_path_factory):
    """The CORDIS fixture and a member list whose cluster works in `OWN_WORDS`, no aliases: (store, graph name)."""
    graph = "sector_words"
    store = open_fixture_network(embedded_server, graph)
    sectors = "".join(f"{name},\n" for name in OWN_WORDS)
    write_files(folder := tmp_path_factory.mktemp("jasenet"), {
        "cluster.csv": f"Nombre,Provincia\n{CLUSTER},Gipuzkoa\n",
        "socios.csv": "Razón social,CIF\nOulun Yliopisto,FI02458955\n",  # a CORDIS organisation, by its VAT
        "sectores.csv": f"Sector,Campo\n{sectors}", "mapping.toml": MAPPING})
    run_load(store, "csv", folder / "mapping.toml")
    yield store, graph
    store.clear()
    store.close()


def test_sectors_in_the_users_language_rank_partners_in_their_field(own_words_list, embedded_server):
    store, graph = own_words_list
    said = invoke(cli_env(embedded_server, graph), "recommend", "--for", CLUSTER, "--candidates", "organisations",
                  "-k", "5")
    assert said.exit_code == 0, said.stderr
    assert "works in robotics, like the consortium" in said.stdout
    assert "play no part" not in said.stderr
    asked = invoke(cli_env(embedded_server, graph), "recommend", "--for", "OULUN YLIOPISTO", "--sector",
                   "Teollisuusrobotiikka", "-k", "3")  # had been refused: "the sector of 1 cluster ... of no project"
    assert asked.exit_code == 0, asked.stderr
    assert "works in Teollisuusrobotiikka (robotics), as asked" in asked.stdout


def test_the_rankings_and_explores_filter_take_the_same_field(own_words_list):
    store, _ = own_words_list
    [robotics] = [i for i, name in store.read("MATCH (s:Sector) RETURN s.id, s.name").rows if name == "robotics"]
    keys = [f"Sector:{name}" for name in OWN_WORDS]
    from_store = equivalent_fields(store, keys)
    assert from_store == dict.fromkeys(keys, f"Sector:{robotics}")
    same = equivalent_sectors(to_networkx(store))
    assert {key: same.get(key) for key in keys} == from_store


@pytest.fixture(scope="module")
def pirkanmaa_members(embedded_server):
    """The fixture network and a Finnish member list whose members work in Robotiikka, Automaatio ...: its CLI env."""
    graph = "sector_words_pirkanmaa"
    store = open_fixture_network(embedded_server, graph)
    run_load(store, "csv", FIXTURES / "pirkanmaa_members" / "mapping.toml")
    yield cli_env(embedded_server, graph)
    store.clear()
    store.close()


def test_an_organisations_reason_names_the_field_a_local_sector_word_asked_for_stands_for(pirkanmaa_members):
    said = invoke(pirkanmaa_members, "recommend", "--for", "Pirkanmaan Robotiikkaklusteri", "--candidates",
                  "organisations", "--sector", "Robotiikka", "-k", "5")
    assert said.exit_code == 0, said.stderr
    assert "works in Robotiikka (robotics), as asked" in said.stdout
    assert "works in Robotiikka, as asked" not in said.stdout and "works in robotics, as asked" not in said.stdout


def test_a_cluster_rankings_reasons_and_note_name_the_field_a_local_sector_word_asked_for_stands_for(
        pirkanmaa_members):
    said = invoke(pirkanmaa_members, "recommend", "--for", "Automation Småland", "--candidates", "clusters",
                  "--sector", "Robotiikka", "-k", "5")  # the fixture's clusters have no project in robotics
    assert said.exit_code == 0, said.stderr
    assert said.stdout.count("- no project in Robotiikka (robotics), the sector(s) asked") == 5
    assert "no candidate cluster works in the sectors asked (Robotiikka (robotics)): none of the" in said.stderr
