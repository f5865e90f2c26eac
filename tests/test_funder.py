"""Whose money a participation table's amounts are (`funder` in the participation preset's [columns]): only the EU's
is summed with CORDIS's EU contributions (EUR). An Austrian national funder's grants in EUR
(tests/fixtures/austrian_clusters/foerderungen.csv), mapped without `currency`, had been summed as EU contributions
and shown as such. Real loads into the embedded store, real files."""

from __future__ import annotations

import shutil

from loaders.mapping_new.participation import participation_template
from loaders.pipeline import run_load
from tests.conftest import FIXTURES
from tests.generic_files import problems_of

AUSTRIAN = FIXTURES / "austrian_clusters"
AMOUNTS = ("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r.contribution), count(r.amount), "
           "collect(DISTINCT r.currency), collect(DISTINCT r.funder)")
TOTALS = "MATCH (o:Organisation) RETURN count(o.contribution_total)"


def _austrian(tmp_path, funder: str | None = None):
    shutil.copy(AUSTRIAN / "foerderungen.csv", tmp_path)
    mapping = (AUSTRIAN / "foerderungen.toml").read_text(encoding="utf-8")
    if funder is not None:
        mapping = mapping.replace("[columns]\n", f"[columns]\nfunder = {funder}\n")
    (tmp_path / "foerderungen.toml").write_text(mapping, encoding="utf-8")
    return tmp_path / "foerderungen.toml"


def test_a_national_table_without_funder_is_kept_apart_from_the_eu_contributions(embedded_store, tmp_path):
    report = run_load(embedded_store, "csv", _austrian(tmp_path))
    contributions, amounts, currencies, funders = embedded_store.read(AMOUNTS).rows[0]
    assert (contributions, currencies, funders) == (0, ["EUR"], [])
    assert amounts > 0
    assert embedded_store.read(TOTALS).rows == [[0]]  # no EU contribution total made of the national EUR
    note = next(n for n in report.load.notes if n.startswith("foerderungen.csv: amounts of column 'Fördersumme'"))
    assert "(EUR) are stored as PARTICIPATES_IN amount with currency EUR, apart from the EU contributions" in note
    assert "before this version they were summed with CORDIS's EU contributions" in note
    assert 'funder = { value = "EU" }' in note


def test_a_named_funder_s_amounts_keep_their_funder(embedded_store, tmp_path):
    report = run_load(embedded_store, "csv", _austrian(tmp_path, '{ value = "FFG" }'))
    contributions, amounts, currencies, funders = embedded_store.read(AMOUNTS).rows[0]
    assert (contributions, currencies, funders) == (0, ["EUR"], ["FFG"]) and amounts > 0
    assert ("foerderungen.csv: amounts of FFG (column 'Fördersumme', EUR) are stored as PARTICIPATES_IN amount with "
            "currency EUR and funder FFG, apart from the EU contributions: the EU contribution totals and columns "
            "leave them out (funder = { value = \"EU\" } under [columns] sums an EU programme's amounts with "
            "CORDIS's)") in report.load.notes


def test_the_eu_s_money_is_summed_as_eu_contributions(embedded_store, tmp_path):
    report = run_load(embedded_store, "csv", _austrian(tmp_path, '{ value = "EU" }'))
    contributions, amounts, currencies, funders = embedded_store.read(AMOUNTS).rows[0]
    assert (amounts, currencies, funders) == (0, [], ["EU"]) and contributions > 0
    assert embedded_store.read(TOTALS).rows[0][0] > 0
    assert ("foerderungen.csv: amounts of column 'Fördersumme' are taken as EU contributions in EUR (funder EU) and "
            "summed with CORDIS's; amounts in another currency say so in the mapping (currency = \"NOK\")"
            ) in report.load.notes


def test_a_store_that_summed_the_table_as_contributions_loads_it_again_kept_apart(embedded_store, tmp_path):
    """A store an earlier version wrote holds the table's amounts as contribution: loading the unchanged mapping
    again keeps them apart, and takes the old contributions and their totals off."""
    run_load(embedded_store, "csv", _austrian(tmp_path, '{ value = "EU" }'))  # as the earlier version wrote it
    report = run_load(embedded_store, "csv", _austrian(tmp_path))
    contributions, amounts, _, _ = embedded_store.read(AMOUNTS).rows[0]
    assert contributions == 0 and amounts > 0
    assert embedded_store.read(TOTALS).rows == [[0]]
    assert [n for n in report.load.notes if "property 'contribution' dropped from" in n]


def test_a_funder_given_as_a_column_is_refused_with_the_value_form(tmp_path):
    problems = problems_of(_austrian(tmp_path, '"FFG"'))
    assert [(p.field, p.line) for p in problems] == [("funder", 11)]
    assert problems[0].message.startswith("funder says whose money the whole table's amounts are, as a value, not a "
                                          "column: funder = { value = \"EU\" }")


def test_mapping_new_offers_funder_with_what_it_does():
    template = participation_template(AUSTRIAN / "foerderungen.csv")
    line = next(line for line in template.splitlines() if line.startswith("# funder = "))
    assert "funder = { value = \"EU\" } sums them with CORDIS's EU contributions" in line


def test_a_store_whose_amounts_are_all_kept_apart_says_how_to_give_eu_contributions(embedded_store, tmp_path):
    """With only a national table loaded, the contributions' missing input had advised mapping a column to
    `contribution` alone; the preset's way is `funder = { value = "EU" }` when the amounts are the EU's."""
    from graph.store.requirements import missing_inputs

    run_load(embedded_store, "csv", _austrian(tmp_path))
    [missing] = missing_inputs(embedded_store, "PARTICIPATES_IN.contribution")
    assert 'say `funder = { value = "EU" }` under the [columns] of a participation table whose amounts are the EU\'s' \
        in missing.message


def test_the_saved_queries_show_whose_money_an_amount_is(embedded_store, tmp_path):
    """`projects/partners` and `organisations/projects` showed a national funder's EUR as amount and currency
    alone, the same as a table that did not say whose money it is: the funder the mapping named is now a column."""
    from queries.catalogue import load_catalogue
    from queries.runner import run_saved

    run_load(embedded_store, "csv", _austrian(tmp_path, '{ value = "FFG" }'))
    catalogue = load_catalogue()
    partners = run_saved(embedded_store, catalogue, "projects/partners", {"project": "FFG-880011"})[2]
    rows = [dict(zip(partners.columns, row, strict=True)) for row in partners.rows]
    assert {(r["partner"], r["amount"], r["currency"], r["funder"]) for r in rows} >= {
        ("Greiner Packaging GmbH", 412500.0, "EUR", "FFG")}
    assert {r["funder"] for r in rows} == {"FFG"}
    organisation = embedded_store.read("MATCH (o:Organisation {name: 'AVL List GmbH'}) RETURN o.id").rows[0][0]
    projects = run_saved(embedded_store, catalogue, "organisations/projects", {"organisation": organisation})[2]
    found = [dict(zip(projects.columns, row, strict=True)) for row in projects.rows]
    assert [(r["project"], r["currency"], r["funder"]) for r in found] == [("FFG-880042", "EUR", "FFG")]
    assert projects.columns[-5:-2] == ["amount", "currency", "funder"]  # then the project's whole grant
