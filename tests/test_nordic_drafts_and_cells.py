"""A Finnish and a Danish cluster manager's tables (tryout_nordic A2, C1-C3): the drafts `mapping new` writes for
them and what the real loader makes of their cells in the embedded store.

The Finnish join date `1.3.2019` had been offered as a number (132019) and no `since`; `since` mapped without a
type stored the text. A budget `485 000,00 €` gave a problem per cell with no word of `decimal`. A case number
(`Sagsnr.`) was left unused beside a `Projekt` of acronyms taken as the id, and the draft's empty `project_title`
beside a filled `project_acronym` was refused. Danish size words (`SMV`, `stor virksomhed`) were not recoded.
"""

from __future__ import annotations

import tomllib

import pytest

from graph.errors import ValidationFailed
from loaders.generic import load_generic
from loaders.mapping_new.participation import participation_template

MEMBERS_FI = ("Jäsen / Yritys;Y-tunnus;Kotipaikka;PK-yritys;Perustettu;Liittymispäivä\n"
              + "".join(f"Yritys {n} Oy;{2647370 + n}-4;Tampere;kyllä;{n}.2.2001;{n}.3.2019\n" for n in range(1, 8)))
PROJECTS_FI = ("Hanke;Rahoittaja;Koordinaattori;Kumppanit;Budjetti;Alkupvm;Loppupvm\n"
               + "".join(f"Älykäs konepaja {n};Business Finland;Tampereen yliopisto;Yritys {n} Oy, VTT Oy;"
                         f"{n}85 000,00 €;1.1.2022;31.12.2024\n" for n in range(1, 7)))
PROJECTS_DK = ("Sagsnr.;Projekt;Program;Projektleder;Partnere;Bevilling (DKK);Start;Slut\n"
               + "".join(f"INNO-22{n:02};CoboWeld{n};Innobooster;Aarhus Universitet;Firma {n} ApS, DTU;1.250.000;"
                         f"01-02-2022;31-01-2023\n" for n in range(1, 7)))
MEMBERS_DK = ("Virksomhed;CVR-nr.;By;Virksomhedstype;Medlem siden\n"
              + "".join(f"Firma {n} ApS;{34209930 + n};Odense;{'SMV' if n % 3 else 'stor virksomhed'};01-09-2021\n"
                        for n in range(1, 8)))


def _write(folder, name: str, text: str):
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _members_mapping(folder, since: str) -> None:
    """A Finnish member list's mapping, its members of one cluster with `since` as given."""
    _write(folder, "jasenet.csv", MEMBERS_FI)
    _write(folder, "mapping.toml", f"""name = "jasenet"
[[nodes]]
file = "jasenet.csv"
separator = ";"
label = "Organisation"
id = "Y-tunnus"
name = "Jäsen / Yritys"

[[relationships]]
file = "jasenet.csv"
separator = ";"
type = "MEMBER_OF"
start = {{ label = "Organisation", column = "Y-tunnus" }}
end = {{ label = "Cluster", value = "Pirkanmaan Robotiikka", add = true }}
[relationships.properties]
since = {since}
""")


def test_a_finnish_join_date_is_proposed_as_since_with_its_format(tmp_path):
    draft = participation_template(_write(tmp_path, "jasenet.csv", MEMBERS_FI))
    assert '# since = { column = "Liittymispäivä", type = "date", format = "%d.%m.%Y" }' in draft
    assert '# perustettu = { column = "Perustettu", type = "date", format = "%d.%m.%Y" }' in draft
    assert "thousands" not in draft


def test_since_without_a_type_is_read_as_a_date(tmp_path, embedded_store):
    _members_mapping(tmp_path, '{ column = "Liittymispäivä", format = "%d.%m.%Y" }')
    load_generic(embedded_store, tmp_path / "mapping.toml")
    since = embedded_store.read("MATCH ()-[m:MEMBER_OF]->() RETURN m.since ORDER BY m.since").rows
    assert [row[0] for row in since][:2] == ["2019-03-01", "2019-03-02"]


