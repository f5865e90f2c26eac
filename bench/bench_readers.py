"""How long the generic loader takes to read the same rows from JSON and from CSV (issue 11: the JSON
reader was quadratic, 31 s for a 3 MB file whose CSV twin took 0.7 s).

Writes one mapping and about `--mb` megabytes of member rows (id, name, city, founded, employees, sme)
as a JSON list (one object per line, as most exports write it) and as a `;`-separated CSV into a
temporary folder, then times `parse_generic` (read, convert, check: everything but the write) for each,
at several sizes, so a line that grows faster than the size shows. Nothing is asserted: it prints a table.

Run: `.venv/bin/python bench/bench_readers.py [--mb 3] [--runs 3]`
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loaders.generic import parse_generic  # noqa: E402

MAPPING = """
name = "bench"

[[nodes]]
file = "{file}"
label = "Organisation"
id = "org_nr"
name = "name"
label_if = {{ SME = "sme" }}

[nodes.properties]
city = "city"
founded = {{ column = "founded", type = "date", format = "%d.%m.%Y" }}
employees = {{ column = "employees", type = "int" }}
"""


def rows(count: int) -> list[dict[str, str]]:
    return [{"org_nr": f"556{i:07d}", "name": f"Member {i} of Småland AB", "city": ("Växjö", "Kalmar")[i % 2],
             "founded": f"{1 + i % 28:02d}.{1 + i % 12:02d}.{1950 + i % 70}", "employees": str(i % 900),
             "sme": ("ja", "nej")[i % 3 == 0]} for i in range(count)]


def write(folder: Path, data: list[dict[str, str]]) -> dict[str, tuple[Path, int]]:
    """The two mappings and the size of each data file, by format."""
    out = {}
    json_file = folder / "members.json"
    json_file.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in data) + "\n]\n",
                         encoding="utf-8")
    csv_file = folder / "members.csv"
    with csv_file.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(data[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(data)
    for kind, data_file in (("JSON", json_file), ("CSV", csv_file)):
        mapping = folder / f"{kind.lower()}.toml"
        mapping.write_text(MAPPING.format(file=data_file.name), encoding="utf-8")
        out[kind] = (mapping, data_file.stat().st_size)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=3.0, help="size of the largest JSON file, in MB")
    parser.add_argument("--runs", type=int, default=3, help="runs per cell; the median is shown")
    args = parser.parse_args()
    per_row = 125  # bytes of one JSON row, about
    print("| rows | JSON MB | JSON s | CSV MB | CSV s | JSON / CSV |")
    print("|---:|---:|---:|---:|---:|---:|")
    for fraction in (0.25, 0.5, 1.0):
        count = int(args.mb * fraction * 1e6 / per_row)
        with tempfile.TemporaryDirectory() as tmp:
            files = write(Path(tmp), rows(count))
            seconds = {}
            for kind, (mapping, _) in files.items():
                runs = []
                for _ in range(args.runs):
                    start = time.perf_counter()
                    data = parse_generic(mapping)
                    runs.append(time.perf_counter() - start)
                    assert len(data.nodes) == count + 1, "every row is a node (plus the Source)"
                seconds[kind] = statistics.median(runs)
            print(f"| {count:,} | {files['JSON'][1] / 1e6:.1f} | {seconds['JSON']:.2f} | {files['CSV'][1] / 1e6:.1f} "
                  f"| {seconds['CSV']:.2f} | {seconds['JSON'] / seconds['CSV']:.2f} |")


if __name__ == "__main__":
    main()
