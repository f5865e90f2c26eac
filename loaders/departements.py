"""French départements: a cell of a `county_numbers = "FR"` region column, a département's number or a postcode, read
as the département's NUTS 3 region.

A pôle de compétitivité's member table writes each member's place as its département (`38`, `2A`, `974`) or its
postcode (`38000`, `20090`); read as region names, they became national regions off the Map (`FR-38`). One option
reads both, as a French reader of the column does: the département's number is INSEE's code (`01`-`95`, Corsica `2A`
and `2B`, not `20` since 1976, overseas `971`-`974` and `976`), and a postcode's first two digits are its département
(`97x`: three; Corsica's `200xx`-`201xx` are 2A, `202xx`-`206xx` 2B). A spreadsheet drops a leading zero, so `1` is
`01` and `1000` is `01000`. La Poste's postcodes follow its delivery offices, and a few communes near a département
border have a neighbour's: such a row is in the postcode's département. Saint-Barthélemy (`97133`) and Saint-Martin
(`97150`) have Guadeloupe's prefix but left it in 2007, and NUTS has no region of theirs, nor of
Saint-Pierre-et-Miquelon (`975`) or Monaco (`98000`): such a cell is refused. France's NUTS 3 regions are the
départements, with the same codes and names in NUTS 2021 and NUTS 2024; every code and name is checked against the
bundled GISCO NUTS files (tests/test_county_numbers_fr.py).
"""

from __future__ import annotations

from loaders.county_scheme import CountyScheme

__all__ = ["DEPARTEMENTS", "FRENCH_NUMBERS_READ", "FRANCE", "departement_of", "is_french_number"]

#: INSEE's département number -> (NUTS 3 code, the département's name as NUTS writes it), one `number code name` each.
_TABLE = """01 FRK21 Ain; 02 FRE21 Aisne; 03 FRK11 Allier; 04 FRL01 Alpes-de-Haute-Provence; 05 FRL02 Hautes-Alpes;
06 FRL03 Alpes-Maritimes; 07 FRK22 Ardèche; 08 FRF21 Ardennes; 09 FRJ21 Ariège; 10 FRF22 Aube; 11 FRJ11 Aude;
12 FRJ22 Aveyron; 13 FRL04 Bouches-du-Rhône; 14 FRD11 Calvados; 15 FRK12 Cantal; 16 FRI31 Charente;
17 FRI32 Charente-Maritime; 18 FRB01 Cher; 19 FRI21 Corrèze; 2A FRM01 Corse-du-Sud; 2B FRM02 Haute-Corse;
21 FRC11 Côte-d’Or; 22 FRH01 Côtes-d’Armor; 23 FRI22 Creuse; 24 FRI11 Dordogne; 25 FRC21 Doubs; 26 FRK23 Drôme;
27 FRD21 Eure; 28 FRB02 Eure-et-Loir; 29 FRH02 Finistère; 30 FRJ12 Gard; 31 FRJ23 Haute-Garonne; 32 FRJ24 Gers;
33 FRI12 Gironde; 34 FRJ13 Hérault; 35 FRH03 Ille-et-Vilaine; 36 FRB03 Indre; 37 FRB04 Indre-et-Loire;
38 FRK24 Isère; 39 FRC22 Jura; 40 FRI13 Landes; 41 FRB05 Loir-et-Cher; 42 FRK25 Loire; 43 FRK13 Haute-Loire;
44 FRG01 Loire-Atlantique; 45 FRB06 Loiret; 46 FRJ25 Lot; 47 FRI14 Lot-et-Garonne; 48 FRJ14 Lozère;
49 FRG02 Maine-et-Loire; 50 FRD12 Manche; 51 FRF23 Marne; 52 FRF24 Haute-Marne; 53 FRG03 Mayenne;
54 FRF31 Meurthe-et-Moselle; 55 FRF32 Meuse; 56 FRH04 Morbihan; 57 FRF33 Moselle; 58 FRC12 Nièvre; 59 FRE11 Nord;
60 FRE22 Oise; 61 FRD13 Orne; 62 FRE12 Pas-de-Calais; 63 FRK14 Puy-de-Dôme; 64 FRI15 Pyrénées-Atlantiques;
65 FRJ26 Hautes-Pyrénées; 66 FRJ15 Pyrénées-Orientales; 67 FRF11 Bas-Rhin; 68 FRF12 Haut-Rhin; 69 FRK26 Rhône;
70 FRC23 Haute-Saône; 71 FRC13 Saône-et-Loire; 72 FRG04 Sarthe; 73 FRK27 Savoie; 74 FRK28 Haute-Savoie;
75 FR101 Paris; 76 FRD22 Seine-Maritime; 77 FR102 Seine-et-Marne; 78 FR103 Yvelines; 79 FRI33 Deux-Sèvres;
80 FRE23 Somme; 81 FRJ27 Tarn; 82 FRJ28 Tarn-et-Garonne; 83 FRL05 Var; 84 FRL06 Vaucluse; 85 FRG05 Vendée;
86 FRI34 Vienne; 87 FRI23 Haute-Vienne; 88 FRF34 Vosges; 89 FRC14 Yonne; 90 FRC24 Territoire de Belfort;
91 FR104 Essonne; 92 FR105 Hauts-de-Seine; 93 FR106 Seine-Saint-Denis; 94 FR107 Val-de-Marne;
95 FR108 Val-d’Oise; 971 FRY10 Guadeloupe; 972 FRY20 Martinique; 973 FRY30 Guyane; 974 FRY40 La Réunion;
976 FRY50 Mayotte"""
DEPARTEMENTS: dict[str, tuple[str, str]] = {number: (code, name) for number, code, name in (
    entry.split(" ", 2) for entry in " ".join(_TABLE.split()).split("; "))}
