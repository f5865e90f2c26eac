"""Presets: a mapping for a common shape of table, written as `preset = "..."` and the column names.

`participation` is one row per participation, as national funders and EU programmes publish them:
project columns, organisation columns, the role, the amount and where the organisation is. It expands
into the `[[nodes]]` and `[[relationships]]` tables one would write by hand (a `Project` table, an
`Organisation` table located in its region and country, and `PARTICIPATES_IN` with role and
contribution), so every check and message of a hand-written mapping applies. Its `match = "name"` is the
`match` of its Organisation, Programme and Sector tables (`loaders.generic_match`). A `coordinator` column naming each
project's lead partner adds its participation as coordinator (`loaders.mapping_preset_coordinator`). See
docs/mapping.md.
"""

from __future__ import annotations

import re
from typing import Any

from loaders.common import is_json
from loaders.compact_keys import COMPACT_READS
from loaders.mapping_options import is_one_rule
from loaders.mapping_preset_coordinator import with_coordinator
from loaders.mapping_spec import Checker

__all__ = ["PRESET_KEYS", "PARTICIPATION_COLUMNS", "EU_FUNDERS", "expand_preset"]

#: Keys a preset mapping may hold at its top level (beside name, title, separator, encoding).
PRESET_KEYS = ("preset", "file", "columns", "on_empty", "on_conflict", "date_format", "decimal", "thousands", "roles",
               "drop", "match", "currency", "split")
#: The columns of the participation preset: name -> (required, what it fills).
PARTICIPATION_COLUMNS = {
    "project_id": (True, "Project id"), "project_title": (False, "Project title (and name)"),
    "project_acronym": (False, "Project acronym (the name when given)"),
    "start_date": (False, "Project start_date"), "end_date": (False, "Project end_date"),
    "organisation_id": (True, "Organisation id"), "organisation_name": (True, "Organisation name"),
    "coordinator": (False, "the project's coordinator (lead partner) by name, its id: an Organisation that "
                           "PARTICIPATES_IN the project with role coordinator (one also listed among the partners: one "
                           "participation, as coordinator)"),
    "role": (False, "PARTICIPATES_IN role"),
    "amount": (False, "PARTICIPATES_IN amount (an EU contribution where funder says EU)"),
    "project_amount": (False, "Project amount: the project's whole grant, with currency and funder (not a partner's)"),
    "country": (False, "Organisation country (a code or a name), or { value = \"NO\" }"),
    "region": (False, "Organisation region (a NUTS code or a national region's name)"),
    "city": (False, "Organisation city"), "sme": (False, "the SME label where it says yes"),
    "programme": (False, "the Programme the project is FUNDED_BY (id and name: the cell)"),
    "sector": (False, "a Sector the project is ACTIVE_IN (its theme or field; id and name: the cell)"),
    "participation_key": (False, "what tells apart an organisation's rows with one role in one project (CORDIS's "
                                 "order)"),
    "funder": (False, "whose money the amounts are, the whole table's: funder = { value = \"EU\" } sums them with "
                      "CORDIS's EU contributions; a funder's name, { value = \"FFG\" }, or none keeps them apart as "
                      "amount, with currency and funder"),
}
#: The columns that may be one value for the whole table (`programme = { value = "RPO" }`: one Programme every project
#: is FUNDED_BY); the others differ from row to row.
CONSTANTS = ("country", "city", "programme", "sector")
#: What `funder` says for the EU's money: amounts (in EUR) summed with CORDIS's EU contributions.
EU_FUNDERS = ("eu", "european union", "european commission")
#: The options of the columns read as keys (ids and names of nodes, ends of relationships): a key is read as written,
#: so `type` or `values` there were ignored without a word (`type = "int"` kept the id '919 303 808').
_KEY_OPTIONS = {name: {"column"} | ({"separator"} if listed else set()) | ({"on_empty", "compact"} if empty else set())
                for name, listed, empty in (
    ("project_id", False, True), ("organisation_id", True, True), ("organisation_name", True, False),
    ("programme", True, False), ("sector", True, False), ("participation_key", False, False),
    ("coordinator", False, False))}


