"""A hand-written mapping's role column reads the Nordic role words as the roles the features count
(`loaders.role_words`): the fixture `nordic_grants` (a Swedish and a Norwegian grants table, no preset) loaded
through the pipeline on the embedded store counts its 7 coordinators; the summary says which words were read so,
and names a word no table knows, kept as written, with the recode that reads it. A mapping's own `values` wins.
CORDIS's roles written in another case or spacing (`ASSOCIATED_PARTNER`) are read as the roles; `partner` is a
participant, and a column that also writes CORDIS's own words says how to keep CORDIS's `partner`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.store.reads import to_networkx
from loaders.derived import COORDINATOR_ROLES
from loaders.generic import read_generic
from loaders.nuts import load_nuts
from loaders.pipeline import run_load
from loaders.role_words import CONTRACT_ROLES, ROLE_WORDS, role_key
from tests.conftest import FIXTURES
from tests.generic_files import write_files

MAPPING = FIXTURES / "nordic_grants" / "mapping.toml"
BUNDLED_NUTS = Path(__file__).resolve().parents[1] / "loaders" / "sample_data" / "gisco-nuts"
ROOT = Path(__file__).resolve().parents[1]
#: The organisations the two tables name as coordinating, one per project.
COORDINATORS = {"5561234567": "Samordnare", "5569876543": "Projektledare", "5562223334": "Koordinator",
                "2021001040": "Huvudsökande", "912000227": "Prosjektansvarlig", "913000001": "Prosjektansvarlig",
                "913000003": "Hovedsøker"}
#: A hand-written mapping of a participations table `t.csv` (`prosjekt`, `org`); ROLE is its role column's value.
PARTICIPATIONS = """
    name = "spelled"
    [[relationships]]
    file = "t.csv"
    type = "PARTICIPATES_IN"
    start = { label = "Organisation", column = "org" }
    end = { label = "Project", column = "prosjekt" }
    properties = { role = ROLE }
    [[nodes]]
    file = "t.csv"
    label = "Organisation"
    id = "org"
    name = "org"
    [[nodes]]
    file = "t.csv"
    label = "Project"
    id = "prosjekt"
    name = "prosjekt"
    """


@pytest.fixture
def loaded(embedded_store):
    load_nuts(embedded_store, BUNDLED_NUTS)
    report = run_load(embedded_store, "csv", MAPPING)
    return embedded_store, report


def test_the_coordinators_of_nordic_role_words_are_counted(loaded):
    store, _ = loaded
    graph = to_networkx(store)
    coordinated = {node[len("Organisation:"):]: data.get("coordinated_projects", 0)
                   for node, data in graph.nodes(data=True) if node.startswith("Organisation:")}
    assert {org for org, n in coordinated.items() if n} == set(COORDINATORS)
    assert sum(coordinated.values()) == 7  # one coordinator per project, 4 Swedish and 3 Norwegian
    roles = [data.get("role") for _, _, data in graph.edges(data=True) if data["type"] == "PARTICIPATES_IN"]
    assert (roles.count("coordinator"), roles.count("participant"), roles.count("Observatör")) == (7, 9, 2)


def test_the_summary_says_how_many_roles_each_word_gave_and_names_an_unknown_word(loaded):
    _, report = loaded
    notes = report.load.notes
    assert ("bidrag.csv [Roll]: 9 role(s) read as the roles the features count: 5 as participant (from 'Medsökande' "
            "3, 'Samarbetspartner' 1, 'Partner' 1), 4 as coordinator (from 'Samordnare' 1, 'Projektledare' 1, "
            "'Koordinator' 1, 'Huvudsökande' 1) (a `values` recode on the column wins)") in notes
    assert any(n.startswith("tilskudd.csv [Rolle]: 7 role(s) read as the roles the features count: 4 as participant "
                            "(from 'Partner' 2, 'Deltaker' 1, 'Samarbeidspartner' 1), 3 as coordinator (from "
                            "'Prosjektansvarlig' 2, 'Hovedsøker' 1)") for n in notes)
    unknown = next(n for n in notes if "no table knows" in n)
    assert unknown.startswith("bidrag.csv:6 [Roll]: 1 role word(s) no table knows, kept as written: "
                              "'Observatör' 2 (lines 6, 9)")
    assert 'role = { column = "Roll", values = { "observatör" = "participant" } }' in unknown
    assert not any("Fylke" in n or "Län" in n for n in notes if "role" in n)


def test_the_mappings_own_values_win_over_the_role_words(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": PARTICIPATIONS.replace(
        "ROLE", '{ column = "rolle", values = { "Prosjektansvarlig" = "participant", "leder" = "coordinator" } }'),
        "t.csv": "prosjekt;org;rolle\nP1;A;Prosjektansvarlig\nP1;B;Leder\nP2;A;Samordnare\n"})
    report = run_load(embedded_store, "csv", mapping)
    graph = to_networkx(embedded_store)
    assert graph.edges["Organisation:A", "Project:P1", "PARTICIPATES_IN:"]["role"] == "participant"
    assert graph.edges["Organisation:B", "Project:P1", "PARTICIPATES_IN:"]["role"] == "coordinator"
    assert graph.edges["Organisation:A", "Project:P2", "PARTICIPATES_IN:"]["role"] == "coordinator"
    assert [graph.nodes[f"Organisation:{org}"]["coordinated_projects"] for org in "AB"] == [1, 1]
    read = [n for n in report.load.notes if "role(s) read as" in n]
    assert read == ["t.csv [rolle]: 1 role(s) read as the roles the features count: 1 as coordinator from "
                    "'Samordnare' (a `values` recode on the column wins)"]


def test_participations_without_a_role_are_said_with_their_lines(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": PARTICIPATIONS.replace("ROLE", '"rolle"'),
                                     "t.csv": "prosjekt;org;rolle\nP1;A;Koordinator\nP1;B;\nP2;A; \nP2;B;Deltaker\n"})
    report = run_load(embedded_store, "csv", mapping)
    graph = to_networkx(embedded_store)
    assert "role" not in graph.edges["Organisation:B", "Project:P1", "PARTICIPATES_IN:"]
    assert [n for n in report.load.notes if "no role" in n] == [
        "t.csv:3 [rolle]: 2 participation(s) with no role (lines 3, 4), loaded without one: none of them is counted "
        "as coordinating (activity counts, `projects/coordinators`); fill the cells to count them"]


def test_one_table_of_role_words_holds_every_word_the_activity_counts_read_as_coordinating():
    assert all(ROLE_WORDS[word] == "coordinator" for word in COORDINATOR_ROLES)
    assert set(ROLE_WORDS.values()) == {"coordinator", "participant"}


def test_the_users_guide_lists_every_role_word():
    text = (ROOT / "docs" / "mapping.md").read_text(encoding="utf-8")
    roles = text[text.index("### Roles: the words of national tables"):]
    listed = set(re.findall(r"`([^`]+)`", roles[:roles.index("\n\n", roles.index("\n\n") + 2)]))
    assert set(ROLE_WORDS) <= listed


def test_a_word_written_in_several_cases_is_one_word_and_the_roles_as_written_are_no_news(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """
        name = "cases"
        [[relationships]]
        file = "t.csv"
        type = "PARTICIPATES_IN"
        start = { label = "Organisation", column = "org" }
        end = { label = "Project", column = "prosjekt" }
        properties = { role = "rolle" }
        """, "t.csv": ("prosjekt;org;rolle\nP1;A;coordinator\nP1;B;KOORDINATOR\nP2;A;koordinator\nP2;C;Coordinator\n"
                       "P3;A;associatedPartner\nP3;B;Gjest\nP4;B;gjest\n")})
    _, rels, notes = read_generic(mapping)
    assert sorted(r.properties["role"] for r in rels) == ["Gjest", "associatedPartner", "coordinator", "coordinator",
                                                          "coordinator", "coordinator", "gjest"]
    assert [n for n in notes if "role" in n] == [
        "t.csv [rolle]: 3 role(s) read as the roles the features count: 3 as coordinator (from 'KOORDINATOR' 2, "
        "'Coordinator' 1) (a `values` recode on the column wins)",
        "t.csv:7 [rolle]: 1 role word(s) no table knows, kept as written: 'Gjest' 2 (lines 7, 8); the features count "
        "`coordinator` as coordinating: if they are roles, recode them on the column, each to \"coordinator\" or "
        "\"participant\": role = { column = \"rolle\", values = { \"gjest\" = \"participant\" } } (participation "
        "preset: roles = { \"gjest\" = \"participant\" } above [columns])"]


def _roles(store) -> dict[str, str]:
    """Organisation id -> its participation's role (each organisation of these tables takes part once)."""
    return {a[len("Organisation:"):]: data.get("role") for a, _, data in to_networkx(store).edges(data=True)
            if data["type"] == "PARTICIPATES_IN"}


