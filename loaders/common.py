"""What every loader shares: checksums, Source records, reading text files, and the load itself.

A loader parses its files into records (pure, raising `ValidationFailed` with file, line and field
for every problem it finds), then calls `load_records`, which validates again, writes through the one
writer and logs the load. Nothing is written until every record has passed.

The readers pass every cell through `clean_text`: text a store cannot hold (NUL, a lone surrogate, a
value over `MAX_TEXT` characters) is refused with file, line and column; other control characters are
removed and counted.

A load is logged twice (`graph.store.load_log`): as `started` just before its
first write and as `complete` after its last, so a load killed half-way shows in `status`, and running
it again completes it.
"""

from __future__ import annotations

import gzip
import hashlib
import lzma
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ClusterExplorerError, DiskFull, Problem, ValidationFailed, finished_by
from graph.store.contract import GraphStore
from graph.store.disk import disk_full
from graph.store.load_log import record_load, start_load
from graph.store.records import NodeRecord, RelRecord, strip_controls, unstorable
from graph.store.writer import Progress, WriteSummary, write_records
from loaders.code_pages import guess_code_page

__all__ = ["LoadReport", "file_checksum", "source_record", "load_records", "read_text", "read_bytes",
           "is_text_encoding", "is_json", "clean_text", "removed_note"]


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


def read_bytes(path: Path) -> bytes:
    """The bytes of a file; of a `.gz` or `.xz` file, decompressed in memory; of `archive.zip/member`, that member.

    So the bundled sample (compressed) and a CORDIS archive as downloaded are read as they are, never unpacked to disk.
    """
    path = Path(path)
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    if path.suffix == ".xz":
        return lzma.decompress(path.read_bytes())
    if not path.exists():
        for archive in path.parents:
            if archive.suffix.lower() == ".zip" and archive.is_file():
                with zipfile.ZipFile(archive) as opened:
                    return opened.read(path.relative_to(archive).as_posix())
    return path.read_bytes()


