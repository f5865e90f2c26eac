"""Which CORDIS file plays which part, and how each is read: a folder, a list of files, or an archive as downloaded.

CORDIS publishes one archive per framework programme (`cordis-h2020projects-csv.zip`, ...) holding
`project.csv`, `organization.csv` and side tables, `;`-separated; the shared extract has the same
facts under other names, comma-separated. Files may be compressed (`.csv.gz`, `.csv.xz`: the bundled
sample) and an archive is read member by member in memory (`loaders.common.read_bytes`), never
unpacked to disk.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.errors import Problem, ValidationFailed
from loaders.common import file_checksum, source_record
from loaders.csv_tables import Table, boolean, code, digits, integer, iso_date, lat_lon, number, read_table

__all__ = ["FILES", "ATTRIBUTION", "cordis_files", "cordis_inputs", "plain_name", "read_all", "source_ids",
           "source_nodes"]

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
COMPRESSED = (".gz", ".xz")
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

#: The titles and names of each role's file, single-spaced as read: CORDIS writes `HORIZON  Research and Innovation
#: Actions` (1,518 of the sample's projects), and a doubled space had been stored, shown and searched as written.
SPACED = {"projects": ("acronym", "title", "fundingSchemeTitle"), "organisations": ("name", "shortName"),
          "topics": ("title",), "legal_basis": ("title",), "euroscivoc": ("euroSciVocTitle",), "nuts": ("name",)}


def plain_name(path: Path) -> str:
    """The file name without a compression suffix: `projects.csv.xz` -> `projects.csv`."""
    return path.name[:-len(path.suffix)] if path.suffix in COMPRESSED else path.name


def _archive(path: Path) -> Path | None:
    """The `.zip` archive a member path lies in (`archive.zip/csv/project.csv`), if any."""
    return next((p for p in (path, *path.parents) if p.suffix.lower() == ".zip" and p.is_file()), None)


def _listed(path: Path) -> list[Path]:
    """The files of a folder, or the members of an archive as `archive.zip/<member>` paths."""
    if path.suffix.lower() == ".zip" and path.is_file():
        try:
            with zipfile.ZipFile(path) as archive:
                return [path / name for name in archive.namelist() if not name.endswith("/")]
        except zipfile.BadZipFile as e:
            raise ValidationFailed([Problem(str(path), None, None, f"not a readable zip archive ({e}); "
                                            "download it again")]) from e
    return sorted(path.iterdir()) if path.is_dir() else [path]


def cordis_files(folder_or_files: Path | str | Iterable[Path | str]) -> dict[str, Path]:
    """The CORDIS files of a folder, an archive or a list of files, by role; projects and organisations required."""
    given = [Path(folder_or_files)] if isinstance(folder_or_files, (str, Path)) else [Path(p) for p in folder_or_files]
    paths = _listed(given[0]) if len(given) == 1 else given
    by_name = {plain_name(p): p for p in paths}
    found = {role: by_name[n] for role, names in FILES.items() for n in reversed(names) if n in by_name}
    missing = [" or ".join(FILES[r]) for r in ("projects", "organisations") if r not in found]
    if missing:
        raise ValidationFailed([Problem(str(given[0]), None, None, f"no {m} here; give a folder or archive with the "
                                        "CORDIS files (official export or shared extract)") for m in missing])
    return found


def cordis_inputs(files: dict[str, Path]) -> list[Path]:
    """The files on disk behind `files`: the archive they are members of, else the files themselves.
    Their checksum identifies the load."""
    archives = {_archive(p) for p in files.values()} - {None}
    return sorted(archives) if archives else list(files.values())


def source_ids(files: dict[str, Path]) -> dict[str, str]:
    """`cordis:<file>` per role; an archive's members carry the archive's name, so that two frameworks'
    `project.csv` are two sources."""
    ids = {}
    for role, path in files.items():
        archive = _archive(path)
        ids[role] = f"cordis:{archive.name}/{plain_name(path)}" if archive else f"cordis:{plain_name(path)}"
    return ids


def source_nodes(files: dict[str, Path], ids: dict[str, str]) -> list:
    """A Source node per file; a member of an archive gets the archive's checksum."""
    nodes, sums = [], {}
    for role, path in files.items():
        archive = _archive(path)
        if archive is not None and archive not in sums:
            sums[archive] = file_checksum([archive])
        if archive is None:
            nodes.append(source_record(ids[role], f"CORDIS {plain_name(path)}", path=path, publisher="CORDIS",
                                       attribution=ATTRIBUTION))
        else:
            nodes.append(source_record(ids[role], f"CORDIS {archive.name} {plain_name(path)}", publisher="CORDIS",
                                       attribution=ATTRIBUTION, file=f"{archive.name}/{path.relative_to(archive)}",
                                       checksum=sums[archive]))
    return nodes


def read_all(files: dict[str, Path]) -> dict[str, Table]:
    """Every file read, with every file's problems reported together; titles and names single-spaced (`SPACED`)."""
    tables, problems = {}, []
    for role, path in files.items():
        try:
            tables[role] = read_table(path, **_SPEC[role])
        except ValidationFailed as e:
            problems += e.problems
    if problems:
        raise ValidationFailed(problems)
    for role, table in tables.items():
        for row in table.rows:
            row.update((column, " ".join(row[column].split())) for column in SPACED[role]
                       if isinstance(row.get(column), str))
    return tables
