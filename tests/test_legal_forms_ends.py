"""Legal forms are set aside only where they are legal forms: in the run of forms that ends a name. `og`, `se`, `eu`
and `inc` are ordinary words too (Danish "and", Sweden, the Union), so they count only as a name's last word or as a
general partner's form before `& Co`; `co` only as a whole (`& Co`, `Co KG`, `Co Ltd`); dotted forms of single
letters (`S.A.S.`, `S.A.R.L.`, `Ges.m.b.H.`) like their undotted spelling. Real names of the bundled CORDIS sample;
entity resolution and the note on near names on the real embedded store."""

from __future__ import annotations

import pytest

from graph.store.records import NodeRecord
from graph.store.writer import write_records
from loaders.cluster_detection import detect_cluster, name_key
from loaders.entity_resolution import link_and_write
from loaders.generic import check_generic, load_generic
from tests.generic_files import write_files

SEED = ("seed:test",)
CORDIS = ("cordis:test/organization.csv",)


@pytest.mark.parametrize("name, key", [
    ("SUSMETRO EU BV", "susmetro eu"), ("INVENTYA VENTURES (EU) LTD", "inventya ventures eu"),
    ("SV INNOVATE R&D EU LTD", "sv innovate r d eu"), ("PathCon Laboratories EU d.o.o.", "pathcon laboratories eu"),
    ("SIMPLON.CO", "simplon co"), ("JNCC SUPPORT CO", "jncc support co"), ("ROBOTTO CO APS", "robotto co"),
])
def test_an_ordinary_word_before_a_form_or_a_lone_co_stays(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("name, key", [
    ("KEYSIGHT TECHNOLOGIES FRANCE S.A.S.", "keysight technologies france"), ("SYSGO S.A.S", "sysgo"),
    ("W.L. Gore et Associés S.A.R.L.", "w l gore et associes"), ("SOLARCLEANO S. A R. L.", "solarcleano"),
    ("DTA S.C. A R.L.", "dta"), ("Cluster for Logistics Luxembourg A.s.b.l.", "cluster for logistics luxembourg"),
    ("AUSTRIA CARD PLASTIKKARTEN UND AUSWEISSYSTEME G.M.B.H.", "austria card plastikkarten und ausweissysteme"),
    ("Waters Ges.m.b.H.", "waters"), ("FONDAZIONE SLOW FOOD E.T.S.", "fondazione slow food"),
])
def test_dotted_forms_of_single_letters_are_set_aside(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize("name, key", [
    ("SAP SE", "sap"), ("STRATECO OG", "strateco"), ("Imaginab Inc", "imaginab"), ("DNV AS", "dnv"),
    ("HERMAN MUCKE PHARMA CONSULTANCY EU", "herman mucke pharma consultancy"),  # Austria's e.U., as CORDIS has it
    ("KON CHEMICAL SOLUTIONS E.U.", "kon chemical solutions"), ("VESTAS WIND SYSTEMS A/S", "vestas wind systems"),
    ("SIEVERT BAUSTOFFE SE & CO KG", "sievert baustoffe"), ("VEITSCH-RADEX GMBH & CO OG", "veitsch radex"),
    ("UNITED PARCEL SERVICE LLC & CO. OHG", "united parcel service"), ("Keba Co. KG", "keba"),
    ("J. Krebs & Co A/S", "j krebs"), ("Grid & Co. GmbH", "grid"), ("NIKKO CHEMICALS CO., LTD.", "nikko chemicals"),
    ("FRANZ SCHMIDT & HAENSCH GMBH & CO", "franz schmidt haensch"),
    ("PRAGUE PUBLIC TRANSIT CO INC", "prague public transit"),
    ("BUSINESS TURKU OY AB", "business turku"), ("ATTICA HOLDINGS S.A.", "attica holdings"),
    ("Conerobus S.p.A.", "conerobus"), ("ENEL GRIDS S.R.L.", "enel grids"), ("RENEWI E-WASTE B.V.", "renewi e waste"),
    ("VAN HOOL N.V.", "van hool"), ("Spirii ApS", "spirii"),
    ("CHALMERS TEKNISKA HOGSKOLA AB", "chalmers tekniska hogskola"),
    ("InSCREENeX GmbH", "inscreenex"), ("SE", "se"), ("& Co KG", "co"),
])
def test_every_real_ending_is_still_set_aside(name, key):
    assert name_key(name) == key


def test_a_form_word_in_the_middle_or_at_the_start_stays():
    assert name_key("Dansk Robot og Automation") == "dansk robot og automation" != name_key("Dansk Robot Automation")
    assert name_key("EU Robotics") == "eu robotics" and name_key("SE Cluster Inc") == "se cluster"
    assert name_key("Co-creation Lab ApS") == "co creation lab" and name_key("Inc Lab Ltd") == "inc lab"


def test_cluster_detection_reads_the_key_with_its_ampersand():
    assert detect_cluster("CLEAN & Co", None, "DK") == detect_cluster("CLEAN", None, "DK") == "alias:CLEAN"


def _write(store, nodes: list[NodeRecord]) -> None:
    write_records(store, [NodeRecord("Source", "seed:test", "seed texts", SEED),
                          NodeRecord("Source", "cordis:test/organization.csv", "CORDIS extract", CORDIS),
                          *nodes], [])


def _same_as(store) -> list[tuple[str, str]]:
    return [tuple(row) for row in store.read("MATCH (a)-[:SAME_AS]->(b) RETURN a.id, b.id ORDER BY a.id").rows]


def test_entity_resolution_links_an_s_a_s_and_keeps_an_eu_branch_apart(embedded_store):
    _write(embedded_store, [
        NodeRecord("Organisation", "keysight-fr", "Keysight Technologies France", SEED, (), {"country": "FR"}),
        NodeRecord("Organisation", "inventya", "Inventya Ventures", SEED, (), {"country": "IE"}),
        NodeRecord("Organisation", "susmetro", "Susmetro", SEED, (), {"country": "NL"}),
        NodeRecord("Organisation", "pic:999957190", "KEYSIGHT TECHNOLOGIES FRANCE S.A.S.", CORDIS, (),
                   {"country": "FR"}),
        NodeRecord("Organisation", "pic:917093291", "INVENTYA VENTURES (EU) LTD", CORDIS, (), {"country": "IE"}),
        NodeRecord("Organisation", "pic:903792748", "SUSMETRO EU BV", CORDIS, (), {"country": "NL"}),
    ])
    link_and_write(embedded_store)
    assert _same_as(embedded_store) == [("pic:999957190", "keysight-fr")]


def test_the_note_on_near_names_sets_aside_s_a_s_but_not_an_eu_before_ltd(embedded_store, tmp_path):
    table = 'name = "{0}"\n[[nodes]]\nfile = "{0}.csv"\nlabel = "Organisation"\nid = "nr"\nname = "name"\n' \
            'properties = {{ country = "country" }}\n'
    write_files(tmp_path, {
        "before.toml": table.format("before"), "after.toml": table.format("after"),
        "before.csv": 'nr,name,country\nK1,KEYSIGHT TECHNOLOGIES FRANCE S.A.S.,FR\n'
                      'I1,"INVENTYA VENTURES (EU) LTD",IE\n',
        "after.csv": "nr,name,country\nX1,Keysight Technologies France,FR\nX2,Inventya Ventures,IE\n"})
    load_generic(embedded_store, tmp_path / "before.toml")
    notes = [n for n in check_generic(embedded_store, tmp_path / "after.toml").notes if "nearly share a name" in n]
    assert len(notes) == 1 and notes[0].startswith("1 new node(s)"), notes
    assert ("Organisation 'Keysight Technologies France' (row id 'X1', after.csv) near the store's K1 "
            "'KEYSIGHT TECHNOLOGIES FRANCE S.A.S.'") in notes[0]
