"""What an Italian regional innovation agency's try-out of its own tables found in `mapping new`: a POR-FESR projects
table (`Codice progetto;Titolo;Capofila;Partner;Contributo concesso (€);...`) whose `Partner` cells list partners with
`, ` (and ` / `), and a register of technology clusters (JSON) holding each cluster's members in `soci`. Real files in
tmp_path, the CLI in-process, the generic loader reading what it wrote.
"""

from __future__ import annotations

import json

from loaders.generic import read_generic
from loaders.mapping_new.participation import guess_columns
from tests.cli_invoke import mapping_new as _made

PROGETTI = """Codice progetto;Titolo;Capofila;Partner;Contributo concesso (€);Data avvio;Data fine;Provincia
POR-LOM-2019-001;SMART-FAB 4.0;Politecnico di Milano;Comau S.p.A., Meccanica Brianzola S.r.l., STMicroelectronics \
S.r.l.;1.250.000,00;01/03/2019;28/02/2022;MI
POR-LOM-2021-022;GENOMED;Istituto Europeo di Oncologia S.r.l.;Fondazione Human Technopole, BioTech Insubria S.r.l.;\
€ 980.000,50;10/01/2021;09/01/2024;MI
POR-PIE-2018-003;ROBOCOLL;Politecnico di Torino;Comau S.p.A. / Automazioni Canavesane S.r.l.;725.640,25;02/05/2018;\
01/11/2020;TO
;;;TOTALE;2.955.640,75;;;
"""


def test_a_por_fesr_projects_table_is_read_as_participations(tmp_path):
    """`mapping new` had said "no column looked like a project, so it is read as a list" and written organisations
    named `Comau S.p.A., Meccanica Brianzola S.r.l., STMicroelectronics S.r.l.`, which `--check` called valid."""
    text = _made(tmp_path, "progetti.csv", PROGETTI)
    assert '\npreset = "participation"\n' in text
    for line in ('project_id = { column = "Codice progetto", on_empty = "skip" }',
                 'project_title = "Titolo"', 'start_date = "Data avvio"', 'end_date = "Data fine"',
                 'organisation_name = { column = "Partner", separator = [", ", " / "] }', 'coordinator = "Capofila"',
                 'project_amount = "Contributo concesso (€)"', 'date_format = "%d/%m/%Y"', 'decimal = ","',
                 'thousands = "."'):
        assert f"\n{line}  #?" in text, line
    assert ('\nregion = { column = "Provincia", county_numbers = "IT" }  #? Organisation region: the cells are IT\'s '
            "province sigle, each read as its NUTS 3 region; a row's region places every partner its cell lists: check "
            "it is each partner's, not only the project's") in text  # the project's province: said to be checked
    (tmp_path / "progetti.toml").write_text(text, encoding="utf-8")
    nodes = read_generic(tmp_path / "progetti.toml")[0]
    assert sorted(n.name for n in nodes if n.label == "Organisation") == [
        "Automazioni Canavesane S.r.l.", "BioTech Insubria S.r.l.", "Comau S.p.A.", "Fondazione Human Technopole",
        "Istituto Europeo di Oncologia S.r.l.", "Meccanica Brianzola S.r.l.", "Politecnico di Milano",
        "Politecnico di Torino", "STMicroelectronics S.r.l."]
    assert {n.id: n.properties["amount"] for n in nodes if n.label == "Project"} == {
        "POR-LOM-2019-001": 1250000.0, "POR-LOM-2021-022": 980000.5, "POR-PIE-2018-003": 725640.25}


def test_other_italian_headers_of_a_projects_table():
    headers = ["CUP", "Titolo progetto", "Soggetto capofila", "Partita IVA", "Beneficiari", "Agevolazione concessa",
               "Data inizio", "Data conclusione", "Ruolo", "Comune", "PMI", "Settore", "Bando"]
    assert guess_columns(headers) == {
        "project_id": "CUP", "project_title": "Titolo progetto", "start_date": "Data inizio",
        "end_date": "Data conclusione", "organisation_id": "Partita IVA", "organisation_name": "Beneficiari",
        "coordinator": "Soggetto capofila", "role": "Ruolo", "amount": "Agevolazione concessa", "city": "Comune",
        "sme": "PMI", "programme": "Bando", "sector": "Settore"}
    assert guess_columns(["ID progetto", "Denominazione progetto", "Beneficiario capofila", "Partner di progetto",
                          "Finanziamento", "Data fine"]) == {
        "project_id": "ID progetto", "project_title": "Denominazione progetto", "end_date": "Data fine",
        "organisation_name": "Partner di progetto", "coordinator": "Beneficiario capofila", "amount": "Finanziamento"}