def test_since_of_dotted_dates_without_a_format_is_one_problem_naming_it(tmp_path, embedded_store):
    _members_mapping(tmp_path, '"Liittymispäivä"')
    with pytest.raises(ValidationFailed) as failed:
        load_generic(embedded_store, tmp_path / "mapping.toml")
    assert [p.message for p in failed.value.problems] == [
        "7 cells are dates written like '1.3.2019' (lines 2, 3, 4, 5, 6 and 2 more), which the column's format does "
        'not read: set format = "%d.%m.%Y" in the mapping (on this column; in the participation preset, date_format '
        "at its top level)"]
    assert embedded_store.read("MATCH ()-[m:MEMBER_OF]->() RETURN count(m)").rows[0][0] == 0


def test_a_budget_with_spaces_a_decimal_comma_and_euro_is_one_problem_naming_decimal(tmp_path, embedded_store):
    rows = "".join(f"Yritys {n} Oy;{2647370 + n}-4;{n}85 000,00 €\n" for n in range(1, 7))
    _write(tmp_path, "jasenet.csv", "Jäsen / Yritys;Y-tunnus;Budjetti\n" + rows)
    _write(tmp_path, "mapping.toml", """name = "budjetit"
[[nodes]]
file = "jasenet.csv"
separator = ";"
label = "Organisation"
id = "Y-tunnus"
name = "Jäsen / Yritys"
[nodes.properties]
budget = { column = "Budjetti", type = "float" }
""")
    with pytest.raises(ValidationFailed) as failed:
        load_generic(embedded_store, tmp_path / "mapping.toml")
    assert [p.message for p in failed.value.problems] == [
        "6 cells are numbers written with a decimal comma (like '185 000,00 €'; lines 2, 3, 4, 5, 6 and 1 more), "
        'which decimal = "." does not read: set decimal = ",", currency = "EUR" in the mapping (on this column; in '
        "the participation preset, at its top level)"]


def test_the_finnish_projects_draft_maps_budget_funder_and_title_and_loads(tmp_path, embedded_store):
    draft = participation_template(_write(tmp_path, "hankkeet.csv", PROJECTS_FI))
    columns = tomllib.loads(draft)["columns"]
    assert (columns["project_amount"], columns["programme"], columns["project_title"]) == (
        "Budjetti", "Rahoittaja", "Hanke")
    _write(tmp_path, "mapping.toml", draft)
    load_generic(embedded_store, tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH (p:Project)-[:FUNDED_BY]->(f:Programme) RETURN p.name, f.name ORDER BY p.name")
    assert rows.rows[0] == ["Älykäs konepaja 1", "Business Finland"]


def test_a_danish_case_number_is_the_project_id_and_an_empty_title_beside_an_acronym_loads(tmp_path,
                                                                                              embedded_store):
    draft = participation_template(_write(tmp_path, "projekter.csv", PROJECTS_DK))
    columns = tomllib.loads(draft)["columns"]
    assert (columns["project_id"], columns["project_title"]) == ("Sagsnr.", "Projekt")
    # the user's edit the old draft's comment allowed: the acronym filled, the title left ""
    edited = draft.replace('project_title = "Projekt"', 'project_title = ""\nproject_acronym = "Projekt"')
    assert edited != draft
    _write(tmp_path, "mapping.toml", edited.replace('# project_acronym = ""', "# acronym above"))
    load_generic(embedded_store, tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH (p:Project {id: 'INNO-2201'}) RETURN p.name, p.acronym").rows
    assert rows == [["CoboWeld1", "CoboWeld1"]]


def test_danish_size_words_are_recoded_as_sme(tmp_path, embedded_store):
    draft = participation_template(_write(tmp_path, "medlemmer.csv", MEMBERS_DK))
    assert ('sme = { column = "Virksomhedstype", type = "bool", values = { "SMV" = "yes", "stor virksomhed" = "no" } }'
            in draft)
    _write(tmp_path, "mapping.toml", draft)
    load_generic(embedded_store, tmp_path / "mapping.toml")
    sizes = embedded_store.read("MATCH (o:Organisation) RETURN o.sme, count(o) ORDER BY o.sme").rows
    assert sizes == [[False, 2], [True, 5]]
