"""The options of a mapping table beyond columns: how its file is read, `on_empty`, `on_conflict`, `drop`,
`located_in`, and constant values.

Checked like the rest of a mapping (`loaders.mapping`): every problem names the mapping file and the
line of the key. See docs/mapping.md, "Empty keys, constants, places and dropped properties".
"""

from __future__ import annotations

import string
from typing import Any

from graph.countries import country_code
from graph.store.schema import NODE_LABELS, check_property
from loaders.common import is_json, is_text_encoding
from loaders.county_numbers import SCHEMES, known_numbers
from loaders.mapping_spec import ON_CONFLICT, PLACEHOLDER_OR_SKIP, SEPARATORS, Checker, Column, Place

__all__ = ["reading_options", "key_options", "constant_column", "RESERVED", "DROPPABLE_LABELS"]

#: Properties a mapping may neither fill nor drop on nodes: the key, the display name and the tool's own.
RESERVED = frozenset({"id", "name", "kind", "sources", "_hash"})
#: The labels `drop` may take off a nodes table's nodes: any a mapping can give (not the tool's own).
DROPPABLE_LABELS = frozenset(NODE_LABELS) - {"Source", "Load"}


def _on_empty(check: Checker, kind: str, index: int, raw: Any) -> tuple[str, str]:
    """(one of `ON_EMPTY`, template) from `on_empty = "skip"`, `{ placeholder = "..." }` or `{ placeholder = "...",
    otherwise = "skip" }` (a row whose placeholder's cells are empty too, an Excel total row, is skipped)."""
    if raw is None or raw in ("error", "skip"):
        return raw or "error", ""
    template = raw.get("placeholder") if is_one_rule(raw) else None
    if not isinstance(template, str) or not template.strip():
        check.problem(kind, index, 'on_empty must be "error" (the default), "skip" or { placeholder = '
                      '"unknown-{line}" } (a template of {line} and column names, or a fixed id)', "on_empty")
        return "error", ""
    otherwise = raw.get("otherwise", "error")
    if set(raw) - {"placeholder", "otherwise"} or otherwise not in ("error", "skip"):
        check.problem(kind, index, 'on_empty = { placeholder = "...", otherwise = "skip" }: otherwise says what a row '
                      'whose placeholder cells are empty too does, "error" (the default) or "skip"; no other key',
                      "on_empty")
        return "error", ""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as e:
        check.problem(kind, index, f"on_empty placeholder {template!r}: {e}; write columns as {{column}}", "on_empty")
        return "error", ""
    if any(spec or conversion for _, name, spec, conversion in fields if name is not None):
        check.problem(kind, index, f"on_empty placeholder {template!r}: write {{line}} or {{column}}, with no "
                      "format after the name", "on_empty")
        return "error", ""
    return PLACEHOLDER_OR_SKIP if otherwise == "skip" else "placeholder", template.strip()


def is_one_rule(raw: Any) -> bool:
    """Whether an `on_empty` table is one rule (`{ placeholder = ... }`, with its `otherwise`), not a rule per key
    column (`{ "Prosjektnr" = "skip", ... }`)."""
    return isinstance(raw, dict) and "placeholder" in raw


def _on_empty_by_column(check: Checker, kind: str, index: int, raw: dict,
                        table: dict) -> tuple[tuple[str, str, str], ...]:
    """(column, on_empty, placeholder) per key column of `on_empty = { "Prosjektnr" = "skip", "Orgnr" = { placeholder
    = "navn:{Navn}" } }`: a relationship's two ends may call for different rules (a participation without a project
    number is skipped, one without an organisation number names the organisation by its name); a key not named
    keeps the default, "error"."""
    keys = _key_columns(kind, table)
    rules = []
    for column, rule in raw.items():
        if column not in keys:
            check.problem(kind, index, f"on_empty names {column!r}, which is not a key column of this table ("
                          f"{', '.join(map(repr, filter(None, keys))) or 'none'})", "on_empty")
            continue
        rules.append((column, *_on_empty(check, kind, index, rule)))
    return tuple(rules)


