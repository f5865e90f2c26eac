"""CORDIS projects and their participants, from the shared extract or the official CSV export.

Both layouts are read by column name: the shared extract (`projects.csv`, `organizations.csv`, comma)
and the official CORDIS download (`project.csv`, `organization.csv`, semicolon; the `.zip` archive as
downloaded, see `loaders.cordis_files`), each with optional side tables of topics, legal bases and
EuroSciVoc fields. `read_cordis` is pure; its notes say in plain
sentences what was merged, skipped or assumed. `load_cordis` leaves countries and regions already in the
store as they are (the NUTS loader is the better source for their names and coordinates) and creates
only the places it lacks, from CORDIS's own names.

An organisation is its PIC: one node per PIC, named by its most frequent spelling (ties: the latest
project's), other spellings in `aliases`, other details from its most recent participation that has them.
Its activity counts (participations, coordinated projects and partners, contributions) are not computed
here: `loaders.pipeline` recomputes them in the store after every load, so they count every framework
loaded, whichever loader wrote the participations.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from graph.memory import gc_paused
from graph.store.contract import GraphStore
from graph.store.held_back import take_off_displaced
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress
from loaders.common import LoadReport, load_records
from loaders.cordis_files import cordis_files, cordis_inputs, read_all, source_ids, source_nodes
from loaders.cordis_projects import add_projects
from loaders.cordis_stored_places import placed_against_others
from loaders.csv_tables import Table, unique_rows
from loaders.nuts import describe_summary, keep_stored_places, place_records

__all__ = ["READER_VERSION", "read_cordis", "load_cordis", "cordis_files"]

SOURCE = "cordis"
#: What this reader makes of a file, logged with each load (`loaders.reader_version`): a store that loaded the same
#: files with another version loads them again, once. Raise it with any change to what a file becomes. 1: titles
#: and names single-spaced (CORDIS's official files write `HORIZON  ERC Grants`).
READER_VERSION = 1
_ROLE_PROPS = {"role": "role", "order": "order", "ecContribution": "contribution",
               "netEcContribution": "net_contribution", "totalCost": "total_cost",
               "terminated": "terminated", "endOfParticipation": "terminated"}
_ORG_PROPS = {"vatNumber": "vat_number", "shortName": "short_name", "activityType": "activity_type",
              "city": "city", "country": "country", "organizationURL": "url", "nutsCode": "nuts_code",
              "SME": "sme", "geolocation": "geolocation"}


def _latest(rows: list[dict], column: str) -> Any:
    return next((r[column] for r in rows if r.get(column) is not None), None)


def _name(rows: list[dict]) -> tuple[str, list[str]]:
    """Most frequent spelling, ties to the latest project's (`rows` are newest first); and the others."""
    names = [r["name"] for r in rows if r["name"]]
    if len(set(names)) <= 1:
        return (names[0] if names else ""), []
    counts = Counter(names)
    best = max(counts, key=lambda n: (counts[n], -names.index(n)))
    return best, sorted(n for n in counts if n != best)


def _organisation(pic: str, rows: list[dict], varied: Counter) -> tuple[str, dict[str, Any]]:
    """Name, other spellings and properties of one PIC from its participation rows (newest first)."""
    name, aliases = _name(rows)
    props: dict[str, Any] = {"pic": pic}
    if len(rows) == 1:
        props.update((prop, rows[0][column]) for column, prop in _ORG_PROPS.items() if rows[0].get(column) is not None)
    else:
        for column, prop in _ORG_PROPS.items():
            values = [r[column] for r in rows if r.get(column) is not None]
            if values:
                props[prop] = values[0]
                varied[column] += len(set(values)) > 1
    if "geolocation" in props:
        props["lat"], props["lon"] = props.pop("geolocation")
    if aliases:
        props["aliases"] = aliases
    return name, props


def read_cordis(folder_or_files) -> tuple[list[NodeRecord], list[RelRecord], list[str]]:
    """Records for projects, programmes, sectors, organisations and their places, plus notes. Pure."""
    with gc_paused():
        files = cordis_files(folder_or_files)
        tables = read_all(files)
        src = source_ids(files)
        nodes = source_nodes(files, src)
        rels: list[RelRecord] = []
        notes = [n for t in tables.values() for n in t.notes]
        projects, parts, side = _rows(files, tables, notes)
        pairs = Counter((r["projectID"], r["organisationID"]) for r in parts)
        no_money = [r for r in parts if r.get("ecContribution") is None]
        notes += [
            f"Read {len(projects)} projects and {len(parts)} participation rows of "
            f"{len({r['organisationID'] for r in parts})} organisations (one per PIC).",
            f"{sum(1 for v in pairs.values() if v > 1)} (project, organisation) pairs occur on more than one row "
            "(the same PIC with another role or order); each row is its own PARTICIPATES_IN relationship, keyed "
            "by order.",
            f"{len(no_money)} participation rows have no EC contribution ("
            f"{sum(r['role'] == 'associatedPartner' for r in no_money)} of them associatedPartner rows); the "
            "contribution is left absent, not 0.",
        ]
        add_projects(projects, side, src, nodes, rels, notes)
        _add_organisations(projects, parts, tables, src, nodes, rels, notes)
        return nodes, rels, notes