def _column(columns: dict, name: str, **options: Any) -> dict[str, Any]:
    spec = columns[name]
    spec = {"column": spec} if isinstance(spec, str) else dict(spec)
    return {**options, **spec}


def _match(raw: dict, check: Checker) -> dict[str, str]:
    """`match = "name"`: the Organisation, Programme and Sector tables get it (rows whose id the store lacks take
    the store's node of that name: a seed cluster, a CORDIS partner); projects keep theirs (acronyms repeat)."""
    match = raw.get("match", "id")
    if match not in ("id", "name"):
        check.problem(None, 0, f"match = {match!r} is not known: write match = \"name\" (an organisation, programme "
                      "or sector whose id the store lacks takes the store's node of that name) or leave it out (the "
                      "default, \"id\": a new id makes a new node)", "match", match)
    return {"match": "name"} if match == "name" else {}


#: The preset's columns that are keys: each may say what its empty cells do (`on_empty` in its table of [columns]).
KEYS = ("project_id", "organisation_id")


def _empty_rules(raw: dict, columns: dict, check: Checker) -> tuple[Any, Any]:
    """What an empty project number and an empty organisation number do: each key's own `on_empty` (in [columns]),
    else the top-level one, which is one rule for both. One rule for both gave a row without a project number
    the organisations' placeholder (a project `name:Testbedrift AS`), or skipped every row without an
    organisation number along with it; a key's own rule applies to that key alone, in every table the preset
    makes."""
    top = raw.get("on_empty")
    if isinstance(top, dict) and not is_one_rule(top):
        check.problem(None, 0, "on_empty at the top of a preset is one rule for every key: \"skip\" or { placeholder "
                      "= \"...\" }; give a key its own in [columns]: project_id = { column = \"...\", on_empty = "
                      "\"skip\" }", "on_empty")
        top = None
    for name, spec in columns.items():
        if isinstance(spec, dict) and "on_empty" in spec and name not in KEYS:
            check.problem(None, 0, f"{name}: on_empty is for the keys, project_id and organisation_id (what a row "
                          "without one does)", name)
    return tuple(columns[n].get("on_empty", top) if isinstance(columns.get(n), dict) else top for n in KEYS)