#: What a `county_numbers = "FR"` cell may be, for messages.
FRENCH_NUMBERS_READ = ("a département number, 01-95 (Corsica 2A, 2B) or 971-974, 976, or a postcode, 01000-95999 "
                       "or 97100-97499 (not 97133 Saint-Barthélemy, 97150 Saint-Martin), 97600-97699")
#: Postcodes with Guadeloupe's prefix of places that are no longer in it: Saint-Barthélemy, Saint-Martin.
_LEFT_GUADELOUPE = ("97133", "97150")


def is_french_number(cell: str) -> bool:
    """A cell a `county_numbers = "FR"` column reads as a number: digits, or Corsica's `2A` / `2B` (a name, `Isère`,
    is read as a region name, as in any region column)."""
    return cell.isascii() and (cell.isdigit() or cell.upper() in ("2A", "2B"))


def departement_of(cell: str) -> str | None:
    """INSEE's number of the département a cell numbers, by its own number or by a postcode in it, or None.

    >>> [departement_of(c) for c in ("38", "7", "2a", "974", "38000", "1000", "20090", "20200", "97411")]
    ['38', '07', '2A', '974', '38', '01', '2A', '2B', '974']
    >>> [departement_of(c) for c in ("20", "96", "975", "038", "97133", "98000", "20700", "123456")]
    [None, None, None, None, None, None, None, None]
    """
    cell = cell.upper()
    if not is_french_number(cell) or len(cell) > 5 or cell in _LEFT_GUADELOUPE:
        return None
    if len(cell) <= 3:
        number = cell.zfill(2)
    else:
        postcode = cell.zfill(5)
        corsica = "2A" if postcode[:3] in ("200", "201") else "2B" if "202" <= postcode[:3] <= "206" else None
        number = postcode[:3] if postcode.startswith("97") else corsica if postcode.startswith("20") else postcode[:2]
    return number if number in DEPARTEMENTS else None


def _region_of(cell: str) -> str | None:
    return DEPARTEMENTS[number][0] if (number := departement_of(cell)) else None


def _said(cells: list[str]) -> str:
    """`mapping new`'s words for a column: `FR's postcodes`, `FR's département numbers` or both."""
    postcodes = sum(len(cell) >= 4 for cell in cells)
    return "FR's " + ("postcodes" if postcodes == len(cells) else "département numbers and postcodes" if postcodes
                      else "département numbers")


FRANCE = CountyScheme("FR", "département", "département number or postcode",
                      "département numbers or postcodes", FRENCH_NUMBERS_READ, DEPARTEMENTS,
                      _region_of, is_french_number, _said, foreign_cells_are_theirs=True)
