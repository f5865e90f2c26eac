"""The Partners page's sectors rank partner clusters (AppTest, real embedded store).

The page gives sectors as node keys (`Sector:automation`); the cluster ranking read them as `Sector:Sector:...`, in
no cluster, so the page said "no candidate cluster works in the sectors asked" and ranked as without them, where
`recommend --for Cluster:automation-smaland --sector automation` said "works in Automation, as asked".
"""

from __future__ import annotations

from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)


def test_a_sector_chosen_ranks_partner_clusters_that_work_in_it(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Cluster:automation-smaland", partners_sectors="Sector:automation")
    assert not at.exception
    assert not any("no candidate cluster works in the sectors asked" in i.value for i in at.info)
    reasons = [e.markdown[0].value for e in at.expander]
    assert "works in Automation, as asked" in reasons[0]
    assert all(("as asked" in r) != ("no project in Automation, the sector" in r) for r in reasons)
