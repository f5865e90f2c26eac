"""Bulgarian (Windows-1251) and Baltic (Windows-1257) exports are read in their code page.

Excel on a Bulgarian, Lithuanian, Latvian or Estonian Windows saves "CSV" in Windows-1251 or Windows-1257; the reader
knew only Windows-1252 and -1250 and read them garbled (`Òåõíè÷åñêè óíèâåðñèòåò`, `Ðiauliø Ámonë`, `Tehniskâ`).
Every file is written by the test in its code page; the load goes into the real embedded store.
"""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from loaders.common import read_text
from loaders.generic import load_generic, read_generic
from tests.generic_files import write_files

#: Member lists as Excel on each Windows saves them (semicolons, CRLF), with the code page it writes.
EXPORTS = {
    "bg": ("cp1251", "Код;Име;Град\r\n1;Технически университет - София;София\r\n2;Клъстер Мехатроника;Габрово\r\n"),
    "lt": ("cp1257", "Kodas;Pavadinimas;Miestas\r\n1;Kauno technologijos universitetas;Kaunas\r\n"
                     "2;Šiaulių pramonės Įmonė;Šiauliai\r\n"),
    "lv": ("cp1257", "Kods;Nosaukums;Pilsēta\r\n1;Rīgas Tehniskā universitāte;Rīga\r\n"
                     "2;Ventspils Augstskola;Ventspils\r\n"),
    "et": ("cp1257", "Kood;Nimi;Linn\r\n1;Tallinna Tehnikaülikool;Tallinn\r\n2;Pärnu Õlitehas;Pärnu\r\n"),
}
#: The same, as short as a file gets: a header and one row per line that says something.
SHORT = {"bg": ("cp1251", "Име;Град\r\nКлъстер Мехатроника;Габрово\r\n"),
         "lt": ("cp1257", "Pavadinimas;Miestas\r\nŠiaulių Įmonė;Šiauliai\r\n"),
         "lv": ("cp1257", "Nosaukums;Pilsēta\r\nRīgas Tehniskā universitāte;Rīga\r\n")}
MAPPING = '[[nodes]]\nfile = "members.csv"\nlabel = "Organisation"\nid = "{id}"\nname = "{name}"\n{setting}'


def members(folder, language: str, setting: str = ""):
    page, text = EXPORTS[language]
    header = text.split("\r\n")[0].split(";")
    return write_files(folder, {"mapping.toml": MAPPING.format(id=header[0], name=header[1], setting=setting),
                                "members.csv": text.encode(page)})


@pytest.mark.parametrize("language", sorted(EXPORTS))
def test_an_export_is_read_in_its_code_page(tmp_path, language):
    page, text = EXPORTS[language]
    (tmp_path / "t.csv").write_bytes(text.encode(page))
    assert read_text(tmp_path / "t.csv") == (text, page)


@pytest.mark.parametrize("language", sorted(SHORT))
def test_a_short_export_is_read_in_its_code_page(tmp_path, language):
    page, text = SHORT[language]
    (tmp_path / "t.csv").write_bytes(text.encode(page))
    assert read_text(tmp_path / "t.csv") == (text, page)


@pytest.mark.parametrize(("language", "page_name", "words"), [
    ("bg", "Windows-1251", "Код, Име, Град, Технически"), ("lt", "Windows-1257", "Šiaulių, pramonės, Įmonė, Šiauliai"),
    ("lv", "Windows-1257", "Pilsēta, Rīgas, Tehniskā, universitāte"),
    ("et", "Windows-1257", "Tehnikaülikool, Pärnu, Õlitehas")])
def test_the_load_writes_the_names_as_written_and_its_notes_name_the_code_page(embedded_store, tmp_path, language,
                                                                                page_name, words):
    page, text = EXPORTS[language]
    report = load_generic(embedded_store, members(tmp_path, language))
    graph = to_networkx(embedded_store)
    rows = [line.split(";") for line in text.split("\r\n")[1:] if line]
    assert {graph.nodes[f"Organisation:{code}"]["name"] for code, name, _ in rows} == {name for _, name, _ in rows}
    assert f"members.csv: 2 row(s), read as {page_name} (it is not UTF-8), separator semicolon" in report.notes
    assert f"members.csv: its letters were read as {page_name} ({words}); if they look wrong" in "\n".join(report.notes)


def test_a_bulgarian_file_read_as_set_in_the_mapping_gives_the_encoding_to_set(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        read_generic(members(tmp_path, "bg", 'encoding = "cp1252"'))
    said = {p.field: p.message for p in caught.value.problems}
    assert 'it is cp1251: set encoding = "cp1251" in the mapping' in said["Име"]
