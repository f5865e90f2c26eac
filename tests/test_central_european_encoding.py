"""Windows-1250 exports (Excel on a Polish, Czech, Hungarian ... Windows) are read as Windows-1250.

A Polish agency's member list was refused as "binary data" (one `Ź`, undefined in Windows-1252, made it Latin-1 and
`ś` a control character) or loaded silently as Windows-1252 (`Wroc³aw`, `dolnoœl¹skie`), and a column's "did you mean"
pointed at the garbled spelling. Western exports stay Windows-1252. Every file is written by the test in its code page
(`encode("cp1250")`); loads go into the real embedded store.
"""

from __future__ import annotations

import doctest
import tomllib

import pytest

import loaders.code_pages
from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from loaders.common import read_text
from loaders.generic import load_generic, read_generic
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_files

#: A KKK member list as Excel on a Polish Windows saves it: Windows-1250, semicolons, CRLF; `Ź` is 0x8F.
MEMBERS = ("NIP;Członek;Miejscowość;Województwo\r\n"
           "8961000001;Źródło Energii sp. z o.o.;Wrocław;dolnośląskie\r\n"
           "6340000002;Śląskie Zakłady Maszyn S.A.;Gliwice;śląskie\r\n"
           "5250000003;Mazowiecka Wytwórnia Części;Płock;mazowieckie\r\n")
MAPPING = """
    name = "klastry"
    {setting}
    [[nodes]]
    file = "czlonkowie.csv"
    label = "Organisation"
    id = "NIP"
    name = "Członek"
    [nodes.properties]
    city = "Miejscowość"
"""
#: Western exports that must stay Windows-1252: Danish, German, French, Swedish, Norwegian, Icelandic.
WESTERN = {"da": "navn;by\r\nØresund Fødevarer ApS;Næstved\r\nÅlborg Værft;Ærøskøbing\r\n",
           "de": "Name;Ort\r\nMüller Präzision GmbH;Düsseldorf\r\nBäckerei Groß;München\r\n",
           "fr": "nom;ville\r\nCrème Brûlée SARL;Besançon\r\nÉlectricité Générale;Genève\r\n",
           "sv": "namn;län\r\nJönköpings Gjuteri AB;Jönköpings län\r\nVästerås Robotik;Västmanlands län\r\n",
           "no": "navn;fylke\r\nBodø Sjømat AS;Nordland\r\nTrøndelag Kraft;Trøndelag\r\n",
           "is": "nafn;bær\r\nÞörungaverksmiðja;Reykhólar\r\nGarðabær Tækni;Garðabær\r\n"}

#: The code pages a note offers after the Western and Central European ones.
BALTIC_OR_CYRILLIC = ('"cp1257" (Baltic: Lithuanian, Latvian, Estonian) or "cp1251" (Cyrillic: Bulgarian, Serbian, '
                      "Macedonian, Russian, Ukrainian)")


def members(folder, setting: str = "", text: str = MEMBERS):
    return write_files(folder, {"mapping.toml": MAPPING.format(setting=setting),
                                "czlonkowie.csv": text.encode("cp1250")})


def test_a_windows_1250_file_with_z_acute_is_read_as_windows_1250_not_latin_1(tmp_path):
    (tmp_path / "t.csv").write_bytes(MEMBERS.encode("cp1250"))
    assert read_text(tmp_path / "t.csv") == (MEMBERS, "cp1250")


def test_a_windows_1250_file_without_z_acute_is_read_as_windows_1250_not_windows_1252(tmp_path):
    text = MEMBERS.replace("Źródło", "Zrodlo")
    (tmp_path / "t.csv").write_bytes(text.encode("cp1250"))
    assert read_text(tmp_path / "t.csv") == (text, "cp1250")


