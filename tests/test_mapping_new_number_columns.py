"""`mapping new` offers a property line for each column of numbers a list's mapping does not use.

A Danish cluster's member list held `Antal ansatte` (`29.000`), `Budget` (`2.500.000 kr.`) and `Tilskud` (`1,8 mio.
kr.`); the template had named them among the "columns not used" and nothing more. Real files in tmp_path, the CLI
in-process, the real embedded store for the load of the uncommented lines.
"""

from __future__ import annotations

from tests.cli_invoke import mapping_new

MEMBERS = """Virksomhed;CVR;By;Land;Postnr.;Antal ansatte;Budget;Tilskud;Stiftet
Vestas Wind Systems A/S;10403782;Aarhus N;DK;8200;29.000;2.500.000 kr.;1,8 mio. kr.;1945
Odense Lab ApS;25313763;Odense;DK;5000;12;300.000,50 kr.;0,3 mio. kr.;2001
Blue Ocean Robotics ApS;34209936;Odense;DK;5230;85;1.200.000 kr.;0,9 mio. kr.;2013
"""


def _made(tmp_path, table: str = MEMBERS) -> list[str]:
    return mapping_new(tmp_path, "medlemmer.csv", table).splitlines()


def test_number_columns_get_their_property_lines_under_the_nodes_properties(tmp_path):
    lines = _made(tmp_path)
    start = lines.index("[nodes.properties]")
    block = lines[start:lines.index("", start)]
    assert '# employees = { column = "Antal ansatte", type = "int", thousands = "." }  #? "29.000" is 29000' in block
    assert ('# budget = { column = "Budget", type = "float", decimal = ",", thousands = ".", currency = "DKK" }  #? '
            '"2.500.000 kr." is 2500000.0 DKK') in block
    assert '# stiftet = { column = "Stiftet", type = "int" }  #? "1945" is 1945' in block
    assert any(line.startswith('# Tilskud: numbers with millions in words ("1,8 mio. kr."), which no number type '
                               'reads') and line.endswith('grant = "Tilskud"') for line in block), block
    assert not any("Postnr" in line for line in block)  # a postcode's digits are no quantity
    assert "# columns not used: Postnr., Antal ansatte, Budget, Tilskud, Stiftet" in lines


def test_the_lines_uncommented_load_the_numbers(embedded_store, tmp_path):
    from loaders.generic import load_generic

    lines = _made(tmp_path)
    mapping = "\n".join(line[2:] if line.startswith(("# employees", "# budget", "# stiftet")) else line
                        for line in lines)
    (tmp_path / "mapping.toml").write_text(mapping + "\n", encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    rows = embedded_store.read("MATCH (o:Organisation) RETURN o.name, o.employees, o.budget, o.stiftet "
                               "ORDER BY o.name").rows
    assert rows == [["Blue Ocean Robotics ApS", 85, 1200000.0, 2013], ["Odense Lab ApS", 12, 300000.5, 2001],
                    ["Vestas Wind Systems A/S", 29000, 2500000.0, 1945]]


def test_a_krona_mark_without_a_country_asks_which_and_a_list_of_words_gets_no_line(tmp_path):
    table = ("Virksomhed;CVR;Budget;Branche\nVestas A/S;10403782;2.500.000 kr.;Vind\n"
             "Odense Lab;25313763;300.000 kr.;IT\n")
    block = [line for line in _made(tmp_path, table) if line.startswith("# budget")]
    assert block == ['# budget = { column = "Budget", type = "float", decimal = ",", thousands = ".", currency = "" }'
                     "  #? \"2.500.000 kr.\" is 2500000.0; the amounts carry 'kr.', the mark of SEK, NOK, DKK, ISK "
                     "alike, and the table names no country: write the one it is and uncomment this line"]
    assert not any("branche =" in line for line in _made(tmp_path, table))