def _rows(files: dict[str, Path], tables: dict[str, Table], notes: list[str]):
    """Distinct projects, participations of known projects, and side-table rows of known projects."""
    projects, _, dropped = unique_rows(tables["projects"], ["id"])
    if dropped:
        notes.append(f"{dropped} rows of {files['projects'].name} repeat another row exactly and were read once.")
    known = {p["id"] for p in projects}
    parts, _, dropped = unique_rows(tables["organisations"], ["projectID", "order", "organisationID"])
    if dropped:
        notes.append(f"{dropped} participation rows repeat another row exactly and were read once.")
    orphans = [r for r in parts if r["projectID"] not in known]
    if orphans:
        notes.append(f"{len(orphans)} participation rows name a project missing from {files['projects'].name} "
                     f"and were skipped (e.g. project {orphans[0]['projectID']}).")
        parts = [r for r in parts if r["projectID"] in known]
    side = {role: [r for r in tables[role].rows if r["projectID"] in known] if role in tables else []
            for role in ("topics", "legal_basis", "euroscivoc")}
    return projects, parts, side


def _add_organisations(projects, parts, tables, src, nodes, rels, notes) -> None:
    """One Organisation per PIC, PARTICIPATES_IN per row (keyed by order), LOCATED_IN its NUTS code."""
    from loaders.cluster_detection import detect_cluster

    recency = {p["id"]: (p.get("startDate") or "", int(p["id"])) for p in projects}
    role_columns = [(k, v) for k, v in _ROLE_PROPS.items() if k in tables["organisations"].columns]
    by_pic: dict[str, list[dict]] = defaultdict(list)
    for r in sorted(parts, key=lambda r: (recency[r["projectID"]], r["order"]), reverse=True):
        by_pic[r["organisationID"]].append(r)
        rels.append(RelRecord("PARTICIPATES_IN", "Organisation", f"pic:{r['organisationID']}", "Project",
                              f"cordis:{r['projectID']}", (src["organisations"],),
                              {v: r[k] for k, v in role_columns if r[k] is not None}, key=str(r["order"])))
    places: set[str] = set()
    varied, rules = Counter(), Counter()
    spelled = unnamed = smes = 0
    for pic, rows in sorted(by_pic.items()):
        name, props = _organisation(pic, rows, varied)
        spelled += "aliases" in props
        if not name:
            unnamed += 1
            name = props.get("short_name") or f"PIC {pic}"
        extra = ("SME",) if props.get("sme") else ()
        smes += bool(extra)
        rule = detect_cluster(name, props.get("short_name"), props.get("country"))
        if rule:
            props["cluster_rule"], extra = rule, ("Cluster", *extra)
            rules[rule.split(":")[0]] += 1
        nodes.append(NodeRecord("Organisation", f"pic:{pic}", name, (src["organisations"],), extra, props))
        place = props.get("nuts_code") or props.get("country")
        if place:
            places.add(place)
            rels.append(RelRecord("LOCATED_IN", "Organisation", f"pic:{pic}",
                                  "Region" if len(place) > 2 else "Country", place, (src["organisations"],)))
    names = {r["nutsCode"]: r["name"] for r in tables["nuts"].rows if r["name"]} if "nuts" in tables else {}
    place_nodes, place_rels = place_records(places, names, src.get("nuts", ""), src["organisations"])
    nodes += place_nodes
    rels += place_rels
    notes += [
        f"{spelled} organisations appear under more than one spelling; the most frequent (then the latest "
        "project's) is the name, the others are in aliases.",
        "Where an organisation's details differ between participations, the most recent participation's value "
        "is kept: " + (", ".join(f"{c} for {n}" for c, n in varied.most_common() if n) or "none differ") + ".",
        f"{smes} organisations are SMEs; {sum(1 for rows in by_pic.values() if _latest(rows, 'SME') is None)} "
        "have no SME flag in any row (no sme property).",
        f"{sum(rules.values())} organisations are marked Cluster ("
        + (", ".join(f"{k} rule: {v}" for k, v in sorted(rules.items())) or "none") + ").",
    ]
    if unnamed:
        notes.append(f"{unnamed} organisations have no name in any row; named by short name or PIC.")


def _left_out(given: tuple[list, list], written: tuple[list, list]) -> tuple[list, list]:
    """The place records `keep_stored_places` left out as the store holds them: the files still give them (a re-load
    of a newer export had taken them for records gone, and credited them to another file)."""
    kept = {id(record) for records in written for record in records}
    return tuple([r for r in records if id(r) not in kept] for records in given)


def load_cordis(store: GraphStore, path: Path | str, progress: Progress | None = None,
                parsed: Future | None = None) -> LoadReport:
    """Load a folder of CORDIS files into `store`: validated first, nothing written if anything is wrong.

    `parsed`: `read_cordis` of the same files already running on another thread (`loaders.pipeline.run_sample`
    starts it while the seeds and NUTS are written); its problems are raised here, before any CORDIS write."""
    files = cordis_files(path)
    with gc_paused():
        nodes, rels, notes = parsed.result() if parsed is not None else read_cordis(list(files.values()))
        given = (nodes, rels)
        nodes, rels, place_notes = keep_stored_places(store, nodes, rels)
        stored = _left_out(given, (nodes, rels))
        placed = placed_against_others(store, nodes, rels)  # one place per organisation
        summary = load_records(store, SOURCE, cordis_inputs(files), placed.nodes, placed.rels, progress=progress,
                               held=placed.held, stored=stored, reader_version=READER_VERSION)
        take_off_displaced(store, placed.taken_off)  # after the write: a load stopped before it finds them again
    report = LoadReport(SOURCE, summary, notes + place_notes + placed.notes)
    report.notes.append(describe_summary(report))
    return report
