"""What an Italian regional innovation agency's try-out of its own tables found in `mapping new`: a POR-FESR projects
table (`Codice progetto;Titolo;Capofila;Partner;Contributo concesso (€);...`) whose `Partner` cells list partners with
`, ` (and ` / `), and a register of technology clusters (JSON) holding each cluster's members in `soci`. Real files in
tmp_path, the CLI in-process, the generic loader reading what it wrote.
"""

from __future__ import annotations

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
    assert "# columns not used: Provincia" in text  # no region guessed from a project's province
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