def test_cordis_roles_in_another_case_or_spacing_are_the_roles_and_the_summary_counts_them(embedded_store, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": PARTICIPATIONS.replace("ROLE", '"rolle"'), "t.csv": (
        "prosjekt;org;rolle\nP1;A;Lead_Partner\nP1;B;associatedPartner\nP1;C;associatedpartner\n"
        "P1;D;Associated partner\nP1;E;ASSOCIATED_PARTNER\nP1;F;Third party\nP1;G;Deltaker\nP1;H;Associate\n")})
    report = run_load(embedded_store, "csv", mapping)
    assert _roles(embedded_store) == {
        "A": "coordinator", "B": "associatedPartner", "C": "associatedPartner", "D": "associatedPartner",
        "E": "associatedPartner", "F": "thirdParty", "G": "participant", "H": "Associate"}
    assert [n for n in report.load.notes if "role(s) read as" in n] == [
        "t.csv [rolle]: 6 role(s) read as the roles the features count: 3 as associatedPartner (from "
        "'associatedpartner' 1, 'Associated partner' 1, 'ASSOCIATED_PARTNER' 1), 1 as coordinator from 'Lead_Partner', "
        "1 as participant from 'Deltaker', 1 as thirdParty from 'Third party'; 5 of them read once case, spaces, '_' "
        "and '-' are set aside: 'Lead_Partner' 1, 'associatedpartner' 1, 'Associated partner' 1, 'ASSOCIATED_PARTNER' "
        "1, 'Third party' 1 (a `values` recode on the column wins)"]
    coordinated = {n: data["coordinated_projects"] for n, data in to_networkx(embedded_store).nodes(data=True)
                   if n.startswith("Organisation:") and data.get("coordinated_projects")}
    assert coordinated == {"Organisation:A": 1}  # `Lead_Partner`: counted


