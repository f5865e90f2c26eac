"""An unload derives again only the facts that what it removed or gave back can change (`loaders.unload_due`),
and the store is still the one the loads left would have made alone: the skipped steps' facts are untouched and
equal to a fresh load's; a stopped unload run again derives every fact.

Real loads into real graphs of the session's embedded server, stores compared whole (`_state`).
"""

from __future__ import annotations

from graph.store import unload
from graph.store.load_log import next_seq
from graph.store.unload import UnloadSummary
from loaders.pipeline import run_load, run_unload
from loaders.unload_due import DERIVED_STEPS, derived_due
from tests import test_unload_shared
from tests.conftest import FIXTURES
from tests.test_unload import _state

alone = test_unload_shared.alone  # the fixture: a second empty graph, for the loads left alone
SEEDS, NUTS, CORDIS = ("seeds",), ("nuts", FIXTURES / "nuts"), ("cordis", FIXTURES / "cordis")
#: What the activity counts and the country aggregates wrote: the steps an unload of NUTS skips.
DERIVED = ("MATCH (o:Organisation) WHERE o.participations IS NOT NULL RETURN 'o' AS of, o.id AS id, "
           "[o.participations, o.projects, o.coordinated_projects, o.coordinated_partners, o.contribution_total, "
           "o.sme] AS facts UNION ALL MATCH (p:Project) WHERE p.countries IS NOT NULL RETURN 'p' AS of, p.id AS id, "
           "[p.countries, p.country_participants, p.participants, p.smes, p.sme_share] AS facts UNION ALL "
           "MATCH (c:Country) RETURN 'c' AS of, c.id AS id, [c.partner_countries, c.shared_projects, "
           "c.partner_organisations] AS facts")


def _derived(store) -> list:
    return sorted(map(repr, store.read(DERIVED, row_cap=10**6).rows))


def test_unloading_nuts_leaves_activity_counts_and_aggregates_as_a_fresh_load_has_them(embedded_store, alone):
    for load in (SEEDS, CORDIS):
        run_load(alone, *load)
    for load in (SEEDS, NUTS, CORDIS):
        run_load(embedded_store, *load)
    before = _derived(embedded_store)
    assert any(row.startswith("['c'") and "[[]" not in row for row in before)  # countries with partners
    summary, said = run_unload(embedded_store, "nuts")
    assert summary.nodes_removed > 0 and "Region" in summary.removed
    assert derived_due(summary) == {"links", "search"}  # no participation and no organisation's value changed
    assert not [line for line in said if line.startswith(("activity", "SMEs", "country", "cluster"))]
    assert _derived(embedded_store) == before == _derived(alone)


def test_unloading_the_seeds_gives_back_no_stale_aggregates_and_derives_none(embedded_store, alone):
    """NUTS wrote the seeds' countries again after the seeds' load had given them their (empty) partner countries:
    the seeds' entry of `_given` holds those, and giving them back had made every aggregate be derived again."""
    for load in (NUTS, CORDIS):
        run_load(alone, *load)
    for load in (SEEDS, NUTS, CORDIS):
        run_load(embedded_store, *load)
    before = _derived(embedded_store)
    summary, said = run_unload(embedded_store, "seeds")
    assert "Country" in summary.restored and "partner_countries" not in summary.restored["Country"]
    assert not {"activity", "smes", "aggregates"} & derived_due(summary)
    assert not [line for line in said if line.startswith(("activity", "SMEs", "country"))]
    assert _derived(embedded_store) == before == _derived(alone)


def test_unloading_cordis_derives_what_its_participations_made(embedded_store, alone):
    run_load(alone, *SEEDS)
    for load in (SEEDS, CORDIS):
        run_load(embedded_store, *load)
    summary, _ = run_unload(embedded_store, "cordis")
    assert {"PARTICIPATES_IN", "Organisation", "Project"} <= summary.removed
    assert {"activity", "aggregates", "smes", "links"} <= derived_due(summary)
    assert _state(embedded_store) == _state(alone)  # the seeds' countries lost their partner countries


def test_a_stopped_unload_derives_every_fact_when_run_again(embedded_store, alone):
    """Stopped after its first step, the unload had removed CORDIS's participations; its second run removes none,
    and would have left the seeds' countries with the partner countries those participations made."""
    run_load(alone, *SEEDS)
    for load in (SEEDS, CORDIS):
        run_load(embedded_store, *load)
    params = {"prefix": unload.source_prefix("cordis"), "source": "cordis", "batch": 10**6, "nested": []}
    embedded_store.write(unload.mark_unloading(), {"source": "cordis", "now": "2026-01-01T00:00:00",
                                                     "seq": next_seq(embedded_store)})
    embedded_store.write(unload.only_from("links"), params)  # as the unload's first step does
    summary, _ = run_unload(embedded_store, "cordis")
    assert summary.unfinished and "PARTICIPATES_IN" not in summary.removed
    assert _state(embedded_store) == _state(alone)


def test_what_an_unload_changed_chooses_the_steps():
    assert derived_due(UnloadSummary("user:x")) == frozenset()
    assert derived_due(UnloadSummary("user:x", unfinished=True)) == set(DERIVED_STEPS)
    assert derived_due(UnloadSummary("user:x"), outdated=True) == set(DERIVED_STEPS)
    assert derived_due(UnloadSummary("seeds")) == {"links"}  # seed organisations are told by their sources
    assert derived_due(UnloadSummary("user:x", places_given_back=1)) == {"links"}
    assert derived_due(UnloadSummary("user:x", restored={"Organisation": {"website"}})) == {"search"}
    assert derived_due(UnloadSummary("user:x", restored={"Organisation": {"country"}})) == {
        "clusters", "aggregates", "search", "links"}
    assert derived_due(UnloadSummary("user:x", restored={"Organisation": {"sme"}})) == {"smes", "search"}
    assert derived_due(UnloadSummary("user:x", removed={"PARTICIPATES_IN"})) == {"activity", "smes", "aggregates"}