def test_a_comma_is_a_separator_only_after_a_legal_form():
    """`Acme, Inc.` is one company and `Energy, climate` one theme: a comma alone is never guessed a separator."""
    from loaders.mapping_new.listed_names import names_separator

    rows = [{"p": "Politecnico di Milano, Trasporti Bergamaschi S.r.l., Brembo S.p.A."}, {"p": "Novamont S.p.A."}]
    assert names_separator(rows, "p") == ", "
    assert names_separator([{"p": "Acme, Inc."}, {"p": "Energy, climate"}, {"p": "Acme Ltd, Inc."}], "p") is None


CLUSTER = [
    {"codice": "CTN-CFI", "denominazione": "Cluster Fabbrica Intelligente", "sede": {"comune": "Milano"},
     "soci": [{"ragione_sociale": "Politecnico di Milano", "partita_iva": "04376620151", "comune": "Milano",
               "provincia": "MI", "dimensione": "Grande impresa", "data_adesione": "12/03/2013"},
              {"ragione_sociale": "Meccanica Brianzola S.r.l.", "partita_iva": "03344550968", "comune": "Monza",
               "provincia": "MB", "dimensione": "PMI", "data_adesione": "11/11/2020"}]},
    {"codice": "LOM-CLM", "denominazione": "Cluster Lombardo della Mobilità", "sede": {"comune": "Milano"},
     "soci": [{"ragione_sociale": "Brembo S.p.A.", "partita_iva": "00222620163", "comune": "Curno",
               "provincia": "BG", "dimensione": "Grande impresa", "data_adesione": "10/05/2012"}]}]


