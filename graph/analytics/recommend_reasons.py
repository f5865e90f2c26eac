"""Why a candidate is recommended, in words, and the paths that connect it to the consortium."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from graph.analytics.recommend_index import RecommenderIndex, sector_key, sector_row
from graph.analytics.recommend_sectors import sector_bridged
from graph.analytics.sparse_rows import shared_columns
from graph.collation import reading_order

if TYPE_CHECKING:
    from graph.analytics.recommend import Requirements

__all__ = ["Path", "paths", "reasons", "shared_projects", "sme_status", "known_smes", "smes_said", "sme_short",
           "sme_note"]

_LABEL_NAMES = {1: "ESCA Bronze", 2: "ESCA Silver", 3: "ESCA Gold"}
#: How many "worked with ... partners of X" lines a candidate shows before one line sums up the rest.
SHOWN = 3


def sme_status(index: RecommenderIndex, key: str) -> bool | None:
    """Whether `key` is an SME: True (`sme` true or the `SME` label), False (`sme` false), None when the store does
    not say (a table without an SME column): unknown, not "not an SME", as a project's `sme_share` is unknown."""
    attrs = index.G.nodes[key] if key in index.G else {}
    if attrs.get("sme") or "SME" in (attrs.get("labels") or ()):
        return True
    return False if "sme" in attrs else None


def known_smes(index: RecommenderIndex, keys: list[str]) -> tuple[int, int, list[str]]:
    """The SMEs among `keys`, how many of them have a known SME status, and the names of those that do not: an
    SME share is judged on the known ones (the call rule, `consortium_rules.sme_rule`, and the `--sme-share` weight
    alike), not with the unknown counted as non-SMEs."""
    status = [sme_status(index, key) for key in keys]
    unknown = [index.name(key) for key, said in zip(keys, status, strict=True) if said is None]
    return sum(said is True for said in status), len(keys) - len(unknown), unknown


def sme_short(index: RecommenderIndex, rows: list[int], share: float) -> bool:
    """Whether `--sme-share` as a weight favours SMEs: a partner that is not one would leave the consortium `rows`
    below `share`, judged on its partners of known status (two of unknown status beside one SME counted as
    non-SMEs, and SMEs were favoured for a consortium whose known share was already 100%)."""
    smes, known, _ = known_smes(index, [index.keys[r] for r in rows])
    return smes < share * (known + 1)


def sme_note(index: RecommenderIndex, focal, requirements) -> str | None:
    """Why a wanted SME share (`--sme-share`, Partners' slider) changed nothing: the consortium already has it, so
    no candidate need be an SME (a cluster with 5 SMEs of 12 asking for 30% got the same universities as without
    it, and nothing said why). None when none is asked or SMEs are favoured (`sme_short`)."""
    share, rows = requirements.sme_share, index.resolve(list(focal))
    if not share or not rows or sme_short(index, rows, share):
        return None
    smes, known, unknown = known_smes(index, [index.keys[r] for r in rows])
    has = f"{smes_said(smes, known, bool(unknown))} ({smes / max(known, 1):.0%})"
    return f"the consortium already has {has}, at least the {share:.0%} asked: SMEs are not favoured over the others"


def smes_said(smes: int, known: int, some_unknown: bool) -> str:
    """"1 SME of the 2 partners whose SME status is known" (`some_unknown`), else "0 SMEs of 1 partner"."""
    partners = f"{known} partner{'s' * (known != 1)}"
    return f"{smes} SME{'s' * (smes != 1)} of " + (f"the {partners} whose SME status is known" if some_unknown
                                                   else partners)


@dataclass(frozen=True)
class Path:
    """A connection from the consortium to a candidate: node keys in order, and the same in words."""

    nodes: tuple[str, ...]
    text: str



