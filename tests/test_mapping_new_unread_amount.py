"""An amount `mapping new` cannot read (`ca. 1,2 mio` among a Danish programme's `1.250.000,00`) is named by file,
line and column, quoted, counted, with how to fix it, in the mapping's comment and in the command's output: the
template had commented out `decimal` with no word of which cell, and the user could not find it among thousands of
rows. Real tables, the real CLI; the mapping made after the fix is checked by the real loader
(`loaders.mapping_new.amounts`)."""

from __future__ import annotations

import tomllib

from tests.cli_invoke import cli_env, invoke

HEADER = "Sagsnr;Projekttitel;CVR;Virksomhed;Region;Bevilget beløb (DKK)\n"
COLUMN = "Bevilget beløb (DKK)"


def _table(folder, amounts: list[str]):
    rows = "".join(f"DK-{n};Projekt {n};{34209930 + n};Firma {n} ApS;Syddanmark;{amount}\n"
                   for n, amount in enumerate(amounts, start=1))
    (folder / "bevillinger.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder / "bevillinger.csv"


def _mapping_new(server, table, name: str):
    out = table.parent / name
    made = invoke(cli_env(server, "unread_amount"), "mapping", "new", str(table), "--out", str(out))
    assert made.exit_code == 0, made.stderr
    return made.stderr.splitlines(), out.read_text(encoding="utf-8")


def test_an_unreadable_amount_that_comments_out_decimal_is_named_and_its_fix_then_loads(tmp_path, embedded_server):
    amounts = ["1.250.000,00", "ca. 1,2 mio", "875.500,00", "2.000.000,00", "640.250,50", "1.100.000,00"]
    table = _table(tmp_path, amounts)
    said, text = _mapping_new(embedded_server, table, "mapping.toml")
    named = (f'bevillinger.csv:3 [{COLUMN}]: 1 of 6 amount(s) could not be read with decimal = "," and thousands = '
             '".": "ca. 1,2 mio"; correct it (a number written like "1.250.000,00") or leave it empty')
    assert said[1:] == [f"{named}; until then the mapping's decimal line is commented out: uncomment it (and "
                        "thousands) once the cells are fixed"]
    assert (f'# decimal = ","  # amounts like "1.250.000,00": no common way of writing numbers reads nearly all of '
            f"them; {named}, then uncomment this line and the next") in text
    assert '\n# thousands = "."\n' in text and "decimal" not in tomllib.loads(text)
    table.write_text(table.read_text(encoding="utf-8").replace("ca. 1,2 mio", ""), encoding="utf-8")  # left empty
    said, text = _mapping_new(embedded_server, table, "fixed.toml")
    assert len(said) == 1 and (tomllib.loads(text)["decimal"], tomllib.loads(text)["thousands"]) == (",", ".")
    checked = invoke(cli_env(embedded_server, "unread_amount"), "load", "csv", str(tmp_path / "fixed.toml"), "--check")
    assert checked.exit_code == 0 and "valid; a load would write" in checked.stdout, checked.stderr


def test_several_unreadable_amounts_are_counted_and_the_first_few_quoted_with_their_lines(tmp_path, embedded_server):
    amounts = ["1.250.000,00"] * 7
    for line, cell in ((3, "ca. 1,2 mio"), (5, "?"), (6, "n/a"), (8, "1,2 mio."), (9, "se note")):
        amounts.insert(line - 2, cell)
    said, text = _mapping_new(embedded_server, _table(tmp_path, amounts), "mapping.toml")
    named = (f'bevillinger.csv:3 [{COLUMN}]: 5 of 12 amount(s) could not be read with decimal = "," and thousands = '
             '".": "ca. 1,2 mio" (line 3), "?" (line 5), "n/a" (line 6) and 2 more; correct them (a number written '
             'like "1.250.000,00") or leave them empty')
    assert said[1].startswith(named) and f"{named}, then uncomment" in text


def test_an_unreadable_amount_the_guess_leaves_is_named_in_the_output_too(tmp_path, embedded_server):
    """Among 40 amounts one odd cell leaves `decimal = ","` set, its comment naming the cell; the output had said
    nothing of it, and `load csv` refuses the table until the cell is fixed."""
    amounts = ["1.250.000,00"] * 40
    amounts[30] = "ca. 1,2 mio"
    said, text = _mapping_new(embedded_server, _table(tmp_path, amounts), "mapping.toml")
    assert tomllib.loads(text)["decimal"] == ","
    assert said[1:] == [f'bevillinger.csv:32 [{COLUMN}]: 1 of 40 amount(s) could not be read with decimal = "," and '
                        'thousands = ".": "ca. 1,2 mio"; correct it (a number written like "1.250.000,00") or leave it '
                        "empty; until then `load csv` refuses the table"]