def test_the_mappings_own_word_wins_in_any_spelling(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": PARTICIPATIONS.replace(
        "ROLE", '{ column = "rolle", values = { "associated partner" = "participant" } }'), "t.csv": (
        "prosjekt;org;rolle\nP1;A;ASSOCIATED_PARTNER\nP1;B;associated partner\nP1;C;thirdparty\n")})
    _, rels, notes = read_generic(mapping)
    assert {r.start_id: r.properties["role"] for r in rels} == {"A": "participant", "B": "participant",
                                                                "C": "thirdParty"}
    assert [n for n in notes if "role(s) read as" in n] == [
        "t.csv [rolle]: 1 role(s) read as the roles the features count: 1 as thirdParty from 'thirdparty'; 1 of them "
        "read once case, spaces, '_' and '-' are set aside: 'thirdparty' 1 (a `values` recode on the column wins)"]


def test_no_two_role_words_meet_once_case_spaces_and_underscores_are_set_aside():
    by_key: dict[str, set[str]] = {}
    for word, role in [*ROLE_WORDS.items(), *((r, r) for r in CONTRACT_ROLES)]:
        by_key.setdefault(role_key(word), set()).add(role)
    assert all(len(roles) == 1 for roles in by_key.values()), {k: r for k, r in by_key.items() if len(r) > 1}
    assert len({role_key(r) for r in CONTRACT_ROLES}) == len(CONTRACT_ROLES)


def test_partner_is_a_participant_and_a_column_of_cordis_words_says_how_to_keep_cordis_partner(embedded_store,
                                                                                              tmp_path):
    table = "prosjekt;org;role\nP1;A;coordinator\nP1;B;partner\nP1;C;thirdParty\nP1;D;Partner\n"
    mapping = write_files(tmp_path, {"mapping.toml": PARTICIPATIONS.replace("ROLE", '"role"'), "t.csv": table})
    report = run_load(embedded_store, "csv", mapping)
    assert _roles(embedded_store) == {"A": "coordinator", "B": "participant", "C": "thirdParty", "D": "participant"}
    assert [n for n in report.load.notes if "CORDIS's own" in n] == [
        "t.csv [role]: 2 'partner' cell(s) read as participant, but the column also writes CORDIS's own 'thirdParty': "
        "in CORDIS's Horizon 2020 files `partner` is an organisation taking part without signing the grant agreement "
        "or receiving EU funds (`load cordis` keeps the word); if this table is such a file, keep it: role = { column "
        '= "role", values = { "partner" = "partner" } }']
    kept = write_files(tmp_path, {"mapping.toml": PARTICIPATIONS.replace(
        "ROLE", '{ column = "role", values = { "partner" = "partner" } }')})
    _, rels, notes = read_generic(kept)
    assert {r.start_id: r.properties["role"] for r in rels} == {"A": "coordinator", "B": "partner",
                                                                "C": "thirdParty", "D": "partner"}
    assert not [n for n in notes if "CORDIS's own" in n]


def test_the_nordic_tables_partner_is_a_participant_without_a_word_on_cordis(loaded):
    _, report = loaded
    assert not [n for n in report.load.notes if "CORDIS's own" in n]  # 'Partner' of a grants table: a participant