def shared_projects(index: RecommenderIndex, a: int, b: int) -> list[str]:
    """Projects `a` and `b` both took part in, newest first."""
    common = shared_columns(index.incidence, a, b)
    projects = [index.projects[j] for j in common]
    return sorted(projects, key=lambda p: (index.G.nodes[p].get("start_date") or "", p), reverse=True)


def paths(index: RecommenderIndex, rows: list[int], y: int, limit: int = 2) -> list[Path]:
    """Direct shared projects, else the best intermediary (the Adamic-Adar term that counts most)."""
    found = []
    key, name = index.keys[y], index.name(index.keys[y])
    for x in rows:
        xk, xn = index.keys[x], index.name(index.keys[x])
        direct = shared_projects(index, x, y)
        if direct:
            p = direct[0]
            found.append(Path((xk, p, key), f"{xn} and {name} both partners in {index.name(p)}"))
            continue
        middle = shared_columns(index.adjacency, x, y)
        if middle.size:
            z = int(middle[np.argmin(index.degree[middle])])
            p1, p2 = shared_projects(index, x, z)[0], shared_projects(index, z, y)[0]
            zk, zn = index.keys[z], index.name(index.keys[z])
            found.append(Path((xk, p1, zk, p2, key), f"{name} and {zn} both partners in {index.name(p2)}; "
                              f"{zn} and {xn} in {index.name(p1)}"))
    return sorted(found, key=lambda p: len(p.nodes))[:limit]


def _works_in(index: RecommenderIndex, key: str) -> str:
    """"works in photovoltaic"; a CORDIS call topic (`Sector:topic:...`) is a call answered, not a field worked in:
    "answered the call topic MSCA Doctoral Networks 2023" (it had been "works in MSCA Doctoral Networks 2023"); a
    sector asked by a word of the user's that stands for a field of another name, with it: "works in Robotiikka
    (robotics)" (`sector_bridged`), where it had said "works in robotics" of `--sector Robotiikka`."""
    name = sector_bridged(index.G, key)
    return f"answered the call topic {name}" if key.startswith("Sector:topic:") else f"works in {name}"


def _partners_of_partners(index: RecommenderIndex, rows: list[int], y: int, of_clusters: bool) -> list[str]:
    """"worked with Z and 2 other partners of X" for the `SHOWN` consortium rows whose partners tie most to `y`
    (their Adamic-Adar terms, as the ranking weighs them), then one line for the rest: a cluster of 40 members had
    printed about 20 such lines per candidate, burying its fields and places."""
    found = []
    for x in rows:
        middle = shared_columns(index.adjacency, x, y)
        if middle.size and not shared_projects(index, x, y):
            found.append((float(np.sum(1 / np.log(np.maximum(index.degree[middle], 2)))), x, middle))
    found.sort(key=lambda f: -f[0])  # stable: equals keep the consortium's order
    said = []
    for _, x, middle in found[:SHOWN]:
        z = index.name(index.keys[int(middle[np.argmin(index.degree[middle])])])
        more = f" and {middle.size - 1} other partner{'s' * (middle.size > 2)} of" if middle.size > 1 \
            else ", a partner of"
        said.append(f"worked with {z}{more} {index.name(index.keys[x])}")
    if rest := found[SHOWN:]:
        shown = set().union(*(set(m.tolist()) for _, _, m in found[:SHOWN]))
        others = len(set().union(*(set(m.tolist()) for _, _, m in rest)) - shown)
        whose = "the cluster's members" if of_clusters else "the consortium's organisations"
        names = [index.name(index.keys[x]) for _, x, _ in rest]
        said.append(f"and worked with {others} other partner{'s' * (others != 1)} of {len(rest)} more of {whose} "
                    f"({', '.join(names[:3])}{f' and {len(names) - 3} more' if len(names) > 3 else ''})")
    return said


