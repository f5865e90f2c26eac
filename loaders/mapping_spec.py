"""What a checked mapping is: the columns, files and tables of the generic loader (see docs/mapping.md).

`loaders.mapping.read_mapping` builds these from a mapping file after checking it; the generic loader
reads data files by them. A `Column` converts its cells with the one value vocabulary, `graph.values`.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from graph import nearest, values
from graph.countries import country_code
from loaders.country_advice import country_advice, nearest_country
from loaders.csv_tables import SEPARATORS
from loaders.mapping_ends import Endpoint

__all__ = ["Column", "Endpoint", "node_keys",
           "FileSpec", "Mapping", "Place", "placeholder_columns", "filled_placeholder", "TYPES",
           "SEPARATORS", "ISO_DATE", "ON_EMPTY", "PLACEHOLDER_OR_SKIP", "ON_CONFLICT", "Checker"]


class Checker(Protocol):
    """Where a mapping's parts report a problem (`loaders.mapping_checks`' checker): the option readers of
    `loaders.mapping_options` and the presets of `loaders.mapping_presets` take one, and import no checker."""

    def problem(self, kind: str | None, index: int, message: str, key: str | None = None,
                value: Any = None, field: str | None = None) -> None: ...

#: The value kinds of `graph.values`, and `country` (a code or a name, read by `graph.countries`).
TYPES = (*values.KINDS, "country")
#: A placeholder id that skips the row where the placeholder's cells are empty too (`{ placeholder = "name:{Navn}",
#: otherwise = "skip" }`: an Excel total row names nothing).
PLACEHOLDER_OR_SKIP = "placeholder, otherwise skip"
#: What an empty key cell does: stop the load (the default), skip the row, take a placeholder id, or either.
ON_EMPTY = ("error", "skip", "placeholder", PLACEHOLDER_OR_SKIP)
ISO_DATE = values.ISO_DATE
#: What a node given again with other data does: stop the load (the default), or merge (`loaders.generic_records`).
ON_CONFLICT = ("error", "merge")


@dataclass(frozen=True)
class Column:
    """One mapped column: the property it fills, its type and how to read it; or, with `constant`, one value
    (`value`, already converted) that every row gets."""

    property: str
    column: str
    type: str = "string"
    formats: tuple[str, ...] = (ISO_DATE,)
    separator: str = "|"
    decimal: str = "."
    constant: bool = False
    value: Any = None
    recode: dict[str, str] = field(default_factory=dict, compare=False)  # case-folded cell -> value
    thousands: str = ""  # a mark between thousands, removed before a float or an int is read
    currency: str = ""  # the ISO code whose mark (`kr`, `SEK`, `€`) a float's cells may carry (graph.currency_marks)

    def convert(self, raw: Any) -> Any:
        """The property value of a cell (None when empty), recoded by `values` first (so a recode can give a `bool`
        or `date` column the words its type reads), then read with the value vocabulary of `graph.values`; raises
        `BadValue` (a ValueError) saying what was expected."""
        if self.constant:
            return self.value
        if self.recode and isinstance(raw, str):  # before the type reads it: `smf` -> `ja` in a bool column
            raw = self.recode.get(raw.strip().casefold(), raw)
        if values.is_empty(raw) or raw == []:
            return None
        if self.type == "country":
            text = raw if isinstance(raw, str) else values.as_text(raw)
            try:
                return country_code(text)
            except values.BadValue as e:
                if nearest_country(text) is None:  # no name near: the recode's example code would be a guess
                    raise
                raise values.BadValue(country_advice(str(e), text, lambda code: (
                    f'{self.property} = {{ column = "{self.column}", type = "country", values = {{ '
                    f'"{text.strip()}" = "{code}" }} }}'))) from None
        if self.type == "list":
            return [str(item) for item in values.as_list(raw, self.separator)] or None
        if isinstance(raw, (dict, list)):
            raise values.BadValue(f"a {self.type} cannot be a nested object or list")
        options = {"date": {"formats": self.formats},
                   "float": {"decimal": self.decimal, "thousands": self.thousands, "currency": self.currency},
                   "int": {"thousands": self.thousands}}.get(self.type, {})
        return values.convert(self.type, raw.strip() if isinstance(raw, str) else raw, **options)


def node_keys(check: Any, kind: str, index: int, table: dict) -> dict[str, Any]:
    """A node table's `id` and `name` columns (`check`: the mapping's checker); or, for `id = { value = "RPO" }`, the
    one node every row is, its id and name the value: the participation preset's `programme = { value = "RPO" }` had
    ended in a traceback, and a table's one programme had nowhere to go."""
    given = table.get("id")
    if not isinstance(given, dict) or "value" not in given:
        return {"id": check.text(kind, index, table, "id"), **check.names(kind, index, table)}
    if set(given) == {"value"} and isinstance(given["value"], str) and given["value"].strip():
        return {"value": given["value"].strip()}
    check.problem(kind, index, 'id = { value = "..." } is the one node of the whole table: a non-empty text', "id")
    return {}


