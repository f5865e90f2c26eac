"""NUTS regions and countries from GISCO label points, in every NUTS version given (2021 and 2024).

CORDIS tags participants with codes of several NUTS versions at once (UK and pre-2024 NO/FI/NL codes
from 2021, the rest from 2024), so both versions are loaded and every code resolves. A code present in
several versions is one node: it lists the versions in `nuts_versions` and takes the newest version's
name and coordinates. Level-0 codes are Country nodes (EU-style id, ISO code beside it); levels 1-3
are Region nodes, linked upwards by PART_OF (level 1 to its Country).

Countries are named in English (ISO 3166 short names), as CORDIS names every country: a list of
countries reads alike whichever file named each one. NUTS's own name stays as `local_name`
(Sverige, Deutschland); regions keep their NUTS names, for which no English list exists.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pycountry

from graph.countries import iso_code
from graph.errors import Problem, ValidationFailed
from graph.region_twin_pairs import RegionPoint, twins
from graph.store import cypher
from graph.store.changes import rel_states
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress
from loaders.common import LoadReport, load_records, source_record
from loaders.csv_tables import integer, number, read_table, unique_rows

__all__ = ["READER_VERSION", "read_nuts", "load_nuts", "nuts_files", "iso_code", "country_name", "place_records",
           "keep_stored_places", "describe_summary"]

SOURCE = "nuts"
#: What this reader makes of a file, logged with each load (`loaders.reader_version`): a store that loaded the same
#: files with another version loads them again, once. Raise it with any change to what a file becomes. 1: GISCO's label
#: points of each NUTS version given, a region's names as written. 2: an older twin names its newer (`newer_twin`).
READER_VERSION = 2
ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
_REQUIRED = ("NUTS_ID", "LEVL_CODE", "CNTR_CODE", "NAME_LATN", "lon", "lat")
_OPTIONAL = ("NUTS_NAME", "parent_NUTS_ID", "MOUNT_TYPE", "URBN_TYPE", "COAST_TYPE")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def country_name(eu_code: str, fallback: str) -> str:
    """English short name of an EU-style country code (EL -> Greece); `fallback` for a code ISO 3166
    lacks (XK, Kosovo, in NUTS but not in ISO)."""
    country = pycountry.countries.get(alpha_2=iso_code(eu_code))
    return country.name if country is not None else fallback


def nuts_files(path: Path | str) -> list[Path]:
    """The label-point CSV files of a folder (`nuts<year>_label_points.csv`, also `.csv.gz` / `.csv.xz`), or the
    one file given."""
    path = Path(path)
    if path.is_file():
        return [path]
    files = sorted(p for p in path.glob("nuts*_label_points.csv*") if p.suffix in (".csv", ".gz", ".xz"))
    if not files:
        raise ValidationFailed([Problem(str(path), None, None,
                                        "no nuts<year>_label_points.csv file here; give the GISCO folder or a file")])
    return files


def _version(path: Path) -> str:
    found = _YEAR.search(path.name)
    if not found:
        raise ValidationFailed([Problem(str(path), None, None, "cannot tell the NUTS version from the file name; "
                                        "name it like nuts2024_label_points.csv")])
    return found.group(1)


def read_nuts(paths: Iterable[Path | str]) -> tuple[list[NodeRecord], list[RelRecord], list[str]]:
    """Country and Region records with PART_OF links, from one or more label-point files. Pure."""
    by_version = sorted(((_version(Path(p)), Path(p)) for p in paths), key=lambda vp: vp[0])
    places: dict[str, dict] = {}
    links: dict[tuple[str, str], set[str]] = {}
    sources: list[NodeRecord] = []
    notes: list[str] = []
    renamed = 0
    for version, path in by_version:
        plain = path.name.removesuffix(".gz").removesuffix(".xz")
        source = source_record(f"nuts:{plain}", f"GISCO NUTS {version} label points", path=path,
                               publisher="Eurostat GISCO", attribution=ATTRIBUTION, nuts_version=version)
        sources.append(source)
        table = read_table(path, required=_REQUIRED, optional=_OPTIONAL, not_empty=_REQUIRED,
                           types={"LEVL_CODE": integer, "lon": number, "lat": number})
        rows, lines, dropped = unique_rows(table, ["NUTS_ID"])
        if dropped:
            notes.append(f"{path.name}: {dropped} repeated identical row(s) were read once.")
        problems = [Problem(str(path), line, "LEVL_CODE", f"level {row['LEVL_CODE']} is not 0-3")
                    for row, line in zip(rows, lines, strict=True) if row["LEVL_CODE"] not in (0, 1, 2, 3)]
        if problems:
            raise ValidationFailed(problems)
        for row in rows:
            code = row["NUTS_ID"]
            place = places.setdefault(code, {"versions": [], "sources": []})
            if place.get("name") not in (None, row["NAME_LATN"]):
                renamed += 1
            place.update(name=row["NAME_LATN"], level=row["LEVL_CODE"], country=row["CNTR_CODE"],
                         lat=row["lat"], lon=row["lon"])
            place["versions"].append(version)
            place["sources"].append(source.id)
            if row["LEVL_CODE"] > 0:
                parent = row.get("parent_NUTS_ID") or code[:-1]
                links.setdefault((code, parent), set()).add(source.id)
    nodes: list[NodeRecord] = list(sources)
    newer_twins = _newer_twins(places)
    for code, place in sorted(places.items()):
        props = {"nuts_versions": place["versions"], "lat": place["lat"], "lon": place["lon"]}
        if code in newer_twins:
            props["newer_twin"] = newer_twins[code]
        if place["level"] == 0:
            nodes.append(NodeRecord("Country", code, country_name(code, place["name"]), tuple(place["sources"]),
                                    properties={"iso_code": iso_code(code), "local_name": place["name"], **props}))
        else:
            nodes.append(NodeRecord("Region", code, place["name"], tuple(place["sources"]),
                                    properties={"level": place["level"], "country": place["country"], **props}))
    rels = [RelRecord("PART_OF", "Region", code, "Country" if len(parent) == 2 else "Region", parent,
                      tuple(sorted(srcs))) for (code, parent), srcs in sorted(links.items())]
    missing = sorted({parent for _, parent in links} - set(places))
    if missing:
        raise ValidationFailed([Problem(", ".join(str(p) for _, p in by_version), None, "parent_NUTS_ID",
                                        f"parent code(s) not in any file: {', '.join(missing[:20])}")])
    versions = [v for v, _ in by_version]
    if len(versions) > 1:
        newest = versions[-1]
        in_all = sum(1 for p in places.values() if len(p["versions"]) == len(versions))
        notes.append(f"{in_all} codes are in every NUTS version read ({', '.join(versions)}); they carry the "
                     f"NUTS {newest} name and coordinates ({renamed} names differ between versions).")
        for version in versions:
            only = sorted(c for c, p in places.items() if p["versions"] == [version])
            if only:
                notes.append(f"{len(only)} codes are only in NUTS {version} (e.g. {', '.join(only[:3])}).")
    countries = sum(1 for p in places.values() if p["level"] == 0)
    notes.append(f"Read {countries} countries (NUTS level 0) and {len(places) - countries} regions "
                 f"(levels 1-3) with label-point coordinates from {len(by_version)} file(s).")
    return nodes, rels, notes


def _newer_twins(places: dict[str, dict]) -> dict[str, str]:
    """Each region a newer NUTS version recoded under its name -> its newer code (`graph.region_twin_pairs`): stored
    as the older Region's `newer_twin`, so a saved query groups the two codes as one place in plain Cypher."""
    return twins(RegionPoint(code, p["name"], p["level"], p["country"], tuple(p["versions"]), p["lat"], p["lon"])
                 for code, p in places.items() if p["level"] > 0)


