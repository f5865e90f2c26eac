"""The Metrics page's Regions filter: the projection of the organisations located in a region and those under it,
as `metrics compute --region` gives it (tests/test_metrics_region_filter.py)."""

from __future__ import annotations

from tests.test_app import app_store, open_page, table  # noqa: F401  (app_store is a fixture)


def test_the_metrics_page_measures_the_organisations_of_a_region_and_its_counties(app_store):  # noqa: F811
    at = open_page("metrics")
    picker = at.multiselect(key="metrics_regions")
    smaland = next(option for option in picker.options if "SE21)" in option)
    picker.set_value([smaland]).run()  # the options as shown; the value as the page keeps it
    at.multiselect(key="metrics_chosen").set_value(["degree"]).run()
    at.button(key="metrics_compute").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert set(table(at, "degree")["name"]) == {"INTERIOR CLUSTER SWEDEN AB", "LINNEUNIVERSITETET"}