def _participation(raw: dict, check: Checker) -> dict[str, Any]:
    matching = _match(raw, check)
    columns = raw.get("columns")
    if not isinstance(columns, dict):
        check.problem(None, 0, "the participation preset needs a [columns] table: project_id = \"column\", ...",
                      "columns")
        return {}
    if columns.get("project_title") == "" and columns.get("project_acronym"):  # the draft's empty title, "needed (or
        columns = {n: s for n, s in columns.items() if n != "project_title"}  # project_acronym)": as if left out
    for name, spec in columns.items():
        if name not in PARTICIPATION_COLUMNS:
            check.problem(None, 0, f"unknown column role {name!r} in [columns]; known: "
                          f"{', '.join(PARTICIPATION_COLUMNS)}", name)
        elif name == "funder":
            if not (isinstance(spec, dict) and set(spec) == {"value"} and isinstance(spec["value"], str)
                    and spec["value"].strip()):
                check.problem(None, 0, "funder says whose money the whole table's amounts are, as a value, not a "
                              "column: funder = { value = \"EU\" } for an EU programme's (summed with CORDIS's EU "
                              "contributions) or the funder's name, funder = { value = \"FFG\" } (kept apart as "
                              "amount)", name)
        elif isinstance(spec, dict) and "value" in spec:
            if name not in CONSTANTS or set(spec) != {"value"} or not str(spec["value"]).strip() and name != "country":
                check.problem(None, 0, f"{name} = {{ value = ... }}: " + (
                    "one text for the whole table, alone in its table" if name in CONSTANTS else
                    f"a {name} differs from row to row, so name its column: {name} = \"column\" (one value for the "
                    f"whole table is for {', '.join(CONSTANTS)})"), name)
        elif not isinstance(spec, (str, dict)) or (isinstance(spec, dict) and "column" not in spec):
            check.problem(None, 0, f"{name} must name a column: {name} = \"column\"", name)
        elif isinstance(spec, dict) and (extra := sorted(set(spec) - _KEY_OPTIONS.get(name, set(spec)))):
            takes = ", ".join(o for o in ("column", "separator", "on_empty", "compact") if o in _KEY_OPTIONS[name])
            check.problem(None, 0, f"{name} is a key, read as written: {' and '.join(extra)} cannot apply to it (a "
                          f"key takes {takes})" + (f"; compact = true: {COMPACT_READS}" if
                                                   "compact" in _KEY_OPTIONS[name] else ""), name)
        elif isinstance(spec, dict) and spec.get("compact", True) is not True:
            check.problem(None, 0, f"{name}: compact takes true ({COMPACT_READS}); leave it out to read the ids as "
                          "written", name)
        elif isinstance(spec, str) and not spec.strip():
            check.problem(None, 0, f"{name} is empty: write the header of the column holding the "
                          f"{PARTICIPATION_COLUMNS[name][1]}" + ("" if PARTICIPATION_COLUMNS[name][0] else
                                                                 ", or remove the line"), name)
    missing = [n for n, (required, _) in PARTICIPATION_COLUMNS.items() if required and n not in columns]
    if not ({"project_title", "project_acronym"} & set(columns)):
        missing.append("project_title or project_acronym")
    if missing:
        check.problem(None, 0, f"the participation preset needs the column(s) {', '.join(missing)} in [columns]",
                      "columns")
    if missing or not all(isinstance(s, dict) and ("column" in s or n in (*CONSTANTS, "funder")) or isinstance(s, str)
                          and s.strip() for n, s in columns.items()):
        return {}
    dates = {"type": "date", "format": raw.get("date_format", "%Y-%m-%d")}
    reading = {k: raw[k] for k in ("file", "separator", "encoding", "skip_lines") if k in raw}
    project_empty, organisation_empty = _empty_rules(raw, columns, check)
    project_id = _column(columns, "project_id")["column"]
    # the project and the organisation repeat on each of their rows, often spelled a little differently
    merging = {"on_conflict": raw.get("on_conflict", "merge")}
    org_id = _column(columns, "organisation_id")
    compact = [c["column"] for c in (_column(columns, "project_id"), org_id) if c.get("compact")]

    def compacted(*keys: str) -> dict[str, Any]:  # a table that reads a key `compact = true` asked for
        return {"compact": [k for k in keys if k in compact]} if set(keys) & set(compact) else {}
    project: dict[str, Any] = {**reading, **merging, **_rule(project_empty), **compacted(project_id),
                               "label": "Project", "id": project_id, "properties": {}}
    # the column's header, also when the mapping gives it as a table: { column = "Tittel" } became the name itself
    named_by = [_column(columns, name)["column"] for name in ("project_acronym", "project_title") if name in columns]
    project["name"] = named_by if len(named_by) > 1 else named_by[0]  # no acronym: the title names the project
    for name, prop, options in (("project_title", "title", {}), ("project_acronym", "acronym", {}),
                                ("start_date", "start_date", dates), ("end_date", "end_date", dates)):
        if name in columns:
            project["properties"][prop] = _column(columns, name, **options)
    org_name = _column(columns, "organisation_name")
    listed = org_id.get("separator") or org_name.get("separator")  # a cell listing a project's partners
    if listed and org_id["column"] != org_name["column"]:
        check.problem(None, 0, "a cell listing several organisations is read from one column: give organisation_id "
                      "and organisation_name that column, with its separator (the name is then the id)",
                      "organisation_id")
    split = {"split": {"column": org_id["column"], "separator": listed}} if listed else _partner_objects(raw, check)
    organisation: dict[str, Any] = {**reading, **merging, **matching, **split, **_rule(organisation_empty),
                                    **compacted(org_id["column"]), "label": "Organisation",
                                    "id": org_id["column"], "name": org_name["column"], "properties": {}}
    if "city" in columns:
        organisation["properties"]["city"] = _column(columns, "city")
    if "sme" in columns:
        organisation["label_if"] = {"SME": _column(columns, "sme")["column"]}
    if "country" in columns or "region" in columns:
        organisation["located_in"] = {k: _region(columns[k]) if k == "region" and isinstance(columns[k], dict)
                                      else columns[k] for k in ("country", "region") if k in columns}
    if "drop" in raw:
        project["drop"] = organisation["drop"] = raw["drop"]
    roles = raw.get("roles", {})
    if not isinstance(roles, dict) or not all(isinstance(v, str) for v in roles.values()):
        check.problem(None, 0, 'roles must be a table: "word in the file" = "coordinator" (or "participant")', "roles")
        roles = {}
    by_key = {project_id: project_empty or "error", org_id["column"]: organisation_empty or "error"}
    participation: dict[str, Any] = {**reading, **split, **compacted(org_id["column"], project_id),
                                     "type": "PARTICIPATES_IN", "properties": {},
                                     **(_rule(project_empty) if project_empty == organisation_empty else
                                        {"on_empty": by_key}),
                                     "start": {"label": "Organisation", "column": org_id["column"]},
                                     "end": {"label": "Project", "column": project_id}}
    if "role" in columns:
        # the loader reads ROLE_WORDS under the mapping's own words (loaders.role_words)
        participation["properties"]["role"] = role = _column(columns, "role", values=roles)
        if "column" in role:  # a constant (`{ value = "participant" }`) tells no two rows apart: no key
            participation["key"] = role["column"]
    if "participation_key" in columns:  # rows of one organisation, role and project: told apart by this column
        participation["key"] = _column(columns, "participation_key")["column"]
    currency = str(raw.get("currency", "EUR")).upper()  # not EUR, or not the EU's: kept out of the EU contributions
    if "currency" in raw and (not isinstance(raw["currency"], str) or not re.fullmatch(r"[A-Za-z]{3}", currency)
                              or not {"amount", "project_amount"} & set(columns)):
        check.problem(None, 0, "currency is the ISO code of the amount column's currency (currency = \"NOK\"; the "
                      "default is EUR, summed with CORDIS's EU contributions when funder says \"EU\")", "currency",
                      raw["currency"])
    given = columns.get("funder")
    funder = given["value"].strip() or None if isinstance(given, dict) and isinstance(given.get("value"), str) else None
    if "amount" in columns:  # only the EU's money is summed with CORDIS's EU contributions (EUR)
        eu = currency == "EUR" and funder is not None and funder.casefold() in EU_FUNDERS
        amount = "contribution" if eu else "amount"
        participation["properties"][amount] = _column(columns, "amount", **_amount_reading(raw, currency))
        if not eu:  # a store loaded before funder kept such amounts as contribution: a re-load takes those off
            participation["properties"]["currency"] = {"value": currency}
            participation["drop"] = ["contribution"]
    if funder is not None:
        participation["properties"]["funder"] = {"value": funder}
    if "project_amount" in columns:  # a project's whole grant (`Tildelt (NOK)`): the Project's, not each partner's
        project["properties"]["amount"] = _column(columns, "project_amount", **_amount_reading(raw, currency))
        project["properties"]["currency"] = {"value": currency}
        project["properties"] |= {"funder": {"value": funder}} if funder is not None else {}
    tables: dict[str, Any] = {"nodes": [project, organisation], "relationships": [participation]}
    for name, label, rel_type in (("programme", "Programme", "FUNDED_BY"), ("sector", "Sector", "ACTIVE_IN")):
        if name in columns:  # the cell is the node's id and name; a row without one skips this link only
            spec = _column(columns, name)
            one, column = str(spec.get("value", "")).strip(), spec.get("column", "")  # one: every project's node
            split = ({"split": {"column": column, "separator": spec["separator"]}} if "separator" in spec else
                     {"split": {"column": column}} if is_json(raw.get("file", "")) and column else {})  # JSON lists
            tables["nodes"].append({**reading, **split, **matching, "label": label, "on_empty": "skip",
                                    **({"id": {"value": one}} if one else {"id": column, "name": column})})
            # no cell: no link; no project number: the project's own rule (its placeholder), else no link either
            linked = {project_id: project_empty if isinstance(project_empty, dict) else "skip"} | (
                {column: "skip"} if column else {})
            tables["relationships"].append({**reading, **split, **compacted(project_id), "type": rel_type,
                                            "on_empty": linked, "start": {"label": "Project", "column": project_id},
                                            "end": {"label": label, **({"value": one} if one else {"column": column})}})
    return with_coordinator(tables, columns, check)  # a lead partner named in a column of its own


