"""How the consortium check reads a call's role: the sectors it names.

`Hydrogen`, a sector of the user's own table whose projects a partner works in, was bridged to the CORDIS field
`hydrogen energy` (the bridge that lets a seed sector without projects stand for the field of its name) and the
gap said no partner works in hydrogen energy; `Sector:Hydrogen` too. An exact id or key is now the sector as
given, and an exact name every sector of that name (as `metrics --sector` takes an exact name of several); only a
sector no project is active in stands for its field.
"""

from __future__ import annotations

from graph.analytics.recommend_index import RecommenderIndex
from graph.errors import NotFound
from graph.store.search_text import fold

__all__ = ["role_sectors"]


def role_sectors(index: RecommenderIndex, role: str) -> tuple[str, list[str]]:
    """The name to say and the sector columns (keys of `index.sector_index`) a role names: an exact key or id
    (`Sector:Hydrogen`, `esv:/29/105/357/3103`, `Hydrogen`) as given, else every sector whose name is `role`
    (accents and case folded); a named sector that no project is active in stands for the field it is bridged to
    (`index.same_sector`: the seeds' `automation`). Raises `NotFound` when no project works in any of them."""
    given = role.strip()
    key = given if given.startswith("Sector:") else f"Sector:{given}"
    sectors = index.G.nodes(data="kind")
    named = [key] if index.G.nodes.get(key, {}).get("kind") == "Sector" else []
    if not named:
        wanted = fold(given.removeprefix("Sector:"))
        named = [s for s, kind in sectors if kind == "Sector" and fold(index.G.nodes[s].get("name") or "") == wanted]
    columns = []
    for sector in named:
        column = sector if sector in index.sector_index else index.same_sector.get(sector)
        if column in index.sector_index and column not in columns:
            columns.append(column)
    if not columns:
        raise NotFound(f"role {role!r} is neither `coordinator` nor a sector of any project; give a sector id "
                       "(esv:/29/105/357/3103) or name (automation)")
    names = list(dict.fromkeys(index.name(c) for c in columns))
    return " or ".join(n for i, n in enumerate(names) if fold(n) not in map(fold, names[:i])), columns
