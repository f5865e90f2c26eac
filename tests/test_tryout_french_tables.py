"""What a French pôle de compétitivité's try-out of its own tables found in `mapping new`: a member list
(`Raison sociale;SIREN;SIRET;...;PME (oui/non);Pôle`), a list of pôles (`Nom du pôle;Région;...`) and a projects table
whose `Partenaires` cells list partners with `;` or `, `. Real files in tmp_path, the CLI in-process, the generic
loader into the real embedded store where a load is asserted.
"""

from __future__ import annotations

from loaders.generic import read_generic
from tests.cli_invoke import mapping_new as _made

ADHERENTS = """Raison sociale;SIREN;SIRET;Code postal;Ville;PME (oui/non);Pôle;Date d'adhésion
STMicroelectronics Grenoble 2 SAS;341 459 386;34145938600055;38000;Grenoble;non;Minalogic;12/03/2019
Soitec SA;384 711 909;38471190900048;38190;Bernin;non;Minalogic;01/06/2008
Lynred SAS;302 712 021;30271202100013;38113;Veurey-Voroize;non;Minalogic;15/09/2015
Soitec SA;384 711 909;38471190900048;38190;Bernin;non;Minalogic;01/06/2008
"""
POLES = """Nom du pôle;Région;Ville;Nombre d'adhérents;Site web
Minalogic;Auvergne-Rhône-Alpes;Grenoble;480;www.minalogic.com
Aerospace Valley;Occitanie;Toulouse;850;www.aerospace-valley.com
"""
PROJETS = """Acronyme;Titre du projet;Montant de l'aide (€);Chef de file;Partenaires
NANO2022;Nano 2022;35 000 000,00 €;STMicroelectronics SAS;CEA, Soitec SA, Université Grenoble Alpes
SMARTGRID;Réseaux intelligents;1 250 000,00 €;Schneider Electric SAS;"CEA; CNRS; Université Grenoble Alpes"
"""


def test_a_member_list_with_a_member_twice_and_french_headers(tmp_path):
    """`mapping new adherents.csv` had ended in `TypeError: can only concatenate str (not "NoneType")`: `Raison
    sociale` was no known word, and the search for a column of names differing on every row found none, a member
    being listed twice."""
    text = _made(tmp_path, "adherents.csv", ADHERENTS)
    assert 'name = "Raison sociale"  #? the name' in text and 'id = "SIREN"  #? the id' in text
    assert 'sme = { column = "PME (oui/non)", type = "bool" }' in text  # its words in brackets set aside
    assert ('located_in = { region = { column = "Code postal", county_numbers = "FR" }, country = { value = "FR" } }'
            in text)  # its postcodes place the members in their départements (it had said no column says where)
    assert "siret =" not in text  # an identifier, not a number to keep


def test_a_list_of_poles_is_a_list_of_clusters(tmp_path):
    """`Nom du pôle` had been read as no name at all, the list as a table of participations (four "project_id is
    empty" problems)."""
    text = _made(tmp_path, "poles.csv", POLES)
    assert 'label = "Cluster"' in text and 'id = "Nom du pôle"' in text
    assert '# nombre_d_adherents = { column = "Nombre d\'adhérents", type = "int" }' in text


def test_partners_listed_with_semicolons_or_commas_and_a_chef_de_file(tmp_path):
    """`Partenaires` and `Chef de file` had been left unused, and the project's grant mapped as each partner's."""
    text = _made(tmp_path, "projets.csv", PROJETS)
    assert 'organisation_name = { column = "Partenaires", separator = [";", ", "] }' in text
    assert 'coordinator = "Chef de file"' in text and 'project_amount = "Montant de l\'aide (€)"' in text
    (tmp_path / "projets.toml").write_text(text, encoding="utf-8")
    nodes = read_generic(tmp_path / "projets.toml")[0]
    assert sorted((n.name for n in nodes if n.label == "Organisation"), key=str.casefold) == [
        "CEA", "CNRS", "Schneider Electric SAS", "Soitec SA", "STMicroelectronics SAS", "Université Grenoble Alpes"]


def test_a_cluster_inside_the_focal_clusters_region_is_in_no_other_region():
    """Minalogic (FRK, Auvergne-Rhône-Alpes: a French région is a NUTS 1 region) had been told Axelera in FRK26 was
    "in Auvergne-Rhône-Alpes, Rhône, another region"."""
    from graph.analytics.cluster_partners import _place
    from graph.analytics.cluster_profiles import Profile

    minalogic = Profile("Cluster:minalogic", [], regions={"FRK"}, countries={"FR"})
    assert _place(minalogic, Profile("Cluster:axelera", [], regions={"FRK", "FRK26"}, countries={"FR"})) == 0.0
    assert _place(minalogic, Profile("Cluster:aerospace", [], regions={"FRJ23"}, countries={"FR"})) == 0.5
    assert _place(minalogic, Profile("Cluster:x", [], regions={"DE21"}, countries={"DE"})) == 1.0


CLUSTERS_TOML = """name = "poles"

[[nodes]]
file = "poles.csv"
label = "Cluster"
id = "Nom"
name = "Nom"
"""
MEMBERS_TOML = """name = "membres"

[[nodes]]
file = "membres.csv"
label = "Organisation"
id = "SIREN"
name = "Raison sociale"

[[nodes]]
file = "membres.csv"
label = "Cluster"
id = "Pôle"
name = "Pôle"
match = "name"

[[relationships]]
file = "membres.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "SIREN" }
end = { label = "Cluster", column = "Pôle" }
"""
MEMBRES = """Raison sociale,SIREN,Pôle
Soitec SA,384711909,Minalogic
Lynred SAS,302712021,MINALOGIC
"""


def test_ids_written_two_ways_that_match_made_one_node_are_not_said_to_make_two(embedded_store, tmp_path):
    """`Minalogic` and `MINALOGIC` in a member list with `match = "name"`: the match made them the store's one
    Minalogic, and the note had still said each way makes a node of its own. On a store without Minalogic they are
    two nodes, and the note says so."""
    from loaders.generic import check_generic, load_generic

    (tmp_path / "membres.csv").write_text(MEMBRES, encoding="utf-8")
    (tmp_path / "membres.toml").write_text(MEMBERS_TOML, encoding="utf-8")
    two_ways = "1 id(s) are written two ways"
    assert any(two_ways in note for note in check_generic(embedded_store, tmp_path / "membres.toml").notes)

    (tmp_path / "poles.csv").write_text("Nom\nMinalogic\n", encoding="utf-8")
    (tmp_path / "poles.toml").write_text(CLUSTERS_TOML, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "poles.toml")
    data = check_generic(embedded_store, tmp_path / "membres.toml")
    assert not any(two_ways in note for note in data.notes), data.notes
    load_generic(embedded_store, tmp_path / "membres.toml")
    assert embedded_store.read("MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster) RETURN DISTINCT c.id").rows \
        == [["Minalogic"]]
