"""`mapping new` reads the header words of every language the README names: a Finnish grants table (an excerpt of
a try-out's `tuet.csv`) had every column left "" with "0 guesses marked"; Danish and Icelandic headers are read
too, since the README promises Nordic ones. The Finnish mapping is then read by the real generic loader."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from loaders.csv_header import HEADER_LANGUAGES
from loaders.generic import read_generic
from loaders.mapping_new.participation import guess_columns, participation_template

ROOT = Path(__file__).resolve().parents[1]
TUET = """\
Hankenumero;Hankkeen nimi;Alkupäivä;Loppupäivä;Y-tunnus;Organisaatio;Rooli;Tuki;Maakunta;Maa
BF-2021-0000;Hanke 0: vetytalous;6.10.2021;6.10.2023;1827892-6;Jyväskylän Vety Oy;Koordinaattori;372 055,75;Kainuu;Suomi
BF-2021-0000;Hanke 0: metsädata;6.10.2021;6.10.2023;;Hamburger Wasserstoff GmbH;Osatoteuttaja;451 736,37;;Saksa
BF-2021-0000;Hanke 0: meriteknologia;6.10.2021;6.10.2023;1063530-1;Oulun Vety Oy;Osatoteuttaja;373 178,81;Kainuu;Suomi
BF-2021-0000;Hanke 0: meriteknologia;6.10.2021;6.10.2023;1507172-0;Lapin Metsä Oy;Partneri;450 161,72;Ahvenanmaa;Suomi
BF-2022-0001;Hanke 1: vetytalous;5.7.2022;5.7.2024;1998095-9;Lapin Metsä Oy;Koordinaattori;544 921,55;Ahvenanmaa;Suomi
BF-2022-0001;Hanke 1: meriteknologia;5.7.2022;5.7.2024;1089139-5;Jyväskylän Meri Oy;Osatoteuttaja;43 888,95;Kainuu;Suomi
"""


def test_a_finnish_grants_table_gets_every_column_and_loads(tmp_path):
    (tmp_path / "tuet.csv").write_text(TUET, encoding="utf-8")
    text = participation_template(tmp_path / "tuet.csv")
    made = tomllib.loads(text)
    assert made["columns"] == {
        "project_id": "Hankenumero", "project_title": "Hankkeen nimi", "start_date": "Alkupäivä",
        "end_date": "Loppupäivä", "organisation_id": {"column": "Y-tunnus", "compact": True,  # 1063530-1
                                                      "on_empty": {"placeholder": "name:{Organisaatio}"}},
        "organisation_name": "Organisaatio", "role": "Rooli", "amount": "Tuki", "country": "Maa",
        "region": "Maakunta"}
    assert (made["date_format"], made["decimal"]) == ("%d.%m.%Y", ",")
    assert "roles =" not in text  # Koordinaattori, Osatoteuttaja and Partneri are role words of the preset
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    _, rels, _ = read_generic(tmp_path / "mapping.toml")
    roles = sorted(r.properties["role"] for r in rels if r.type == "PARTICIPATES_IN")
    assert roles == ["coordinator"] * 2 + ["participant"] * 4


def test_danish_and_icelandic_headers_are_read():
    danish = ["Sagsnummer", "Projekttitel", "CVR-nummer", "Virksomhedsnavn", "Rolle", "Bevilget beløb", "Region",
              "Land", "Startdato", "Slutdato"]
    icelandic = ["Verkefnisnúmer", "Heiti verkefnis", "Kennitala", "Umsækjandi", "Hlutverk", "Styrkupphæð",
                 "Landshluti", "Land", "Upphaf", "Lok"]
    names = ["project_id", "project_title", "organisation_id", "organisation_name", "role", "amount", "region",
             "country", "start_date", "end_date"]
    for headers in (danish, icelandic):
        guessed = guess_columns(headers)
        assert {name: guessed.get(name) for name in names} == dict(zip(names, headers, strict=True)), headers


def test_the_readme_and_the_users_document_name_the_header_languages_exactly():
    languages = ", ".join(HEADER_LANGUAGES[:-1]) + f" and {HEADER_LANGUAGES[-1]}"
    for document in ("README.md", "docs/mapping.md"):
        text = re.sub(r"\s+", " ", (ROOT / document).read_text(encoding="utf-8"))
        assert f"header words in {languages}" in text, document


BEVILLINGER = """\
Sagsnr;Projekttitel;CVR-nr;Virksomhed;Rolle;Bevilget beløb (DKK);Start;Slut;Region
DK-2021-001;Cobots;34209936;Blue Ocean Robotics ApS;Projektleder;2.500.000,00;01.03.2021;28.02.2023;Syddanmark
DK-2021-001;Cobots;25313763;Arla Foods amba;Partner;750.000,00;01.03.2021;28.02.2023;Midtjylland
DK-2021-002;Grøn brint;38112233;Hydrogen Valley ApS;Projektleder;4.200.000,00;01.09.2021;31.08.2024;Midtjylland
"""


def test_a_danish_grants_tables_case_number_end_and_currency_are_read(tmp_path):
    """A try-out's Danish grants table: `Sagsnr` had not been the project id (the title was, so two projects of one
    title would have been one), `Slut` not the end date, and `Bevilget beløb (DKK)` had been read as EUR."""
    (tmp_path / "bevillinger.csv").write_text(BEVILLINGER, encoding="utf-8")
    text = participation_template(tmp_path / "bevillinger.csv")
    made = tomllib.loads(text)
    assert (made["columns"]["project_id"], made["columns"]["end_date"]) == ("Sagsnr", "Slut")
    assert made["currency"] == "DKK"
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    _, rels, _ = read_generic(tmp_path / "mapping.toml")
    assert {r.properties.get("currency") for r in rels if r.type == "PARTICIPATES_IN"} == {"DKK"}
    assert made["columns"]["country"] == {"value": "DK"}  # Syddanmark and Midtjylland are NUTS regions of DK
