"""Which derived facts an unload can change, from what it removed and gave back: the others are not made again.

A load derives only what is due (`loaders.pipeline.recount_due`, `aggregates_due`); an unload did every step
again, and at 10x `unload seeds` (67 nodes) spent 20-22 s of its 33 s making facts over 695,450 participations
that it could not change. Each derived step (`loaders.pipeline.derive_facts`) is a function of what the store
holds; an unload changes the store only by what its `UnloadSummary` names: the labels of the nodes and the types
of the relationships it removed (a removed node takes with it only derived relationships, `SAME_AS` of an
Organisation or a Cluster: every relationship a load writes carries its sources), the properties it gave back per
label (`graph.store.given`), the places it wrote (`LOCATED_IN`), and `sources` (which entity resolution reads
for the seeds only). A step none of whose inputs (nor the properties it writes) is among them would write
nothing, and is skipped:

* activity counts: `PARTICIPATES_IN` removed, or an organisation's counts or a participation's values given back;
* SMEs: `PARTICIPATES_IN` removed, the `SME` label taken off a node, an organisation's `sme` or a project's SME
  counts given back;
* cluster detection: the `Cluster` label taken off a node, an organisation's names, country, kind or rule given back
  (removing one changes no other);
* country aggregates: `PARTICIPATES_IN` removed, an organisation's `country` or the aggregates given back (a
  removed organisation without participations, or Country node, changes no other node's);
* search texts: any value of a country, region or organisation given back;
* entity resolution: a cluster, organisation, region or country removed, a `LOCATED_IN`, `PART_OF` or `SAME_AS`
  removed or written, a seed's names given back, or the seeds unloaded (seed organisations are those with a
  seed source).

Every step runs when the log named a load or unload that had not finished as the unload began (`unfinished`:
what it did is in no summary), or the store's facts were made by an earlier version.
"""

from __future__ import annotations

from graph.store.unload import ACTIVITY_PROPERTIES, UnloadSummary

__all__ = ["DERIVED_STEPS", "STEP_INPUTS", "derived_due"]

#: The steps of `loaders.pipeline.derive_facts` that may be skipped, in its order.
DERIVED_STEPS = ("activity", "smes", "clusters", "aggregates", "search", "links")
_NAMES = frozenset({"name", "short_name", "aliases", "country", "kind", "cluster_rule"})
_AGGREGATES = frozenset({"countries", "country_participants", "partner_countries", "shared_projects",
                         "partner_organisations"})
_ANY = None  # every property

#: Per step: the labels and types whose removal changes it, and per label the properties (`_ANY`: every one)
#: whose given-back values do.
STEP_INPUTS: dict[str, tuple[frozenset[str], dict[str, frozenset[str] | None]]] = {
    "activity": (frozenset({"PARTICIPATES_IN"}), {"Organisation": frozenset(ACTIVITY_PROPERTIES),
                                                  "PARTICIPATES_IN": _ANY}),
    "smes": (frozenset({"PARTICIPATES_IN", "SME"}), {"Organisation": frozenset({"sme"}),
                                              "Project": frozenset({"participants", "smes", "sme_share"})}),
    "clusters": (frozenset({"Cluster"}), {"Organisation": _NAMES, "Cluster": _NAMES}),
    "aggregates": (frozenset({"PARTICIPATES_IN"}), {"Organisation": _AGGREGATES | {"country"},
                                                    "Project": _AGGREGATES, "Country": _AGGREGATES}),
    "search": (frozenset(), {"Country": _ANY, "Region": _ANY, "Organisation": _ANY}),
    "links": (frozenset({"Cluster", "Organisation", "Region", "Country", "LOCATED_IN", "PART_OF", "SAME_AS"}),
              {"Organisation": _NAMES, "Cluster": _NAMES}),
}


def _step_due(step: str, summary: UnloadSummary) -> bool:
    removed, restored = STEP_INPUTS[step]
    if summary.removed & removed:
        return True
    return any(keys and (properties is _ANY or keys & properties)
               for label, properties in restored.items() for keys in [summary.restored.get(label)])


def derived_due(summary: UnloadSummary, *, outdated: bool = False) -> frozenset[str]:
    """The derived steps (`DERIVED_STEPS`) whose inputs the unload `summary` changed; all of them when the
    unload began with an unfinished load or unload in the log, or the facts are `outdated` (made by an earlier
    version: `loaders.derived_version`).

    >>> from graph.store.unload import UnloadSummary
    >>> sorted(derived_due(UnloadSummary("nuts", removed={"Region", "PART_OF"}, restored={"Country": {"lat"}})))
    ['links', 'search']
    """
    if summary.unfinished or outdated:
        return frozenset(DERIVED_STEPS)
    due = {step for step in DERIVED_STEPS if _step_due(step, summary)}
    if summary.places_given_back or summary.source == "seeds":
        due.add("links")
    return frozenset(due)
