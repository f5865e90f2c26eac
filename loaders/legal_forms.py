"""The legal forms a name may end in (AB, AS, Oy, AG, GmbH & Co KG, e.V., SA, BV, S.p.A. ...), one list for every rule.

Two rules set legal forms aside when they compare names: entity resolution (`loaders.entity_resolution`, through
`loaders.cluster_detection.name_key`) links a seed node to the CORDIS record of the same name and country, and the
note on near names (`loaders.generic_near_names`) says which new nodes of a user's table nearly share a name with
stored ones. They kept a list each, and the lists drifted: the note knew AG and KG, entity resolution did not, so the
note told a user that `Keba` was near CORDIS's `KEBA AG` while a seed `KEBA` stayed a node apart from it. One list,
here, keeps a name that one rule calls the same body from being another body to the other.

The forms are written as `loaders.cluster_detection.fold` writes them (lower case, punctuation a space: `e.V.` is
`e v`, `s.r.o.` is `s r o`, `GmbH & Co KG` is the forms `gmbh`, `co`, `kg` one after another). A multi-word form ends
in a single letter that is no form by itself, or in a form (`co kg`), so stripping trailing forms all at once
(`strip_legal_forms`, one regular expression) strips what taking them off one by one does.
"""

from __future__ import annotations

import re

__all__ = ["LEGAL_FORMS", "strip_legal_forms"]

LEGAL_FORMS: frozenset[str] = frozenset({
    # Nordic
    "ab", "aktiebolag", "as", "asa", "a s", "aps", "ivs", "fmba", "f m b a", "oy", "oyj", "ry", "rf", "ehf", "hf",
    # German and Austrian
    "ag", "gmbh", "ggmbh", "gesmbh", "mbh", "kg", "co", "co kg", "ohg", "og", "ev", "e v", "eg", "e g", "eu", "e u",
    "ug", "se",
    # English
    "ltd", "limited", "plc", "llc", "inc", "corp",
    # French, Belgian, Luxembourgish, Swiss
    "sa", "s a", "sas", "sarl", "asbl", "ets", "sr",
    # Dutch and Flemish
    "bv", "b v", "nv", "n v", "vzw",
    # Italian, Spanish
    "srl", "s r l", "spa", "s p a", "scarl", "sl", "s l",
    # Central and Eastern European, Japanese
    "kft", "doo", "d o o", "sro", "s r o", "sp z o o", "zs", "z s", "k k",
})

#: One or more trailing legal forms, each after a space (so a name that is only a form keeps it).
_TRAILING_FORMS = re.compile(
    "(?: (?:" + "|".join(sorted(map(re.escape, LEGAL_FORMS), key=len, reverse=True)) + "))+$")


def strip_legal_forms(folded: str) -> str:
    """`folded` (a name as `fold` writes it) without its trailing legal forms; its first word always stays.

    >>> strip_legal_forms("keba ag"), strip_legal_forms("poloplast gmbh co kg"), strip_legal_forms("ag")
    ('keba', 'poloplast', 'ag')
    """
    return _TRAILING_FORMS.sub("", folded)
