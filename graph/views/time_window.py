"""The one rule of a time window, shared by every view that has one (Explore's filters, the time slider, the
store's own selection): a project counts when its dates overlap the window; a dated relationship (a label awarded
and expiring, a membership since) when it touches it. Partial ISO dates (`2020`, `2020-06`) mean their whole span.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["end_of", "overlaps", "edge_in_window"]


def end_of(date: str) -> str:
    """The last day a partial ISO date can mean (a bound compared as text, so a month's "31" serves every month).

    >>> end_of("2020"), end_of("2020-06"), end_of("2020-06-15")
    ('2020-12-31', '2020-06-31', '2020-06-15')
    """
    return date + "-12-31"[len(date) - 4:] if len(date) < 10 else date


def overlaps(data: Mapping[str, Any], start: str | None, end: str | None) -> bool:
    """Whether a project's `start_date` .. `end_date` (either may be missing: open) overlaps the window.

    >>> overlaps({"start_date": "2019-01-01", "end_date": "2020"}, "2020-06", None)
    True
    >>> overlaps({"start_date": "2021-01-01"}, None, "2020-12-31")
    False
    """
    first, last = str(data.get("start_date") or "0000"), end_of(str(data.get("end_date") or "9999"))
    return (end is None or first <= end) and (start is None or last >= start)


def edge_in_window(data: Mapping[str, Any], start: str | None, end: str | None) -> bool:
    """Whether a dated relationship (a label `awarded` / `expires`, a membership `since`) touches the window.

    >>> edge_in_window({"awarded": "2021-03-01", "expires": "2023"}, "2023-06", None)
    True
    >>> edge_in_window({"since": "2024-01-01"}, None, "2023-12-31")
    False
    """
    begun, expires = data.get("awarded") or data.get("since"), data.get("expires")
    if end and begun and str(begun) > end:
        return False
    return not (start and expires and end_of(str(expires)) < start)
