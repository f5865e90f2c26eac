"""`mapping new` reads a project's lead partner off its own column (`Konsortialführer`, `Lead partner`, `Koordinator`
...) beside a cell listing the other partners: the preset's `coordinator`. It had been left among the columns not
used, and the coordinator lost. Real files in tmp_path, the CLI in-process, the real embedded store for the load."""

from __future__ import annotations

from tests.cli_invoke import cli_env, invoke, mapping_new

GRANTS = """Projekt;Akronym;Fördersumme;{lead};Partner;Programm
Wasserstoff im Quartier;H2Quartier;2.500.000,00 €;Stadtwerke München GmbH;"TU München; Linde GmbH";BayVFP
Leichtbau aus Naturfaser;NaturKaro;250.000,00 €;Schaeffler AG;"Nürnberger Verbundwerkstoffe GmbH; Schaeffler AG";ZIM
Robotermontage;KIRoMo;1.234.567,89 €;KUKA GmbH;"TU München; Augsburg Automation GmbH";ZIM
Recycling von Carbonfasern;ReCarb;275.000,00 €;Nürnberger Verbundwerkstoffe GmbH;;ZIM
"""


def _made(tmp_path, table: str, name: str = "projekte.csv") -> str:
    return mapping_new(tmp_path, name, table)


def test_a_lead_column_beside_a_partner_cell_is_the_coordinator_and_alone_the_organisation(tmp_path):
    """A Finnish table's `Päätoteuttaja` alone names the project's organisation, as it was guessed before."""
    for lead in ("Konsortialführer", "Lead partner", "Koordinator", "Projektledare"):
        text = _made(tmp_path, GRANTS.format(lead=lead))
        assert f'coordinator = "{lead}"  #? ' in text, text
        assert "columns not used" not in text, text
    text = _made(tmp_path, "Hankenumero;Hankkeen nimi;Päätoteuttaja;Tuki\nH-1;Akku;Nokia Oyj;1000\n")
    assert 'organisation_name = "Päätoteuttaja"' in text and '\ncoordinator = "' not in text


def test_the_template_says_which_coordinators_are_partners_too_and_skips_an_empty_partner_cell(tmp_path):
    """NaturKaro lists its lead in Partner too (one participation, as coordinator); ReCarb has no partner but its
    lead, whose empty Partner cell had stopped the load (`the id is empty`)."""
    text = _made(tmp_path, GRANTS.format(lead="Konsortialführer"))
    assert "# 1 project(s) list their Konsortialführer in Partner too (line 3): one participation each, as " \
           "coordinator" in text
    assert 'organisation_id = { column = "Partner", separator = ";", on_empty = "skip" }' in text
    assert "1 project(s) name no partner but their Konsortialführer (line 5)" in text


def test_the_template_loads_the_coordinators(embedded_server, embedded_store, tmp_path):
    (tmp_path / "mapping.toml").write_text(_made(tmp_path, GRANTS.format(lead="Konsortialführer")), encoding="utf-8")
    env = cli_env(embedded_server, embedded_store.graph_name)
    loaded = invoke(env, "load", "csv", str(tmp_path / "mapping.toml"))
    assert loaded.exit_code == 0, loaded.output
    ran = invoke(env, "queries", "run", "projects/coordinators", "--format", "csv")
    assert sorted(line.split(",")[0] for line in ran.stdout.splitlines()[1:]) == [
        "KUKA GmbH", "Nürnberger Verbundwerkstoffe GmbH", "Schaeffler AG", "Stadtwerke München GmbH"], ran.output


def test_a_lead_column_beside_a_role_column_is_left_unused_saying_why(tmp_path):
    text = _made(tmp_path, "Prosjektnummer;Tittel;Organisasjonsnavn;Rolle;Prosjektleder\n"
                 "P-1;Havvind;Sørlandet Batteri AS;Prosjektansvarlig;Sørlandet Batteri AS\n"
                 "P-1;Havvind;NTNU;Partner;Sørlandet Batteri AS\n")
    assert "coordinator = " not in text.replace('# coordinator = ""', "")
    assert "# columns not used: Prosjektleder" in text
    assert "# Prosjektleder names each project's lead: not needed, Rolle says who leads" in text


def test_a_lead_column_beside_organisation_numbers_is_left_unused_saying_why(tmp_path):
    """A lead named by name beside organisations known by number would be a second node of each lead."""
    text = _made(tmp_path, "Projektnummer;Titel;Organisationsnummer;Organisation;Koordinator\n"
                 "P-1;Havvind;5561234567;Skogsdata AB;Skogsdata AB\nP-1;Havvind;5569876543;KTH;Skogsdata AB\n")
    assert "# columns not used: Koordinator" in text
    assert 'coordinator = "Koordinator" would make a second node' in text