def reasons(index: RecommenderIndex, rows: list[int], y: int, req: Requirements, parts: dict,
            target: np.ndarray, of_clusters: bool = False, others: Sequence[str] = ()) -> list[str]:
    """Why candidate `y` ranks where it does, in words; `target` is the request's `target_profile`, made once
    per request by `scored` (made per candidate, it was a sixth of `-k 1000`'s time for a large consortium).
    `others`, reasons made elsewhere (ties, a cold start's), come before the partners-of-partners lines."""
    reasons = []
    for x in rows:
        if shared := len(shared_projects(index, x, y)):
            reasons.append(f"{shared} shared project{'s' * (shared > 1)} with {index.name(index.keys[x])}")
    asked_as = {index.sector_keys[sector_row(index, s)]: sector_key(s) for s in req.sectors}  # column -> as asked
    asked = set(asked_as)
    mine = index.profile[[y]]
    if parts["thematic"][y] > 0 and mine.nnz:
        fit = mine.data * target[mine.indices]
        fit += np.isin(np.asarray(index.sector_keys, dtype=object)[mine.indices], list(asked))  # asked first
        close = mine.indices[fit >= fit.max() - 1e-12]
        s = int(max(close, key=lambda i: len(index.sector_keys[i])))  # the most specific of equals
        if target[s] > 0:
            like = "as asked" if index.sector_keys[s] in asked else "like the consortium"
            reasons.append(f"{_works_in(index, asked_as.get(index.sector_keys[s], index.sector_keys[s]))}, {like}")
    if asked and not parts["asked_sector"][y]:  # ranked for the rest: said, not left to "works in genetics"
        named = sorted({sector_bridged(index.G, s) for s in asked_as.values()}, key=reading_order)
        reasons.append(f"no project in {' or '.join(named)}, the sector(s) asked")
    if parts["wanted_place"][y] or parts["complementarity"][y]:
        wanted = [w for w in req.add_places if index.place[y].startswith(index.twins_of(w))]
        where = index.name(f"Region:{wanted[0]}" if wanted and len(wanted[0]) > 2 else f"Country:{index.country[y]}")
        if where:  # a candidate whose country is unknown adds none: no reason rather than "adds "
            reasons.append(f"in {where}, as asked" if wanted else f"adds {where}")
    coordinated, projects = int(index.n_coordinated[y]), int(index.n_projects[y])
    if coordinated:
        reasons.append(f"coordinated {coordinated} project{'s' * (coordinated > 1)}")
    reasons.append(f"took part in {projects} project{'s' * (projects > 1)}")
    if parts["sme"][y]:
        reasons.append(_sme_reason(index, rows, of_clusters))
    if index.label[y]:
        reasons.append(f"holds the {_LABEL_NAMES[int(index.label[y])]} label")
    return reasons + list(others) + _partners_of_partners(index, rows, y, of_clusters)



def _sme_reason(index: RecommenderIndex, rows: list[int], of_clusters: bool = False) -> str:
    """Why an SME is favoured: the consortium's SMEs of its partners of known status, and who is of unknown status
    (they were counted as non-SMEs, and "0 of 2" said of two partners the store says nothing about). `of_clusters`:
    the consortium names a cluster, whose members `rows` hold; said so, as the call's gap counts the cluster itself
    ("the consortium has 1 of 2" had stood below a gap of "0 SMEs of the 1 partner whose SME status is known")."""
    if not rows:
        return "an SME (none of the consortium's partners is known as one)"  # was "0 of 0"
    smes, known, unknown = known_smes(index, [index.keys[r] for r in rows])
    who = "the consortium's organisations, its clusters' members included, have" if of_clusters else \
        "the consortium has"
    if not unknown:
        return f"an SME ({who} {smes} of {known})"
    names = ", ".join(unknown[:3]) + (", ..." if len(unknown) > 3 else "")
    has = f"{who} {smes_said(smes, known, True)}; " if known else ""
    return f"an SME ({has}SME status unknown for {len(unknown)} partner{'s' * (len(unknown) != 1)}: {names})"
