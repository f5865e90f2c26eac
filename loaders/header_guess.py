"""Which header holds which column, read from the header words (`mapping new`'s guesses, for both templates).

A header equal to one of a column's words is a sure guess, a header holding one (of 5 letters or more) a likely
one. A header shaped as an id (`Cluster-ID`, `Partner ID`, `project_id`: `csv_header.id_entity`) is the id of what
its first part names, before any other guess: a member list's `Cluster-ID` had been left out, its `Clustername`
cells made the clusters' ids, and an id header is never taken for a name or title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.csv_header import SECOND_CHOICE, WHOLE_ONLY, header_word, id_entity

#: A header's words in brackets, what it says besides its name: `PME (oui/non)`, `Tildelt (NOK)`.
_ASIDE = re.compile(r"\([^)]*\)")

__all__ = ["PARTICIPATION_IDS", "guess_by_words"]

#: The participation preset's columns -> the column holding their ids: a `Projekt-ID` is the project's id, a
#: `Partner-ID` the organisation's (it had been guessed as the organisation's name).
PARTICIPATION_IDS = {"project_id": "project_id", "project_title": "project_id", "project_acronym": "project_id",
                     "organisation_id": "organisation_id", "organisation_name": "organisation_id",
                     "participation_key": "participation_key"}


def guess_by_words(headers: Iterable[str], words_of: dict[str, tuple[str, ...]],
                   ids_of: dict[str, str] | None = None) -> dict[str, str]:
    """Each name of `words_of` -> the header that most likely holds it: a header equal to one of its words is a
    sure guess (so is a nested JSON column whose last part is: `adresse.land`), a header holding one (of 5
    letters or more) a likely one; each header used once. `ids_of` maps a name to the name of its id (which
    `words_of` need not list): an id header whose first part is a word of that name is its id, surest of all,
    and an id header is guessed for ids only.

    >>> guess_by_words(["Cluster-ID", "Clustername", "Firmenbuchnummer"], {"id": ("firmenbuchnummer",
    ...                "clusterid"), "cluster": ("cluster", "clustername")}, {"cluster": "cluster_id"})
    {'cluster_id': 'Cluster-ID', 'id': 'Firmenbuchnummer', 'cluster': 'Clustername'}
    """
    ids_of = ids_of or {}
    id_names = set(ids_of.values())
    scored = []
    for header in headers:
        word = header_word(header)
        last = header_word(header.rsplit(".", 1)[-1])  # a JSON object's field: `adresse.land` is a `land`
        aside = header_word(_ASIDE.sub("", header))  # what a header says without its brackets: `PME (oui/non)`
        entity = id_entity(header)
        owner = next((name for name, words in words_of.items() if entity in words and name in ids_of), None) \
            if entity else None
        if owner is not None:
            scored.append((3, len(entity), ids_of[owner], header))
            continue
        for name, words in words_of.items():
            if entity and name not in id_names:
                continue  # ids, not names
            if word in words or last in words or aside in words:
                said = word if word in words else last if last in words else aside
                scored.append((2, 0 if said in SECOND_CHOICE.get(name, ()) else len(said), name, header))
            elif best := max((len(w) for w in words if len(w) >= 5 and w in word and w not in WHOLE_ONLY),
                           default=0):
                scored.append((1, best, name, header))
    guessed: dict[str, str] = {}
    for _, _, name, header in sorted(scored, key=lambda s: s[:2], reverse=True):
        if name not in guessed and header not in guessed.values():
            guessed[name] = header
    return guessed