@pytest.mark.parametrize("language", sorted(WESTERN))
def test_a_western_export_stays_windows_1252_and_its_note_shows_its_words(tmp_path, language):
    name = WESTERN[language].split(";")[0]
    folder = write_files(tmp_path, {
        "mapping.toml": f'[[nodes]]\nfile = "t.csv"\nlabel = "Organisation"\nid = "{name}"\nname = "{name}"\n',
        "t.csv": WESTERN[language].encode("cp1252")})
    assert read_text(tmp_path / "t.csv") == (WESTERN[language], "cp1252")
    _, _, notes = read_generic(folder)
    words = list(dict.fromkeys(w for w in WESTERN[language].replace(";", "\n").split() if not w.isascii()))[:4]
    assert (f"t.csv: its letters were read as Windows-1252 ({', '.join(words)}); if they look wrong, set the encoding "
            'in the mapping: encoding = "cp1250" (Central European: Polish, Czech, Slovak, Hungarian, Croatian, '
            'Slovenian, Romanian), ' + BALTIC_OR_CYRILLIC) in notes


def test_the_polish_list_loads_its_letters_as_written_and_says_how_it_was_read(embedded_store, tmp_path):
    report = load_generic(embedded_store, members(tmp_path))
    graph = to_networkx(embedded_store)
    assert graph.nodes["Organisation:8961000001"]["name"] == "Źródło Energii sp. z o.o."
    assert {graph.nodes[f"Organisation:{nip}"]["city"] for nip in ("8961000001", "6340000002", "5250000003")} == {
        "Wrocław", "Gliwice", "Płock"}
    assert "czlonkowie.csv: 3 row(s), read as Windows-1250 (it is not UTF-8), separator semicolon" in report.notes
    assert ("czlonkowie.csv: its letters were read as Windows-1250 (Członek, Miejscowość, Województwo, Źródło); if "
            'they look wrong, set the encoding in the mapping: encoding = "cp1252" (Western European), '
            + BALTIC_OR_CYRILLIC) in report.notes


def test_a_wrong_encoding_gives_the_encoding_to_set_not_the_garbled_column_name(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        read_generic(members(tmp_path, 'encoding = "cp1252"', MEMBERS.replace("Źródło", "Zrodlo")))
    said = {p.field: p.message for p in caught.value.problems}
    assert "the header has it as 'Cz³onek': the file was read as cp1252 (as set in the mapping), but it is " \
           'cp1250: set encoding = "cp1250" in the mapping' in said["Członek"]
    assert "did you mean" not in said["Członek"] and "did you mean" not in said["Miejscowość"]


def test_mapping_new_names_the_guessed_encoding_and_takes_another(tmp_path, embedded_server):
    (tmp_path / "czlonkowie.csv").write_bytes(MEMBERS.replace("Źródło", "Zrodlo").encode("cp1250"))
    env = cli_env(embedded_server, "central_european")
    made = invoke(env, "mapping", "new", str(tmp_path / "czlonkowie.csv"), "--out", str(tmp_path / "m.toml"))
    assert made.exit_code == 0, made.stderr
    written = (tmp_path / "m.toml").read_text(encoding="utf-8")
    assert tomllib.loads(written)["encoding"] == "cp1250"
    assert "#? not UTF-8; its letters read best in this code page (Członek, Miejscowość, Województwo)" in written
    given = invoke(env, "mapping", "new", str(tmp_path / "czlonkowie.csv"), "--encoding", "cp1252")
    assert given.exit_code == 0, given.stderr
    assert 'encoding = "cp1252"  # as given to mapping new' in given.stdout and "Cz³onek" in given.stdout
    refused = invoke(env, "mapping", "new", str(tmp_path / "czlonkowie.csv"), "--encoding", "rot13")
    assert refused.exit_code != 0 and "'rot13' is not a text encoding" in refused.stderr


def test_the_code_page_scorer_examples_hold():
    found = doctest.testmod(loaders.code_pages)
    assert found.attempted >= 5 and found.failed == 0
