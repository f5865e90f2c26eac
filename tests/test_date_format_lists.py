"""`mapping new` on a date column written several ways: the list of formats that reads every date.

A table whose dates mix `2024-03-01` and `01.03.2024` gets `date_format = ["%Y-%m-%d", "%d.%m.%Y"]` (a guess,
marked `#?`), which the generic loader reads; a column no few formats read still gets the commented line to fill.
"""

from __future__ import annotations

import doctest
import tomllib

from graph.store.reads import to_networkx
from loaders import table_cells
from loaders.generic import load_generic
from loaders.mapping_new.participation import guesses, participation_template
from loaders.table_cells import date_format

GRANTS = ("Prosjektnummer;Prosjekttittel;Organisasjonsnummer;Organisasjonsnavn;Startdato\n"
          "P-1;Havvind;915123456;Havkraft AS;2024-03-01\n"
          "P-2;Fjordfisk;987654321;Fjordfisk AS;01.03.2024\n"
          "P-3;Skogdata;912345678;Skogdata AS;2023-11-15\n")


def template_of(folder, table: str, name: str = "grants.csv") -> str:
    (folder / name).write_text(table, encoding="utf-8")
    return participation_template(folder / name)


def test_the_examples_in_the_docstrings_hold():
    found = doctest.testmod(table_cells)
    assert found.attempted and found.failed == 0


def test_one_format_that_reads_every_date_is_still_one_string():
    assert date_format(["01.03.2024", "15.11.2023"]) == "%d.%m.%Y"
    assert date_format([]) == "%Y-%m-%d"


def test_dates_written_two_ways_give_the_two_formats_in_the_order_they_are_tried():
    assert date_format(["01.03.2024", "2024-03-01", "15.11.2023"]) == ["%Y-%m-%d", "%d.%m.%Y"]
    assert date_format(["2024/03/01", "20240301", "01-03-2024"]) == ["%d-%m-%Y", "%Y/%m/%d", "%Y%m%d"]


def test_day_first_and_month_first_slashes_are_never_listed_together():
    # 13/03/2024 is day first, 03/13/2024 month first: together, 01/03/2024 would be read by a guess
    assert date_format(["13/03/2024", "03/13/2024"]) is None


def test_dates_no_few_formats_read_are_left_to_the_user():
    assert date_format(["2024-03-01", "01.03.2024", "01/03/2024", "2024/03/01"]) is None
    assert date_format(["2024-03-01", "March 1, 2024"]) is None


def test_the_template_writes_the_list_as_a_guess(tmp_path):
    template = template_of(tmp_path, GRANTS)
    line = next(line for line in template.splitlines() if line.startswith("date_format"))
    assert line == ('date_format = ["%Y-%m-%d", "%d.%m.%Y"]  #? dates written 2 ways, like "2024-03-01" and '
                    '"01.03.2024"; a date is read with the first that fits')
    assert tomllib.loads(template)["date_format"] == ["%Y-%m-%d", "%d.%m.%Y"]
    all_iso = template_of(tmp_path, GRANTS.replace("01.03.2024", "2024-03-01"), "iso.csv")
    assert "date_format" not in tomllib.loads(all_iso) and guesses(template) == guesses(all_iso) + 1


def test_a_column_no_few_formats_read_keeps_the_line_to_fill(tmp_path):
    template = template_of(tmp_path, GRANTS.replace("2023-11-15", "15 Nov 2023"))
    assert "date_format" not in tomllib.loads(template)
    assert '# date_format = ""  # dates like "2024-03-01": no common format reads them all; write theirs (Python ' \
           "strptime codes), one or a list" in template


def test_the_written_mapping_loads_every_date(embedded_store, tmp_path):
    (tmp_path / "mapping.toml").write_text(template_of(tmp_path, GRANTS), encoding="utf-8")
    load_generic(embedded_store, tmp_path / "mapping.toml")
    graph = to_networkx(embedded_store)
    starts = {data["id"]: data.get("start_date") for _, data in graph.nodes(data=True) if "Project" in data["labels"]}
    assert starts == {"P-1": "2024-03-01", "P-2": "2024-03-01", "P-3": "2023-11-15"}


def test_a_list_template_writes_the_formats_of_a_date_property(tmp_path):
    table = ("Klusternamn;Län;ESCA-märkning;Giltig till\n"
             "Kalmar Hamnkluster;Kalmar län;ESCA Gold;2026-03-01\n"
             "Glasklustret;Kalmar län;ESCA Silver;01.06.2025\n")
    template = template_of(tmp_path, table, "kluster.csv")
    assert 'expires = { column = "Giltig till", type = "date", format = ["%Y-%m-%d", "%d.%m.%Y"] }' in template


def test_a_small_table_with_two_typos_still_gets_the_format_of_its_other_dates(tmp_path):
    """A cluster's member list of 30 rows with two mistyped dates (`31.02.2021`, `2021-13-01`) is 7 % odd cells,
    over the 5 % a large table may have: the guess had given up, the mapping said ISO dates, and `--check` flagged
    all 30 rows instead of the two. A typo or two leaves the guess as long as most cells read."""
    dates = [f"{day:02d}.03.2019" for day in range(1, 28)] + ["31.02.2021", "2021-13-01"]
    assert date_format(dates) == "%d.%m.%Y"
    assert date_format(["01.03.2019"] * 12 + ["31.02.2021", "2021-13-01"]) is None  # two of 14: a way of writing?
    rows = "".join(f"9150{at:05d};Bedrift {at} AS;IoT World;{cell}\n" for at, cell in enumerate(dates))
    template = template_of(tmp_path, "Org.nr;Navn;Klynge;Medlem siden\n" + rows, "medlemmer.csv")
    since = next(line for line in template.splitlines() if line.startswith("since = "))
    assert since.startswith('since = { column = "Medlem siden", type = "date", format = "%d.%m.%Y" }')
    assert '"31.02.2021" (medlemmer.csv:29)' in since and '"2021-13-01" (medlemmer.csv:30)' in since


def test_a_list_date_column_no_format_reads_says_so_on_its_line(tmp_path):
    """The list template wrote `type = "date"` (ISO) without a word, and `--check` then flagged every row."""
    table = "Org.nr;Navn;Klynge;Medlem siden\n" + "".join(
        f"9150{at:05d};Bedrift {at} AS;IoT World;{cell}\n"
        for at, cell in enumerate(["01.03.2019", "2019-03-01", "March 2019", "mars 2019"]))
    since = next(line for line in template_of(tmp_path, table, "medlemmer.csv").splitlines()
                 if line.startswith("since = "))
    assert since == ('since = { column = "Medlem siden", type = "date" }  #? member since; dates like "01.03.2019": '
                     "no common format reads nearly all of them; add theirs (format = Python strptime codes, one or a "
                     "list)")