def place_records(codes: set[str], names: dict[str, str], named_by: str,
                  fallback: str) -> tuple[list[NodeRecord], list[RelRecord]]:
    """Countries and regions for NUTS or country codes another source uses, with all their ancestors.

    NUTS codes nest by prefix (SE224 in SE22 in SE2 in SE), so the chain needs no table. A name comes
    from `names` (source `named_by`) or is the code itself (source `fallback`). No coordinates: these
    stand in until the NUTS files are loaded, which then overwrite them.
    """
    nodes, rels = [], []
    for code in sorted({c[:n] for c in codes for n in range(2, len(c) + 1)}):
        source = (named_by if code in names else fallback,)
        if len(code) == 2:
            nodes.append(NodeRecord("Country", code, names.get(code) or country_name(code, code), source,
                                    properties={"iso_code": iso_code(code)}))
            continue
        nodes.append(NodeRecord("Region", code, names.get(code, code), source,
                                properties={"level": len(code) - 2, "country": code[:2]}))
        rels.append(RelRecord("PART_OF", "Region", code, "Country" if len(code) == 3 else "Region", code[:-1],
                              source))
    return nodes, rels


def _link(r: RelRecord) -> tuple[str, str, str, str]:
    return r.start_label, r.start_id, r.end_label, r.end_id


