"""A Finnish grants sheet (Windows-1252, `;`) with a real row whose organisation has no business id (Y-tunnus) and an
Excel total row under the grants (`;;;;;;Yhteensä;16 802 067,50;;;`): `mapping new` gave the organisation number a
placeholder naming both rows by their organisation name, and `load csv --check` then refused the mapping it had just
written with 3 problems on the total row, which names no organisation. The template now names the real row by its
name and skips the total row, as a table with a total row alone has its skipped (loaders/mapping_new/participation.py
`_empty_key`); and a row whose key and its placeholder's cells are all empty is one problem, however many tables of
the file need that key. The table is written to tmp_path and loaded by the real generic loader into the embedded store.
"""

from __future__ import annotations

import tomllib

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from loaders.generic import load_generic, read_generic
from loaders.mapping_new.participation import participation_template

HEADER = ("Hankekoodi;Hankkeen nimi;Toteuttaja;Y-tunnus;Rooli;Maakunta;Kunta;Myönnetty tuki (€);Alkupvm;Loppupvm;"
          "Toimiala")
PLACES = [("Keski-Suomi", "Jyväskylä"), ("Pirkanmaa", "Tampere"), ("Uusimaa", "Helsinki"),
          ("Pohjois-Pohjanmaa", "Oulu"), ("Varsinais-Suomi", "Turku")]
NAMELESS_LINE, TOTAL_LINE = 33, 34


def _grants(folder):
    rows = []
    for n in range(31):
        region, town = PLACES[n % 5]
        role = "Päätoteuttaja" if n % 3 == 0 else "Osatoteuttaja"
        rows.append(f"A8{n // 3:04d};Hanke {n // 3};Yritys {n} Oy;{1234560 + n:07d}-{n % 10};{role};{region};{town};"
                    f"{100000 + n * 12345},50;01.0{1 + n % 9}.2024;31.12.2026;Energia")
    rows.append("A82010;Akkuarvoketjun osaaminen;Keski-Suomen Akkupalvelu Oy;;Osatoteuttaja;Keski-Suomi;Jyväskylä;"
                "250 000,00;01.03.2024;28.02.2026;Energia")
    rows.append(";;;;;;Yhteensä;16 802 067,50;;;")
    path = folder / "hankkeet.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="cp1252")
    return path


def _mapping(folder):
    (folder / "mapping.toml").write_text(participation_template(_grants(folder)), encoding="utf-8")
    return folder / "mapping.toml"


def test_the_template_names_the_real_row_and_skips_the_total_row(tmp_path):
    text = _mapping(tmp_path).read_text(encoding="utf-8")
    assert tomllib.loads(text)["columns"]["organisation_id"]["on_empty"] == {"placeholder": "name:{Toteuttaja}",
                                                                            "otherwise": "skip"}
    assert f"line {NAMELESS_LINE}: named by their organisation name" in text
    assert f"line {TOTAL_LINE}, which names no organisation either (a total or an empty row): skipped" in text


def test_the_mapping_it_writes_passes_the_check(tmp_path):
    tables = read_generic(_mapping(tmp_path))
    assert tables  # no ValidationFailed


def test_the_real_row_is_loaded_and_the_total_row_reported(tmp_path, embedded_store):
    report = load_generic(embedded_store, _mapping(tmp_path))
    labels, types = counts(embedded_store)
    assert types["PARTICIPATES_IN"] == 32 and labels["Organisation"] == 32
    rows = embedded_store.read("MATCH (o:Organisation {id: 'name:Keski-Suomen Akkupalvelu Oy'}) RETURN o.name").rows
    assert rows == [["Keski-Suomen Akkupalvelu Oy"]]
    assert (f"hankkeet.csv: 1 total row(s) left out (line {TOTAL_LINE}: 'Yhteensä' beside numbers alone, as Excel "
            "writes a sum under a table): such a row names no project, organisation or cluster") in report.notes


def test_a_row_whose_placeholder_is_empty_too_is_one_problem(tmp_path):
    mapping = _mapping(tmp_path)
    table = tmp_path / "hankkeet.csv"  # a row naming nothing that is no total row (those are left out before)
    table.write_text(table.read_text(encoding="cp1252").replace("Yhteensä", "Huom."), encoding="cp1252")
    text = mapping.read_text(encoding="utf-8")
    mapping.write_text(text.replace(", otherwise = \"skip\"", ""), encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert [p.line for p in caught.value.problems] == [TOTAL_LINE]


def test_otherwise_takes_skip_or_error_alone(tmp_path):
    mapping = _mapping(tmp_path)
    mapping.write_text(mapping.read_text(encoding="utf-8").replace('otherwise = "skip"', 'otherwise = "ignore"'),
                       encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert [p.message for p in caught.value.problems] == [
        'on_empty = { placeholder = "...", otherwise = "skip" }: otherwise says what a row whose placeholder cells are '
        'empty too does, "error" (the default) or "skip"; no other key']


def test_the_skipped_total_row_is_no_participation_without_a_role(tmp_path):
    """The load's notes had counted the skipped total row as "1 participation(s) with no role (line 34)"."""
    _, _, notes = read_generic(_mapping(tmp_path))
    assert not any("with no role" in note for note in notes), notes
