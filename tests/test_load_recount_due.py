"""The activity recount and the country aggregates run after a load only when the load changed what they are made
from.

The recount is one aggregate over every participation (16 s at 10x); a load that wrote no participation or
organisation (NUTS, a re-run of the same files) skips it. A load left interrupted before (killed after its
writes, before its recount) makes the next load recount, whatever it writes; so does a generic CSV load, whose
`drop` removes properties outside the writer. Real embedded store, real fixture files.
"""

from __future__ import annotations

from pathlib import Path

from graph.store.load_log import start_load
from graph.store.writer import WriteSummary
from loaders.common import LoadReport
from loaders.pipeline import PipelineReport, aggregates_due, recount_due, run_load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PIC = "pic:888827588"  # an organisation of the fixture extract


def _participations(store) -> int:
    found = store.read("MATCH (o:Organisation {id: $id}) RETURN o.participations", {"id": PIC})
    return found.rows[0][0]


def _loaded_with_a_stale_count(store) -> int:
    """NUTS and CORDIS loaded through the pipeline, then PIC's count made wrong behind the pipeline's back;
    returns the right count."""
    run_load(store, "nuts", FIXTURES / "nuts")
    run_load(store, "cordis", FIXTURES / "cordis")
    right = _participations(store)
    store.write("MATCH (o:Organisation {id: $id}) SET o.participations = 999", {"id": PIC})
    return right


def test_a_load_that_writes_no_participation_leaves_the_counts_alone(embedded_store):
    right = _loaded_with_a_stale_count(embedded_store)
    assert right != 999
    report = run_load(embedded_store, "nuts", FIXTURES / "nuts")  # the same regions: nothing written
    assert report.summary.changed == set()
    assert not any(said.startswith("activity counts") for said in report.derived)
    assert _participations(embedded_store) == 999  # not recounted: the skip is real


def test_a_load_interrupted_before_makes_the_next_load_recount(embedded_store):
    right = _loaded_with_a_stale_count(embedded_store)
    start_load(embedded_store, "cordis", "0" * 64)  # a load killed after its writes, before its recount
    report = run_load(embedded_store, "nuts", FIXTURES / "nuts")
    assert "activity counts: 1 organisation(s) recounted from their participations" in report.derived
    assert _participations(embedded_store) == right


def test_a_load_that_writes_participations_recounts(embedded_store):
    run_load(embedded_store, "nuts", FIXTURES / "nuts")
    report = run_load(embedded_store, "cordis", FIXTURES / "cordis")
    assert {"PARTICIPATES_IN", "Organisation"} <= report.summary.changed
    assert any(said.startswith("activity counts") for said in report.derived)
    assert _participations(embedded_store) > 0


def _report(source: str, changed: set[str]) -> PipelineReport:
    return PipelineReport(LoadReport(source, WriteSummary(changed=changed)))


def test_recount_due_names_what_the_counts_are_made_from():
    assert not recount_due(_report("nuts", {"Region", "Country", "PART_OF"}), interrupted_before=False)
    assert not recount_due(_report("cordis", set()), interrupted_before=False)  # a re-run: nothing changed
    assert recount_due(_report("cordis", {"PARTICIPATES_IN"}), interrupted_before=False)
    assert recount_due(_report("seeds", {"Organisation"}), interrupted_before=False)
    assert recount_due(_report("nuts", set()), interrupted_before=True)
    assert recount_due(_report("csv", set()), interrupted_before=False)  # its drops bypass the writer


def _countries(store, project: str) -> list:
    return store.read("MATCH (p:Project {id: $id}) RETURN p.countries", {"id": project}).rows[0][0]


def test_a_load_that_changes_no_participation_nor_country_leaves_the_country_aggregates_alone(embedded_store):
    _loaded_with_a_stale_count(embedded_store)
    project, right = embedded_store.read("MATCH (p:Project) WHERE size(p.countries) >= 2 "
                                         "RETURN p.id, p.countries ORDER BY p.id LIMIT 1").rows[0]
    embedded_store.write("MATCH (p:Project {id: $id}) SET p.countries = ['XX']", {"id": project})
    report = run_load(embedded_store, "nuts", FIXTURES / "nuts")  # nothing written
    assert not any(said.startswith("country aggregates") for said in report.derived)
    assert _countries(embedded_store, project) == ["XX"]  # not derived again: the skip is real
    start_load(embedded_store, "cordis", "0" * 64)  # a load killed before its derived facts
    again = run_load(embedded_store, "nuts", FIXTURES / "nuts")
    assert "country aggregates: 1 project(s) given their participants' countries" in again.derived
    assert _countries(embedded_store, project) == right


def test_aggregates_due_names_what_the_country_aggregates_are_made_from():
    assert not aggregates_due(_report("nuts", {"Region", "PART_OF"}), interrupted_before=False)
    assert not aggregates_due(_report("cordis", set()), interrupted_before=False)
    assert aggregates_due(_report("nuts", {"Region", "Country"}), interrupted_before=False)  # a new Country node
    assert aggregates_due(_report("cordis", {"Project"}), interrupted_before=False)
    assert aggregates_due(_report("seeds", {"Organisation"}), interrupted_before=False)
    assert aggregates_due(_report("nuts", set()), interrupted_before=True)
    assert aggregates_due(_report("csv", set()), interrupted_before=False)


def test_the_derived_facts_run_with_the_collector_paused_and_it_runs_again_after(embedded_store, monkeypatch):
    """Their reads make millions of objects and no cycle: at 10x the collector running beside the country
    aggregates' read doubled it (7.6 s against 3 s)."""
    import gc

    import loaders.pipeline as pipeline

    seen = []
    real = pipeline.derive_facts

    def derive(store, **kwargs):
        seen.append(gc.isenabled())
        return real(store, **kwargs)

    monkeypatch.setattr(pipeline, "derive_facts", derive)
    assert gc.isenabled()
    report = run_load(embedded_store, "cordis", FIXTURES / "cordis")
    assert report.derived and seen == [False]
    assert gc.isenabled()
