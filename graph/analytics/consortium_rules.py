"""How the consortium check reads two of a call's rules: the sector a role names, and who is an SME.

A role's sector: `Hydrogen`, a sector of the user's own table whose projects a partner works in, was bridged
to the CORDIS field `hydrogen energy` (the bridge that lets a seed sector without projects stand for the field
of its name) and the gap said no partner works in hydrogen energy; `Sector:Hydrogen` too. An exact id or key is
now the sector as given, and an exact name every sector of that name (as `metrics --sector` takes an exact name
of several); only a sector no project is active in stands for its field.

SMEs: a partner that the store says nothing about (no `sme`, no `SME` label: a table without an SME column) was
counted as not an SME, so "0 SMEs of 2 partners" was said of two partners of unknown status. Such a partner is
now said to be of unknown status, as a project's `sme_share` is unknown rather than 0%, and the share is judged
on the partners whose status is known.
"""

from __future__ import annotations

import math

from graph.analytics.recommend_hints import near_sectors
from graph.analytics.recommend_index import RecommenderIndex
from graph.analytics.recommend_reasons import known_smes, smes_said
from graph.analytics.recommend_sectors import sector_display
from graph.errors import NotFound, ParameterError
from graph.store.search_text import fold

__all__ = ["role_sectors", "sme_rule"]


def role_sectors(index: RecommenderIndex, role: str) -> tuple[str, str, list[str]]:
    """The gap's key, the name to say and the sector columns (keys of `index.sector_index`) a role names: an exact
    key or id (`Sector:Hydrogen`, `esv:/29/105/357/3103`, `Hydrogen`) as given, else every sector whose name is
    `role` (accents and case folded); a named sector that no project is active in stands for the field it is bridged
    to (`index.same_sector`: the seeds' `automation`). Raises `NotFound` when no project works in any of them.

    The key is made of what stays when the wording changes: `role:` and the Sector node's key for a sector given by
    its key or id (`role:Sector:esv:/25/63/399`), else the name asked, folded (`role:laser physics`). It had been
    the name said (`sector_display`), and `role:Textiles` became `role:textiles` when the seed sector that writes
    the field's name so was not there; a caller holding the key (the JSON, `needs.why_gap_unfilled`) lost it."""
    given = role.strip()
    key = given if given.startswith("Sector:") else f"Sector:{given}"
    sectors = index.G.nodes(data="kind")
    named = [key] if index.G.nodes.get(key, {}).get("kind") == "Sector" else []
    wanted = fold(given.removeprefix("Sector:"))
    if not named:
        named = [s for s, kind in sectors if kind == "Sector" and fold(index.G.nodes[s].get("name") or "") == wanted]
    columns = []
    for sector in named:
        column = sector if sector in index.sector_index else index.same_sector.get(sector)
        if column in index.sector_index and column not in columns:
            columns.append(column)
    if not columns:
        near = near_sectors(index.G, given.removeprefix("Sector:"))  # `--roles robtics` had no "did you mean"
        meant = f": did you mean {' or '.join(map(repr, near))}?" if near else ""
        raise NotFound(f"role {role!r} is neither `coordinator` nor a sector of any project{meant}; give a sector id "
                       "(esv:/29/105/357/3103) or name (automation)")
    names = list(dict.fromkeys(sector_display(index.G, c) for c in columns))
    said = " or ".join(n for i, n in enumerate(names) if fold(n) not in map(fold, names[:i]))
    return f"role:{key}" if named == [key] else f"role:{wanted}", said, columns


def _smes_needed(smes: int, size: int, share: float) -> int:
    """Fewest SMEs to add so that SMEs make at least `share` of `size` partners (of whom `smes` are SMEs)."""
    if smes >= share * size and (size or not share):
        return 0
    if share >= 1 and smes < size:
        raise ParameterError("an SME share of 1 cannot be reached while the consortium has a non-SME")
    return max(1, math.ceil((share * size - smes) / (1 - share) - 1e-9)) if share < 1 else 1


def _partners(n: int) -> str:
    return f"{n} partner{'s' * (n != 1)}"


def sme_rule(index: RecommenderIndex, focal: list[str], share: float) -> tuple[str, int]:
    """What the consortium `focal` has of the call's SME `share`, in words, and how many SMEs it still needs.

    Judged on the partners whose SME status is known: with `s` SMEs of `n` known, `m` more are needed when
    (s + m) / (n + m) is below `share` (with none known, one SME makes the known share 100%). The partners of
    unknown status are named, and so is what they would need if none of them were an SME, the worst case.
    """
    smes, known, unknown = known_smes(index, focal)
    asks, missing = f"the call asks for {share:.0%}", _smes_needed(smes, known, share)
    if not unknown:
        said = f"{smes_said(smes, known, False)}; {asks}"
        return (f"{said}: {missing} more SME{'s' * (missing > 1)}" if missing else said), missing
    worst = _smes_needed(smes, len(focal), share)
    names = ", ".join(unknown[:3]) + (", ..." if len(unknown) > 3 else "")
    have = f"{smes_said(smes, known, True)}; " if known else ""
    said = (f"{have}SME status unknown for {_partners(len(unknown))} ({names}); {asks}, judged on the partners "
            f"whose status is known{'' if known else ' (none)'}")
    if_not = f"{worst} more SME{'s' * (worst > 1)} if {'it is not one' if len(unknown) == 1 else 'none of them is one'}"
    if not missing:
        return f"{said}: met ({if_not})" if worst else f"{said}: met", 0
    return f"{said}: {missing} more SME{'s' * (missing > 1)}{'' if worst == missing else f' ({if_not})'}", missing
