"""A Polish agency's cluster member list (NIP written `525-000-58-34`, `5250005834` or `PL5250005834`, names ending in
sp. z o.o. or S.A.) against CORDIS's Polish organisations.

A NIP was tried as a Swedish organisation number (`SE525000583401`), never as CORDIS's `PL5250005834`, so 14 of 55
members became silent second nodes beside the CORDIS organisations they are. Real parts: the CORDIS fixture with a few
Polish organisations added (real files in tmp_path, `loaders.cordis.load_cordis`), a real CSV and mapping, the load
pipeline."""

from __future__ import annotations

import pytest

from loaders.cluster_detection import name_key
from loaders.company_numbers import vat_forms
from loaders.pipeline import run_load
from tests.cordis_with import load_cordis_with
from tests.cordis_with import stored_node as _node

#: (PIC, VAT number, name) of the Polish organisations added to the CORDIS fixture, as CORDIS writes them.
POLISH = [("999847095", "PL6750001805",
           "INSTYTUT KATALIZY I FIZYKOCHEMII POWIERZCHNI IM. JERZEGO HABERA POLSKA AKADEMIA NAUK"),
          ("999495470", "PL8960001770",
           "KGHM CUPRUM SPOLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA - CENTRUM BADAWCZO- ROZWOJOWE"),
          ("960464319", "PL6312691891", "SIEC BADAWCZA LUKASIEWICZ - GORNOSLASKI INSTYTUT TECHNOLOGICZNY"),
          ("999969509", "PL7811019801", "ITTI SP ZOO"), ("936605132", "PL5223010943", "SAULE SPOLKA AKCYJNA")]
MEMBERS = """Członek;NIP członka;Kraj
Instytut Katalizy i Fizykochemii Powierzchni im. Jerzego Habera PAN;675-000-18-05;PL
KGHM Cuprum sp. z o.o. – Centrum Badawczo-Rozwojowe;8960001770;PL
Sieć Badawcza Łukasiewicz – Górnośląski Instytut Technologiczny;PL6312691891;PL
"""


@pytest.fixture
def store(embedded_store, tmp_path):
    load_cordis_with(embedded_store, tmp_path, "PL", POLISH)
    return embedded_store


def _load(store, tmp_path, table: str = MEMBERS, place: str = 'located_in = { country = "Kraj" }\n') -> list[str]:
    (tmp_path / "czlonkowie.csv").write_text(table, encoding="utf-8")
    (tmp_path / "kkk.toml").write_text(
        'name = "kkk"\n\n[[nodes]]\nfile = "czlonkowie.csv"\nseparator = ";"\nlabel = "Organisation"\n'
        f'id = "NIP członka"\nname = "Członek"\nmatch = "name"\n{place}', encoding="utf-8")
    return run_load(store, "csv", tmp_path / "kkk.toml").load.notes


def test_a_nip_written_any_way_is_tried_as_the_polish_vat_number_and_not_as_a_swedish_one():
    assert vat_forms("525-000-58-34") == vat_forms("5250005834") == vat_forms("PL5250005834") == ("PL5250005834",)
    assert vat_forms("202100-3211") == ("SE202100321101",)  # a Swedish organisation number stays one


def test_a_nip_of_a_polish_row_updates_the_cordis_organisation_whose_vat_number_holds_it(store, tmp_path):
    notes = _load(store, tmp_path)
    said = next(n for n in notes if "give an organisation number that is the VAT number of an organisation" in n)
    assert ("675-000-18-05 'Instytut Katalizy i Fizykochemii Powierzchni im. Jerzego Habera PAN' -> pic:999847095"
            in said)
    assert "8960001770 'KGHM Cuprum sp. z o.o. – Centrum Badawczo-Rozwojowe' -> pic:999495470" in said
    assert _node(store, "675-000-18-05") is None and _node(store, "8960001770") is None  # no second node
    assert "675-000-18-05" in _node(store, "pic:999847095")[1]
    assert not run_load(store, "csv", tmp_path / "kkk.toml").summary.changed  # a re-run changes nothing


def test_a_nip_on_a_row_of_no_country_is_tried_as_the_form_its_check_digit_passes(store, tmp_path):
    """Ten digits are a Swedish organisation number or a NIP: without a country, the check digit says which."""
    _load(store, tmp_path, "Członek;NIP członka\nKGHM Cuprum – CBR;896-000-17-70\n", place="")
    assert _node(store, "896-000-17-70") is None
    assert "896-000-17-70" in _node(store, "pic:999495470")[1]


def test_polish_legal_forms_are_set_aside_when_names_are_compared():
    assert name_key("Saule S.A.") == name_key("SAULE SPOLKA AKCYJNA") == name_key("Saule spółka akcyjna") == "saule"
    assert name_key("ITTI sp. z o.o.") == name_key("ITTI SP ZOO") == name_key(
        "ITTI SPÓLKA Z OGRANICZONA ODPOWIEDZIALNOSCIA") == name_key("Itti spółka z ograniczoną odpowiedzialnością")
    assert {name_key(n) for n in ("Łącki i Wspólnicy sp.k.", "Łącki i Wspólnicy spółka komandytowa",
                                  "Łącki i Wspólnicy sp.j.", "Łącki i Wspólnicy spółka jawna", "Łącki i Wspólnicy s.c.",
                                  "ŁĄCKI I WSPOLNICY SC", "Łącki i Wspólnicy P.S.A.")} == {"lacki i wspolnicy"}
    assert name_key("Studio SC Projekt") == "studio sc projekt"  # `sc` only as the last word


def test_a_polish_name_with_its_form_written_out_updates_the_cordis_organisation(store, tmp_path):
    """`match = "name"` takes `ITTI sp. z o.o.` and `Saule S.A.`, keyed by numbers of the agency's own (no NIP to go
    by), to CORDIS's ITTI SP ZOO and SAULE SPOLKA AKCYJNA: the load had said they nearly share a name."""
    notes = _load(store, tmp_path, "Członek;NIP członka;Kraj\nITTI sp. z o.o.;KKK-17;PL\nSaule S.A.;KKK-18;PL\n")
    assert _node(store, "KKK-17") is None and _node(store, "KKK-18") is None
    assert "KKK-17" in _node(store, "pic:999969509")[1] and "KKK-18" in _node(store, "pic:936605132")[1]
    assert not [n for n in notes if "nearly share a name" in n]


def test_a_matched_rows_polish_spelling_is_kept_in_the_nodes_aliases(store, tmp_path):
    """CORDIS writes `SIEC BADAWCZA LUKASIEWICZ - GORNOSLASKI ...` without Polish letters; the table's spelling had been
    dropped as the same name once accents are folded. A name that differs only in case adds nothing."""
    _load(store, tmp_path, MEMBERS + "Itti Sp Zoo;PL7811019801;PL\n")
    assert _node(store, "pic:960464319")[2] == ["Sieć Badawcza Łukasiewicz – Górnośląski Instytut Technologiczny"]
    assert _node(store, "pic:999969509")[2] is None