def _key_columns(kind: str, table: dict) -> list[str]:
    """The columns a table reads keys from: its id (nodes), its ends' columns (relationships)."""
    ends = [table.get(role) for role in ("start", "end")]
    return [table.get("id")] if kind == "nodes" else [e.get("column") for e in ends if isinstance(e, dict)]


def _compact(check: Checker, kind: str, index: int, raw: Any, table: dict) -> tuple[str, ...]:
    """The key columns whose cells are read without their spaces and the hyphens and dots between digits
    (`compact = ["Orgnr"]`, `loaders.compact_keys`): a national table writes an organisation number "919 303 808" or
    "556051-4142" on some rows and "919303808" or "5560514142" on others, two nodes where one is meant."""
    listed = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
    keys = _key_columns(kind, table)
    if listed is None or not all(isinstance(c, str) for c in listed):
        check.problem(kind, index, 'compact must list key columns: compact = ["Organisation number"]', "compact")
        return ()
    for column in listed:
        if column not in keys:
            check.problem(kind, index, f"compact names {column!r}, which is not a key column of this table ("
                          f"{', '.join(map(repr, filter(None, keys))) or 'none'})", "compact")
    return tuple(c for c in listed if c in keys)


def _on_conflict(check: Checker, kind: str, index: int, raw: Any) -> str:
    """"error" (the default) or, for nodes, "merge": the same node on several rows with other details, as
    participation tables repeat an organisation's name with a typo or a new address."""
    if raw not in ON_CONFLICT:
        check.problem(kind, index, 'on_conflict must be "error" (the default) or "merge"', "on_conflict")
        return "error"
    if raw == "merge" and kind != "nodes":
        check.problem(kind, index, 'on_conflict = "merge" is for node tables: a relationship given twice with '
                      "other data needs a key column telling them apart", "on_conflict")
        return "error"
    return raw


def _split(check: Checker, kind: str, index: int, raw: Any,
           json_file: bool) -> tuple[str, str | tuple[str, ...]] | None:
    """(column, separator) of `split = { column = "Sectors", separator = ";" }`: a cell listing several
    sectors, themes or clusters stands for one row per item. A JSON file's list cells need no separator. A list of
    separators (`[";", " / "]`) splits at any of them: a German grants table listed a project's partners with `;` in
    one row and ` / ` in the next."""
    separator = raw.get("separator", "") if isinstance(raw, dict) else ""
    several = isinstance(separator, list) and bool(separator) and all(isinstance(s, str) and s for s in separator)
    if (not isinstance(raw, dict) or "column" not in raw or set(raw) - {"column", "separator"}
            or not isinstance(raw["column"], str) or not raw["column"].strip()
            or not (isinstance(separator, str) or several) or raw.get("separator") == ""
            or ("separator" not in raw and not json_file)):
        check.problem(kind, index, 'split must be a table: { column = "column listing several", separator = ";" } '
                      '(or several: separator = [";", " / "]; a JSON list needs no separator)', "split")
        return None
    return raw["column"].strip(), tuple(separator) if several else separator


def _given_labels(table: dict) -> set[Any]:
    """The labels a nodes table gives (`label`, `extra_labels`, `label_if`): none of them can be dropped."""
    extra, said = table.get("extra_labels", []), table.get("label_if", {})
    return {table.get("label"), *([extra] if isinstance(extra, str) else extra if isinstance(extra, list) else []),
            *(said if isinstance(said, dict) else {})}


def _drop(check: Checker, kind: str, index: int, raw: Any, mapped: set[str], table: dict) -> tuple[str, ...]:
    """Property names, and (nodes) labels this table no longer gives (`generic_drop.drop_labels`)."""
    names = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else None
    if names is None or not all(isinstance(n, str) and n for n in names):
        check.problem(kind, index, 'drop must be a list of property names (or, in a [[nodes]] table, labels no '
                      'longer given): drop = ["old_name"]', "drop")
        return ()
    for name in names:
        try:
            check_property(name)
        except ValueError as e:
            check.problem(kind, index, f"drop: {e}", "drop")
        if kind == "nodes" and name in DROPPABLE_LABELS:
            if name in _given_labels(table):
                check.problem(kind, index, f"drop: label {name!r} is given by this table; drop only a label it no "
                              "longer gives", "drop")
        elif name in RESERVED:
            check.problem(kind, index, f"drop: {name!r} is not a property a mapping can remove", "drop")
        elif name in mapped:
            check.problem(kind, index, f"drop: {name!r} is mapped in this table; drop only a property no longer "
                          "mapped", "drop")
    return tuple(dict.fromkeys(names))


