"""The legal forms a name may end in (AB, AS, Oy, AG, GmbH & Co KG, e.V., SA, BV, S.p.A. ...), one list for every rule.

Three rules set legal forms aside when they compare names: entity resolution (`loaders.entity_resolution`, through
`graph.names.name_key`) links a seed node to the CORDIS record of the same name and country, and the note on near
names (`loaders.generic_near_names`) says which new nodes of a user's table nearly share a name with stored ones; and
`graph.store.resolve` takes, of several nodes a typed name finds, the one so named. The first two kept a list each,
and the lists drifted: the note knew AG and KG, entity resolution did not, so the note told a user that `Keba` was
near CORDIS's `KEBA AG` while a seed `KEBA` stayed a node apart from it. One list, here, keeps a name that one rule
calls the same body from being another body to the other.

The forms are written as `graph.names.fold` writes them with ``ampersand=True`` (lower case,
punctuation a space, `&` a word of its own: `e.V.` is `e v`, `S.A.S.` is `s a s`, `GmbH & Co KG` is the forms
`gmbh`, `& co`, `kg` one after another). Only the end of a name is a legal form, and some of its words are ordinary
words too: Danish and Norwegian `og` is "and", `SE` is Sweden and `EU` the Union, `co` starts "co-creation". So:

* a form is set aside only in the run of forms that ends the name (`SAP SE`, `Poloplast GmbH & Co KG`), never in
  the middle (`Dansk Robot og Automation`, `EU Robotics`), and the first word always stays;
* `og` (Austria's OG), `se` (Societas Europaea), `eu` (Austria's e.U. as CORDIS writes it), `inc`, `sapa` (Italy's
  S.a.p.a.) and `sc` (Poland's s.c., spółka cywilna, undotted: also a word of names) count only as the last word of a
  name or as the general partner's form before `& Co` (`Sievert SE & Co KG`): `Susmetro EU BV` keeps its `EU`, while
  `SAP SE` and `Strateco OG` lose their form;
* `co` is a form only as a whole: `& Co` (`J. Krebs & Co A/S`), `Co KG`, `Co OG`, `Co OHG`, `Co Ltd`, `Co Limited`,
  `Co Inc`; `Simplon.co` keeps it.

Association words are set aside too (`ASSOCIATION_WORDS`), at the start of a name or at its end, the last word
staying: a Danish member list's `Odense Robotics` had become a second cluster beside CORDIS's `FORENINGEN ODENSE
ROBOTICS`. Danish and Norwegian `Foreningen`, Swedish `Föreningen` / `Ideell förening`, Finnish `ry` / `yhdistys`,
German `e.V.` / `Verein`, Dutch `Vereniging` and French `Association` (first only: English names end in it).
"""

from __future__ import annotations

import re

__all__ = ["LEGAL_FORMS", "LAST_ONLY", "ASSOCIATION_WORDS", "strip_legal_forms"]

#: Words that are legal forms only as a name's last word or before `& Co` (see the module docstring).
LAST_ONLY: frozenset[str] = frozenset({"og", "se", "eu", "inc", "sapa", "sc"})

