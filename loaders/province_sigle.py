"""Italian provinces: a cell of a `county_numbers = "IT"` region column, a province's sigla (`MI`, `TO`, `MB`, `FC`),
read as the province's NUTS 3 region.

An Italian register writes each member's place as its province's sigla, the two letters of its number plates and of
ISO 3166-2:IT without `IT-`; read as region names, `MI` and `BO` became national regions off the Map (and `AL`, `AT`,
`BG` read as Albania, Austria, Bulgaria in the notes). Italy's NUTS 3 regions are its 107 provinces and metropolitan
cities, one sigla each (Aosta's `AO` is the Valle d'Aosta region, which has no province). The table is NUTS 2024's
and is checked against both bundled GISCO NUTS files (tests/test_province_sigle.py): their Italian codes are the
same, and only ITF65's name differs (NUTS 2021 `Reggio di Calabria`, 2024 `Reggio Calabria`). Both files still have
Sardinia's five provinces of 2016 (Sassari, Nuoro, Cagliari, Oristano, Sud Sardegna; the regional reform of 2021 is in
neither), so a sigla of the provinces abolished in 2016, which older registers still write, is the province that
holds it now: `OT` Olbia-Tempio is Sassari (ITG2D), `OG` Ogliastra Nuoro (ITG2E), `CI` Carbonia-Iglesias and `VS`
Medio Campidano are Sud Sardegna (ITG2H); `FO`, Forlì's before Rimini left it in 1992, is Forlì-Cesena, and `PS`,
Pesaro e Urbino's old plate, PU. `EE` (Escursionisti Esteri, abroad) and any other two letters name no province: a
row of Italy is refused.
"""

from __future__ import annotations

from loaders.county_scheme import CountyScheme

__all__ = ["PROVINCES", "EARLIER_SIGLE", "SIGLE_READ", "ITALY", "is_sigla", "province_of"]

#: Sigla -> (NUTS 3 code, the province's name as NUTS 2024 writes it), one `sigla code name` each.
_TABLE = """TO ITC11 Torino; VC ITC12 Vercelli; BI ITC13 Biella; VB ITC14 Verbano-Cusio-Ossola; NO ITC15 Novara;
CN ITC16 Cuneo; AT ITC17 Asti; AL ITC18 Alessandria; AO ITC20 Valle d’Aosta/Vallée d’Aoste; IM ITC31 Imperia;
SV ITC32 Savona; GE ITC33 Genova; SP ITC34 La Spezia; VA ITC41 Varese; CO ITC42 Como; LC ITC43 Lecco;
SO ITC44 Sondrio; BG ITC46 Bergamo; BS ITC47 Brescia; PV ITC48 Pavia; LO ITC49 Lodi; CR ITC4A Cremona;
MN ITC4B Mantova; MI ITC4C Milano; MB ITC4D Monza e della Brianza; AQ ITF11 L’Aquila; TE ITF12 Teramo;
PE ITF13 Pescara; CH ITF14 Chieti; IS ITF21 Isernia; CB ITF22 Campobasso; CE ITF31 Caserta; BN ITF32 Benevento;
NA ITF33 Napoli; AV ITF34 Avellino; SA ITF35 Salerno; TA ITF43 Taranto; BR ITF44 Brindisi; LE ITF45 Lecce;
FG ITF46 Foggia; BA ITF47 Bari; BT ITF48 Barletta-Andria-Trani; PZ ITF51 Potenza; MT ITF52 Matera; CS ITF61 Cosenza;
KR ITF62 Crotone; CZ ITF63 Catanzaro; VV ITF64 Vibo Valentia; RC ITF65 Reggio Calabria; TP ITG11 Trapani;
PA ITG12 Palermo; ME ITG13 Messina; AG ITG14 Agrigento; CL ITG15 Caltanissetta; EN ITG16 Enna; CT ITG17 Catania;
RG ITG18 Ragusa; SR ITG19 Siracusa; SS ITG2D Sassari; NU ITG2E Nuoro; CA ITG2F Cagliari; OR ITG2G Oristano;
SU ITG2H Sud Sardegna; BZ ITH10 Bolzano-Bozen; TN ITH20 Trento; VR ITH31 Verona; VI ITH32 Vicenza; BL ITH33 Belluno;
TV ITH34 Treviso; VE ITH35 Venezia; PD ITH36 Padova; RO ITH37 Rovigo; PN ITH41 Pordenone; UD ITH42 Udine;
GO ITH43 Gorizia; TS ITH44 Trieste; PC ITH51 Piacenza; PR ITH52 Parma; RE ITH53 Reggio nell’Emilia; MO ITH54 Modena;
BO ITH55 Bologna; FE ITH56 Ferrara; RA ITH57 Ravenna; FC ITH58 Forlì-Cesena; RN ITH59 Rimini; MS ITI11 Massa-Carrara;
LU ITI12 Lucca; PT ITI13 Pistoia; FI ITI14 Firenze; PO ITI15 Prato; LI ITI16 Livorno; PI ITI17 Pisa; AR ITI18 Arezzo;
SI ITI19 Siena; GR ITI1A Grosseto; PG ITI21 Perugia; TR ITI22 Terni; PU ITI31 Pesaro e Urbino; AN ITI32 Ancona;
MC ITI33 Macerata; AP ITI34 Ascoli Piceno; FM ITI35 Fermo; VT ITI41 Viterbo; RI ITI42 Rieti; RM ITI43 Roma;
LT ITI44 Latina; FR ITI45 Frosinone"""
PROVINCES: dict[str, tuple[str, str]] = {sigla: (code, name) for sigla, code, name in (
    entry.split(" ", 2) for entry in " ".join(_TABLE.split()).split("; "))}