def _amount_reading(raw: dict, currency: str) -> dict[str, Any]:
    """How the preset's amount columns are read: numbers written the table's way, its currency's mark read past."""
    return {"type": "float", "decimal": raw.get("decimal", "."),
            "currency": currency if re.fullmatch(r"[A-Z]{3}", currency) else "",
            **({"thousands": raw["thousands"]} if "thousands" in raw else {})}


def _partner_objects(raw: dict, check: Checker) -> dict[str, Any]:
    """`split = { column = "partnere" }`: each row's JSON list of partner objects, one participation per object (its
    organisation, role and amount columns `partnere.cvr`, ...); the project's own columns are read once per row."""
    if "split" not in raw:
        return {}
    spec = raw["split"]
    if isinstance(spec, dict) and set(spec) == {"column"} and isinstance(spec["column"], str) and spec["column"]:
        return {"split": {"column": spec["column"]}}
    check.problem(None, 0, "split in the participation preset names the JSON list of partner objects each project "
                  "holds: split = { column = \"partners\" }, with organisation_id = \"partners.id\" and the other "
                  "partner columns by their path", "split")
    return {}


def _rule(on_empty: Any) -> dict[str, Any]:
    """The `on_empty` of a table the preset makes, when the mapping sets one."""
    return {} if on_empty is None else {"on_empty": on_empty}


def expand_preset(raw: dict, check: Checker) -> dict[str, Any]:
    """The mapping a preset stands for: `name`, `title`, `separator`, `encoding` kept, the tables made."""
    preset = raw.get("preset")
    if preset != "participation":
        check.problem(None, 0, f"unknown preset {preset!r}; known: participation", "preset", preset)
        return {k: raw[k] for k in ("name", "title") if k in raw}
    if "nodes" in raw or "relationships" in raw:
        check.problem(None, 0, "a preset mapping makes its own [[nodes]] and [[relationships]]: remove them, or "
                      "write the whole mapping without the preset", "preset")
    if not isinstance(raw.get("file"), str):
        check.problem(None, 0, "the participation preset needs file = \"your-table.csv\"", "file")
        return {k: raw[k] for k in ("name", "title") if k in raw}
    kept = {k: raw[k] for k in ("name", "title", "separator", "encoding") if k in raw}
    return {**kept, **_participation(raw, check)}


def _region(spec: dict[str, Any]) -> Any:
    """The preset's region for `located_in`: its column, or its table when it says more (`values`, `county_numbers`:
    `located_in` checks them, a misspelt key too)."""
    return dict(spec) if set(spec) - {"column"} else spec.get("column")
