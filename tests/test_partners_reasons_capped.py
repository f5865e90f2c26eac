"""A cluster's partner candidates show the three strongest "worked with ... partners of <member>" reasons and one line
for the rest, after their fields and places; a members' sectors note asks for aliases only of the sectors that name no
EuroSciVoc field.

The Finnish and Danish managers' re-try (notes/retry_nordic.md) got 159 "worked with" lines for 8 candidates, and a
note asking for aliases "as they name no EuroSciVoc field" of sectors of which Automaatio already bridged. Real CORDIS
fixture with organisations added (members of a cluster, their partners, a candidate reached through them), a real
member-list load, the CLI in-process; the ranking's order is checked against the scores it ranks by.
"""

from __future__ import annotations

import json
import shutil

import pytest

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, scored
from loaders.cordis import load_cordis
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES, open_fixture_network
from tests.generic_files import write_files

GRAPH = "partners_reasons_capped"
CLUSTER = "Pohjoisen Valmistuksen Klusteri"
#: Five members, each in a project of the fixture with partners of its own (two for member E, three for member A):
#: those partners also take part in MuTILDa, whose new participant CANDIDATE shares no project with any member.
MEMBERS = {"MEMBER A OY": ("101136349,MARBLE", 3), "MEMBER B OY": ("101137584,LEADS", 1),
           "MEMBER C OY": ("101059985,Forest 4.0", 1), "MEMBER D OY": ("101135181,InteractionSeeds", 1),
           "MEMBER E OY": ("101070737,BOOST", 2)}
CANDIDATE, MEETING = "KANDIDAATTI OY", "101149113,MuTILDa"
MAPPING = f"""name = "jasenet"

[[nodes]]
file = "jasenet.csv"
label = "Organisation"
id = "VAT"
name = "Jasen"
match = "name"

[[nodes]]
file = "jasenet.csv"
label = "Sector"
id = "Toimiala"
name = "Toimiala"

[[relationships]]
file = "jasenet.csv"
type = "ACTIVE_IN"
start = {{ label = "Organisation", column = "VAT" }}
end = {{ label = "Sector", column = "Toimiala" }}

[[relationships]]
file = "jasenet.csv"
type = "MEMBER_OF"
start = {{ label = "Organisation", column = "VAT" }}
end = {{ label = "Cluster", value = "{CLUSTER}" }}

[[nodes]]
file = "klusteri.csv"
label = "Cluster"
extra_labels = ["Organisation"]
id = "Nimi"
name = "Nimi"
"""


def _participation(project: str, pic: int, name: str) -> str:
    return f'{project},{pic},FI{pic},"{name}",,false,PRC,,,,FI,,,,,9,participant,0,0,0,false,,\n'


@pytest.fixture(scope="module")
def cluster(embedded_server, tmp_path_factory):
    """The fixture network with the added organisations; the members' sectors: Robotiikka and Robótica name the
    fixture's robotics (graph.store.sector_words), Automaatio none of its fields: (CLI environment, store)."""
    store = open_fixture_network(embedded_server, GRAPH)
    folder = tmp_path_factory.mktemp("klusteri")
    shutil.copytree(FIXTURES / "cordis", cordis := folder / "cordis")
    rows, members, pic = [_participation(MEETING, 91000000, CANDIDATE)], [], 91000001
    for member, (project, partners) in MEMBERS.items():
        rows.append(_participation(project, pic, member))
        members.append(f"{member},FI{pic},{('Robotiikka', 'Robótica', 'Automaatio')[len(members) % 3]}\n")
        for n in range(partners):
            rows += [_participation(project, pic + 1 + n, f"{member} PARTNER {n}"),
                     _participation(MEETING, pic + 1 + n, f"{member} PARTNER {n}")]
        pic += 10
    with (cordis / "organizations.csv").open("a", encoding="utf-8") as out:
        out.writelines(rows)
    load_cordis(store, cordis)
    write_files(folder, {"klusteri.csv": f"Nimi\n{CLUSTER}\n", "jasenet.csv": "Jasen,VAT,Toimiala\n" + "".join(members),
                         "mapping.toml": MAPPING})
    run_load(store, "csv", folder / "mapping.toml")
    yield cli_env(embedded_server, GRAPH), store
    store.clear()
    store.close()


def test_three_strongest_partners_of_members_then_one_line_for_the_rest(cluster):
    env, store = cluster
    result = invoke(env, "recommend", "--for", CLUSTER, "--candidates", "organisations", "-k", "8", "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    index = RecommenderIndex(read_inputs(store))
    ranked = scored(index, [f"Cluster:{CLUSTER}"]).order()[:8]
    assert [c["key"] for c in found] == [index.keys[y] for y in ranked]  # only what is said changed, not the order
    reasons = next(c["reasons"] for c in found if c["name"] == CANDIDATE)
    worked = [i for i, r in enumerate(reasons) if r.startswith("worked with ")]
    assert len(worked) == 3, reasons
    assert reasons[worked[0]].endswith("and 2 other partners of MEMBER A OY")  # three partners tie most
    assert reasons[worked[1]].endswith("and 1 other partner of MEMBER E OY")
    rest = "and worked with 2 other partners of 2 more of the cluster's members (MEMBER B OY, MEMBER C OY)"
    assert reasons[-1] == rest, reasons
    assert worked == [len(reasons) - 4, len(reasons) - 3, len(reasons) - 2]  # fields, places and the rest come first
    assert any(r.startswith("took part in 1 project") for r in reasons[:worked[0]])


def test_the_members_sectors_note_asks_aliases_only_of_the_sector_that_names_no_field(cluster):
    env, _ = cluster
    result = invoke(env, "recommend", "--for", CLUSTER, "--candidates", "organisations", "-k", "3")
    said = " ".join(result.stderr.split())
    assert f"5 of {CLUSTER}'s 5 members carry sectors of their own (Automaatio, Robótica, Robotiikka)" in said
    assert "; as 1 of them names no EuroSciVoc field (Automaatio), also give each Sector node an English name" in said
