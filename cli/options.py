"""What the CLI reads from its options: `-p key=value` parameters, time limits, row caps, shares, dates and nodes.

One rule for `-p` in both `query` and `queries run`: a value that parses as JSON is that JSON value,
so `-p 'code="123"'` is the text 123 in both. An ad-hoc query has no declarations, so there the JSON
value is final (`-p n=5` is the number 5, `-p name=IoT World` text). A saved query declares its
parameters' types, so there a JSON text or list is taken as it is and anything else stays text that
the declared type converts (`-p months=6`, `-p on=2020-06-01`, `-p countries=SE,NO`).

The analysis commands' options read alike: a date option takes the spellings a date parameter takes
(`as_date_option`), and a sector or programme option an id or a name, as a node parameter does (`stored_ids`).
"""

from __future__ import annotations

import json
import math
from typing import Any

import click

from graph.errors import NotFound, SettingError
from graph.settings import row_cap, time_limit
from graph.store.contract import GraphStore

__all__ = ["ROW_CAP", "SHARE", "TIME_LIMIT", "Named", "as_date_option", "say_two_readings", "as_json_or_text",
           "as_typed_text", "parse_params", "stored_ids"]
#: How many of the store's own nodes a message naming no node gives as examples.
_EXAMPLES = 3


def parse_params(texts: tuple[str, ...]) -> dict[str, str]:
    """`key=value` options as a dict of raw text; refuses a missing `=`, an empty key or a key given twice."""
    params: dict[str, str] = {}
    for text in texts:
        key, sep, raw = text.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{text!r} is not key=value", param_hint="'-p'")
        if key.strip() in params:  # the last one silently won: which did the user mean?
            raise click.BadParameter(f"{key.strip()} is given twice ({params[key.strip()]!r} and {raw!r}); give it "
                                     "once (a list as JSON: [\"a\", \"b\"])", param_hint="'-p'")
        params[key.strip()] = raw
    return params


