"""What a projection is: which graph to derive and which projects and organisations count.

A `Projection` is frozen and has a short text form (`describe`), so it can be recorded next to the
metrics computed on it; `graph.analytics.incidence` selects by it and `graph.analytics.projections`
derives the graph it names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from graph.errors import ParameterError

__all__ = ["Projection", "DEFAULT_PROJECTION", "KINDS", "ROLE_RANK"]

#: The graphs a projection can derive.
KINDS = ("organisation", "cluster", "region", "country", "bipartite")
#: Best first: when an organisation takes part in a project twice, its role is the best of the two. `partner` is
#: Horizon 2020's (CORDIS's H2020 files: takes part without signing the grant agreement, like Horizon Europe's
#: associatedPartner), kept so by `load cordis`: the role filter refused it, so those rows could not be chosen.
ROLE_RANK = {"coordinator": 0, "participant": 1, "associatedPartner": 2, "partner": 3, "thirdParty": 4}
_ID_PREFIX = {"programmes": "Programme:", "sectors": "Sector:"}


@dataclass(frozen=True)
class Projection:
    """Which graph to derive and which projects and organisations count.

    Parameters
    ----------
    kind : one of `KINDS`.
    start, end : ISO dates; a project counts when it runs at some time in [start, end]
        (``end_date >= start`` and ``start_date <= end``). Projects without dates count only when no
        window is given. ``end="2023-12-31"`` keeps exactly the projects started before 2024.
    programmes : FUNDED_BY ids ("lb:HORIZON.2.5", "scheme:HORIZON-RIA"); a project counts when funded
        by one of them or by a programme PART_OF one of them.
    sectors : ACTIVE_IN ids ("esv:/25/67/425", "topic:..."), sub-fields (PART_OF) included.
    countries : country codes (EU style, "SE", "EL"); only organisations located there are kept.
    regions : region ids (NUTS codes, "SE21", or a national region's, "NO-Hordaland"); only organisations placed
        in one of them or in a region under it (PART_OF, or a longer NUTS code) are kept.
    roles : participation roles kept (coordinator, participant, associatedPartner, partner, thirdParty); all
        when empty.
    region_level : NUTS level (1-3) of the region projection.
    """

    kind: str = "organisation"
    start: str | None = None
    end: str | None = None
    programmes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    region_level: int = 2
    regions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ParameterError(f"unknown projection {self.kind!r}; choose one of {', '.join(KINDS)}")
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None:
                try:
                    dt.date.fromisoformat(value)
                except ValueError as e:
                    raise ParameterError(f"{name} {value!r} is not a date ({e}); give YYYY-MM-DD") from None
        if self.start and self.end and self.start > self.end:
            raise ParameterError(f"start {self.start} is after end {self.end}: no project runs in that window; "
                                 "swap them")
        for f in ("programmes", "sectors", "countries", "roles", "regions"):
            values = getattr(self, f)
            values = (values,) if isinstance(values, str) else tuple(values)
            prefix = _ID_PREFIX.get(f, "")
            object.__setattr__(self, f, tuple(sorted(v.removeprefix(prefix) if prefix else v for v in values)))
        unknown = [r for r in self.roles if r not in ROLE_RANK]
        if unknown:
            raise ParameterError(f"unknown role {unknown[0]!r}; choose from {', '.join(ROLE_RANK)}")
        if self.region_level not in (1, 2, 3):
            raise ParameterError("region_level must be a NUTS level: 1, 2 or 3")

    def describe(self) -> str:
        """A short, stable text of the spec (recorded with metrics): only what differs from the default.

        Examples
        --------
        >>> Projection(end="2023-12-31", countries=("SE", "FI")).describe()
        'organisation end=2023-12-31 countries=FI,SE'
        """
        parts = [self.kind]
        for f in fields(self)[1:]:
            value = getattr(self, f.name)
            if value != f.default and value != ():
                parts.append(f"{f.name}={','.join(value) if isinstance(value, tuple) else value}")
        return " ".join(parts)


#: Organisations linked by shared projects, every project and organisation counted.
DEFAULT_PROJECTION = Projection()
