"""The `sme` line `mapping new` writes for a column saying whether each organisation is an SME.

A yes / no column (`PME (oui/non)`: `non`) is read as it is. A register's size column says it in words of its own:
an Italian cluster register's `dimensione` holds `PMI` (piccole e medie imprese) or `Grande impresa`, and had been
left "not used", its members' SME label lost. Where every cell is an SME word or a large company's word, the line
recodes them (`values = { "PMI" = "yes", "Grande impresa" = "no" }`, as docs/mapping.md shows a recode of a `bool`
column); other words (`Piccola`, `Media`) leave the column unused, for the user.
"""

from __future__ import annotations

from graph.values import is_yes_no
from loaders.csv_header import header_word
from loaders.table_cells import SAMPLE, as_toml

__all__ = ["SIZE_HEADERS", "sme_line"]

#: Header words of a company's size: a column that may say SME or large in words (`dimensione`, `storlek`).
SIZE_HEADERS = ("dimensione", "dimensioneimpresa", "classedimensionale", "size", "companysize", "storlek",
                "størrelse", "koko", "größe", "taille", "tailleentreprise", "wielkośćprzedsiębiorstwa", "wielkość",
                "wielkośćfirmy", "tamaño", "tamañodeempresa", "tamany", "virksomhedstype",
                "virksomhedsstørrelse", "virksomhetstype", "företagstyp", "foretagstyp", "företagsstorlek",
                "yritystyyppi", "yrityskoko")
#: Cells (as header words are written) that say an SME, and a large company.
SME_WORDS = frozenset({"pmi", "sme", "pme", "kmu", "smf", "smv", "smb", "pkyritys", "piccolaimpresa",
                       "mediaimpresa", "microimpresa", "piccolaemediaimpresa", "msp", "mikro", "małe", "średnie",
                       "mikroprzedsiębiorstwo", "małeprzedsiębiorstwo", "średnieprzedsiębiorstwo", "malý", "malá",
                       "střední", "stredný", "stredná", "mikropodnik", "kkv", "kis", "közepes", "kisvállalkozás",
                       "középvállalkozás", "mikrovállalkozás", "pyme", "micro", "microempresa", "pequeña",
                       "pequeñaempresa", "mediana", "medianaempresa", "petita", "mitjana", "pk",
                       "pienyritys", "keskisuuryritys", "mikroyritys", "småogmellemstore", "småogmellomstore",
                       "småochmedelstora", "småogmellemstorevirksomheder", "småogmellomstorebedrifter",
                       "småochmedelstoraföretag", "smvvirksomhed", "småföretag", "småbedrift", "småvirksomhed"})
LARGE_WORDS = frozenset({"grandeimpresa", "grande", "large", "largeenterprise", "largecompany", "stort", "stor",
                         "storforetag", "storföretag", "storvirksomhed", "storvirksomhet", "storbedrift",
                         "grandeentreprise", "großunternehmen", "grossunternehmen", "suuryritys",
                         "duże", "dużeprzedsiębiorstwo", "velký", "velká", "veľký", "veľká",
                         "velkýpodnik", "nagy", "nagyvállalat", "granempresa", "grandeempresa", "gran"})


def sme_line(rows: list[dict], column: str) -> str | None:
    """`sme = { column = ..., type = "bool" }` for a column of yes / no words, with a `values` recode for one of
    SME and large words; None when other words are in it (the column stays unused).

    >>> sme_line([{"d": "PMI"}, {"d": "Grande impresa"}, {"d": "pmi"}], "d")
    'sme = { column = "d", type = "bool", values = { "PMI" = "yes", "Grande impresa" = "no" } }  #? PMI: a small or \
medium-sized enterprise (labelled SME after the load); Grande impresa: not'
    >>> sme_line([{"d": "Piccola"}], "d") is None
    True
    """
    cells = [cell for row in rows[:SAMPLE] if (cell := str(row.get(column) or "").strip())]
    if cells and all(is_yes_no(cell) for cell in cells):
        return (f'sme = {{ column = {as_toml(column)}, type = "bool" }}  #? yes / no: a small or medium-sized '
                "enterprise (labelled SME after the load)")
    words: dict[str, str] = {}
    for cell in cells:
        words.setdefault(header_word(cell), cell)  # each word as first written: a recode reads any case
    if not cells or not set(words) <= SME_WORDS | LARGE_WORDS:
        return None
    recode = {cell: "yes" if word in SME_WORDS else "no" for word, cell in words.items()}
    said = [f"{', '.join(c for c, v in recode.items() if v == yes)}{what}" for yes, what in (
        ("yes", ": a small or medium-sized enterprise (labelled SME after the load)"), ("no", ": not"))
        if yes in recode.values()]
    values = ", ".join(f"{as_toml(cell)} = {as_toml(value)}" for cell, value in recode.items())
    return f'sme = {{ column = {as_toml(column)}, type = "bool", values = {{ {values} }} }}  #? {"; ".join(said)}'
