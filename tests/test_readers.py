"""The one CSV reader (loaders/csv_tables.py) under every loader, and files it cannot read: each refused
with one problem naming the file (and line), never a traceback, and the store left as it was.

Every bad file is written by the test and goes through the real loader functions."""

from __future__ import annotations

import random
import shutil
import struct
import textwrap
import zlib
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from loaders.cordis import load_cordis
from loaders.csv_tables import read_rows, read_table
from loaders.generic import load_generic, read_generic
from loaders.nuts import load_nuts
from tests.conftest import FIXTURES

ORGS = """
    name = "orgs"
    {setting}

    [[nodes]]
    file = "{file}"
    label = "Organisation"
    id = "id"
    name = "name"
"""


def png() -> bytes:
    """A real (tiny) PNG image, as a user would save by mistake under a .csv name."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    pixels = zlib.compress(b"".join(b"\x00" + bytes(range(30)) for _ in range(10)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def mapping_with(folder: Path, data: bytes, *, file: str = "orgs.csv", setting: str = "") -> Path:
    (folder / "mapping.toml").write_text(textwrap.dedent(ORGS.format(file=file, setting=setting)), encoding="utf-8")
    (folder / file).write_bytes(data)
    return folder / "mapping.toml"


def only_problem(call, *args):
    with pytest.raises(ValidationFailed) as caught:
        call(*args)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


# --- unreadable files: one problem naming the file; nothing written ------------------------------------------


@pytest.mark.parametrize("codec", ["rot13", "base64", "klingon"])
def test_a_mapping_with_an_encoding_that_is_no_text_encoding_is_named_at_its_line(embedded_store, tmp_path, codec):
    mapping = mapping_with(tmp_path, b"id,name\na,Alfa\n", setting=f'encoding = "{codec}"')
    problem = only_problem(load_generic, embedded_store, mapping)
    assert (problem.file, problem.line, problem.field) == ("mapping.toml", 3, "encoding")
    assert f"unknown text encoding {codec!r}" in problem.message
    assert counts(embedded_store) == ({}, {})


@pytest.mark.parametrize("file", ["orgs.csv", "orgs.json"])
def test_a_file_not_valid_in_its_declared_encoding_names_the_line_of_the_bad_byte(embedded_store, tmp_path, file):
    text = "id,name\na,Alfa\nb,Malmö\n" if file.endswith(".csv") else '[{"id": "a", "name": "Alfa"},\n' \
           '{"id": "b", "name": "Malmö"}]'
    mapping = mapping_with(tmp_path, text.encode("cp1252"), file=file, setting='encoding = "utf-8"')
    problem = only_problem(load_generic, embedded_store, mapping)
    assert (problem.file, problem.line) == (file, 3 if file.endswith(".csv") else 2)
    assert "not valid utf-8" in problem.message and "0xf6" in problem.message
    assert counts(embedded_store) == ({}, {})


@pytest.mark.parametrize(("data", "what"), [(png(), "a PNG image"), (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
                                            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Excel .xls workbook")])
def test_a_workbook_or_an_image_under_a_csv_name_is_named_as_such(embedded_store, tmp_path, data, what):
    problem = only_problem(load_generic, embedded_store, mapping_with(tmp_path, data))
    assert (problem.file, problem.line) == ("orgs.csv", 1) and what in problem.message
    assert counts(embedded_store) == ({}, {})


@pytest.mark.parametrize("role", ["projects.csv", "organizations.csv"])
def test_a_png_renamed_as_a_cordis_file_is_refused_in_one_line(embedded_store, tmp_path, role):
    folder = tmp_path / "cordis"
    shutil.copytree(FIXTURES / "cordis", folder)
    (folder / role).write_bytes(png())
    problem = only_problem(load_cordis, embedded_store, folder)
    assert (problem.file, problem.line) == (str(folder / role), 1) and "PNG image" in problem.message
    assert counts(embedded_store) == ({}, {})


def test_random_bytes_in_a_cordis_or_nuts_header_are_refused_in_one_line(embedded_store, tmp_path):
    """Random headers: a bare carriage return in them once escaped the reader as a csv.Error traceback."""
    shutil.copytree(FIXTURES / "cordis", tmp_path / "cordis")
    shutil.copytree(FIXTURES / "nuts", tmp_path / "nuts")
    originals = {p: p.read_bytes() for p in (tmp_path / "cordis" / "projects.csv",
                                             tmp_path / "nuts" / "nuts2024_label_points.csv")}
    rng = random.Random(11)
    for trial in range(40):
        path, data = list(originals.items())[trial % 2]
        garbage = rng.randbytes(rng.randint(1, 300)) + b"\r" + rng.randbytes(5)
        path.write_bytes(garbage + data[data.index(b"\n"):])
        loader = load_cordis if path.parent.name == "cordis" else load_nuts
        with pytest.raises(ValidationFailed) as caught:
            loader(embedded_store, path.parent if loader is load_cordis else path)
        assert {p.file for p in caught.value.problems} == {str(path)}, caught.value.problems
        assert all(p.line == 1 for p in caught.value.problems)
        path.write_bytes(data)
    assert counts(embedded_store) == ({}, {})


def test_a_header_with_control_characters_is_called_binary_not_a_missing_column(tmp_path):
    path = tmp_path / "nuts2024_label_points.csv"
    path.write_bytes(b"NUTS_ID,\x00\x01\x02LEVL\x1b[31m\n")
    problem = only_problem(load_nuts, None, path)
    assert (problem.file, problem.line) == (str(path), 1) and "binary data, not a CSV text file" in problem.message


@pytest.mark.parametrize(("content", "said"), [(b"", "the file is empty"), (b" \r\n\n", "the file is empty"),
                                               (b"\nNUTS_ID,LEVL_CODE\nSE,0\n", "the first line is blank")])
def test_an_empty_file_and_a_blank_first_line_are_told_apart(tmp_path, content, said):
    path = tmp_path / "nuts2024_label_points.csv"
    path.write_bytes(content)
    problem = only_problem(load_nuts, None, path)
    assert (problem.file, problem.line, problem.message) == (str(path), 1,
                                                             f"{said}: the first line must name the columns")


# --- one reader: encodings, separators, line ends -----------------------------------------------------------


def test_excel_unicode_text_utf16_tab_separated_loads(tmp_path):
    mapping = mapping_with(tmp_path, "id\tname\r\na\tMalmö Gjuteri\r\n".encode("utf-16"))
    nodes, _, notes = read_generic(mapping)
    assert nodes[-1].name == "Malmö Gjuteri"
    assert notes == ["orgs.csv: 1 row(s), read as UTF-16, separator tab"]


def test_old_mac_line_ends_and_a_bom_are_read(tmp_path):
    mapping = mapping_with(tmp_path, "\ufeffid;name\ra;Alfa\rb;\"Beta\rAB\"\r".encode())
    nodes, _, notes = read_generic(mapping)
    assert [(n.id, n.name) for n in nodes if n.label == "Organisation"] == [("a", "Alfa"), ("b", "Beta\rAB")]
    assert notes == ["orgs.csv: 2 row(s), read as UTF-8 with BOM, separator semicolon"]


def test_the_separator_is_the_one_that_finds_the_expected_columns(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id;name,with comma;city\n1;Alfa, Beta;Växjö\n", encoding="utf-8")
    assert read_rows(path, expected=("id", "city")).delimiter == ";"
    assert read_rows(path).delimiter == ";"  # without expected columns: the one giving the most fields
    assert read_table(path, required=("id", "city")).rows == [{"id": "1", "name,with comma": "Alfa, Beta",
                                                                "city": "Växjö"}]


def test_every_loader_reports_a_short_row_alike(tmp_path):
    """The generic loader and the official sources share the reader: the same file, the same problem."""
    data = b"id;name;city\na;Alfa;Vaxjo\nb;Beta\n"
    path = tmp_path / "orgs.csv"
    path.write_bytes(data)
    with pytest.raises(ValidationFailed) as caught:
        read_table(path, required=("id", "name"))
    [official] = caught.value.problems
    (tmp_path / "generic").mkdir()
    generic = only_problem(read_generic, mapping_with(tmp_path / "generic", data))
    assert (official.line, official.field, official.message) == (generic.line, generic.field, generic.message)
    assert (generic.line, generic.field) == (3, "city")
    assert "the row has 2 field(s), the header has 3" in generic.message


def test_rows_of_nothing_but_separators_are_skipped_like_blank_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,name\n1,Alfa\n,\n\n2,Beta\n,,\n", encoding="utf-8")
    table = read_table(path, required=("id",), not_empty=("id",))
    assert [(row["id"], line) for row, line in zip(table.rows, table.lines, strict=True)] == [("1", 2), ("2", 5)]