@dataclass(frozen=True)
class Place:
    """Where a node table's rows are (`located_in`): a region column and a country column or constant.

    A region cell that is a NUTS code is that `Region`; any other names a national region, whose id is
    `<country>-<name>` (`NO-Hordaland`); see `loaders.generic_places`."""

    region: str = ""
    country: str = ""
    country_value: str = ""
    country_values: tuple[tuple[str, str], ...] = ()  # case-folded cells recoded before they are read as a country
    region_values: tuple[tuple[str, str], ...] = ()  # the same for the region: a county number `14` -> `SE232`
    county_numbers: str = ""  # "SE", "FR", "ES" ...: a region cell is that country's county number, sigla or postcode,
    # read by its scheme (`loaders.county_numbers.SCHEMES`)


@dataclass(frozen=True)
class FileSpec:
    """One `[[nodes]]` or `[[relationships]]` table of a mapping; `line` is where it starts."""

    kind: str
    file: str
    line: int | None
    label: str = ""
    extra_labels: tuple[str, ...] = ()
    label_if: tuple[tuple[str, str], ...] = ()
    id: str = ""
    name: str = ""
    value: str = ""  # a node table's one node, every row's (`id = { value = "RPO" }`): its id and its name
    name_else: tuple[str, ...] = ()  # columns that name the node, in turn, where the `name` cell is empty
    type: str = ""
    start: Endpoint | None = None
    end: Endpoint | None = None
    key: str = ""
    properties: tuple[Column, ...] = ()
    separator: str | None = None
    encoding: str | None = None
    skip_lines: int = 0  # lines above a CSV file's header (a spreadsheet's title)
    rows: str | None = None  # JSON: the key of the list of rows in an object holding several lists
    on_empty: str = "error"
    placeholder: str = ""
    empty_by_column: tuple[tuple[str, str, str], ...] = ()  # (key column, on_empty, placeholder): that key's own
    compact: tuple[str, ...] = ()  # key columns read without spaces, and hyphens or dots between digits (556051-4142)
    on_conflict: str = "error"
    #: (column, separator or separators): a row per item of a cell that lists several
    split: tuple[str, str | tuple[str, ...]] | None = None
    drop: tuple[str, ...] = ()
    place: Place | None = None
    match: str = "id"  # "name": a row whose id the store lacks takes the node its name names (loaders.generic_match)
    lines: dict[str, int | None] = field(default_factory=dict, compare=False)

    @property
    def said_labels(self) -> frozenset[str]:
        """The labels a row's own cells add (`label_if`): one row of a node may say them and another not."""
        return frozenset(label for label, _ in self.label_if)

    def columns(self) -> list[tuple[str, str, int | None]]:
        """(what it is for, column, mapping line) for every column the table names: the header must hold each."""
        used = [("id", "id", self.id), ("name", "name", self.name), ("key", "key", self.key)]
        used += [("name", "name", column) for column in self.name_else]
        used += [(f"label {label}", "label_if", column) for label, column in self.label_if]
        used += [(f"{role} {e.label}", role, e.column) for role, e in (("start", self.start), ("end", self.end)) if e]
        used += [(c.property, c.property, c.column) for c in self.properties if not c.constant]
        if self.place:
            used += [("located_in region", "located_in.region", self.place.region),
                     ("located_in country", "located_in.country", self.place.country)]
        used += [("on_empty placeholder", "on_empty", column) for template in (self.placeholder, *(
            t for _, _, t in self.empty_by_column)) for column in placeholder_columns(template)]
        used += [("split", "split", self.split[0])] if self.split else []
        return [(what, column, self.lines.get(key, self.line)) for what, key, column in used if column]

    def empty_rule(self, column: str) -> tuple[str, str]:
        """(on_empty, placeholder) for an empty cell of the key `column`: its own rule if the table gives one per key
        column (a relationship whose two ends call for different rules), else the table's."""
        return next(((rule, template) for key, rule, template in self.empty_by_column if key == column),
                    (self.on_empty, self.placeholder))


