"""Values as a reader wants them: plain numbers (no `1.2e+03`, no 15 digits) and metric runs in words.

Pure functions for the app's tables, charts and details panels. A metric written back to the store
carries its run record in `<metric>_run` (`graph.analytics.metrics_write.write_metrics`:
``organisation end=2023-12-31 | igraph estimate k=256 seed=0 1.8s | 2025-01-01T10:00:00+00:00``);
`describe_run` turns it into "computed on 2025-01-01 10:00 UTC with igraph estimate k=256 seed=0 (1.8 s)
on the organisation projection (end=2023-12-31)", and `property_rows` folds each run into the row of
its metric instead of showing the raw string as a property of its own.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

__all__ = ["number", "bin_labels", "value_text", "describe_run", "property_rows", "choice_label", "RUN_SUFFIX"]

RUN_SUFFIX = "_run"
_SECONDS = re.compile(r"\s*(\d+(?:\.\d+)?)s$")


def number(value: float | int, digits: int = 4) -> str:
    """A number in plain notation: thousands separated, at most `digits` significant digits, no exponent.

    Examples
    --------
    >>> number(1234.5678), number(0.000012346), number(0.123456789), number(42), number(-3.0)
    ('1,235', '0.00001235', '0.1235', '42', '-3')
    >>> number(1.5e9), number(float('nan'))
    ('1,500,000,000', '—')
    """
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return "—"
    if value.is_integer() or abs(value) >= 10 ** (digits - 1):
        return f"{round(value):,}"
    return np.format_float_positional(value, precision=digits, unique=False, fractional=False, trim="-")


def bin_labels(edges: Sequence[float], digits: int = 3) -> list[str]:
    """Labels of histogram bins (their lower edges), in plain notation and all different (a chart draws
    bars of equal labels as one), with more digits only where needed.

    Examples
    --------
    >>> bin_labels([0, 600, 1200, 1800]), bin_labels([100.0, 100.25, 100.5])
    (['0', '600', '1,200', '1,800'], ['100', '100.2', '100.5'])
    """
    for more in range(digits, 16):
        labels = [number(e, more) for e in edges]
        if len(set(labels)) == len(labels):
            return labels
    return [repr(float(e)) for e in edges]


def histogram(values: Sequence[float], bins: int = 30) -> tuple[np.ndarray, np.ndarray]:
    """Counts and lower edges of a histogram: one bin per whole number when every value is one and they span
    fewer than `bins` (a degree of 1 to 5 had bins at 1.13, 1.27 ...), else `bins` equal bins.

    Examples
    --------
    >>> counts, edges = histogram([1, 2, 2, 5])
    >>> counts.tolist(), edges.tolist()
    ([1, 2, 0, 0, 1], [1.0, 2.0, 3.0, 4.0, 5.0])
    """
    data = np.asarray(values, dtype=float)
    whole = len(data) > 0 and bool(np.all(data == np.round(data))) and data.max() - data.min() < bins
    counts, edges = np.histogram(data, bins=np.arange(data.min(), data.max() + 2) if whole else bins)
    return counts, edges[:-1]


def value_text(value: Any) -> str:
    """Any property value as text: numbers by `number`, lists joined, the rest as is."""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(value_text(v) for v in value)
    return "" if value is None else str(value)


def _when(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y-%m-%d %H:%M") + (" UTC" if moment.tzinfo is not None else "")


def describe_run(record: Any) -> str:
    """A metric's run record in words: when, with what, on which projection.

    Examples
    --------
    >>> describe_run("organisation end=2023-12-31 | igraph estimate k=256 seed=0 1.8s | 2025-01-01T10:00:00+00:00")
    'computed on 2025-01-01 10:00 UTC with igraph estimate k=256 seed=0 (1.8 s) on the organisation projection \
(end=2023-12-31)'
    >>> describe_run("something else")
    'something else'
    """
    parts = [p.strip() for p in str(record).split("|")]
    if len(parts) != 3:
        return str(record)
    spec, how, when = parts
    seconds = _SECONDS.search(how)
    if seconds:
        how = f"{how[:seconds.start()]} ({seconds.group(1)} s)"
    kind, _, options = spec.partition(" ")
    on = f"the {kind} projection" + (f" ({options})" if options else "")
    return f"computed on {_when(when)} with {how} on {on}"


#: Counted facts whose absence beside the count they come with means "not given", not nothing: an organisation
#: with participations but none with an amount has no `contribution_total` (loaders.derived), which is not 0 EUR.
NOT_GIVEN = {"contribution_total": ("participations", "none of its participations gives a contribution (EUR)")}


def property_rows(properties: Mapping[str, Any]) -> list[dict[str, str]]:
    """`{property, value, about}` rows for a details table: values formatted, each `<name>_run` folded
    into the `about` of `<name>` (a run without its value keeps a row of its own), and a counted fact that is
    not given (`NOT_GIVEN`) said so rather than left out, which a reader would take for none.

    Examples
    --------
    >>> property_rows({"participations": 3})[-1]
    {'property': 'contribution_total', 'value': 'not given', 'about': 'none of its participations gives a \
contribution (EUR)'}
    """
    rows = []
    for name, value in properties.items():
        if name.endswith(RUN_SUFFIX) and name[: -len(RUN_SUFFIX)] in properties:
            continue
        run = properties.get(f"{name}{RUN_SUFFIX}")
        if name.endswith(RUN_SUFFIX):
            name, value, run = name[: -len(RUN_SUFFIX)], "", value
        rows.append({"property": name, "value": value_text(value), "about": describe_run(run) if run else ""})
    for name, (beside, why) in NOT_GIVEN.items():
        if properties.get(name) is None and properties.get(beside) is not None:
            rows.append({"property": name, "value": "not given", "about": why})
    return rows


def choice_label(name: object, node_id: object) -> str:
    """A filter's choice as shown: the name and the id (`Climate, Energy and Mobility (HORIZON.2.5)`), the name alone
    when it is the id (a user's table names a programme by the cell, `COIN`: it had read `COIN (COIN)`)."""
    shown = str(name or node_id)
    return shown if shown == str(node_id) else f"{shown} ({node_id})"
