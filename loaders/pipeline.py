"""The one load pipeline: parse -> validate -> write -> derived facts -> entity resolution.

The CLI and the app both call `run_load`, so the same files build the same graph whichever door they
come in by. Each source's loader parses, validates and writes (all or nothing); the steps after it
work on what the store now holds, so they run after every load, whatever loaded it (`loaders.derived`):
organisations' activity counts recounted from `PARTICIPATES_IN`, SME labels and projects' SME shares,
organisations that cluster detection marks made Clusters, then seed clusters linked to their CORDIS
records. A load is logged complete only once these are derived (`completion_deferred`): a load stopped
while they are derived is reported as interrupted, and running it again completes it. The activity recount
(one aggregate over every participation) is skipped after a load that changed no participation or
organisation, unless a load was left interrupted before it (`recount_due`); the country aggregates likewise
after a load that changed none of what they are made from (`aggregates_due`).

`skip_loaded=True` makes a load of files the load log already holds (same source, same checksum,
completed) a no-op found before any parsing: the bundled sample (`run_sample`) loads once, and a
second `./dev run` writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import ClusterExplorerError, StoppedAfterCompletion
from graph.memory import gc_paused
from graph.store.backends import hold_for_load
from graph.store.contract import GraphStore
from graph.store.load_log import completion_deferred, interrupted_loads
from graph.store.reads import last_loads
from graph.store.unload import UnloadSummary, unload_source
from graph.store.writer import Progress, WriteSummary
from graph.switching import quick_switches
from graph.wording import first_few
from loaders.cluster_detection import detect_cluster
from loaders.common import LoadReport, file_checksum
from loaders.derived import derive_clusters, derive_smes, recount_activity
from loaders.derived_version import derived_outdated, stamp_derived_version
from loaders.own_namesakes import own_namesakes
from loaders.reader_version import current_reader_version, logged_read, read_again_line, reader_changed
from loaders.sources import SOURCES, input_files, load_cordis_parsed
from loaders.unload_due import DERIVED_STEPS, derived_due

__all__ = ["SOURCES", "PipelineReport", "run_load", "run_unload", "run_sample", "derive_facts", "recount_activity",
           "already_loaded", "recount_due", "aggregates_due", "ACTIVITY_INPUTS", "AGGREGATE_INPUTS"]


def already_loaded(store: GraphStore, source: str, checksum: str) -> bool:
    """Whether the load log holds a completed load of `source` with `checksum` read by the reader of this version
    (`loaders.reader_version`), and no load of other files of it since (which took off what these gave and those
    do not: `loaders.reload_gone`); cheap reads, no parsing."""
    entry = logged_read(store, source, checksum)
    return entry is not None and not reader_changed(entry, current_reader_version(source))


@dataclass
class PipelineReport:
    """The source's own report, what the steps after it derived (`derived`: sentences), and what the user should act
    on (`warnings`: the user's nodes a load of the tool's data made namesakes of, `loaders.own_namesakes`), which the
    Data page shows apart from the load's many notes."""

    load: LoadReport
    derived: list[str] = field(default_factory=list)
    skipped: bool = False
    warnings: list[str] = field(default_factory=list)
    #: Why files the log holds were loaded again: their reader changed since (`loaders.reader_version`); else "".
    read_again: str = ""

    @property
    def summary(self) -> WriteSummary:
        return self.load.summary


def derive_facts(store: GraphStore, *, recount: bool = True, aggregates: bool = True,
                 steps: frozenset[str] | None = None) -> list[str]:
    """The facts computed from what the store holds, after any load (`loaders.derived`), then entity
    resolution (seed clusters linked to their CORDIS records, `SAME_AS`). Returns one sentence per step
    that did something; a re-run writes nothing. `recount=False` leaves the activity counts as they are
    (`recount_due` found nothing they are made from changed); `aggregates=False` the country aggregates
    (`aggregates_due`); `steps`, when given, names the only steps made (`loaders.unload_due.DERIVED_STEPS`: what
    an unload changed). Last, the loads are stamped with the version of these facts (`loaders.derived_version`)."""
    from loaders.derived_aggregates import derive_country_aggregates
    from loaders.derived_search import refresh_search_texts
    from loaders.entity_resolution import link_and_write

    due = set(DERIVED_STEPS if steps is None else steps)
    due -= {step for step, wanted in (("activity", recount), ("aggregates", aggregates)) if not wanted}
    said = []
    recounted = recount_activity(store) if "activity" in due else 0
    if recounted:
        said.append(f"activity counts: {recounted} organisation(s) recounted from their participations")
    smes, projects = derive_smes(store) if "smes" in due else (0, 0)
    if smes or projects:
        said.append(f"SMEs: {smes} organisation(s) labelled from their sme flag, {projects} project(s) given "
                    "their participant and SME counts (and their SME share where a participant says whether it "
                    "is one)")
    clusters, named = derive_clusters(store) if "clusters" in due else (0, [])
    if clusters:
        said.append(f"cluster detection: {clusters} organisation(s) made Clusters (label and kind)" + (
            f", by their names: {first_few(sorted(named), 5)} (the rules: "
            "docs/cluster_detection.md)" if named else ""))
    if "aggregates" in due:
        said += derive_country_aggregates(store)
    if "search" in due and (searched := refresh_search_texts(store)):
        said.append(f"search: {searched} node(s) found by more of their names (local names, names in several "
                    "languages, short names, ø or æ as written in ASCII, ä, ö, ü also as ae, oe, ue)")
    linked = link_and_write(store) if "links" in due else None
    if linked and (linked.relationships_created or linked.relationships_updated):
        said.append(f"entity resolution: {linked.relationships} seed cluster(s) and organisation(s) linked to their "
                    "CORDIS records (SAME_AS)")
    if linked and linked.retired:
        said += [f"entity resolution: {sentence}" for sentence in linked.retired]
    stamp_derived_version(store)  # last: a load killed before it is derived again by its next run
    return said