def placeholder_columns(template: str) -> list[str]:
    """The columns a placeholder template names (`{line}` is the row's line, not a column)."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name and name != "line"]


def filled_placeholder(template: str, line: int, cells: dict[str, str]) -> str:
    """`template` with each `{column}` replaced by its cell and `{line}` by the row's line. A column is named whole:
    `{partnere.navn}`, a nested JSON column as `mapping new` writes it, had been read by `str.format` as the attribute
    `navn` of a `partnere` and ended the load with a traceback.

    >>> filled_placeholder("name:{partnere.navn} ({line})", 7, {"partnere.navn": "Energinet"})
    'name:Energinet (7)'
    """
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None:
            parts.append(format(line if name == "line" else cells[name], spec or ""))
    return "".join(parts)


@dataclass(frozen=True)
class Mapping:
    """A checked mapping: its name (part of every Source id), a title, and one spec per table."""

    path: Path
    name: str
    title: str
    files: tuple[FileSpec, ...]

    def data_path(self, spec: FileSpec) -> Path:
        return self.path.parent / spec.file


def did_you_mean(word: Any, known: Iterable[str]) -> str:
    """` (did you mean 'X'?)` for the known name `word` nearly spells (a typo, or `Organization` for Organisation),
    in any case, or names in another tool's words (`delimiter`); "" when none is near (`graph.nearest`).

    >>> did_you_mean("Organization", ["Cluster", "Organisation"]), did_you_mean("sep", ["separator"])
    (" (did you mean 'Organisation'?)", " (did you mean 'separator'?)")
    """
    return nearest.did_you_mean(word, known, same_meaning=_SAME_MEANING)


#: Words other tools use for a mapping's keys (pandas, csvkit, Neo4j's import), which no spelling brings near.
_SAME_MEANING = {"delimiter": "separator", "delim": "separator", "sep": "separator", "props": "properties",
                 "attributes": "properties", "key": "id", "primary_key": "id", "path": "file", "filename": "file",
                 "skiprows": "skip_lines", "skip_rows": "skip_lines", "from": "start", "to": "end"}


def name_problem(name: Any) -> str | None:
    """What is wrong with a mapping's `name`, or None. It starts the ids of the load's files, `user:NAME/FILE`, and an
    unload takes what those ids start with: a name holding `/` (`dk/2024`) was taken as the load `dk`'s file
    `2024/...`, and `unload user:dk` removed the other load's data too.

    >>> name_problem("dk-klynger"), name_problem("dk/2024")
    (None, "name 'dk/2024' holds '/', which parts a load's name from its files (user:NAME/FILE): write 'dk-2024'")
    """
    if not isinstance(name, str) or not name.strip():
        return "name must be a non-empty text"
    if "/" in name:
        return (f"name {name!r} holds '/', which parts a load's name from its files (user:NAME/FILE): write "
                f"{name.strip().replace('/', '-')!r}")
    return None