def _place(check: Checker, index: int, raw: Any) -> Place | None:
    usage = ('located_in must be a table: { region = "column", country = "column" or { value = "NO" } or '
             '{ column = "column", values = { "cell" = "code", ... } } }')
    if not isinstance(raw, dict) or not raw or set(raw) - {"region", "country"}:
        check.problem("nodes", index, usage, "located_in")
        return None
    region, country = raw.get("region", ""), raw.get("country", "")
    region, region_options = _region_recode(check, index, region)
    if region is None:
        return None
    if isinstance(country, dict) and "column" in country:  # cells recoded first: { "XH" = "IN", "n/a" = "" }
        recode = country.get("values", {})
        if (set(country) - {"column", "values"} or not isinstance(country["column"], str) or not isinstance(
                recode, dict) or not all(isinstance(v, str) for v in recode.values())):
            check.problem("nodes", index, usage, "located_in")
            return None
        for cell, code in recode.items():
            try:
                _ = code and country_code(code)
            except ValueError as e:
                check.problem("nodes", index, f"located_in country: values: {cell!r} = {code!r}: {e}", "located_in",
                              country["column"])
                return None
        return Place(region.strip() if isinstance(region, str) else "", country["column"].strip(),
                     country_values=tuple((cell.casefold(), code) for cell, code in recode.items()),
                     **region_options)
    if isinstance(country, dict):
        if set(country) != {"value"} or not isinstance(country["value"], str):
            check.problem("nodes", index, usage, "located_in")
            return None
        if not country["value"].strip():  # a template's line left for the user to fill in
            check.problem("nodes", index, 'the country value is empty: write the code of the country every row is '
                          'in (country = { value = "NO" }), or map a column holding it', "country")
            return None
        try:
            return Place(region if isinstance(region, str) else "", "", country_code(country["value"]),
                         **region_options)
        except ValueError as e:
            check.problem("nodes", index, f"located_in country: {e}", "located_in")
            return None
    if not all(isinstance(x, str) for x in (region, country)):
        check.problem("nodes", index, usage, "located_in")
        return None
    return Place(region.strip(), country.strip(), **region_options)


def _region_recode(check: Checker, index: int, region: Any) -> tuple[Any, dict[str, Any]]:
    """`region = { column = "län", values = { "14" = "SE232" } }`: the column, and the `Place` options reading its
    cells: the recode (case-folded) applied before a cell is read as a NUTS code or a national region (a register's
    county numbers had become `SE-14`, a region off the Map), and `county_numbers = "SE"` (or any country of
    `loaders.county_numbers.SCHEMES`), which reads a cell as that country's county number (a län's `14`, a
    département's postcode, a province's sigla or plate letters) and its NUTS 3 region; a plain column as before.
    (None, {}) after a problem."""
    if not isinstance(region, dict):
        return region, {}
    recode, numbers = region.get("values", {}), region.get("county_numbers", "")
    if (set(region) - {"column", "values", "county_numbers"} or not isinstance(region.get("column"), str)
            or not isinstance(recode, dict) or not all(isinstance(v, str) for v in recode.values())):
        check.problem("nodes", index, 'located_in region must be a column ("column") or { column = "column", values = '
                      '{ "cell" = "NUTS code or region name", ... } } (county numbers: county_numbers = '
                      f'{known_numbers()})', "located_in")
        return None, {}
    if numbers != "" and numbers not in SCHEMES:
        check.problem("nodes", index, f"located_in region: county_numbers = {numbers!r} is not known: write one of "
                      f"{known_numbers()}", "located_in", numbers)
        return None, {}
    return region["column"].strip(), {"region_values": tuple((str(cell).casefold(), code) for cell, code in
                                                            recode.items()), "county_numbers": numbers}


