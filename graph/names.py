"""The name rule: when two names are one body's, legal forms and association words set aside.

Entity resolution (`loaders.entity_resolution`), the known clusters (`loaders.cluster_detection`) and the resolver of
typed names (`graph.store.resolve`) compare names by `name_key`, so a name one of them calls a body's is that body's
to the others: a load's `Odense Robotics` links to CORDIS's `FORENINGEN ODENSE ROBOTICS`, and `recommend --for
"Odense Robotics"` takes it too. It lives in `graph/` because the resolver may not import `loaders/`.
"""

from __future__ import annotations

import re
import unicodedata

from graph.legal_forms import strip_legal_forms

__all__ = ["fold", "name_key"]

_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_NOT_ALNUM_OR_AMPERSAND = re.compile(r"[^a-z0-9&]+")


def fold(text: str | None, *, ampersand: bool = False) -> str:
    """Lower case, accents and Nordic letters folded to ASCII, anything else than letters and digits
    a single space: ``fold("Pôle de Compétitivité")`` is ``"pole de competitivite"``. With `ampersand`, an `&`
    stays as a word of its own (``"gmbh & co kg"``), so `graph.legal_forms` can tell `& Co` from `Co`."""
    text = (text or "").lower()
    if not text.isascii():  # ASCII text has nothing to fold or decompose (most names: the fast path)
        text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
        text = "".join(c for c in text if not unicodedata.combining(c))
    if ampersand and "&" in text:
        return " ".join(_NOT_ALNUM_OR_AMPERSAND.sub(" ", text.replace("&", " & ")).split())
    return " ".join(_NOT_ALNUM.sub(" ", text).split())


def name_key(name: str | None) -> str:
    """The key two names must share to be the same body: `fold` without the legal forms that end it (AB, AS, AG,
    e.V., GmbH & Co KG: `graph.legal_forms`, the one list entity resolution and the note on near names use) and
    the association words that start or end it (Foreningen, ry, Verein).

    >>> name_key("FORENINGEN ODENSE ROBOTICS"), name_key("Odense Robotics Solutions ApS")
    ('odense robotics', 'odense robotics solutions')
    """
    return strip_legal_forms(fold(name, ampersand=True))
