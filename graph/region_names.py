"""The regions a mistyped region nearly names, for a refusal's did-you-mean (`metrics compute --region`).

A region's name is often several words ("Småland med öarna", "Västerbottens län") and an officer types one of
them, misspelt ("Smaaland", "Vasterboten"): the whole name is then too far for `graph.nearest` to offer it, so
each word of a name is a spelling of its region too. A code ("SE3" where the store holds SE1 and SE2) is near
the codes of its country at its level, which differ by one character: they are offered first, under a looser
cutoff.
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.nearest import NEAR, nearest
from graph.store.search_text import fold

__all__ = ["near_regions"]

#: How alike a typed code and a stored one must be: SE3 and SE2 (0.67 by graph.nearest's ratio) are near, not NO0A2.
_NEAR_CODE = 0.6


def near_regions(regions: Mapping[str, str], text: str, most: int = 3) -> list[str]:
    """The ids of up to `most` of `regions` (id -> name) that `text` nearly names, by a whole name, a word of a
    name (four letters or more) or a code; closest first, accents and case ignored.

    >>> regions = {"SE21": "Småland med öarna", "SE23": "Västsverige", "SE1": "Östra Sverige", "SE2": "Södra Sverige"}
    >>> near_regions(regions, "Smaaland"), near_regions(regions, "SE3"), near_regions(regions, "Narnia")
    (['SE21'], ['SE2', 'SE1', 'SE23'], [])
    """
    typed = fold(text)
    spelt: dict[str, list[str]] = {}
    for region_id, name in regions.items():
        words = fold(name).split()
        for spelling in (fold(name), *(w for w in words if len(w) >= 4)):
            spelt.setdefault(spelling, []).append(region_id)
    codes = {fold(region_id): region_id for region_id in regions}
    found = [region_id for spelling in nearest(typed, spelt, cutoff=NEAR, most=most) for region_id in spelt[spelling]]
    level = [code for code in codes if len(code) == len(typed)]  # SE3: SE2 and SE1 before SE23
    for near in (level, [code for code in codes if len(code) != len(typed)]):
        found += [codes[code] for code in nearest(typed, near, cutoff=_NEAR_CODE, most=most)]
    return list(dict.fromkeys(found))[:most]
