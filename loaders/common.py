"""What every loader shares: checksums, Source records, reading text files, and the load itself.

A loader parses its files into records (pure, raising `ValidationFailed` with file, line and field
for every problem it finds), then calls `load_records`, which validates again, writes through the one
writer and logs the load. Nothing is written until every record has passed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.store.contract import GraphStore
from graph.store.records import NodeRecord, RelRecord
from graph.store.writer import Progress, WriteSummary, record_load, write_records

__all__ = ["LoadReport", "file_checksum", "source_record", "load_records", "read_text"]


@dataclass
class LoadReport:
    """What a load did (`summary`) and what it merged, skipped or assumed, in plain sentences (`notes`)."""

    source: str
    summary: WriteSummary
    notes: list[str] = field(default_factory=list)


def file_checksum(paths: Iterable[Path]) -> str:
    """SHA-256 over the bytes of the files, in name order: the same input gives the same checksum."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def source_record(source_id: str, name: str, *, path: Path | None = None, **properties) -> NodeRecord:
    """The `Source` node that every record of a load points to in its `sources`."""
    props = {k: v for k, v in properties.items() if v is not None}
    if path is not None:
        props.setdefault("file", Path(path).name)
        props.setdefault("checksum", file_checksum([Path(path)]))
    return NodeRecord("Source", source_id, name, (source_id,), properties=props)


def read_text(path: Path) -> tuple[str, str]:
    """Text of a file and the encoding it was read with: UTF-8 (with or without BOM), else Latin-1.

    Windows-1252 / Latin-1 (what spreadsheets on Windows write) are the fallbacks; the encoding is reported so the
    summary can say what was assumed.
    """
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def load_records(store: GraphStore, source: str, paths: Iterable[Path], nodes: list[NodeRecord],
                 rels: list[RelRecord], *, progress: Progress | None = None) -> WriteSummary:
    """Write validated records and log the completed load with the files' checksum."""
    paths = list(paths)
    summary = write_records(store, nodes, rels, origin=", ".join(str(p) for p in paths) or source,
                            progress=progress)
    record_load(store, source, file_checksum(paths), summary)
    return summary