def test_a_cluster_register_maps_its_soci_as_members(tmp_path):
    """`mapping new cluster_tecnologici.json` had written a participation preset with four empty needed columns, and
    left `soci` to a comment; the same shape in Finnish (`jasenet`) got the members and MEMBER_OF."""
    text = _made(tmp_path, "cluster_tecnologici.json", json.dumps(CLUSTER, ensure_ascii=False, indent=1))
    for line in ('label = "Cluster"', 'name = "denominazione"', 'split = { column = "soci" }',
                 'id = "soci.partita_iva"', 'name = "soci.ragione_sociale"', 'city = "soci.comune"',
                 'sme = { column = "soci.dimensione", type = "bool", values = { "Grande impresa" = "no", "PMI" = "yes" '
                 '} }', 'since = { column = "soci.data_adesione", type = "date", format = "%d/%m/%Y" }'):
        assert f"\n{line}  #?" in text, line
    (tmp_path / "cluster.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "cluster.toml")
    members = {n.id: (n.name, n.properties.get("sme")) for n in nodes if n.label == "Organisation" and
               "Cluster" not in n.extra_labels}
    assert members == {"04376620151": ("Politecnico di Milano", False),
                       "03344550968": ("Meccanica Brianzola S.r.l.", True), "00222620163": ("Brembo S.p.A.", False)}
    clusters = {n.id: n.name for n in nodes if n.label == "Cluster"}
    assert sorted((clusters[r.end_id], r.start_id, str(r.properties["since"])) for r in rels if r.type == "MEMBER_OF"
                  ) == [("Cluster Fabbrica Intelligente", "03344550968", "2020-11-11"),
                        ("Cluster Fabbrica Intelligente", "04376620151", "2013-03-12"),
                        ("Cluster Lombardo della Mobilità", "00222620163", "2012-05-10")]


def test_associati_named_without_a_number_are_members_too(tmp_path):
    """A list of objects named as members (`soci`, `associati`, `membri`) holding names alone is the members' list."""
    register = [{"nome": cluster["denominazione"], "associati": [{"denominazione": s["ragione_sociale"]}
                                                                 for s in cluster["soci"]]} for cluster in CLUSTER]
    text = _made(tmp_path, "registro.json", json.dumps(register, ensure_ascii=False))
    assert 'split = { column = "associati" }' in text and 'name = "associati.denominazione"' in text
    assert 'end = { label = "Cluster", column = "nome" }' in text


def test_a_member_lists_dimensione_is_its_sme_flag(tmp_path):
    """A size column of `PMI` and `Grande impresa` had been left unused: PMI is an SME, Grande impresa not."""
    text = _made(tmp_path, "soci.csv", "Ragione sociale;Partita IVA;Dimensione;Cluster;Data adesione\n"
                 "Comau S.p.A.;00952120012;Grande impresa;MESAP;01/04/2010\n"
                 "IRIS S.r.l.;10777180018;PMI;MESAP;05/05/2018\n")
    assert '# located_in = { country = { value = "IT" } }  #? no column says where the rows are; their Partita' in text
    (tmp_path / "soci.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "soci.toml")
    assert {n.name: n.properties["sme"] for n in nodes if n.label == "Organisation" and n.name != "MESAP"} == {
        "Comau S.p.A.": False, "IRIS S.r.l.": True}
    assert sorted(str(r.properties["since"]) for r in rels if r.type == "MEMBER_OF") == ["2010-04-01", "2018-05-05"]


PARTNER = """Partner;Cluster;Provincia
Comau S.p.A., Meccanica Brianzola S.r.l.;MESAP;TO
Novamont S.p.A. / Versalis S.p.A.;SPRING;NO
Politecnico di Milano;MESAP;MI
"""


def test_a_list_whose_name_cells_list_several_companies_is_split(tmp_path):
    """A list's `Partner` cell `Comau S.p.A., Meccanica Brianzola S.r.l.` had been offered as one organisation's name,
    and `--check` called it valid."""
    text = _made(tmp_path, "partner.csv", PARTNER)
    split = 'split = { column = "Partner", separator = [", ", " / "] }'
    assert 'name = "Partner"  #? the name; cells list several, separated by ", " or " / ": one organisation each' \
        in text
    assert text.count(f"\n{split}\n") == 2  # the Organisation table and MEMBER_OF alike
    (tmp_path / "partner.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "partner.toml")
    assert sorted((r.start_id, r.end_id) for r in rels if r.type == "MEMBER_OF") == [
        ("Comau S.p.A.", "MESAP"), ("Meccanica Brianzola S.r.l.", "MESAP"), ("Novamont S.p.A.", "SPRING"),
        ("Politecnico di Milano", "MESAP"), ("Versalis S.p.A.", "SPRING")]


def test_listed_names_beside_an_id_column_are_said_and_the_split_offered(tmp_path):
    text = _made(tmp_path, "p.csv", "Partita IVA;Partner;Comune\n1;Comau S.p.A., IRIS S.r.l.;Torino\n2;Novamont S.p.A.;"
                 "Novara\n")
    assert ('name = "Partner"  #? the name; but its cells list several names, separated by ", ", one Partita IVA a '
            'row: map them with the name as the id, id = "Partner" and split = { column = "Partner", separator = ", " }'
            in text)


def test_a_cluster_registers_provinces_place_its_clusters_and_its_members(tmp_path):
    """The register's `sede.provincia` had been asked for its country, and each member's `soci.provincia` left "not
    used": no member was in Lombardia. Both are read as province sigle of IT (`county_numbers = "IT"`)."""
    placed = [{**cluster, "sede": {**cluster["sede"], "provincia": "MI"}} for cluster in CLUSTER]
    text = _made(tmp_path, "cluster_tecnologici.json", json.dumps(placed, ensure_ascii=False, indent=1))
    for column in ("sede.provincia", "soci.provincia"):
        assert (f'\nlocated_in = {{ region = {{ column = "{column}", county_numbers = "IT" }}, country = {{ value = '
                f'"IT" }} }}  #? a {column} is a region of IT') in text, column
    (tmp_path / "cluster.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "cluster.toml")
    names = {n.id: n.name for n in nodes}
    assert sorted((names[r.start_id], r.end_id) for r in rels if r.type == "LOCATED_IN") == [
        ("Brembo S.p.A.", "ITC46"), ("Cluster Fabbrica Intelligente", "ITC4C"),
        ("Cluster Lombardo della Mobilità", "ITC4C"), ("Meccanica Brianzola S.r.l.", "ITC4D"),
        ("Politecnico di Milano", "ITC4C")]


def test_a_spanish_provincia_of_names_is_not_read_as_italys_sigle(tmp_path):
    """A Basque member list's `Provincia` (Gipuzkoa, Bizkaia) had been given `country = { value = "IT" }`: the header
    alone implied Italy's province sigle. The country is the one whose NUTS regions the cells name."""
    text = _made(tmp_path, "socios.csv", "Nombre,Provincia\nIkerlan S. Coop.,Gipuzkoa\nTecnalia,Bizkaia\n"
                                         "Ceit,Gipuzkoa\n")
    assert ('located_in = { region = "Provincia", country = { value = "ES" } }  #? the regions in Provincia are NUTS '
            "regions of ES") in text, text  # a member list now (Nombre), as tests/test_tryout_spanish_tables.py reads
    assert 'county_numbers = "IT"' not in text and '"IT"' not in text
