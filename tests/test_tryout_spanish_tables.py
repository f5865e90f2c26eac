"""What a Basque cluster manager's try-out of a Spanish member list found (`Razón social,CIF,Municipio,Provincia,
Comunidad Autónoma,Tamaño,Socio desde,Sector`): `mapping new` read it as participations with empty needed columns, and
a `label_if` column of `Pyme` / `Gran empresa` got no recode it could use; also a Spanish projects table and the
Spanish, Catalan, Portuguese and Basque yes / no words. Real files in tmp_path, the CLI in-process, the generic loader
reading what it wrote, one load into the embedded store.
"""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.values import as_bool
from loaders.generic import read_generic
from loaders.mapping_new.participation import guess_columns
from tests.cli_invoke import mapping_new as _made

SOCIOS = """Razón social,CIF,Municipio,Provincia,Comunidad Autónoma,Tamaño,Socio desde,Sector
Fundación Tecnalia Research & Innovation,G48975767,Derio,Bizkaia,País Vasco,Gran empresa,15/03/2018,Centro tecnológico
Ikerlan S. Coop.,ESF20079828,Arrasate-Mondragón,Gipuzkoa,País Vasco,Gran empresa,01/01/2016,Centro tecnológico
Mecanizados Zubieta S.L.,B20111111,Azpeitia,Gipuzkoa,País Vasco,Pyme,12/06/2017,Mecanizado
Visión Artificial Donostia S.L.,B20222222,Donostia-San Sebastián,Gipuzkoa,País Vasco,Pyme,03/02/2019,Visión artificial
Máquinas Elgoibar S.A.,A20333333,Elgoibar,Gipuzkoa,País Vasco,Pyme,20/09/2020,Máquina-herramienta
Utillajes Vitoria S.L.,B01444444,Vitoria-Gasteiz,Araba/Álava,País Vasco,Pyme,07/11/2021,Mecanizado
"""
CLUSTER = "Cluster de Fabricación Avanzada de Euskadi"


def test_a_spanish_member_list_is_a_member_list(tmp_path):
    """It had got `preset = "participation"` with every project and organisation column "" (the file's name,
    socios_cluster, would also have made its rows clusters)."""
    text = _made(tmp_path, "socios_cluster.csv", SOCIOS)
    assert "preset" not in text
    for line in ('label = "Organisation"', 'id = "CIF"', 'name = "Razón social"', 'city = "Municipio"',
                 'sme = { column = "Tamaño", type = "bool", values = { "Gran empresa" = "no", "Pyme" = "yes" } }'):
        assert f"\n{line}  #?" in text, line
    assert 'located_in = { region = "Provincia", country = { value = "ES" } }' in text  # a NUTS 3 name, not Italy's
    assert '# since = { column = "Socio desde", type = "date", format = "%d/%m/%Y" }' in text
    assert "columns not used: Comunidad Autónoma\n" in text  # the NUTS 2 region, which Provincia names better
    (tmp_path / "socios.toml").write_text(text, encoding="utf-8")
    nodes = read_generic(tmp_path / "socios.toml")[0]
    assert {n.name: n.properties["sme"] for n in nodes if n.label == "Organisation"}["Mecanizados Zubieta S.L."]
    assert {n.name for n in nodes if n.label == "Sector"} >= {"Mecanizado", "Centro tecnológico"}


def test_a_catalan_member_list_and_castilian_province_names(tmp_path):
    """Places NUTS does not name had left the country to fill in; the CIF says ES (Castilian `Vizcaya` and `Guipúzcoa`
    are found now, graph.region_spellings: here two Basque comarcas, `Goierri` and `Debagoiena`)."""
    catalan = (SOCIOS.replace("Razón social", "Raó social").replace("CIF", "NIF").replace("Municipio", "Municipi")
               .replace("Socio desde", "Soci des de").replace("Pyme", "Petita").replace("Gran empresa", "Gran empresa")
               .replace("Bizkaia", "Goierri").replace("Gipuzkoa", "Debagoiena"))
    text = _made(tmp_path, "socis.csv", catalan)
    for line in ('id = "NIF"', 'name = "Raó social"', 'city = "Municipi"'):
        assert f"\n{line}  #?" in text, line
    assert ('located_in = { region = "Provincia", country = { value = "ES" } }  #? the ids are ES\'s numbers, so every '
            "row is placed there; but 'Goierri', 'Debagoiena' is no NUTS region's name") in text
    assert '"Petita" = "yes"' in text and '# since = { column = "Soci des de"' in text


def test_a_postcode_beside_a_cif_is_no_french_postcode(tmp_path):
    """A Spanish `CP` of 20500 (Gipuzkoa) had been read as a French postcode: every member placed in Corsica."""
    text = _made(tmp_path, "socios.csv", "Razón social,CIF,CP,Municipio\nIkerlan S. Coop.,F20079828,20500,Arrasate\n"
                                         "Tekniker,G20545729,20600,Eibar\nTecnalia,G48975767,48160,Derio\n")
    assert "FR" not in text and "# columns not used: CP" in text
    assert '# located_in = { country = { value = "ES" } }' in text


PROYECTOS = """Código de expediente;Título del proyecto;Acrónimo;Coordinador;Entidades participantes;Ayuda concedida;\
Fecha de inicio;Fecha de fin;Provincia
KK-2023/00012;Gemelo digital de máquina-herramienta;GEMDIG;Ikerlan S. Coop.;"Fundación Tekniker; Danobat S. Coop.";\
250.000,00;01/03/2023;28/02/2025;Gipuzkoa
KK-2023/00045;Fabricación aditiva de grandes piezas;FABADI;Fundación Tecnalia;Aernnova Aerospace S.A.;180.500,50;\
15/04/2023;14/04/2025;Bizkaia
"""


