"""An organisation number written with a hyphen on some rows or in one table (Sweden's `556051-4142`, Finland's
`0245895-5`) and without on others (`5560514142`): `compact` reads both as one id, and a load without it names the
pairs and the option, also against an id the store holds. A Swedish regional agency's table had made two
organisations of each, `compact` reading only spaces away, and its note naming only the namesakes. Real parts: the
tables of tests/fixtures/organisation_numbers, the generic loader, the embedded store, `mapping new`'s template."""

from __future__ import annotations

import doctest
import shutil
import tomllib

from loaders import compact_keys
from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLES = FIXTURES / "organisation_numbers"
COMPACT = 'compact = ["Organisationsnummer"]\n'


def _mapping(tmp_path, name: str, compact: bool = False):
    for path in TABLES.glob(f"{name}.*"):
        shutil.copy(path, tmp_path / path.name)
    if compact:
        with (tmp_path / f"{name}.toml").open("a", encoding="utf-8") as mapping:
            mapping.write(COMPACT)
    return tmp_path / f"{name}.toml"


def _organisations(store) -> list[str]:
    return sorted(row[0] for row in store.read("MATCH (o:Organisation) RETURN o.id").rows)


def test_the_examples_hold():
    assert doctest.testmod(compact_keys).failed == 0


def test_compact_reads_hyphens_and_spaces_between_digits_as_one_id(tmp_path, embedded_store):
    load_generic(embedded_store, _mapping(tmp_path, "organisationer", compact=True))
    assert _organisations(embedded_store) == ["02458955", "2021002841", "5560514142", "919303808", "SE-ABC"]


def test_without_compact_the_note_names_the_numbers_written_two_ways_and_the_option(tmp_path, embedded_store):
    report = load_generic(embedded_store, _mapping(tmp_path, "organisationer"))
    assert len(_organisations(embedded_store)) == 9  # read as written, as the note says
    note = next(n for n in report.notes if "written two ways" in n)
    assert note.startswith("organisationer.csv: 3 id(s) are written two ways")
    assert ("Organisation 'Boliden Mineral AB': '556051-4142' (line 2) and '5560514142' (line 4) and '556051 4142' "
            "(line 9)") in note
    assert "'0245895-5' (line 7) and '02458955' (line 8)" in note
    assert 'add compact = ["Organisationsnummer"] to the table reading it' in note


def test_two_tables_of_one_load_writing_a_number_two_ways_are_named(tmp_path, embedded_store):
    """The note had compared the ids of one file only: a number with a hyphen in one table and without in the next
    made two organisations without a word."""
    mapping = _mapping(tmp_path, "organisationer")
    shutil.copy(TABLES / "register.csv", tmp_path / "register.csv")
    with mapping.open("a", encoding="utf-8") as text:
        text.write('\n[[nodes]]\nfile = "register.csv"\nlabel = "Organisation"\nid = "Organisationsnummer"\n'
                   'name = "Namn"\n')
    report = load_generic(embedded_store, mapping)
    note = next(n for n in report.notes if "written two ways" in n)
    assert "'202100-2841' (line 3) and '2021002841' (register.csv line 2)" in note


def test_an_id_the_store_holds_without_the_hyphen_is_named_with_the_option(tmp_path, embedded_store):
    load_generic(embedded_store, _mapping(tmp_path, "register"))
    report = load_generic(embedded_store, _mapping(tmp_path, "organisationer"))
    note = next(n for n in report.notes if "id of a node of the store" in n)
    assert note.startswith("1 id(s) of the load are the id of a node of the store written with spaces, hyphens or "
                           "dots between digits, and each makes a node of its own: Organisation '202100-2841' beside "
                           "the store's '2021002841'; to make them one, add compact = [\"Organisationsnummer\"]")
    load_generic(embedded_store, _mapping(tmp_path, "organisationer", compact=True))
    assert _organisations(embedded_store).count("2021002841") == 1
    assert "202100-2841" not in _organisations(embedded_store)


def test_mapping_new_reads_organisation_numbers_with_hyphens_compact(tmp_path, embedded_store):
    """Vinnova's grants write Swedish organisation numbers with their hyphen (556051-4142); the project's
    Diarienummer (2022-04512) keeps its own."""
    table = FIXTURES / "swedish_grants" / "vinnova_beviljade.csv"
    shutil.copy(table, tmp_path / table.name)
    template = participation_template(tmp_path / table.name)
    columns = tomllib.loads(template)["columns"]
    assert columns["organisation_id"] == {"column": "Organisationsnummer", "compact": True, "on_empty": "skip"}
    assert "number(s) are written with hyphens (line" in template
    assert columns["project_id"] == {"column": "Diarienummer", "on_empty": "skip"}  # no compact
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    assert "5560514142" in _organisations(embedded_store)


def test_mapping_new_reads_a_lists_organisation_numbers_compact(tmp_path, embedded_store):
    """A list of organisations (no projects) keyed by numbers written with and without their hyphen: its template
    had read them as written, two organisations of Boliden Mineral AB."""
    shutil.copy(TABLES / "organisationer.csv", tmp_path / "organisationer.csv")
    template = participation_template(tmp_path / "organisationer.csv")
    assert tomllib.loads(template)["nodes"][0]["compact"] == ["Organisationsnummer"]
    (tmp_path / "mapping.toml").write_text(template, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH (o:Organisation {name: 'Boliden Mineral AB'}) RETURN o.id").rows
    assert rows == [["5560514142"]]


def test_an_id_the_store_holds_with_the_hyphen_is_named_with_the_table_to_load_again(tmp_path, embedded_store):
    """The other way round: the store holds `202100-2841` from a table read as written, and a list writing
    `2021002841` made a second Luleå tekniska universitet without a word."""
    load_generic(embedded_store, _mapping(tmp_path, "organisationer"))
    report = load_generic(embedded_store, _mapping(tmp_path, "register"))
    note = next(n for n in report.notes if "written there with spaces" in n)
    assert note.startswith("1 id(s) of the load are the id of a node of the store written there with spaces, hyphens "
                           "or dots between digits, and each makes a node of its own: Organisation '2021002841' beside "
                           "the store's '202100-2841' (from organisationer.csv); to make them one, load the store's "
                           "table again with its id column read compact")
    load_generic(embedded_store, _mapping(tmp_path, "organisationer", compact=True))  # as the note says
    assert _organisations(embedded_store).count("2021002841") == 1 and "202100-2841" not in _organisations(
        embedded_store)
    again = load_generic(embedded_store, _mapping(tmp_path, "register"))
    assert not any("written there with spaces" in n for n in again.notes)


def test_a_number_typed_with_its_hyphen_finds_the_node_a_compact_table_made(tmp_path, embedded_store):
    """A Finnish officer's `recommend --for 2844561-8` and `-p organisation=0245895-5` found nothing where the store
    holds the number as `compact` read it, 28445618."""
    from graph.store.resolve import resolve_node

    load_generic(embedded_store, _mapping(tmp_path, "organisationer", compact=True))
    assert resolve_node(embedded_store, "0245895-5", ("Organisation",)).id == "02458955"
    assert resolve_node(embedded_store, "556051 4142", ("Organisation",)).id == "5560514142"
