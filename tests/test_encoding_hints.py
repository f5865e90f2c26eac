"""Excel's UTF-8 BOM before Windows-1252 text, and what the messages about encodings say.

Excel on Windows writes a BOM before a legacy-encoded "CSV" too: such a file is detected as Windows-1252 with the
BOM dropped, and the BOM never shows as `ï»¿` in the first column's name, whatever encoding the mapping sets.
Bytes not valid in an encoding are named as they are (the byte itself, its line, the text before it), and the
message says what to do: leave the encoding out when the mapping set it, set one when it was detected.
Every file is written by the test; loads go into the real embedded store.
"""

from __future__ import annotations

import tomllib

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import counts
from loaders.common import read_text
from loaders.csv_tables import read_rows
from loaders.generic import load_generic, read_generic
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_files

BOM = b"\xef\xbb\xbf"
#: A Swedish grants table as Excel on Windows exports it: BOM, Windows-1252 text, semicolons, CRLF.
BIDRAG = BOM + ("Projektnummer;Projekttitel;Organisationsnamn;Län;Startdatum\r\n"
                "2024-001;Smart hamn;Kalmar Hamnlogistik AB;Kalmar län;2024-03-01\r\n"
                "2024-002;Glasrobot;Glasriket Robotics AB;Kalmar län;2024-04-15\r\n").encode("cp1252")
MAPPING = """
    name = "bidrag"
    preset = "participation"
    file = "bidrag.csv"
    {setting}

    [columns]
    project_id = "Projektnummer"
    project_title = "Projekttitel"
    organisation_id = "Organisationsnamn"
    organisation_name = "Organisationsnamn"
    region = "Län"
    country = {{ value = "SE" }}
"""


def bidrag(folder, setting: str = "", data: bytes = BIDRAG):
    return write_files(folder, {"mapping.toml": MAPPING.format(setting=setting), "bidrag.csv": data})


def only_problem(mapping):
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


# --- detection: a BOM before text that is not UTF-8 ---------------------------------------------------------


def test_a_bom_before_windows_1252_text_is_read_as_windows_1252_without_the_bom(tmp_path):
    (tmp_path / "bidrag.csv").write_bytes(BIDRAG)
    text, encoding = read_text(tmp_path / "bidrag.csv")
    assert encoding == "cp1252"
    assert text.startswith("Projektnummer;Projekttitel;Organisationsnamn;Län;")


def test_a_bom_before_utf_8_text_is_still_utf_8_with_bom(tmp_path):
    (tmp_path / "t.csv").write_bytes(BOM + "id;Län\r\n1;Kalmar län\r\n".encode())
    assert read_text(tmp_path / "t.csv") == ("id;Län\r\n1;Kalmar län\r\n", "utf-8-sig")


def test_the_readers_note_says_the_bom_was_dropped(tmp_path):
    (tmp_path / "bidrag.csv").write_bytes(BIDRAG)
    table = read_rows(tmp_path / "bidrag.csv", separator=";")
    assert table.columns[0] == "Projektnummer" and table.rows[0]["Län"] == "Kalmar län"
    assert table.notes == ["bidrag.csv is not UTF-8 despite its UTF-8 BOM (first non-UTF-8 byte on line 1); it was "
                           "read as cp1252, without the BOM."]


def test_mapping_new_and_load_csv_read_the_excel_file(tmp_path, embedded_server):
    (tmp_path / "bidrag.csv").write_bytes(BIDRAG)
    env = cli_env(embedded_server, "encoding_hints")
    made = invoke(env, "mapping", "new", str(tmp_path / "bidrag.csv"), "--out", str(tmp_path / "mapping.toml"))
    assert made.exit_code == 0, made.stderr
    mapping = tomllib.loads((tmp_path / "mapping.toml").read_text(encoding="utf-8"))
    assert (mapping["columns"]["project_id"], mapping["columns"]["region"]) == ("Projektnummer", "Län")
    assert mapping["encoding"] == "cp1252"  # the guess, written for the user to check
    checked = invoke(env, "load", "csv", str(tmp_path / "mapping.toml"), "--check")
    assert checked.exit_code == 0, checked.stderr
    assert "valid; a load would write" in checked.stdout
    assert "bidrag.csv: 2 row(s), read as cp1252 (set in the mapping), separator semicolon" in checked.stdout