def test_a_spanish_projects_table_is_read_by_its_headers(tmp_path):
    text = _made(tmp_path, "proyectos.csv", PROYECTOS)
    for line in ('project_id = "Código de expediente"', 'project_title = "Título del proyecto"',
                 'project_acronym = "Acrónimo"', 'start_date = "Fecha de inicio"', 'end_date = "Fecha de fin"',
                 'coordinator = "Coordinador"', 'project_amount = "Ayuda concedida"',
                 'organisation_name = { column = "Entidades participantes", separator = ";" }'):
        assert f"\n{line}  #?" in text, line
    (tmp_path / "proyectos.toml").write_text(text, encoding="utf-8")
    nodes, rels, _ = read_generic(tmp_path / "proyectos.toml")
    assert {n.id: n.properties["amount"] for n in nodes if n.label == "Project"} == {
        "KK-2023/00012": 250000.0, "KK-2023/00045": 180500.5}
    roles = {(r.start_id, r.end_id): r.properties.get("role") for r in rels if r.type == "PARTICIPATES_IN"}
    assert roles[("Ikerlan S. Coop.", "KK-2023/00012")] == "coordinator"
    assert ("Danobat S. Coop.", "KK-2023/00012") in roles


def test_other_spanish_headers_and_codes_that_are_no_project():
    assert guess_columns(["Código", "Título", "Solicitante", "NIF", "Socios", "Subvención", "Localidad"]) == {
        "project_id": "Código", "project_title": "Título", "coordinator": "Solicitante", "organisation_id": "NIF",
        "organisation_name": "Socios", "amount": "Subvención", "city": "Localidad"}
    guessed = guess_columns(["Denominación", "Código postal", "Código CNAE", "Población", "CCAA", "Provincia"])
    assert guessed == {"organisation_name": "Denominación", "region": "Provincia", "city": "Población",
                       "sector": "Código CNAE"}


@pytest.mark.parametrize(("word", "value"), [("Sí", True), ("si", True), ("SÍ", True), ("Sim", True),
                                             ("Não", False), ("bai", True), ("Ez", False), ("sì", True),
                                             ("Tak", True), ("nie", False)])
def test_spanish_catalan_portuguese_basque_yes_no_words(word, value):
    assert as_bool(word) is value


def _label_if_mapping(tmp_path, table: str):
    (tmp_path / "socios.csv").write_text(table, encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text('name = "m"\n[[nodes]]\nfile = "socios.csv"\nseparator = ","\nlabel = "Organisation"\n'
                       'id = "CIF"\nname = "Razón social"\nlabel_if = { SME = "Tamaño" }\n', encoding="utf-8")
    return mapping


def test_a_label_if_column_of_spanish_size_words_is_one_problem_with_its_recode(tmp_path):
    """`label_if = { SME = "Tamaño" }` over `Pyme` / `Gran empresa` had offered `"..." = "ja", "..." = "nej"`."""
    with pytest.raises(ValidationFailed) as refused:
        read_generic(_label_if_mapping(tmp_path, SOCIOS))
    [said] = refused.value.problems
    assert said.mapping_can_fix and "6 cells are no yes or no word" in said.message
    assert said.message.endswith('values = { "gran empresa" = "nej", "pyme" = "ja" } }')


def test_a_label_if_column_of_si_and_no_labels_the_smes(tmp_path):
    """A column of `Sí` / `No` had been refused on every row."""
    nodes = read_generic(_label_if_mapping(tmp_path, SOCIOS.replace("Gran empresa", "No").replace("Pyme", "Sí")))[0]
    assert sorted(n.name for n in nodes if "SME" in n.extra_labels) == [
        "Mecanizados Zubieta S.L.", "Máquinas Elgoibar S.A.", "Utillajes Vitoria S.L.",
        "Visión Artificial Donostia S.L."]


def test_a_loaded_spanish_member_list_shows_its_members(embedded_server, tmp_path):
    from tests.cli_invoke import cli_env, invoke

    text = _made(tmp_path, "socios_cluster.csv", SOCIOS)
    members = text.split("# the members of which cluster?")[1].split("\n\n")[0]
    text = text.replace(members, "\n" + "\n".join(line.removeprefix("# ") for line in members.splitlines()[1:]))
    text = text.replace("the cluster's name", CLUSTER)
    (tmp_path / "mi_cluster.csv").write_text(f"Nombre,Provincia\n{CLUSTER},Gipuzkoa\n", encoding="utf-8")
    text += ('\n[[nodes]]\nfile = "mi_cluster.csv"\nlabel = "Cluster"\nid = "Nombre"\nname = "Nombre"\n'
             'located_in = { region = "Provincia", country = { value = "ES" } }\n')
    (tmp_path / "socios.toml").write_text(text, encoding="utf-8")
    env = cli_env(embedded_server, "spanish_members")
    loaded = invoke(env, "load", "csv", str(tmp_path / "socios.toml"))
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout
    listed = invoke(env, "queries", "run", "clusters/members", "-p", f"cluster={CLUSTER}", "--format", "csv")
    assert listed.exit_code == 0, listed.stderr
    assert "Mecanizados Zubieta S.L.,B20111111,2017-06-12,True,Azpeitia" in listed.stdout, listed.stdout
    assert "Fundación Tecnalia Research & Innovation,G48975767,2018-03-15,False,Derio" in listed.stdout
    assert "0 created, 0 updated" in invoke(env, "load", "csv", str(tmp_path / "socios.toml")).stdout