#: Sigle of provinces that are no more -> (the former province's name, the sigla of the province that holds it now).
EARLIER_SIGLE = {"OT": ("Olbia-Tempio", "SS"), "OG": ("Ogliastra", "NU"), "CI": ("Carbonia-Iglesias", "SU"),
                 "VS": ("Medio Campidano", "SU"), "FO": ("Forlì", "FC"), "PS": ("Pesaro", "PU")}
#: What a `county_numbers = "IT"` cell may be, for messages.
SIGLE_READ = ("a province's sigla, AG ... VV as in ISO 3166-2:IT (with or without IT-), and the former "
              f"{', '.join(sorted(EARLIER_SIGLE))}")


def _bare(cell: str) -> str:
    cell = cell.strip().upper()
    return cell[3:] if cell.startswith("IT-") else cell


def is_sigla(cell: str) -> bool:
    """A cell a `county_numbers = "IT"` column reads as a sigla: two letters (`MI`, `mi`, `IT-MI`); a name (`Milano`)
    is read as a region name, as in any region column."""
    bare = _bare(cell)
    return len(bare) == 2 and bare.isascii() and bare.isalpha()


def province_of(cell: str) -> str | None:
    """The NUTS 3 code of the province whose sigla `cell` is, or of the province that holds a former one, or None.

    >>> [province_of(c) for c in ("MI", "mb", "IT-BZ", "OT", "CI", "FO", "EE", "XX", "Milano")]
    ['ITC4C', 'ITC4D', 'ITH10', 'ITG2D', 'ITG2H', 'ITH58', None, None, None]
    """
    bare = _bare(cell) if is_sigla(cell) else ""
    bare = EARLIER_SIGLE[bare][1] if bare in EARLIER_SIGLE else bare
    return PROVINCES[bare][0] if bare in PROVINCES else None


def _abroad(cell: str) -> str:
    """`EE` (Escursionisti Esteri) in a row of Italy: the row's country is wrong, not the cell."""
    return (f"{cell!r} (Escursionisti Esteri) is abroad, and the row's country is IT: give the row's own country"
            if _bare(cell) == "EE" else "")


ITALY = CountyScheme("IT", "province", "province sigla", "province sigle", SIGLE_READ, PROVINCES, province_of, is_sigla,
                     lambda _: "IT's province sigle", refusal=_abroad, foreign_cells_are_theirs=True)
