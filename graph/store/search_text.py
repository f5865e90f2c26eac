"""The folded text a node is found by, written with the node so a search needs no scan in Python.

Search ignores accents and case ("smaland" finds "Automation Småland"), and neither store folds
accents the same way (FalkorDB has no such function; Neo4j's full-text analysers differ by
configuration). So the writer stores `_search` on every node: its names (`node_search_text`: name, id,
acronym, aliases ...), folded, each between `|`. A query then asks with portable Cypher (`n._search CONTAINS $text`) and
can rank exact (`|text|`), prefix (`|text`) and word-prefix (` text`) matches. Like `_hash`, it is
bookkeeping: the adapters leave it out of what users see.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["SEARCH_PROPERTY", "fold", "search_text", "node_search_text", "spellings", "transliterated",
           "same_punctuation"]

SEARCH_PROPERTY = "_search"


#: Letters of their own that taking accents off leaves as they are, written as CORDIS and other registers write
#: them in ASCII (Miljø as MILJO, Næring as NAERING, Łódź as LODZ; ß casefolds to ss): folded so, a name or a search
#: written either way finds the other ("miljø-og" found nothing in Explore, NORGES MILJO-OG ... being CORDIS's).
OWN_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})


#: Apostrophes and dashes as one: names that differ only in them are one name. NUTS writes `Provence-Alpes-Côte
#: d’Azur` (a curly apostrophe) and `Centre — Val de Loire` (an em dash between spaces), a French table `Provence-Alpes-
#: Côte d'Azur` and `Centre-Val de Loire`, a user `Ile de France` for `Île-de-France`: the table's regions had been
#: made regions of their own, off the Map, and `--region` had not found NUTS's. Every apostrophe is written ', every
#: dash (hyphen, en and em dash, minus) a space, so spaces around a dash and a dash for a space fold alike.
PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "-": " ", "\u2010": " ", "\u2011": " ",
                             "\u2012": " ", "–": " ", "—": " ", "\u2015": " ", "−": " "})


def same_punctuation(text: Any) -> str:
    """`text` with its apostrophes and dashes written as `fold` writes them (`PUNCTUATION`), runs of white space made
    one space, nothing else changed (a find that keeps accents as typed: `graph.analytics.metric_places`).

    >>> same_punctuation("Centre — Val de Loire"), same_punctuation("Côte d’Azur")
    ('Centre Val de Loire', "Côte d'Azur")
    """
    return " ".join(str(text).translate(PUNCTUATION).split())


def fold(text: Any) -> str:
    """`text` without accents, case-folded, with runs of white space made one space, the letters of `OWN_LETTERS`
    as written in ASCII, and apostrophes and dashes as one (`PUNCTUATION`: a dash is a space).

    Examples
    --------
    >>> fold("  Norges  miljø-og biovitenskapelige ")
    'norges miljo og biovitenskapelige'
    >>> fold("Västra Götaland"), fold("Łódź"), fold("Straße"), fold("Næringsliv")
    ('vastra gotaland', 'lodz', 'strasse', 'naeringsliv')
    >>> fold("Provence-Alpes-Côte d’Azur") == fold("Provence-Alpes-Côte d'Azur")
    True
    >>> fold("Centre — Val de Loire"), fold("Centre-Val de Loire"), fold("Île-de-France"), fold("Ile de France")
    ('centre val de loire', 'centre val de loire', 'ile de france', 'ile de france')
    """
    text = str(text)
    if text.isascii():  # most names (CORDIS writes them in ASCII capitals): NFKD, accents and OWN_LETTERS change none
        return " ".join(text.lower().translate(PUNCTUATION).split())
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(OWN_LETTERS)
    return " ".join(kept.translate(PUNCTUATION).split())


def search_text(names: Iterable[Any]) -> str:
    """`|name|id|acronym|alias|` folded, empty values left out (see the module docstring); a name with ä, ö, ü, ø,
    å also as written with ae, oe, ue, oe, aa (`spellings`), so "Muenchen" finds "München" as "München" finds
    CORDIS's MUENCHEN.

    >>> search_text(["Technische Universität München", "TUM"])
    '|technische universitat munchen|technische universitaet muenchen|tum|'
    """
    folded = dict.fromkeys(form for n in names if n not in (None, "") for form in spellings(n))
    return "|" + "|".join(f for f in folded if f) + "|"


def node_search_text(node_id: str, props: dict[str, Any]) -> str:
    """The search text of the node `node_id` whose properties are `props`: its name, id, acronym, aliases, ISO
    code and local name (a country: its names in the languages of `graph.countries`; a NUTS region: the names its
    country's tables write, `graph.region_spellings`), a name in several languages
    also in its parts (`_parts`: "Suomi/Finland" is found as "suomi",
    "Trøndelag/Trööndelage" as "trondelag"; "osterreich" finds Österreich)."""
    aliases = props.get("aliases") or []
    name, local = props.get("name"), props.get("local_name")
    return search_text([name, *_parts(name), node_id, props.get("acronym"), props.get("short_name"),
                        *(aliases if isinstance(aliases, list) else [aliases]), local, *_parts(local),
                        *(props.get("own_ids") or ()),  # a table's own ids of a node it matched by name
                        props.get("iso_code"),  # a country's ISO code where NUTS differs: GR for EL, GB for UK
                        *(_country_names(node_id) if props.get("kind") == "Country" else ()),
                        *(_region_names(node_id, name) if props.get("kind") == "Region" else ())])


def _country_names(code: str) -> tuple[str, ...]:
    """A country's names in the languages a table may use ("tyskland", "deutschland", "allemagne" for DE), as the
    loaders read them (`graph.countries`): a query's `-p second=Tyskland` found no Country where the loader had
    read the same word in a table."""
    from graph.countries import spellings  # pycountry's names, read only when a country is written

    return spellings(code)


def _region_names(region_id: str, name: Any) -> tuple[str, ...]:
    """A NUTS region's names as its country's tables write them (`Pirkanmaan maakunta`, `Region Syddanmark`:
    `graph.region_spellings`), so a query's `area` or a `--region` given them finds it."""
    from graph.region_spellings import other_names

    return other_names(region_id, name if isinstance(name, str) else None)


#: Letters that names transliterate (CORDIS writes GOETEBORGS UNIVERSITET, HOEGSKOLAN, TECHNISCHE UNIVERSITAET
#: MUENCHEN) where `fold` drops the accent (göteborgs -> goteborgs, münchen -> munchen): a search tries the text
#: both ways, and a search text holds a name both ways (`spellings`). ß needs none: `fold` writes it ss.
_TRANSLITERATED = str.maketrans({"ö": "oe", "ä": "ae", "ü": "ue", "ø": "oe", "æ": "ae", "å": "aa",
                                 "Ö": "Oe", "Ä": "Ae", "Ü": "Ue", "Ø": "Oe", "Æ": "Ae", "Å": "Aa"})


def transliterated(text: Any) -> str:
    """`text` with ä, ö, ü, ø, æ, å written as German and Nordic names are in ASCII (ae, oe, ue, oe, ae, aa), its
    other letters as they are: only the letters a register writes so, never the other way round (an "ae" of
    Michael or Raphael is no ä).

    >>> transliterated("Friedrich-Alexander-Universität Erlangen-Nürnberg"), transliterated("Tromsø")
    ('Friedrich-Alexander-Universitaet Erlangen-Nuernberg', 'Tromsoe')
    """
    return unicodedata.normalize("NFC", str(text)).translate(_TRANSLITERATED)  # NFC: a ü typed as u + diaeresis


def spellings(text: Any) -> list[str]:
    """The folded forms a search looks for: `fold(text)`, and the text with ö, ä, ü, ø, æ, å written as oe, ae,
    ue, oe, ae, aa when it holds them ("Göteborgs univ" finds GOETEBORGS UNIVERSITET; `transliterated`)."""
    plain = fold(text)
    if str(text).isascii():
        return [plain]
    written = fold(transliterated(text))
    return [plain] + ([written] if written != plain else [])


def _parts(text: Any) -> list[str]:
    """The parts of a name given in several languages ("Bruxelles/Brussel"); none for a name whose slash does not
    part names ("Novo Nordisk A/S": a part shorter than three letters)."""
    if not isinstance(text, str) or "/" not in text:
        return []
    parts = [part.strip() for part in text.split("/")]
    return parts if all(len(part) >= 3 for part in parts) else []
