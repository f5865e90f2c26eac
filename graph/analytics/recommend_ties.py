"""Tie strength for the recommender: recent collaborations, small projects and recent activity.

Adamic-Adar counts every past tie alike. Two refinements of it, and one of experience, predicted the
next project's partners better on the validation split of bench/eval_recommend.py (docs/analytics.md):

* `recent_ties`: Adamic-Adar over ties weighted by how recent their shared projects are (a project
  counts 0.5 ** (age / `HALF_LIFE_YEARS`), age counted back from the index's newest project), on
  both steps of the path: partners of partners from this year's projects are likelier partners than
  those of a project that ended years ago;
* `small_projects`: common partners weighted as in Newman's collaboration networks, each shared
  project counting 1 / (its partners - 1): a partner met in a five-partner project is a closer tie
  than one of sixty in a large consortium;
* `recent_activity`: the candidate's projects weighted by the same recency: an organisation that
  joins many projects now is likelier to join the next one than one that was active long ago.

Missing start dates count as new (weight 1). Each is scaled to [0, 1] per request, like the others.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from graph.analytics.sparse_rows import columns, dense_row, shared_columns, strongest_shared

if TYPE_CHECKING:  # the index builds `Ties`; only the reasons read the index back
    from graph.analytics.recommend_index import RecommenderIndex

__all__ = ["HALF_LIFE_YEARS", "TIE_COMPONENTS", "Ties", "build_ties", "co_participation", "scaled", "tie_components",
           "tie_reasons"]

HALF_LIFE_YEARS = 1.0
TIE_COMPONENTS = ("recent_ties", "small_projects", "recent_activity")


@dataclass(frozen=True)
class Ties:
    """Organisation x organisation tie weights and per-organisation recent activity."""

    recent: sp.csr_array
    small: sp.csr_array
    activity: np.ndarray
    started: tuple[str, ...]  # each project's start date ("" when unknown), in the index's project order
    sizes: np.ndarray  # partners per project

    @functools.cached_property
    def year_ago(self) -> str:
        """The date a year before the newest known start ("" when none is known): once per index, as a maximum
        over every project's start asked per candidate had cost 1.5 s of a 1,000-candidate request at 10x."""
        newest = max(self.started) if self.started else ""
        return (dt.date.fromisoformat(newest) - dt.timedelta(days=365)).isoformat() if newest else ""


def _dates(starts: list[str]) -> np.ndarray:
    """Age in years of each project, counted back from the newest known start (unknown: 0)."""
    days = np.array([dt.date.fromisoformat(s[:10]).toordinal() if s else 0 for s in starts], dtype=float)
    newest = days.max() if days.size else 0.0
    return np.where(days > 0, (newest - days) / 365.25, 0.0)


def co_participation(incidence: sp.csr_array, weight: np.ndarray | float = 1.0) -> sp.csr_array:
    """Organisation x organisation: the shared projects of each pair, each counting its `weight` (1: the count);
    no diagonal, no stored zeros."""
    weights = np.broadcast_to(np.asarray(weight, dtype=float), (incidence.shape[1],))
    ties = sp.csr_array(incidence @ sp.diags_array(weights) @ incidence.T)
    ties.setdiag(0)
    ties.eliminate_zeros()
    return ties


def build_ties(incidence: sp.csr_array, starts: list[str]) -> Ties:
    """Tie matrices of an organisation x project `incidence` whose projects started on `starts`."""
    recency = 0.5 ** (_dates(starts) / HALF_LIFE_YEARS)
    sizes = np.asarray(incidence.sum(axis=0)).ravel()
    return Ties(co_participation(incidence, recency), co_participation(incidence, 1.0 / np.maximum(sizes - 1, 1)),
                np.asarray(incidence @ recency).ravel(), tuple(s[:10] for s in starts), sizes)


def scaled(values: np.ndarray) -> np.ndarray:
    """`values` divided by their largest, so the top is 1 (all zeros when none is above 0): every component of
    the recommender's score is put on [0, 1] this way, per request."""
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values, dtype=float)


def tie_components(ties: Ties, degree: np.ndarray, rows: list[int], allowed: np.ndarray) -> dict[str, np.ndarray]:
    """The three components, each in [0, 1], for every organisation (0 where not `allowed`)."""
    start = np.zeros(len(degree))
    start[rows] = 1.0
    aa = np.divide(1.0, np.log(np.maximum(degree, 2)), out=np.zeros_like(degree), where=degree > 1)
    recent = ties.recent @ (aa * (ties.recent @ start))
    small = ties.small @ (ties.small @ start)
    activity = np.log1p(ties.activity)
    return {name: scaled(np.where(allowed, values, 0.0))
            for name, values in zip(TIE_COMPONENTS, (recent, small, activity), strict=True)}


def _via(ties: sp.csr_array, rows: list[int], y: int) -> tuple[int, int] | None:
    """The consortium member x and intermediary z whose path x - z - y weighs most in `ties`."""
    best, found, column = 0.0, None, dense_row(ties, y)
    for x in rows:
        strongest = strongest_shared(ties, x, column)
        if strongest is not None and strongest[1] > best:
            best, found = strongest[1], (x, strongest[0])
    return found


def tie_reasons(index: RecommenderIndex, rows: list[int], y: int, terms: dict[str, np.ndarray]) -> list[str]:
    """Words for each tie component that counts in candidate `y`'s score (weighted term above 0)."""
    def shared(a: int, b: int) -> np.ndarray:  # column numbers of the projects a and b took part in together
        return shared_columns(index.incidence, a, b)

    ties, said = index.ties, []
    for name, matrix in (("recent_ties", ties.recent), ("small_projects", ties.small)):
        if not terms.get(name, np.zeros(y + 1))[y]:
            continue
        path = _via(matrix, rows, y)
        if path is None:
            continue
        x, z = path
        if name == "recent_ties":
            year = max(ties.started[j] for j in shared(z, y))[:4]
            said.append(f"recent tie: {index.name(index.keys[z])} worked with it" + (f" in {year}" if year else ""))
        else:
            legs = [ties.sizes[shared(a, b)].min() for a, b in ((x, z), (z, y))]
            said.append(f"close tie: {index.name(index.keys[z])} links it to {index.name(index.keys[x])} "
                        f"through projects of at most {int(max(legs))} partners")
    if terms.get("recent_activity", np.zeros(y + 1))[y]:
        year_ago = ties.year_ago
        recent = sum(1 for j in columns(index.incidence, y) if ties.started[j] and ties.started[j] > year_ago)
        if recent:
            said.append(f"{recent} project{'s' * (recent > 1)} started in the last year of the data")
    return said