#: What the activity counts are made from (`PARTICIPATES_IN`), and the nodes that carry them (a loader could
#: write a count property over them).
ACTIVITY_INPUTS = frozenset({"PARTICIPATES_IN", "Organisation"})


#: What the country aggregates are made from (`loaders.derived_aggregates`): participations, organisations'
#: countries, and the projects and Country nodes that carry them.
AGGREGATE_INPUTS = frozenset({"PARTICIPATES_IN", "Organisation", "Project", "Country"})


def _due(report: PipelineReport, interrupted_before: bool, inputs: frozenset[str]) -> bool:
    return interrupted_before or report.load.source == "csv" or bool(report.summary.changed & inputs)


def recount_due(report: PipelineReport, interrupted_before: bool) -> bool:
    """Whether the activity recount must run after `report`'s load: it created or updated participations or
    organisations; or it is a generic CSV load (whose `drop` removes properties outside the writer); or a load
    was left interrupted before this one began (it may have written participations and stopped before its
    recount). Otherwise the recount, one aggregate over every participation (16 s at 10x), would change
    nothing: a NUTS load, a re-run of a load."""
    return _due(report, interrupted_before, ACTIVITY_INPUTS)


def aggregates_due(report: PipelineReport, interrupted_before: bool) -> bool:
    """Whether the country aggregates must be derived again after `report`'s load, by the same rule as
    `recount_due` over what they are made from (`AGGREGATE_INPUTS`). Otherwise their reads of every participation
    and organisation (seconds at 10x) would change nothing: a re-run of a load, a NUTS load that changes regions
    only."""
    return _due(report, interrupted_before, AGGREGATE_INPUTS)


def _interrupted(store: GraphStore) -> bool:
    """Whether the load log names a load that never completed (read before a load starts: a cheap read)."""
    return bool(interrupted_loads(last_loads(store, limit=10**6)))


def _load(store: GraphStore, source: str, path: Path | None, progress: Progress | None,
          skip_loaded: bool, parsed: Future | None = None) -> PipelineReport | None:
    """The source's own load; None when `skip_loaded` and the log holds these very files. The caller holds
    the store for the load and defers its completion. `parsed`: the CORDIS files' parse, already started."""
    try:
        loader = SOURCES[source]
    except KeyError:
        raise ClusterExplorerError(f"unknown source {source!r}; known: {', '.join(SOURCES)}") from None
    inputs = input_files(source, path)  # also when not skipping: an explicit `load nuts` says it reads again too
    entry = logged_read(store, source, file_checksum(inputs)) if inputs is not None else None
    changed = entry is not None and reader_changed(entry, current_reader_version(source))
    if skip_loaded and entry is not None and not changed:
        return None
    report = PipelineReport(load_cordis_parsed(store, path, progress, parsed) if parsed is not None else
                            loader(store, path, progress))
    if changed:  # the same files, read by another version of their reader
        report.read_again = read_again_line(path or inputs[0], source, entry)
    report.load.notes += report.summary.retired  # what a re-load took off (`loaders.reload_gone`)
    return report


def _loaded_before(store: GraphStore, source: str, path: Path | None) -> bool:
    inputs = input_files(source, path)
    return inputs is not None and already_loaded(store, source, file_checksum(inputs))


def _parse_ahead(store: GraphStore, pool: ThreadPoolExecutor) -> Future | None:
    """The sample's CORDIS files parsed on `pool` while the seeds and NUTS are written: the server works on
    their writes meanwhile, so the parse costs little time of its own. None when the log holds them already.
    Its problems are raised where the CORDIS load begins, before that load's first write, as without it."""
    from loaders import cordis
    from loaders.sample import SAMPLE_CORDIS

    if _loaded_before(store, "cordis", SAMPLE_CORDIS):
        return None
    return pool.submit(lambda: cordis.read_cordis(list(cordis.cordis_files(SAMPLE_CORDIS).values())))


