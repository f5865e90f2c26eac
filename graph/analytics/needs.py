"""What each projection, metric and the recommender need from the store, declared beside them.

In the `requires:` syntax of `graph.store.requirements` (the features' inputs come from
`graph.store.semantics.FEATURES`). A metric needs what its projection needs; the recommender needs the
collaboration network, and what each requirement of a request reads. The CLI (`metrics`, `recommend`)
and the Metrics and Partners pages check these when a result comes out empty (`why_empty_projection`,
`why_no_candidates`), so an empty answer says which input is missing and how to add it.
"""

from __future__ import annotations

import networkx as nx

from graph.analytics.incidence import filters_matching_nothing
from graph.analytics.projection_spec import Projection
from graph.analytics.ungrouped import why_none_grouped, why_none_in_countries, why_none_in_regions
from graph.store.contract import GraphStore
from graph.store.requirements import Requirement, absent_countries, explain, missing_inputs
from graph.store.semantics import DOCS_ANCHOR, FEATURES

__all__ = ["projection_needs", "recommender_needs", "why_empty_projection", "why_no_candidates", "why_gap_unfilled",
           "why_no_places", "NETWORK"]


def _feature(name: str) -> Requirement:
    return Requirement.parse(FEATURES[name].requires)


#: Every projection, metric and the recommender: organisations taking part in projects.
NETWORK = _feature("collaboration network")
#: What each kind of projection needs on top of the network.
KIND_NEEDS: dict[str, Requirement] = {
    "organisation": Requirement(), "bipartite": Requirement(), "cluster": _feature("clusters"),
    "region": _feature("regions"), "country": _feature("countries"),
}


def projection_needs(spec: Projection) -> Requirement:
    """The inputs `spec` reads: the network, its kind's grouping, and each option's input."""
    needs = NETWORK + KIND_NEEDS[spec.kind]
    for given, feature in ((spec.start or spec.end, "time window"), (spec.countries, "countries"),
                           (spec.regions, "regions"), (spec.roles, "roles")):
        if given:
            needs += _feature(feature)
    if spec.programmes:
        needs += Requirement.parse("FUNDED_BY")
    if spec.sectors:
        needs += Requirement.parse("ACTIVE_IN")
    return needs


def recommender_needs(sectors: bool = False, places: bool = False, sme_share: bool = False,
                      min_label: bool = False) -> Requirement:
    """The recommender's inputs: the network, and what each requirement of the request reads."""
    needs = NETWORK
    for asked, feature in ((sectors, "sectors"), (places, "countries"), (sme_share, "SMEs"),
                           (min_label, "quality labels")):
        if asked:
            needs += _feature(feature)
    return needs


def why_empty_projection(store: GraphStore, spec: Projection, inputs: nx.MultiDiGraph | None = None) -> str | None:
    """Why the projection `spec` has no node: its missing inputs, countries no organisation is in, or (given the
    analytics `inputs` it was projected from) a programme, sector or time window no project matches, or
    organisations in projects none of which has the cluster, region or country the projection groups by."""
    missing = missing_inputs(store, projection_needs(spec))
    if missing:
        return explain(missing, f"the {spec.describe()} projection")
    unknown = absent_countries(store, spec.countries)
    if unknown:
        return (f"the {spec.describe()} projection is empty: no organisation is in {', '.join(unknown)} (neither "
                "its `country` nor a place it is LOCATED_IN): check the code (EU style: SE, NO, EL, UK), or map a "
                f"column to `country` (see {DOCS_ANCHOR})")
    if inputs is None:
        return None
    return (filters_matching_nothing(inputs, spec) or why_none_in_countries(inputs, spec)
            or why_none_in_regions(inputs, spec) or why_none_grouped(inputs, spec))


def _why(store: GraphStore, needs: Requirement, what: str) -> str | None:
    """The lines saying which of `needs` the store lacks and how to add them, for an empty `what`; None if none."""
    missing = missing_inputs(store, needs)
    return explain(missing, what) if missing else None


def why_no_candidates(store: GraphStore, needs: Requirement) -> str | None:
    """Why the recommender found no candidate: the missing inputs of `needs` (see `recommender_needs`)."""
    return _why(store, needs, "the recommendation")


def _gap_feature(rule: str) -> str:
    """The feature a consortium gap's candidates come from (`graph.analytics.consortium.Gap.rule`)."""
    if rule == "role:coordinator":
        return "roles"
    if rule.startswith("role:"):
        return "sectors"
    return {"sme_share": "SMEs", "countries": "countries"}[rule]


def why_gap_unfilled(store: GraphStore, rule: str) -> str | None:
    """Why no organisation fills the consortium gap `rule` ("sme_share", "countries", "role:..."): the missing
    inputs of the feature its candidates come from (no SME known at all, no role ...); None when they are there
    and the graph simply holds no one who fits."""
    return _why(store, _feature(_gap_feature(rule)), f"the {rule} gap's list of candidates")


def why_no_places(store: GraphStore) -> str | None:
    """Why the Map has nothing to place: no region, country or organisation with coordinates, and how to add
    them (NUTS regions, or `lat`/`lon` columns of a user's own places); None when some have them."""
    return _why(store, _feature("map"), "the map")