def _stored_links(store: GraphStore, rels: list[RelRecord]) -> set[tuple[str, str, str, str]]:
    """Which of the PART_OF `rels` the store holds (a load killed half-way wrote the places, not their links)."""
    found = set()
    for start, end in {(r.start_label, r.end_label) for r in rels}:
        names = [{"start": r.start_id, "end": r.end_id, "key": r.key} for r in rels
                 if (r.start_label, r.end_label) == (start, end)]
        for at in range(0, len(names), 5000):
            rows = store.read(rel_states("PART_OF", start, end), {"rows": names[at:at + 5000]}, row_cap=10**7).rows
            found.update((start, a, end, b) for a, b, *_ in rows)
    return found


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def keep_stored_places(store: GraphStore, nodes: list[NodeRecord],
                       rels: list[RelRecord]) -> tuple[list[NodeRecord], list[RelRecord], list[str]]:
    """Drop the Country and Region records the store already holds, and those of their PART_OF links it holds.

    The NUTS loader is the better source for places (names, coordinates, versions); another loader
    must neither overwrite them nor make the result depend on which loader ran last. Returns the
    remaining records and notes on what was kept and which NUTS versions the located codes are in.
    """
    existing: dict[tuple[str, str], dict] = {}
    for label in ("Region", "Country"):
        ids = [n.id for n in nodes if n.label == label]
        for start in range(0, len(ids), 5000):
            found = store.read(cypher.node_states(label), {"ids": ids[start:start + 5000]}, row_cap=10**7)
            existing.update({(label, row[0]): row[1] for row in found.rows})
    kept = [n for n in nodes if (n.label, n.id) not in existing]
    new = [n.id for n in kept if n.label in ("Region", "Country")]
    linked = _stored_links(store, [r for r in rels if r.type == "PART_OF" and (r.start_label, r.start_id) in existing])
    rels = [r for r in rels if not (r.type == "PART_OF" and (r.start_label, r.start_id) in existing
                                    and _link(r) in linked)]
    located = {r.end_id for r in rels if r.type == "LOCATED_IN" and r.end_label == "Region"}
    versions = Counter(" and ".join(existing.get(("Region", c), {}).get("nuts_versions") or []) for c in located)
    notes = [f"{len(existing)} countries and regions were already in the store and were left as they are."]
    if new:
        notes.append(f"{len(new)} countries and regions were not, and were created from the loader's own names "
                     f"without coordinates (e.g. {', '.join(new[:5])}); loading NUTS names and places the regions.")
    unknown = sorted(c for c in located if ("Region", c) not in existing)
    if located:
        parts = [", ".join(f"{n} {_are(n)} in NUTS {v}" for v, n in sorted(versions.items()) if v)]
        parts += [f"{len(unknown)} {_are(len(unknown))} in no NUTS version loaded (e.g. {', '.join(unknown[:5])})"
                  ] if unknown else []
        notes.append(f"NUTS codes are of mixed versions: of the {len(located)} region codes organisations are "
                     "located in, " + "; ".join(filter(None, parts)) + ".")
    return kept, rels, notes


def describe_summary(report: LoadReport) -> str:
    """One sentence on what a write did; says so plainly when nothing changed (a re-run)."""
    s = report.summary
    if s.created == s.updated == s.relationships_created == s.relationships_updated == 0:
        return (f"Nothing changed: all {s.unchanged} nodes and {s.relationships} relationships were unchanged "
                "and were not written again.")
    return (f"{s.created} nodes created, {s.updated} updated, {s.unchanged} unchanged; relationships: "
            f"{s.relationships_created} created, {s.relationships_updated} updated, "
            f"{s.relationships_unchanged} unchanged.")


def load_nuts(store: GraphStore, path: Path | str, progress: Progress | None = None) -> LoadReport:
    """Load the NUTS label points of a folder (or one file) into `store`; re-running changes nothing."""
    files = nuts_files(path)
    nodes, rels, notes = read_nuts(files)
    summary = load_records(store, SOURCE, files, nodes, rels, progress=progress, reader_version=READER_VERSION)
    report = LoadReport(SOURCE, summary, notes)
    report.notes.append(describe_summary(report))
    return report
