"""A CORDIS-shaped synthetic data set N times the bundled extract, made from the extract's own distributions.

Run: `.venv/bin/python bench/synth_cordis.py OUT_FOLDER [--scale 10] [--seed 12]` (bench_load_cordis.py calls
`make` itself). Nothing it makes is committed: the same seed gives the same files.

How the shape is kept:
- **Projects**: each synthetic project copies a real project picked at random (its dates, money, framework,
  legal bases, topic, EuroSciVoc fields, objective text), under a new grant id; so N times the projects.
- **Participations**: each synthetic project copies its real project's participation rows (how many, their
  order, role and contributions, empty ones included), with the participants replaced.
- **Organisations**: each synthetic organisation takes the number of participations of a real organisation
  picked at random (the heavy tail of a few organisations in thousands of projects kept) and the details
  of that organisation (country, NUTS code, SME flag, activity type, geolocation, name with a number);
  their participations are dealt out at random over the participant slots. So about N times the
  organisations and exactly N times the participation rows, every NUTS code one the NUTS files resolve.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.common import read_text  # noqa: E402
from loaders.sample import SAMPLE_CORDIS  # noqa: E402

SIDE_TABLES = ("project_topics.csv", "project_legal_basis.csv", "project_euroscivoc.csv")
#: organisation columns that belong to the organisation, not to its participation
ORG_COLUMNS = ("vatNumber", "name", "shortName", "SME", "activityType", "street", "postCode", "city", "country",
               "nutsCode", "nutsName", "geolocation", "organizationURL", "departmentName", "rcn")
FIRST_GRANT, FIRST_PIC = 200_000_000, 700_000_000


def _rows(folder: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    path = folder / name if (folder / name).exists() else folder / f"{name}.xz"
    reader = csv.DictReader(io.StringIO(read_text(path)[0], newline=""))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows) -> int:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def make(out: Path, scale: int = 10, seed: int = 12, source: Path = SAMPLE_CORDIS) -> dict[str, int]:
    """Write the synthetic extract into `out` (the extract's file names and columns); returns row counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    project_header, projects = _rows(source, "projects.csv")
    org_header, parts = _rows(source, "organizations.csv")
    by_project: dict[str, list[dict]] = defaultdict(list)
    by_pic: dict[str, list[dict]] = defaultdict(list)
    for row in parts:
        by_project[row["projectID"]].append(row)
        by_pic[row["organisationID"]].append(row)
    pics = sorted(by_pic)
    templates = [rng.choice(projects) for _ in range(scale * len(projects))]
    slots = sum(len(by_project[p["id"]]) for p in templates)
    # organisations: a real organisation's number of participations and details each, until the slots are filled
    owners: list[int] = []
    details: list[dict[str, str]] = []
    while len(owners) < slots:
        real = by_pic[rng.choice(pics)]
        number = len(details)
        detail = {c: real[0].get(c, "") for c in ORG_COLUMNS}
        detail["name"] = f"{detail['name']} {number}"
        details.append(detail)
        owners += [number] * len(real)
    del owners[slots:]
    rng.shuffle(owners)
    grant_of = {}

    def project_rows():
        for number, template in enumerate(templates):
            grant = str(FIRST_GRANT + number)
            grant_of[number] = (template["id"], grant)
            yield {**template, "id": grant, "acronym": f"{template['acronym']}-{number}", "rcn": grant}

    def participation_rows():
        slot = 0
        for number, template in enumerate(templates):
            grant, seen = str(FIRST_GRANT + number), set()
            for row in by_project[template["id"]]:
                while (row["order"], owners[slot]) in seen:  # (project, order, PIC) must stay unique: swap
                    other = rng.randrange(slot, slots)
                    owners[slot], owners[other] = owners[other], owners[slot]
                owner = owners[slot]
                seen.add((row["order"], owner))
                slot += 1
                yield {**row, **details[owner], "projectID": grant, "organisationID": str(FIRST_PIC + owner),
                       "projectAcronym": f"{row['projectAcronym']}-{number}"}

    counts = {"projects": _write(out / "projects.csv", project_header, project_rows()),
              "participations": _write(out / "organizations.csv", org_header, participation_rows()),
              "organisations": len(set(owners[:slots]))}
    for name in SIDE_TABLES:
        header, rows = _rows(source, name)
        of_project: dict[str, list[dict]] = defaultdict(list)
        for row in rows:
            of_project[row["projectID"]].append(row)
        counts[name] = _write(out / name, header, ({**row, "projectID": grant}
                                                   for real, grant in grant_of.values() for row in of_project[real]))
    header, rows = _rows(source, "cordis_nuts_hierarchy.csv")
    _write(out / "cordis_nuts_hierarchy.csv", header, rows)
    return counts


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    print(make(args.out, args.scale, args.seed))
