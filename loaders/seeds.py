"""The seed knowledge base: the facts of five source texts, kept as reviewed TOML, loaded by the one writer.

The facts were read off the texts by people (see docs/seeds.md for every merge, alias and disagreement), so
they live as data a reviewer can diff, not as code. This module only checks the file and turns it into
records: every entry names its sources, dates are ISO strings as precise as the text allows ("2018",
"2018-09-24"), and each problem is reported with the TOML line of its entry before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from graph.errors import Problem, ValidationFailed
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress, WriteSummary
from loaders.common import load_records, source_record

__all__ = ["READER_VERSION", "DEFAULT_PATH", "read_seed_records", "seed_files", "load_seeds"]

DEFAULT_PATH = Path(__file__).resolve().parent / "seed_data" / "knowledge_base.toml"
#: What this reader makes of a file, logged with each load (`loaders.reader_version`): a store that loaded the same
#: files with another version loads them again, once. Raise it with any change to what a file becomes. 1: the five
#: source texts' knowledge base as `seed_data/knowledge_base.toml` writes it.
READER_VERSION = 1

#: Properties that hold dates: "YYYY", "YYYY-MM" or "YYYY-MM-DD", never more precise than the text.
DATE_PROPERTIES = frozenset({"awarded", "expires", "since", "date", "start_date", "end_date", "established",
                             "published", "year", "call_year", "workshops_from", "workshops_to"})
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_KEYS = {
    "source": ({"id", "file", "title", "language"}, {"author", "published", "url", "note"}),
    "node": ({"label", "id", "name", "sources"}, {"extra_labels", "properties"}),
    "rel": ({"type", "from", "to", "sources"}, {"key", "properties"}),
}


def _entry_lines(text: str) -> dict[str, list[int]]:
    """Line number of each `[[source]]`, `[[node]]` and `[[rel]]` header, in file order."""
    lines: dict[str, list[int]] = {kind: [] for kind in _KEYS}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"^\s*\[\[\s*(source|node|rel)\s*\]\]", line)
        if match:
            lines[match.group(1)].append(number)
    return lines


def _date_problem(name: str, value: Any) -> str | None:
    if name not in DATE_PROPERTIES:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        return f"{name} = {value!r} is not an ISO date ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD')"
    try:
        dt.date.fromisoformat(value if len(value) == 10 else f"{value}-01-01"[:10])
    except ValueError:
        return f"{name} = {value!r} is not a real date"
    return None


class _Reader:
    """Turns the parsed TOML into records, collecting every problem with its file and line."""

    def __init__(self, path: Path, text: str):
        self.path, self.lines = path, _entry_lines(text)
        self.problems: list[Problem] = []

    def problem(self, kind: str, index: int, field: str | None, message: str) -> None:
        lines = self.lines[kind]
        self.problems.append(Problem(str(self.path), lines[index] if index < len(lines) else None, field, message))

    def entries(self, data: dict[str, Any], kind: str) -> list[tuple[int, dict[str, Any]]]:
        """The well-formed entries of one kind; missing or unknown keys are problems."""
        required, optional = _KEYS[kind]
        good = []
        for index, entry in enumerate(data.get(kind, [])):
            missing = sorted(required - entry.keys())
            unknown = sorted(entry.keys() - required - optional)
            for key in missing:
                self.problem(kind, index, key, f"[[{kind}]] lacks {key!r}")
            for key in unknown:
                self.problem(kind, index, key, f"[[{kind}]] has unknown key {key!r}; allowed: "
                             f"{', '.join(sorted(required | optional))}")
            if not missing and not unknown:
                good.append((index, entry))
        return good

    def check_common(self, kind: str, index: int, sources: list[str], known: set[str],
                     properties: dict[str, Any]) -> None:
        if not isinstance(sources, list):
            self.problem(kind, index, "sources", f"sources must be a list of source ids, not {sources!r}")
        for source in sources if isinstance(sources, list) else []:
            if source not in known:
                self.problem(kind, index, "sources", f"unknown source {source!r}")
        for name, value in properties.items():
            if message := _date_problem(name, value):
                self.problem(kind, index, name, message)
        if "name" in properties:
            self.problem(kind, index, "name", "'name' belongs in the entry, not in its properties")


def read_seed_records(path: Path | str = DEFAULT_PATH) -> tuple[list[NodeRecord], list[RelRecord]]:
    """Nodes (one `Source` per text first) and relationships of the knowledge base at `path`.

    Reads files but touches no store, so it can be checked and tested on its own. Raises
    `ValidationFailed` listing every problem, each with the line of its TOML entry.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        line = re.search(r"line (\d+)", str(e))
        raise ValidationFailed([Problem(str(path), int(line.group(1)) if line else None, None,
                                        f"not valid TOML: {e}")]) from e
    reader = _Reader(path, text)
    nodes: list[NodeRecord] = []
    for index, entry in reader.entries(data, "source"):
        if any(n.id == entry["id"] for n in nodes):
            reader.problem("source", index, "id", f"source {entry['id']!r} is given twice")
        text_path = path.parent / "texts" / entry["file"]
        if not text_path.is_file():
            reader.problem("source", index, "file", f"no text {text_path}")
            continue
        extra = {k: entry[k] for k in ("language", "author", "published", "url", "note") if k in entry}
        reader.check_common("source", index, [], set(), extra)
        nodes.append(source_record(entry["id"], entry["title"], path=text_path, title=entry["title"], **extra))
    source_ids = {n.id for n in nodes}
    labels: dict[str, str] = {}
    for index, entry in reader.entries(data, "node"):
        record = NodeRecord(entry["label"], entry["id"], entry["name"], tuple(entry["sources"]),
                            tuple(entry.get("extra_labels", ())), dict(entry.get("properties", {})))
        if record.id in labels or record.id in source_ids:
            reader.problem("node", index, "id", f"id {record.id!r} is used twice")
        labels[record.id] = record.label
        reader.check_common("node", index, entry["sources"], source_ids, record.properties)
        for message in record.problems():
            reader.problem("node", index, None, message)
        nodes.append(record)
    rels: list[RelRecord] = []
    seen: set[tuple[str, str, str, str]] = set()
    for index, entry in reader.entries(data, "rel"):
        ends = [labels.get(entry[side]) for side in ("from", "to")]
        for side, label in zip(("from", "to"), ends, strict=True):
            if label is None:
                reader.problem("rel", index, side, f"no node with id {entry[side]!r} in this file")
        if None in ends:
            continue
        record = RelRecord(entry["type"], ends[0], entry["from"], ends[1], entry["to"], tuple(entry["sources"]),
                           dict(entry.get("properties", {})), entry.get("key", ""))
        identity = (record.type, record.start_id, record.end_id, record.key)
        if identity in seen:
            reader.problem("rel", index, "key", f"{record.type} {record.start_id}->{record.end_id} is given "
                           "twice; merge the entries or give each a distinct key")
        seen.add(identity)
        reader.check_common("rel", index, entry["sources"], source_ids, record.properties)
        for message in record.problems():
            reader.problem("rel", index, None, message)
        rels.append(record)
    if reader.problems:
        raise ValidationFailed(reader.problems)
    return nodes, rels


def seed_files(path: Path | str = DEFAULT_PATH) -> list[Path]:
    """The knowledge base and its texts: the files whose checksum identifies a seed load."""
    path = Path(path)
    return [path, *sorted((path.parent / "texts").glob("*.txt"))]


def load_seeds(store: GraphStore, progress: Progress | None = None, *,
               path: Path | str = DEFAULT_PATH) -> WriteSummary:
    """Write the seed knowledge base through the one writer and log the load.

    Idempotent: a second run finds every node unchanged. Nothing is written if any entry is wrong.
    """
    nodes, rels = read_seed_records(path)
    return load_records(store, "seeds", seed_files(path), nodes, rels, progress=progress, origin=str(path),
                        reader_version=READER_VERSION)