def reading_options(check: Checker, kind: str | None, index: int, table: dict) -> dict[str, Any]:
    """The separator, encoding and lines above the header a table (or the whole mapping) sets, checked; None
    where it sets none (the mapping's, or the reader's own finding)."""
    separator, encoding, skip = table.get("separator"), table.get("encoding"), table.get("skip_lines")
    rows = table.get("rows")  # JSON: the key of the list of rows, in an export holding several lists
    if rows is not None and (not isinstance(rows, str) or not rows.strip()):
        check.problem(kind, index, 'rows must be the key of the JSON file\'s list of rows (rows = "members")', "rows")
        rows = None
    if skip is not None and (not isinstance(skip, int) or isinstance(skip, bool) or not 0 <= skip <= 1000):
        check.problem(kind, index, "skip_lines must be the number of lines above the header (0 to 1000)",
                      "skip_lines")
        skip = None
    separator = "\t" if separator in ("tab", "\\t") else separator
    if separator is not None and separator not in SEPARATORS:
        check.problem(kind, index, f"separator must be one of {', '.join(map(repr, SEPARATORS))} or \"tab\"",
                      "separator")
        separator = None
    if encoding is not None and not is_text_encoding(encoding):
        check.problem(kind, index, f"unknown text encoding {encoding!r}; try utf-8 or cp1252, or leave "
                      "it out to detect it", "encoding")
        encoding = None
    return {"separator": separator, "encoding": encoding, "skip_lines": skip, "rows": rows}


def key_options(check: Checker, kind: str, index: int, table: dict, mapped: set[str]) -> dict[str, Any]:
    """`on_empty`, `placeholder`, `compact`, `on_conflict`, `split`, `drop` and (nodes) `place` and `match` of a
    table, as `FileSpec` fields."""
    raw = table.get("on_empty")
    if isinstance(raw, dict) and not is_one_rule(raw):  # a rule per key column: { "Prosjektnr" = "skip", ... }
        options: dict[str, Any] = {"empty_by_column": _on_empty_by_column(check, kind, index, raw, table)}
    else:
        on_empty, placeholder = _on_empty(check, kind, index, raw)
        options = {"on_empty": on_empty, "placeholder": placeholder}
    if "compact" in table:
        options["compact"] = _compact(check, kind, index, table["compact"], table)
    if "on_conflict" in table:
        options["on_conflict"] = _on_conflict(check, kind, index, table["on_conflict"])
    if "split" in table:
        options["split"] = _split(check, kind, index, table["split"], is_json(table.get("file", "")))
    if "drop" in table:
        options["drop"] = _drop(check, kind, index, table["drop"], mapped, table)
    if kind == "nodes" and "located_in" in table:
        options["place"] = _place(check, index, table["located_in"])
    if kind == "nodes" and "match" in table:
        if table["match"] in ("id", "name"):
            options["match"] = table["match"]
        else:
            check.problem(kind, index, 'match must be "id" (the default: a new id makes a new node) or "name" (a '
                          "row whose id the store lacks takes the node of the store its name names)", "match")
    return options


def constant_column(check: Checker, kind: str, index: int, prop: str, spec: dict, column: Column) -> Column | None:
    """The column of `property = { value = ..., type = ... }`: the value converted once, here."""
    if "column" in spec:
        check.problem(kind, index, f"property {prop!r}: give either column or value, not both", prop)
        return None
    if isinstance(spec["value"], (dict, list)) and column.type != "list":
        check.problem(kind, index, f"property {prop!r}: value must be one text, number, yes/no or date", prop)
        return None
    try:
        value = column.convert(spec["value"])
    except ValueError as e:
        check.problem(kind, index, f"property {prop!r}: value {spec['value']!r}: {e}", prop)
        return None
    if value is None:
        check.problem(kind, index, f"property {prop!r}: value is empty; leave the property out instead", prop)
        return None
    return Column(prop, "", column.type, column.formats, column.separator, column.decimal, True, value)