@contextmanager
def _loading(store: GraphStore) -> Iterator[None]:
    """One load at a time, logged complete once its facts are derived, its threads handing over often
    (`graph.switching`); the cluster-detection answers it cached (it asks up to three times per organisation) are
    not kept in a long-lived process (the app)."""
    try:
        with hold_for_load(store), completion_deferred(), quick_switches():
            yield
    finally:
        detect_cluster.cache_clear()


def run_load(store: GraphStore, source: str, path: Path | str | None = None, *,
             progress: Progress | None = None, skip_loaded: bool = False) -> PipelineReport:
    """Load `source` ("seeds", "nuts", "cordis", "csv") from `path`, then derive what follows from it.

    With `skip_loaded`, files already loaded (same checksum, completed) are neither parsed nor written: the
    report says `skipped`, and nothing is derived again.
    """
    # the collector paused for the load and the derived facts: their reads make millions of objects and no cycle
    # (at 10x the country aggregates' read of every participation took 7.6 s with it running, 3 s without)
    with _loading(store), gc_paused():
        interrupted_before = _interrupted(store)
        report = _load(store, source, Path(path) if path is not None else None, progress, skip_loaded)
        if report is None:
            skipped = PipelineReport(LoadReport(source, WriteSummary(), ["Already loaded: the load log holds these "
                                                                         "very files; nothing was read or written."]),
                                     skipped=True)
            skipped.derived = _catch_up(store)
            return skipped
        outdated = derived_outdated(store)  # made by an earlier version: every step again
        report.derived = derive_facts(store, recount=outdated or recount_due(report, interrupted_before),
                                      aggregates=outdated or aggregates_due(report, interrupted_before))
        if source != "csv":  # a user's own load says it of its match = "name" rows (`generic_held_namesakes`)
            report.warnings += own_namesakes(store)
    _compact(store, progress)  # after the complete marks: the next start reads one snapshot (graph.store.contract)
    return report


def _compact(store: GraphStore, progress: Progress | None) -> None:
    """Compact the store's files after the complete marks; Ctrl-C then stops the compaction, not the load."""
    try:
        store.compact(progress)
    except KeyboardInterrupt:
        raise StoppedAfterCompletion() from None


def _catch_up(store: GraphStore) -> list[str]:
    """The derived facts made again when the store's were made by an earlier version (`loaders.derived_version`),
    its sentences led by one saying why; nothing when they are current. Called holding the store for a load."""
    if not derived_outdated(store):
        return []
    said = derive_facts(store)
    return ["facts derived again: the store's were made by an earlier version of the tool", *said]


def run_unload(store: GraphStore, source: str, *, progress: Progress | None = None) -> tuple[UnloadSummary, list[str]]:
    """Take load `source` out of the store (`graph.store.unload`), then derive again the facts what it removed or
    gave back can change (`loaders.unload_due`); one load or unload at a time. Returns what was removed and the
    derived steps' sentences."""
    with _loading(store), gc_paused():  # as a load: one at a time, the cluster-detection answers not kept
        outdated = derived_outdated(store)  # made by an earlier version: every step again
        summary = unload_source(store, source, progress)
        derived = derive_facts(store, steps=derived_due(summary, outdated=outdated))
    _compact(store, progress)
    return summary, derived


def run_sample(store: GraphStore, *, progress: Progress | None = None) -> list[PipelineReport]:
    """The bundled real sample: seeds, NUTS 2021 + 2024 and the CORDIS Horizon Europe Nordic extract, each
    skipped when already loaded; the derived facts once at the end, only if something was loaded."""
    from loaders.sample import SAMPLE_CORDIS, SAMPLE_NUTS

    reports = []
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parse_cordis")
    # the collector stays paused for the whole: the parse thread's own pause must not end the loads' one
    with _loading(store), gc_paused():
        try:
            parsed = _parse_ahead(store, pool)
            for source, path in (("seeds", None), ("nuts", SAMPLE_NUTS), ("cordis", SAMPLE_CORDIS)):
                loaded = _load(store, source, path, progress, skip_loaded=True,
                               parsed=parsed if source == "cordis" else None)
                reports.append(loaded or PipelineReport(LoadReport(source, WriteSummary(), ["Already loaded."]),
                                                        skipped=True))
        finally:
            pool.shutdown(wait=False)  # after a failed seeds or NUTS load the parse ends alone, unused
        loaded = not all(r.skipped for r in reports)
        reports[-1].derived = derive_facts(store) if loaded else _catch_up(store)
        if loaded:  # said once, by the last load that ran
            next(r for r in reversed(reports) if not r.skipped).warnings += own_namesakes(store)
    _compact(store, progress)  # a no-op when nothing was written
    return reports