def test_the_excel_file_loads_into_the_store(embedded_store, tmp_path):
    load_generic(embedded_store, bidrag(tmp_path))
    labels, types = counts(embedded_store)
    assert (labels["Project"], labels["Organisation"], types["PARTICIPATES_IN"]) == (2, 2, 2)


# --- a set encoding: the BOM is dropped whatever it is -------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "iso-8859-15"])
def test_a_set_single_byte_encoding_does_not_read_the_bom_into_the_first_column(tmp_path, encoding):
    nodes, _, notes = read_generic(bidrag(tmp_path, f'encoding = "{encoding}"'))
    assert sorted(n.id for n in nodes if n.label == "Project") == ["2024-001", "2024-002"]
    assert f"bidrag.csv: 2 row(s), read as {encoding} (set in the mapping), separator semicolon" in notes


def test_a_set_encoding_reads_the_bom_as_no_text(tmp_path):
    (tmp_path / "bidrag.csv").write_bytes(BIDRAG)
    text, _ = read_text(tmp_path / "bidrag.csv", "latin-1")
    assert text.startswith("Projektnummer;") and "ï»¿" not in text


# --- messages: the byte that is wrong, and what to do -------------------------------------------------------


def test_bytes_not_valid_in_the_set_encoding_name_the_byte_itself_and_its_line(tmp_path):
    problem = only_problem(bidrag(tmp_path, 'encoding = "utf-8"'))
    assert (problem.file, problem.line) == ("bidrag.csv", 1)
    assert problem.message == ("not valid utf-8 (set in the mapping): invalid continuation byte (byte 0xe4 after "
                               "';Organisationsnamn;L'); leave the encoding out to detect it")


def test_the_line_of_a_bad_byte_counts_from_the_start_of_the_file_after_the_bom(tmp_path):
    data = BOM + "Projektnummer;Projekttitel;Organisationsnamn;Lan\n1;a;b;c\n2;Malmö;b;c\n".encode("cp1252")
    problem = only_problem(bidrag(tmp_path, 'encoding = "utf-8-sig"', data))
    assert problem.line == 3 and "(byte 0xf6 after '2;Malm')" in problem.message


def test_a_file_not_valid_in_the_encoding_its_bom_announces_says_how_to_set_one(tmp_path):
    data = b"\xff\xfe" + "Projektnummer,Projekttitel\n1,".encode("utf-16-le") + b"\x00\xd8a\x00"
    problem = only_problem(bidrag(tmp_path, data=data))
    assert problem.line == 2
    assert problem.message == (
        "not valid utf-16: illegal UTF-16 surrogate (bytes 0x00 0xd8 after '1,'); no encoding is set, and its first "
        "bytes (a byte order mark) say utf-16; if it is in another encoding, save it as UTF-8 or set that one in the "
        'mapping: encoding = "cp1252" (Windows, Western European), "cp1250" (Central European), "cp1257" (Baltic), '
        '"cp1251" (Cyrillic) or "latin-1"')
    assert "leave the encoding out" not in problem.message


def test_a_utf8_file_with_one_windows_1252_line_is_refused_naming_that_line(tmp_path):
    """Read as Windows-1252 as a whole, every name of its UTF-8 lines came out garbled ("JÃ¶nkÃ¶ping") and was
    loaded beside the right one, with only a caption saying the encoding (a try-out's pasted line)."""
    text = BIDRAG.removeprefix(BOM).decode("cp1252").replace("\r\n", "\n")
    lines = text.encode("utf-8").split(b"\n")
    lines[2] = lines[2].decode("utf-8").encode("cp1252")  # the second data row, pasted from elsewhere
    problem = only_problem(bidrag(tmp_path, data=b"\n".join(lines)))
    assert (problem.line, problem.file.endswith("bidrag.csv")) == (3, True)
    assert problem.message.startswith("this line is not UTF-8, while 2 other line(s) with accents are: the file "
                                      "mixes two encodings")
    assert 'encoding = "cp1252"' in problem.message
