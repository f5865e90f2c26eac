"""CORDIS projects and their participants, from the shared extract or the official CSV export.

Both layouts are read by column name: the shared extract (`projects.csv`, `organizations.csv`, comma)
and the official CORDIS download (`project.csv`, `organization.csv`, semicolon), each with optional side
tables of topics, legal bases and EuroSciVoc fields. `read_cordis` is pure; its notes say in plain
sentences what was merged, skipped or assumed. `load_cordis` leaves countries and regions already in the
store as they are (the NUTS loader is the better source for their names and coordinates) and creates
only the places it lacks, from CORDIS's own names.

An organisation is its PIC: one node per PIC, named by its most frequent spelling (ties: the latest
project's), other spellings in `aliases`, other details from its most recent participation that has them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.errors import Problem, ValidationFailed
from graph.memory import gc_paused
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress
from loaders.common import LoadReport, load_records, source_record
from loaders.csv_tables import (
    Table,
    boolean,
    code,
    digits,
    integer,
    iso_date,
    lat_lon,
    number,
    read_table,
    unique_rows,
)
from loaders.nuts import describe_summary, keep_stored_places, place_records

__all__ = ["read_cordis", "load_cordis", "cordis_files"]

SOURCE = "cordis"
ATTRIBUTION = "© European Union, CORDIS"
#: role -> accepted file names (shared extract first, official export second); the first two are required.
FILES = {
    "projects": ("projects.csv", "project.csv"),
    "organisations": ("organizations.csv", "organization.csv"),
    "topics": ("project_topics.csv", "topics.csv"),
    "legal_basis": ("project_legal_basis.csv", "legalBasis.csv"),
    "euroscivoc": ("project_euroscivoc.csv", "euroSciVoc.csv"),
    "nuts": ("cordis_nuts_hierarchy.csv",),
}
_SPEC: dict[str, dict[str, Any]] = {  # read_table arguments per role: columns, types, values required
    "projects": dict(
        required=("id", "acronym", "title"), not_empty=("id",),
        optional=("status", "startDate", "endDate", "totalCost", "ecMaxContribution", "legalBasis", "topics",
                  "frameworkProgramme", "masterCall", "subCall", "fundingScheme", "objective", "rcn", "grantDoi"),
        types={"id": digits, "startDate": iso_date, "endDate": iso_date, "totalCost": number,
               "ecMaxContribution": number}),
    "organisations": dict(
        required=("projectID", "organisationID", "name", "role", "order"),
        not_empty=("projectID", "organisationID", "order"),
        optional=("vatNumber", "shortName", "SME", "activityType", "city", "country", "nutsCode", "geolocation"),
        types={"projectID": digits, "organisationID": digits, "order": integer, "SME": boolean,
               "ecContribution": number, "netEcContribution": number, "totalCost": number,
               "terminated": boolean, "endOfParticipation": boolean, "geolocation": lat_lon,
               "country": code, "nutsCode": code}),
    "topics": dict(required=("projectID", "topic"), not_empty=("projectID", "topic"), optional=("title",),
                   types={"projectID": digits}),
    "legal_basis": dict(required=("projectID", "legalBasis"), not_empty=("projectID", "legalBasis"),
                        optional=("title", "frameworkProgramme"), types={"projectID": digits}),
    "euroscivoc": dict(required=("projectID", "euroSciVocCode", "euroSciVocTitle"),
                       not_empty=("projectID", "euroSciVocCode", "euroSciVocTitle"), optional=("euroSciVocPath",),
                       types={"projectID": digits}),
    "nuts": dict(required=("nutsCode", "name"), not_empty=("nutsCode",), optional=("parentNutsCode", "level"),
                 types={"nutsCode": code}),
}
_FRAMEWORKS = {"HORIZON": "Horizon Europe (2021-2027)", "H2020": "Horizon 2020 (2014-2020)",
               "FP7": "Seventh Framework Programme (2007-2013)"}
_PROJECT_PROPS = {"acronym": "acronym", "title": "title", "status": "status", "startDate": "start_date",
                  "endDate": "end_date", "totalCost": "total_cost", "ecMaxContribution": "ec_max_contribution",
                  "frameworkProgramme": "framework_programme", "fundingScheme": "funding_scheme",
                  "masterCall": "master_call", "subCall": "sub_call", "topics": "topic", "keywords": "keywords",
                  "objective": "objective", "rcn": "rcn", "grantDoi": "doi"}
_ROLE_PROPS = {"role": "role", "order": "order", "ecContribution": "contribution",
               "netEcContribution": "net_contribution", "totalCost": "total_cost",
               "terminated": "terminated", "endOfParticipation": "terminated"}
_ORG_PROPS = {"vatNumber": "vat_number", "shortName": "short_name", "activityType": "activity_type",
              "city": "city", "country": "country", "organizationURL": "url", "nutsCode": "nuts_code",
              "SME": "sme", "geolocation": "geolocation"}


def cordis_files(folder_or_files: Path | str | Iterable[Path | str]) -> dict[str, Path]:
    """The CORDIS files of a folder (or a list of files) by role; projects and organisations required."""
    given = [Path(folder_or_files)] if isinstance(folder_or_files, (str, Path)) else [Path(p) for p in folder_or_files]
    paths = sorted(given[0].iterdir()) if len(given) == 1 and given[0].is_dir() else given
    by_name = {p.name: p for p in paths}
    found = {role: by_name[n] for role, names in FILES.items() for n in reversed(names) if n in by_name}
    missing = [" or ".join(FILES[r]) for r in ("projects", "organisations") if r not in found]
    if missing:
        raise ValidationFailed([Problem(str(given[0]), None, None, f"no {m} here; give a folder with the CORDIS "
                                        "files (shared extract or official export)") for m in missing])
    return found


def _read_all(files: dict[str, Path]) -> dict[str, Table]:
    """Every file read, with every file's problems reported together."""
    tables, problems = {}, []
    for role, path in files.items():
        try:
            tables[role] = read_table(path, **_SPEC[role])
        except ValidationFailed as e:
            problems += e.problems
    if problems:
        raise ValidationFailed(problems)
    return tables


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


