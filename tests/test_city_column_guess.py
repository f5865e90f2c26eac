"""`mapping new`'s guess of the city column: a town's words before a municipality's, whatever their lengths
(`loaders.csv_header.SECOND_CHOICE`). A Danish cluster's member list was drafted with `city = "Kommune"`."""

from __future__ import annotations


def test_mapping_new_takes_a_towns_column_for_the_city_before_a_municipalitys(tmp_path):
    """A Danish member list's `By` (Aarhus N) beside its `Kommune` (Aarhus Kommune): the longer word had won, and the
    cities became "Aarhus Kommune"."""
    from loaders.mapping_new.participation import participation_template

    table = tmp_path / "medlemmer.csv"
    table.write_text("Projekt;Akronym;CVR;Virksomhed;Postnr.;By;Region;Kommune\n"
                     "1;Vind;10403782;Vestas A/S;8200;Aarhus N;Region Midtjylland;Aarhus Kommune\n", encoding="utf-8")
    assert 'city = "By"  #? Organisation city' in participation_template(table).splitlines()
    table.write_text("Projekt;Akronym;CVR;Virksomhed;Kommune\n1;Vind;10403782;Vestas A/S;Aarhus Kommune\n",
                     encoding="utf-8")
    assert 'city = "Kommune"  #? Organisation city' in participation_template(table).splitlines()  # none better