LEGAL_FORMS: frozenset[str] = LAST_ONLY | frozenset({
    # Nordic
    "ab", "aktiebolag", "as", "asa", "a s", "aps", "ivs", "fmba", "f m b a", "oy", "oyj", "ry", "rf", "ehf", "hf",
    # German and Austrian
    "ag", "gmbh", "g m b h", "ggmbh", "gesmbh", "ges m b h", "mbh", "m b h", "kg", "ohg", "ev", "e v", "eg", "e g",
    "e u", "ug",
    # a partnership's `& Co`, and the forms `co` is part of
    "& co", "co kg", "co og", "co ohg", "co ltd", "co limited", "co inc",
    # English
    "ltd", "limited", "plc", "llc", "corp",
    # French, Belgian, Luxembourgish, Swiss
    "sa", "s a", "sas", "s a s", "sarl", "s a r l", "asbl", "a s b l", "ets", "e t s", "sr",
    # Dutch and Flemish
    "bv", "b v", "nv", "n v", "vzw",
    # Italian (S.C.p.A. and S.Cons.p.A. consortia, S.c.a.r.l., S.n.c., S.a.p.a., written out too)
    "srl", "s r l", "srls", "spa", "s p a", "scpa", "s c p a", "s cons p a", "scarl", "s c a r l", "scrl", "s c r l",
    "snc", "s n c", "s a p a", "societa per azioni", "societa consortile per azioni",
    "societa a responsabilita limitata", "societa consortile a responsabilita limitata",
    # Spanish and Catalan, as written and as CORDIS writes them (SOCIEDAD LIMITADA, S COOP, SOCIEDAD COOPERATIVA, SLU,
    # SAU, AIE, SCCL; `SA SOCIEDAD UNIPERSONAL`); not Fundación, part of a foundation's name
    "sl", "s l", "slu", "s l u", "sau", "s a u", "sll", "s l l", "s a l", "slne", "s l n e", "s coop", "scoop",
    "sociedad limitada", "sociedad anonima", "sociedad limitada laboral", "sociedad anonima laboral",
    "sociedad de responsabilidad limitada", "sociedad cooperativa", "sociedad unipersonal", "unipersonal", "aie",
    "a i e", "agrupacion de interes economico", "sccl", "s c c l", "societat cooperativa catalana limitada",
    "societat limitada", "societat anonima",
    # Polish, as written and as CORDIS writes them (SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA, SP ZOO, SPOLKA AKCYJNA,
    # some with a space lost), and P.S.A., sp.k., sp.j., S.K.A.; Central and Eastern European, Japanese
    "sp z o o", "sp zoo", "sp z oo", "spolka z o o", "spolka zoo", "spolka z ograniczona odpowiedzialnoscia",
    "spolka z ograniczonaodpowiedzialnoscia", "spolka zograniczona odpowiedzialnoscia", "spolka akcyjna", "p s a",
    "prosta spolka akcyjna", "sp k", "spolka komandytowa", "s k a", "spolka komandytowo akcyjna", "sp j",
    "spolka jawna", "spolka cywilna", "s c", "kft", "doo", "d o o", "sro", "s r o", "zs", "z s", "k k",
})


#: Association words, folded, set aside at the start of a name (all) or at its end (all but `association`).
ASSOCIATION_WORDS: frozenset[str] = frozenset({"foreningen", "forening", "ideell forening", "ideella foreningen",
                                               "yhdistys", "verein", "vereniging", "association"})


def _either(forms: frozenset[str]) -> str:
    return "|".join(sorted(map(re.escape, forms), key=len, reverse=True))


#: The run of legal forms that ends a name, each after a space (so the first word stays); a word of `LAST_ONLY`
#: only at the very end or before a partnership's `& Co` / `Co KG`.
_BEFORE_PARTNERSHIP = "(?=$| & co(?: |$)| co (?:kg|og|ohg)(?: |$))"
_TRAILING_FORMS = re.compile(
    f"(?: (?:{_either(LEGAL_FORMS - LAST_ONLY)}|(?:{_either(LAST_ONLY)}){_BEFORE_PARTNERSHIP}))+$")
_LEADING_ASSOCIATION = re.compile(f"^(?:(?:{_either(ASSOCIATION_WORDS)}) )+(?=[^ ])")
_TRAILING_ASSOCIATION = re.compile(f"(?: (?:{_either(ASSOCIATION_WORDS - {'association'})}))+$")
_LEADING_AMPERSANDS = re.compile(r"^(?:& ?)+")
_AMPERSAND = re.compile(r" &(?= |$)")


def strip_legal_forms(folded: str) -> str:
    """`folded` (a name as `fold` writes it, best with ``ampersand=True``) without the run of legal forms it ends in;
    its first word always stays, and no `&` is left.

    >>> strip_legal_forms("keba ag"), strip_legal_forms("poloplast gmbh & co kg"), strip_legal_forms("ag")
    ('keba', 'poloplast', 'ag')
    >>> strip_legal_forms("susmetro eu bv"), strip_legal_forms("keysight technologies france s a s")
    ('susmetro eu', 'keysight technologies france')
    >>> strip_legal_forms("foreningen odense robotics"), strip_legal_forms("robo yhdistys ry")
    ('odense robotics', 'robo')
    >>> strip_legal_forms("verein")
    'verein'
    """
    if "&" in folded:
        folded = _AMPERSAND.sub("", _TRAILING_FORMS.sub("", _LEADING_AMPERSANDS.sub("", folded)))
    else:
        folded = _TRAILING_FORMS.sub("", folded)
    if (bare := _TRAILING_ASSOCIATION.sub("", folded)) != folded:  # `Robo yhdistys ry`: its forms, then the word
        folded = _TRAILING_FORMS.sub("", bare)
    return _LEADING_ASSOCIATION.sub("", folded)