def as_json_or_text(raw: str) -> Any:
    """The JSON value of `raw` when it parses (5, 2.5, true, ["a","b"], "123"), else `raw` as text."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def as_typed_text(raw: str) -> Any:
    """For a typed parameter: a JSON text or list as its value (`"123"` is 123), anything else as typed."""
    value = as_json_or_text(raw)
    return value if isinstance(value, (str, list)) else raw


def share(value: object) -> float:
    """`value` as a share between 0 and 1 (click's FloatRange lets `nan` through)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise SettingError(f"{value!r} is not a share; use a number from 0 to 1, such as 0.3")
    return number


class _Checked(click.ParamType):
    """An option value checked by the same function that checks its setting, so both accept the same."""

    def __init__(self, name: str, check: Any):
        self.name = name
        self._check = check

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return self._check(value)
        except SettingError as e:
            self.fail(str(e), param, ctx)


TIME_LIMIT = _Checked("seconds", time_limit)
ROW_CAP = _Checked("rows", row_cap)
SHARE = _Checked("share", share)


def as_date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option (`--start`, `--end`) as ISO text, read in the spellings a saved query's date parameter takes
    (`queries.params.DATE_FORMATS`: 2023-01-15, 15.01.2023, 15/01/2023); a bad date is refused naming the option,
    where `15/01/2023` reached the projection and failed with Python's "Invalid isoformat string"."""
    from graph.values import BadValue, as_date
    from queries.params import DATE_FORMATS

    if value is None:
        return None
    try:
        read = as_date(value, DATE_FORMATS)
    except BadValue as e:
        raise click.BadParameter(str(e)) from None
    say_two_readings(f"--{param.name}", "date", value)
    return read


def say_two_readings(option: str, kind: str, value: object) -> None:
    """A note on stderr when `value` may mean two values of `kind` (`queries.params.readings`: `01/02/2024` day or
    month first, `1,500`): it is read the first way, as in most of Europe, and the note says which, and the other
    (a user used to month first had got February's projects for January's without a word)."""
    from queries.params import as_written, readings

    if isinstance(value, str) and (two := readings(kind, value)):
        (taken, meant), *others = two.items()
        other = "; ".join(f"{as_written(v)} {how}" for how, v in others)
        click.echo(f"(note: {option} {value!r} is read as {as_written(meant)}, {taken}; it could mean {other}: write "
                   f"{as_written(meant)} to be sure)", err=True)


def outdated_said(store: GraphStore) -> str:
    """A sentence when the store's derived facts were made by an earlier version of the tool
    (`loaders.derived_version`), else "": an upgraded tool reads names as the new version folds them, and a store's
    search texts made by the old one had refused `--region Auvergne-Rhône-Alpes` offering "the nearest:
    Auvergne-Rhône-Alpes (FRK)". Only a load catches a store up, so a read command says how."""
    from loaders.derived_version import derived_outdated

    if not derived_outdated(store):
        return ""
    return ("this store's derived facts (search texts, activity counts, entity resolution) were made by an earlier "
            "version of the tool: run a load you ran before again (`cluster-explorer load sample`, or `load csv` with "
            "your mapping); it writes no data twice and makes these facts again")


def _examples(store: GraphStore, kind: str) -> str:
    """A few of the store's own `kind` nodes, the shortest names first, as a message's example (nothing when it
    holds none)."""
    from graph.store.view_cypher import examples_of

    rows = store.read(examples_of(kind), {"limit": _EXAMPLES + 1}, row_cap=_EXAMPLES + 1).rows
    shown = ", ".join(f"{name} ({node_id})" if name and name != node_id else str(node_id)
                      for node_id, name in rows[:_EXAMPLES])
    end = ", ..." if len(rows) > _EXAMPLES else "."
    return f" {kind}s of this store: {shown}{end}" if rows else ""


def stored_ids(store: GraphStore, texts: tuple[str, ...], kind: str) -> tuple[str, ...]:
    """The ids of the `kind` nodes `texts` name: an id, a key or a name, accents and case ignored, as a saved
    query's node parameter reads them (`graph.store.resolve.resolve_node`): `--sector textil` is the sector
    Textil. A name read as another spelling says which node it was read as (on stderr); a text naming none is
    refused with a did-you-mean, or else examples from this store (the CORDIS example id was wrong on other stores).
    The exact name of several nodes takes them all, and says so: on the sample, the seeds' sector Textiles and
    CORDIS's field textiles are one sector to the ranking, and `--sector Textiles` was refused as ambiguous."""
    from graph.store.resolve import AmbiguousName, resolve_node
    from graph.store.search_text import fold

    ids = []
    for text in texts:
        try:
            node = resolve_node(store, text, (kind,))
        except NotFound as e:  # examples only where no near spelling is offered: Ain (FRK21), Ave ... beside
            # "Did you mean: Syddanmark (Region:DK03)?" were noise
            said = f"{e}" if "Did you mean" in str(e) else f"{e}{_examples(store, kind)}"
            raise NotFound(f"{said} ({outdated})" if (outdated := outdated_said(store)) else said) from None
        except AmbiguousName as e:
            if not e.candidates or any(fold(c.name) != fold(text) for c in e.candidates):
                raise
            click.echo(f"({kind.lower()} {text.strip()!r} is {len(e.candidates)} nodes of that name, all taken: "
                       + "; ".join(c.describe() for c in e.candidates) + ")", err=True)
            ids += [c.id for c in e.candidates]
            continue
        if text.strip() not in (node.key, node.id) and fold(text) != fold(node.name):
            click.echo(f"({node.taken_for(kind.lower(), text)})", err=True)
        ids.append(node.id)
    return tuple(ids)


def _plural(word: str) -> str:
    """English plural of a consonant-y word, `country` -> `countries` (`--projection countries` had been refused
    while `--projection clusters` was taken); other words as they are, their `+ s` form is checked beside."""
    return word[:-1] + "ies" if len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou" else word


class Named(click.Choice):
    """A choice as a person writes it: in any case, with a hyphen or a space, and singular or plural
    (`--projection Clusters`, `--candidates cluster`, `--format JSON`, `--framework "Horizon Europe"`): click's
    Choice had refused each, naming the choices."""

    def __init__(self, choices):
        super().__init__(list(choices), case_sensitive=False)

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            folded = " ".join(value.casefold().replace("-", " ").split())
            for choice in self.choices:
                plain = str(choice).replace("-", " ")
                if folded in (plain, plain + "s", _plural(plain)) or folded + "s" == plain:
                    return choice
        return super().convert(value, param, ctx)