def _activity(pic: str, rows: list[dict], members: dict[str, set[str]]) -> dict[str, Any]:
    """Counts within the loaded files, stored so that ranking queries need not scan every participation."""
    coordinated = {r["projectID"] for r in rows if r.get("role") == "coordinator"}
    partners = set().union(*(members[p] for p in coordinated)) - {pic} if coordinated else set()
    return {"participations": len(rows), "projects": len({r["projectID"] for r in rows}),
            "coordinated_projects": len(coordinated), "coordinated_partners": len(partners),
            "contribution_total": float(sum(r["ecContribution"] or 0 for r in rows))}


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
        tables = _read_all(files)
        src = {role: f"cordis:{path.name}" for role, path in files.items()}
        nodes = [source_record(src[r], f"CORDIS {p.name}", path=p, publisher="CORDIS", attribution=ATTRIBUTION)
                 for r, p in files.items()]
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
        _add_projects(projects, side, src, nodes, rels, notes)
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


def _codes(value: str | None) -> list[str]:
    return sorted(set(filter(None, (value or "").split(";"))))


def _add_projects(projects, side, src, nodes, rels, notes) -> None:
    """Projects, FUNDED_BY their legal bases and funding scheme, ACTIVE_IN their topic and fields."""
    programmes: dict[str, NodeRecord] = {}
    sectors: dict[str, NodeRecord] = {}
    lb_of: dict[str, set[str]] = defaultdict(set)
    for r in side["legal_basis"]:
        lb_of[r["projectID"]].add(r["legalBasis"])
    lb_titles = {r["legalBasis"]: r.get("title") for r in side["legal_basis"]}
    topic_titles = {r["topic"]: r.get("title") for r in side["topics"]}
    lb_src, topic_src = src.get("legal_basis", src["projects"]), src.get("topics", src["projects"])
    lb_framework: dict[str, str] = {}
    several = 0
    for p in projects:
        pid, fp = f"cordis:{p['id']}", p.get("frameworkProgramme") or "HORIZON"
        props = {"grant_id": p["id"], **{v: p[k] for k, v in _PROJECT_PROPS.items() if p.get(k) is not None}}
        nodes.append(NodeRecord("Project", pid, p["acronym"] or p["title"], (src["projects"],), properties=props))
        programmes.setdefault(f"fp:{fp}", NodeRecord("Programme", f"fp:{fp}", _FRAMEWORKS.get(fp, fp),
                                                     (src["projects"],), properties={"code": fp}))
        legal_bases = sorted(lb_of[p["id"]] | set(_codes(p.get("legalBasis"))))
        several += len(legal_bases) > 1
        for lb in legal_bases:
            lb_framework.setdefault(lb, fp)
            rels.append(RelRecord("FUNDED_BY", "Project", pid, "Programme", f"lb:{lb}", (src["projects"],)))
        if p.get("fundingScheme"):
            scheme = p["fundingScheme"].lstrip("/")
            programmes.setdefault(f"scheme:{scheme}", NodeRecord(
                "Programme", f"scheme:{scheme}", p.get("fundingSchemeTitle") or scheme, (src["projects"],),
                properties={"code": scheme}))
            rels.append(RelRecord("FUNDED_BY", "Project", pid, "Programme", f"scheme:{scheme}", (src["projects"],)))
        for topic in _codes(p.get("topics")):
            title = topic_titles.get(topic) or topic
            sectors.setdefault(topic, NodeRecord("Sector", f"topic:{topic}", title, (topic_src,),
                                                 properties={"code": topic, "vocabulary": "CORDIS topic"}))
            rels.append(RelRecord("ACTIVE_IN", "Project", pid, "Sector", f"topic:{topic}", (src["projects"],)))
    for lb, fp in sorted(lb_framework.items()):
        programmes[f"lb:{lb}"] = NodeRecord("Programme", f"lb:{lb}", lb_titles.get(lb) or lb, (lb_src,),
                                            properties={"code": lb})
        parent = lb.rsplit(".", 1)[0]  # the nearest ancestor code present, else the framework programme
        while "." in parent and parent not in lb_framework:
            parent = parent.rsplit(".", 1)[0]
        rels.append(RelRecord("PART_OF", "Programme", f"lb:{lb}", "Programme",
                              f"lb:{parent}" if parent in lb_framework else f"fp:{fp}", (lb_src,)))
    for r in side["euroscivoc"]:
        esv = r["euroSciVocCode"]
        sectors.setdefault(esv, NodeRecord("Sector", f"esv:{esv}", r["euroSciVocTitle"], (src["euroscivoc"],),
                                           properties={"code": esv, "path": r.get("euroSciVocPath") or "",
                                                       "vocabulary": "EuroSciVoc"}))
        rels.append(RelRecord("ACTIVE_IN", "Project", f"cordis:{r['projectID']}", "Sector", f"esv:{esv}",
                              (src["euroscivoc"],)))
    rels += [RelRecord("PART_OF", "Sector", f"esv:{esv}", "Sector", f"esv:{esv.rsplit('/', 1)[0]}",
                       (src["euroscivoc"],))
             for esv in sectors if esv.startswith("/") and esv.rsplit("/", 1)[0] in sectors]
    nodes += list(programmes.values()) + list(sectors.values())
    notes += [f"{several} projects have several legal bases; each is its own FUNDED_BY link.",
              f"{sum(1 for p in projects if chr(10) in (p.get('objective') or ''))} objectives span several "
              "lines; they are kept verbatim."]


