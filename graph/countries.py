"""A country as users write it (`NO`, `NOR`, `Norway`, `Norge`, `Deutschland`) -> the code the store keys it by.

National tables name countries in their own language. `pycountry` holds the ISO 3166 codes and the
English names, and its translations (the Debian iso-codes project) give each country's name in the
languages below, so `Norge`, `Noreg`, `Sverige`, `Suomi`, `Deutschland` and `Danmark` need no table
of ours. The few names no translation has (`Great Britain`, `Holland`) are in `_OTHER_NAMES`.

The result is the code the CORDIS and NUTS files write, which the store keys `Country` nodes by and
every feature reads: ISO 3166 alpha-2, except Greece `EL` and the United Kingdom `UK` (the EU's
codes; `GR` and `GB` are read as those). A name two languages give to different countries is left out
rather than guessed.
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata

import pycountry

from graph.values import BadValue

__all__ = ["country_code", "iso_code", "spellings", "names_of", "subdivision_name", "LANGUAGES"]

#: Languages whose country names are read: the Nordic ones, the big EU ones and the Baltic ones.
LANGUAGES = ("nb", "nn", "sv", "da", "fi", "is", "de", "fr", "nl", "es", "it", "pt", "pl", "et", "lv", "lt")
#: EU-style codes where ISO 3166 differs (the store's keys): ISO code -> EU code.
_EU_CODES = {"GR": "EL", "GB": "UK"}


def iso_code(eu_code: str) -> str:
    """ISO 3166 alpha-2 code of a store's (EU-style) country code (EL -> GR, UK -> GB).

    >>> iso_code("EL"), iso_code("SE")
    ('GR', 'SE')
    """
    return next((iso for iso, eu in _EU_CODES.items() if eu == eu_code), eu_code)


#: Names users write that neither ISO 3166 nor its translations spell (lower case).
_OTHER_NAMES = {"great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB", "holland": "NL",
                "czech republic": "CZ", "the netherlands": "NL", "russia": "RU", "south korea": "KR",
                "storbritannia": "GB", "storbritannien": "GB", "tsjekkia": "CZ", "tjeckien": "CZ"}


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@functools.cache
def _names() -> dict[str, str]:
    """Every known spelling (case-folded) -> ISO alpha-2; a spelling claimed by two countries is dropped."""
    found: dict[str, set[str]] = {}
    translations = []
    for language in LANGUAGES:
        try:
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]))
        except OSError:  # a language the installed pycountry lacks: its names are simply not read
            continue
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        spellings = {s for s in english if s}
        spellings |= {t.gettext(s) for t in translations for s in list(spellings)}
        for spelling in spellings:
            found.setdefault(_key(spelling), set()).add(country.alpha_2)
    names = {name: codes.pop() for name, codes in found.items() if len(codes) == 1}
    names.update((name, code) for name, code in _OTHER_NAMES.items())
    return names


@functools.lru_cache(maxsize=4096)  # a table repeats its few countries on every row
def country_code(text: str) -> str:
    """The store's code of a country given by ISO alpha-2 or alpha-3 code, EU code, or English or local name.

    >>> country_code("Norge"), country_code("nor"), country_code("Deutschland"), country_code("GR")
    ('NO', 'NO', 'DE', 'EL')

    Raises `BadValue` naming what was given.
    """
    key = _key(str(text))
    upper = key.upper()
    code = None
    if len(upper) == 2 and upper.isalpha():
        code = "GR" if upper == "EL" else "GB" if upper == "UK" else upper
        if pycountry.countries.get(alpha_2=code) is None and code != "XK":
            code = None
    elif len(upper) == 3 and upper.isalpha() and (found := pycountry.countries.get(alpha_3=upper)):
        code = found.alpha_2
    code = code or _names().get(key)
    if code is None:
        raise BadValue(f"expected a country (a code such as NO or NOR, or a name such as Norway or Norge), "
                       f"got {text!r}")
    return _EU_CODES.get(code, code)


@functools.cache
def _spellings_by_code() -> dict[str, tuple[str, ...]]:
    by_code: dict[str, list[str]] = {}
    for name, code in _names().items():
        by_code.setdefault(_EU_CODES.get(code, code), []).append(name)
    return {code: tuple(sorted(names)) for code, names in by_code.items()}


def spellings(code: str) -> tuple[str, ...]:
    """Every name the country with the store's `code` is known by (case-folded), for a search by any of them.

    >>> "sverige" in spellings("SE") and "sweden" in spellings("SE")
    True
    """
    return _spellings_by_code().get(code.upper(), ())


def names_of(key: str, name: str) -> tuple[str, ...]:
    """What a search for a node may match: its name, and for a country (`Country:SE`) every name it goes by, so that
    "Sverige" finds Sweden wherever a node is found by name (a choice list, the Metrics ranking).

    >>> "sverige" in names_of("Country:SE", "Sweden"), names_of("Cluster:iot", "IoT World")
    (True, ('IoT World',))
    """
    return (name, *spellings(key.split(":", 1)[1])) if key.startswith("Country:") else (name,)



_SUBDIVISION = re.compile(r"[A-Z]{2}-[0-9A-Z]{1,3}")
_NOTE = re.compile(r"\s*\[[^]]*\]$")  # iso-codes writes Sweden's county numbers after the name: `... län [SE-14]`


def subdivision_name(cell: str, country: str) -> str | None:
    """The name of the ISO 3166-2 subdivision `cell` of the store's `country` code (`SE-O`: Västra Götalands län,
    `NO-46`: Vestland); None for any other cell, or a code of another country.

    Registers write a county by its code; read as a name, `SE-O` had become the national region `SE-SE-O`, off the
    Map, where its name finds its NUTS region.

    >>> subdivision_name("SE-O", "SE"), subdivision_name("NO-46", "NO"), subdivision_name("NO-46", "SE")
    ('Västra Götalands län', 'Vestland', None)
    """
    iso = {eu: iso for iso, eu in _EU_CODES.items()}.get(country, country)
    if not _SUBDIVISION.fullmatch(cell) or cell[:2] != iso:
        return None
    found = pycountry.subdivisions.get(code=cell)
    return _NOTE.sub("", found.name) if found is not None else None
