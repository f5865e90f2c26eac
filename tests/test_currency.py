"""A participation table's amounts in another currency than EUR (`currency = "NOK"` in the preset) are stored as
`amount` with `currency`, and not summed into the EU contribution totals (EUR) CORDIS's contributions give."""

from __future__ import annotations

import shutil

from graph.store.reads import to_networkx
from graph.views.formatting import property_rows
from loaders.derived import recount_activity
from loaders.pipeline import run_load
from queries.catalogue import load_catalogue
from queries.runner import run_saved
from tests.generic_files import problems_of
from tests.test_participation_preset import TABLE


def _table_in(tmp_path, currency: str):
    for name in ("tildelinger.csv", "mapping.toml"):
        shutil.copy(TABLE / name, tmp_path / name)
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        'decimal = ","', f'decimal = ","\ncurrency = {currency}'), encoding="utf-8")
    return mapping


def test_amounts_in_nok_are_kept_out_of_the_eur_totals(embedded_store, tmp_path):
    report = run_load(embedded_store, "csv", _table_in(tmp_path, '"NOK"'))
    assert ("tildelinger.csv: amounts in NOK are stored as PARTICIPATES_IN amount (with currency NOK), not as "
            "contribution: the EU contribution totals and columns (EUR) leave them out") in report.load.notes
    rows = embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r.amount), count(r.contribution), "
                               "collect(DISTINCT r.currency)").rows
    assert rows == [[248, 0, ["NOK"]]]
    assert not [note for note in report.load.notes if "taken as EU contributions" in note]
    totals = embedded_store.read("MATCH (o:Organisation) RETURN sum(coalesce(o.contribution_total, 0.0))").rows
    assert totals == [[0.0]]  # the NOK are not counted as EUR


def test_eur_the_eu_gave_are_contributions_and_a_currency_that_is_no_code_is_refused(embedded_store, tmp_path):
    """EUR is the default currency; amounts are EU contributions when the table says they are the EU's money
    (`funder`, tests/test_funder.py)."""
    mapping = _table_in(tmp_path, '"eur"')
    eu = mapping.read_text(encoding="utf-8").replace("[columns]\n", '[columns]\nfunder = { value = "EU" }\n')
    mapping.write_text(eu, encoding="utf-8")
    report = run_load(embedded_store, "csv", mapping)
    assert ("tildelinger.csv: amounts of column 'Tildelt beløp' are taken as EU contributions in EUR (funder EU) and "
            "summed with CORDIS's; amounts in another currency say so in the mapping (currency = \"NOK\")"
            ) in report.load.notes
    assert not [note for note in report.load.notes if "stored as PARTICIPATES_IN amount" in note]
    assert embedded_store.read("MATCH ()-[r:PARTICIPATES_IN]->() RETURN count(r.contribution), "
                               "count(r.currency)").rows == [[248, 0]]
    problems = problems_of(_table_in(tmp_path, '"kroner"'))
    assert [(p.line, p.field) for p in problems] == [(7, "currency")]
    assert problems[0].message.startswith("currency is the ISO code of the amount column's currency")


def test_organisations_without_any_eur_amount_have_no_total_not_a_total_of_zero(embedded_store, tmp_path):
    """A national table's NOK amounts (or none) are no EU funding given: its organisations' total, their regions'
    contribution and their details say "not given", not 0 ("no funding")."""
    run_load(embedded_store, "csv", _table_in(tmp_path, '"NOK"'))
    counted = "MATCH (o:Organisation) WHERE o.participations > 0 RETURN count(o), count(o.contribution_total)"
    organisations, totals = embedded_store.read(counted).rows[0]
    assert organisations > 0 and totals == 0
    _, _, ranked = run_saved(embedded_store, load_catalogue(None), "regions/ranked-by-participations", {"level": 2})
    assert ranked.records() and {r["contribution"] for r in ranked.records()} == {None}
    node = dict(to_networkx(embedded_store).nodes(data=True))
    some = next(data for data in node.values() if data.get("participations"))
    assert {"property": "contribution_total", "value": "not given",
            "about": "none of its participations gives a contribution (EUR)"} in property_rows(some)


def test_a_total_of_zero_an_earlier_version_wrote_is_taken_off_at_the_recount(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table_in(tmp_path, '"NOK"'))
    embedded_store.write("MATCH (o:Organisation) WHERE o.participations > 0 SET o.contribution_total = 0.0")
    assert recount_activity(embedded_store) > 0
    assert embedded_store.read("MATCH (o:Organisation) RETURN count(o.contribution_total)").rows == [[0]]
    assert recount_activity(embedded_store) == 0  # a re-run writes nothing


def test_the_saved_queries_of_a_projects_partners_show_an_amount_in_another_currency(embedded_store, tmp_path):
    """`projects/partners` and `organisations/projects` showed only `contribution` (EUR): a national grant of
    5 044 000 NOK, or a regional agency's SEK, stood there as a blank."""
    from queries.catalogue import load_catalogue
    from queries.runner import run_saved

    run_load(embedded_store, "csv", _table_in(tmp_path, '"NOK"'))
    catalogue = load_catalogue()
    partners = run_saved(embedded_store, catalogue, "projects/partners", {"project": "320100"})[2]
    by_partner = {row[0]: dict(zip(partners.columns, row, strict=True)) for row in partners.rows}
    lead = by_partner["Sørlandet Batteri AS"]
    assert (lead["contribution"], lead["amount"], lead["currency"]) == (None, 5044000.0, "NOK")
    projects = run_saved(embedded_store, catalogue, "organisations/projects", {"organisation": "912000227"})[2]
    assert {(row["project"], row["amount"], row["currency"]) for row in
            (dict(zip(projects.columns, r, strict=True)) for r in projects.rows)} >= {("320100", 5044000.0, "NOK")}