def _add_organisations(projects, parts, tables, src, nodes, rels, notes) -> None:
    """One Organisation per PIC, PARTICIPATES_IN per row (keyed by order), LOCATED_IN its NUTS code."""
    from loaders.cluster_detection import detect_cluster

    recency = {p["id"]: (p.get("startDate") or "", int(p["id"])) for p in projects}
    role_columns = [(k, v) for k, v in _ROLE_PROPS.items() if k in tables["organisations"].columns]
    by_pic: dict[str, list[dict]] = defaultdict(list)
    members: dict[str, set[str]] = defaultdict(set)
    for r in sorted(parts, key=lambda r: (recency[r["projectID"]], r["order"]), reverse=True):
        by_pic[r["organisationID"]].append(r)
        members[r["projectID"]].add(r["organisationID"])
        rels.append(RelRecord("PARTICIPATES_IN", "Organisation", f"pic:{r['organisationID']}", "Project",
                              f"cordis:{r['projectID']}", (src["organisations"],),
                              {v: r[k] for k, v in role_columns if r[k] is not None}, key=str(r["order"])))
    places: set[str] = set()
    varied, rules = Counter(), Counter()
    spelled = unnamed = smes = 0
    for pic, rows in sorted(by_pic.items()):
        name, props = _organisation(pic, rows, varied)
        props.update(_activity(pic, rows, members))
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


def load_cordis(store: GraphStore, path: Path | str, progress: Progress | None = None) -> LoadReport:
    """Load a folder of CORDIS files into `store`: validated first, nothing written if anything is wrong."""
    files = cordis_files(path)
    with gc_paused():
        nodes, rels, notes = read_cordis(list(files.values()))
        nodes, rels, place_notes = keep_stored_places(store, nodes, rels)
        summary = load_records(store, SOURCE, files.values(), nodes, rels, progress=progress)
    report = LoadReport(SOURCE, summary, notes + place_notes)
    report.notes.append(describe_summary(report))
    return report