#: File signatures of what users save by mistake under a .csv or .json name, and what to say about it.
_BINARY = ((b"PK\x03\x04", "a ZIP archive (an .xlsx or .ods workbook?): save the sheet as CSV"),
           (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook: save the sheet as CSV"),
           (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"%PDF", "a PDF document"),
           (b"\x1f\x8b", "gzip-compressed: unpack it first"))
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: What a message about an encoding offers instead (the mapping's `encoding`).
_OTHER_ENCODINGS = ('encoding = "cp1252" (Windows, Western European), "cp1250" (Central European), "cp1257" '
                    '(Baltic), "cp1251" (Cyrillic) or "latin-1"')


def read_text(path: Path, encoding: str | None = None, *, name: str | None = None) -> tuple[str, str]:
    """Text of a file and the encoding it was read with: UTF-8 (with or without BOM), UTF-16 with a BOM,
    else the code page of Windows whose reading looks most like text, Windows-1252 (Western European), -1250 (Central
    European), -1257 (Baltic) or -1251 (Cyrillic), else Latin-1 (`loaders.code_pages`); or `encoding` when given.

    A UTF-8 BOM is dropped whatever the encoding: Excel writes one before text that is not UTF-8 too, so
    undetected it would read as `ï»¿` in the first header cell; a BOM before bytes that are not UTF-8 is
    detected as a code page after the BOM. The encoding is returned so the summary can say what
    was assumed. A file that is not text (a workbook, an image), an unknown `encoding`, or bytes not valid in it
    raise `ValidationFailed` with one problem naming the file (as `name`, default the path), the line and the
    byte.
    """
    data = read_bytes(path)
    name = name or str(path)
    for magic, what in _BINARY:
        if data.startswith(magic):
            raise ValidationFailed([Problem(name, 1, None, f"this is not a text file: it is {what}")])
    if encoding is not None:
        return _decode_as(data.removeprefix(_UTF8_BOM), encoding, name), encoding
    if data.startswith(_UTF16_BOMS):
        return _decode_as(data, "utf-16", name, detected=True), "utf-16"
    bom = data.startswith(_UTF8_BOM)
    data = data.removeprefix(_UTF8_BOM)
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        _refuse_mixed(data, name)
    return guess_code_page(data)


def _refuse_mixed(data: bytes, name: str) -> None:
    """Refuse a file that is UTF-8 but for some lines (one pasted from another program): detected as a whole, it
    was read as Windows-1252, every accent of the UTF-8 lines garbled ("JÃ¶nkÃ¶ping") and loaded beside the
    right names, with only a caption saying the encoding. Its first line that is not UTF-8 is named (`data` is
    not UTF-8 as a whole)."""
    bad, accented = None, 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            accented += 1
        except UnicodeDecodeError:
            bad = bad or number
    if bad and accented:
        raise ValidationFailed([Problem(name, bad, None, (
            f"this line is not UTF-8, while {accented} other line(s) with accents are: the file mixes two encodings "
            "(a line pasted from another program, most often). Save the file again as UTF-8 and retype this "
            f"line's accented letters; or, if every line is in one other encoding, say it: {_OTHER_ENCODINGS}"))])


def clean_text(value: str, file: str, line: int | None, column: str | None,
               problems: list[Problem]) -> tuple[str, int]:
    """A cell's text without control characters (tab and line breaks kept), and how many were removed.

    Text no store can hold adds a problem naming the file, the line of the character (a quoted cell can
    span lines) and the column.
    """
    bad = unstorable(value)
    if bad is not None:
        at = None if line is None else line + value.count("\n", 0, bad[0])
        problems.append(Problem(file, at, column, f"the value {bad[1]}"))
        return value, 0
    return strip_controls(value)


def removed_note(file: str, removed: int, first: tuple[int | None, str | None] | None, values: int = 0) -> list[str]:
    """The note that says how many control characters were removed from `file`, from how many values (cells),
    and where the first was: `members.csv: removed 3 control characters in 2 values (the first on line 4, ...`."""
    if not removed:
        return []
    line, column = first or (None, None)
    where = f" (the first on line {line}, column {column})" if line is not None else ""
    chars = f"{removed} control character{'s' if removed != 1 else ''}"
    cells = f" in {values} value{'s' if values != 1 else ''}" if values else ""
    return [f"{file}: removed {chars}{cells}{where}; they are invisible and would stop a search from finding "
            "the text."]


def is_text_encoding(encoding: object) -> bool:
    """Whether `encoding` names a codec that turns bytes into text (`rot13` and `base64` do not)."""
    try:
        "".encode(encoding)  # type: ignore[arg-type]  # raises LookupError for both kinds; b"".decode does not
    except (LookupError, TypeError):
        return False
    return True


def is_json(file: str | Path) -> bool:
    """Whether a data file is read as JSON (by its name, as every reader decides it): else as CSV."""
    return str(file).lower().endswith(".json")


def _decode_as(data: bytes, encoding: str, name: str, *, detected: bool = False) -> str:
    """`data` decoded; bytes not valid in `encoding` are a problem naming their line and the byte itself, and
    saying what to do: check the mapping's `encoding`, or set one when it was `detected` (from a BOM)."""
    if not is_text_encoding(encoding):
        raise ValidationFailed([Problem(name, None, "encoding", f"{encoding!r} is not a text encoding; "
                                        "use utf-8 or cp1252, or leave it out to detect it")]) from None
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        before = e.object[:e.start].decode(encoding, errors="replace")  # e.start counts in e.object, not in data
        line, at = before.count("\n") + 1, before.rsplit("\n", 1)[-1][-20:]
        bad = e.object[e.start:max(e.end, e.start + 1)]
        byte = f"byte{'s' if len(bad) > 1 else ''} {' '.join(f'0x{b:02x}' for b in bad)}" + (
            f" after {at!r}" if at.strip() else "")
        if detected:
            said = (f"not valid {encoding}: {e.reason} ({byte}); no encoding is set, and its first bytes (a byte "
                    f"order mark) say {encoding}; if it is in another encoding, save it as UTF-8 or set that one in "
                    f"the mapping: {_OTHER_ENCODINGS}")
        else:
            said = f"not valid {encoding} (set in the mapping): {e.reason} ({byte}); leave the encoding out to " \
                   "detect it"
        raise ValidationFailed([Problem(name, line, None, said, mapping_can_fix=True)]) from None


def load_records(store: GraphStore, source: str, paths: Iterable[Path], nodes: list[NodeRecord],
                 rels: list[RelRecord], *, progress: Progress | None = None, origin: str | None = None,
                 held: Iterable[RelRecord] = (), reader_version: int | None = None,
                 stored: tuple[list[NodeRecord], list[RelRecord]] = ([], [])) -> WriteSummary:
    """Write validated records, logging the load as started before the first write and complete after; `held`:
    the places it did not write as the store placed their nodes more precisely (an unload gives them back);
    `stored`: the places its files name that it did not write as the store holds them: still given by the files
    (a re-load of a table had counted the regions its earlier load made as no longer in it, every time);
    `reader_version`: the loader's `READER_VERSION`, logged with the checksum (`loaders.reader_version`).

    Organisations that cluster detection marks are written as Clusters (`mark_clusters`), whichever loader
    read them. `origin` names the input in problems (default: the files)."""
    from loaders.cluster_detection import mark_clusters
    from loaders.reload_gone import keyed_otherwise, reload_due, take_back_gone

    nodes = mark_clusters(nodes)
    paths = list(paths)
    checksum = file_checksum(paths)
    started = []
    reload = reload_due(store, source, checksum, reader_version)  # read before this load's entry is written
    keyed = reload is not None and keyed_otherwise(store, source)  # so is how an older version keyed its records

    def start() -> None:
        start_load(store, source, checksum, held, reader_version)
        started.append(True)

    try:
        summary = write_records(store, nodes, rels, origin=origin or ", ".join(str(p) for p in paths) or source,
                                progress=progress, before_first_write=start)
        if reload is not None:  # an earlier load of other files: what they gave and these do not is taken off
            take_back_gone(store, source, checksum, nodes + stored[0], rels + stored[1], summary, unfinished=reload,
                           keyed=keyed)
        record_load(store, source, checksum, summary)
    except ClusterExplorerError as e:
        if not started or isinstance(e, (DiskFull, ValidationFailed)):
            raise
        if full := disk_full(store, e):
            raise full from e
        raise finished_by(type(e)(f"{str(e).rstrip('.')}. The {source} load stopped part-way; run it again to complete "
                                  "it")) from e
    return summary
