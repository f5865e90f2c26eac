"""Why a cluster, region or country projection is empty although organisations take part in projects.

The inputs check (`graph.analytics.needs`) asks one row per input: "some Region", "some node LOCATED_IN a place".
A cluster list placed in its counties answers yes, yet the organisations of a grants table, which are the ones the
aggregate projections group, may be placed nowhere: every one of them is then left out (`organisation_groups`)
and the projection had no node with only "the projection has no node" said. This module looks at the
organisations the projection keeps and says what they lack and which column places them.
"""

from __future__ import annotations

import dataclasses

import networkx as nx

from graph.analytics.incidence import country_of, organisation_groups, participations, region_codes
from graph.analytics.projection_spec import Projection

__all__ = ["why_none_grouped", "why_none_in_countries", "why_none_in_regions", "countryless_said", "lacks",
           "left_out_said", "country_alone_said"]

#: Per aggregate kind: what an organisation lacks when it is left out, and how a table gives it.
_LACKS = {
    "region": ("is placed in a region (LOCATED_IN a Region, or a `nuts_code`)",
               "give the participation table's `region` column in its [columns] (a NUTS code or a region's name, "
               "`Vestland`, `Isère`; county or département numbers with `county_numbers`), or `located_in` (region "
               "and country) in a [[nodes]] table of Organisation (docs/mapping.md#places-located_in)"),
    "country": ("has a country (its `country`, or a place it is LOCATED_IN)",
                "give the participation table's `country` column in its [columns] (`country = { value = \"NO\" }` "
                "for a national table), or map a column to `country` in a [[nodes]] table of Organisation"),
    "cluster": ("is a Cluster or a MEMBER_OF one",
                "load a member list whose organisation ids are those of the participation table "
                "(`cluster-explorer mapping new members.csv` drafts its mapping)"),
}


def lacks(kind: str) -> tuple[str, str]:
    """What an organisation taking part in a project lacks when a `kind` ("region", "country", "cluster") grouping
    leaves it out, and how a table gives it (the load summary says it too, `loaders.mapping_contract`)."""
    return _LACKS[kind]


def _one_participation() -> nx.MultiDiGraph:
    """Analytics inputs of one organisation, without a place, taking part in one project (the examples' graph)."""
    G = nx.MultiDiGraph()
    G.add_node("Project:p1", kind="Project")
    G.add_node("Organisation:a", kind="Organisation")
    G.add_edge("Organisation:a", "Project:p1", type="PARTICIPATES_IN")
    return G


def why_none_grouped(G: nx.MultiDiGraph, spec: Projection) -> str | None:
    """Why the `spec` projection of `G` (the analytics inputs) has no node although some organisations take part in
    its projects: none of them has the group its kind needs; None for another kind or when some have one.

    Examples
    --------
    >>> G = _one_participation()
    >>> why_none_grouped(G, Projection(kind="country")).split(":")[0]
    'the country projection is empty'
    >>> G.nodes["Organisation:a"]["country"] = "NO"
    >>> why_none_grouped(G, Projection(kind="country")) is None
    True
    """
    if spec.kind not in _LACKS:
        return None
    taking_part = sorted({org for members in participations(G, spec).values() for org in members})
    if not taking_part or organisation_groups(G, taking_part, spec):
        return None
    lacking, how = _LACKS[spec.kind]
    what = spec.kind if spec.kind != "region" else f"region (NUTS level {spec.region_level})"
    return (f"the {spec.kind} projection is empty: none of the {len(taking_part)} organisation(s) taking part in "
            f"projects {lacking}, so each is left out (places or clusters of other nodes, such as a cluster list's "
            f"counties, group no participation). To group them by {what}: {how}")


def why_none_in_countries(G: nx.MultiDiGraph, spec: Projection) -> str | None:
    """Why `spec`'s countries (`--country NO`) keep no organisation taking part in projects, when some nodes of the
    store are in them (a cluster list's clusters, placed by county: the store-wide check finds NO) and some
    organisations take part in projects: how many of those have no country at all, and how to give it; None when
    no country is asked or some participant is in one.

    Examples
    --------
    >>> G = _one_participation()
    >>> why_none_in_countries(G, Projection(countries=("NO",))).split(";")[0]
    'no organisation taking part in projects is in NO'
    """
    if (found := _unplaced_participants(G, spec, "countries")) is None:
        return None
    unplaced, taking_part = found
    _, how = _LACKS["country"]
    return (f"no organisation taking part in projects is in {', '.join(spec.countries)}; {unplaced} of the "
            f"{taking_part} taking part have no country at all (places of other nodes, such as a cluster "
            f"list's counties, count for those nodes alone). To give them one: {how}")


def _unplaced_participants(G: nx.MultiDiGraph, spec: Projection, places: str) -> tuple[int, int] | None:
    """(how many of the organisations taking part that `spec`'s other filters keep are in no place of the kind of
    `places`, "countries" or "regions"; how many those organisations are), when `spec` asks such places and keeps
    no participant in them; else None."""
    if not getattr(spec, places) or participations(G, spec):
        return None
    taking_part = {org for members in participations(G, dataclasses.replace(spec, **{places: ()})).values()
                   for org in members}
    if not taking_part:
        return None
    grouping = {"kind": "country"} if places == "countries" else {"kind": "region", "region_level": 1}
    placed = organisation_groups(G, sorted(taking_part), dataclasses.replace(spec, **grouping))
    return len(taking_part - {org for orgs in placed.values() for org in orgs}), len(taking_part)


def why_none_in_regions(G: nx.MultiDiGraph, spec: Projection) -> str | None:
    """Why `spec`'s regions (`--region SE21`) keep no organisation taking part in its projects: how many of those
    the other filters keep are placed in no region at all, and how to place them; None when no region is asked or
    some participant is in one. A region the store holds may have no participant in it (a NUTS parent named by
    the hierarchy alone): an empty projection had said only "the projection has no node".

    Examples
    --------
    >>> G = _one_participation()
    >>> why_none_in_regions(G, Projection(regions=("SE21",))).split(";")[0]
    'no organisation taking part in projects is in SE21 or a region under it'
    """
    if (found := _unplaced_participants(G, spec, "regions")) is None:
        return None
    unplaced, taking_part = found
    _, how = _LACKS["region"]
    return (f"no organisation taking part in projects is in {', '.join(spec.regions)} or a region under it; "
            f"{unplaced} of the {taking_part} taking part are placed in no region at all. To place them: {how}")


def country_alone_said(G: nx.MultiDiGraph, spec: Projection) -> str | None:
    """The note of a projection under `--region` that leaves out organisations of the region's country placed in
    that country alone (no region, no `nuts_code`): `--region` cannot tell whether they are in it. A French pôle's
    member table placed by country gave `--projection cluster --region FRK` 0 edges, and the note said to widen the
    time window. None when no region is asked or every such participant is placed in a region.

    Examples
    --------
    >>> G = _one_participation()
    >>> G.nodes["Organisation:a"].update(country="FR", name="Soitec")
    >>> country_alone_said(G, Projection(regions=("FRK",))).split(": they")[0]
    '--region FRK leaves out 1 organisation(s) of FR taking part in these projects (Soitec)'
    >>> G.add_node("Organisation:pic:1", kind="Organisation", country="FR", name="CEA")
    >>> _ = G.add_edge("Organisation:pic:1", "Project:p1", type="PARTICIPATES_IN")
    >>> country_alone_said(G, Projection(regions=("FRK",))).split("them. ")[1].split(" (")[0]
    '1 of them are CORDIS records without a NUTS code'
    >>> G.remove_node("Organisation:pic:1")
    >>> G.nodes["Organisation:a"]["nuts_code"] = "FRK24"
    >>> country_alone_said(G, Projection(regions=("FRK",))) is None
    True
    """
    if not spec.regions:
        return None
    countries = {code[:2] for code in spec.regions}
    taking_part = {org for members in participations(G, dataclasses.replace(spec, regions=())).values()
                   for org in members}
    alone = sorted(org for org in taking_part if country_of(G, org) in countries and not region_codes(G, org))
    if not alone:
        return None
    _, how = _LACKS["region"]
    cordis = [org for org in alone if org.startswith("Organisation:pic:")]  # CORDIS gave these no NUTS code
    named = ", ".join(str(G.nodes[org].get("name") or org) for org in alone[:3]) + (", ..." if len(alone) > 3 else "")
    why = ("" if not cordis else f"{len(cordis):,} of them are CORDIS records without a NUTS code (a table that "
           "names them with their region places them: match = \"name\")" + ("; " if len(cordis) < len(alone) else ""))
    return (f"--region {', '.join(spec.regions)} leaves out {len(alone):,} organisation(s) of "
            f"{', '.join(sorted(countries))} taking part in these projects ({named}): they are placed in their "
            f"country alone, not in a region, so no region filter can keep them. {why}"
            + (f"To place those of a table: {how}" if len(cordis) < len(alone) else ""))


def countryless_said(countries) -> str:
    """"; N of the M organisations taking part in projects have no country: ..." for the recommender's per-organisation
    countries (`RecommenderIndex.country`, "" where none), or "" when every one has one: a wanted country no one is
    in, or a gap of countries no one fills, had been said as if the data held no one there, when it held no country.

    >>> countryless_said(["NO", ""]).split(":")[0]
    '; 1 of the 2 organisations taking part in projects have no country'
    >>> countryless_said(["NO", "SE"])
    ''
    """
    unknown = sum(1 for code in countries if not code)
    if not unknown:
        return ""
    return (f"; {unknown:,} of the {len(countries):,} organisations taking part in projects have no country: "
            + _LACKS["country"][1])


def left_out_said(spec: Projection, left_out: tuple[int, int] | None) -> str | None:
    """The note of a region or country projection that groups some organisations taking part in its projects and
    leaves others out (`left_out`: how many, of how many; the projection's `left_out`), None when none is: the
    others had been left out without a word, as if every participation had been grouped.

    >>> left_out_said(Projection(kind="country"), (3, 10)).split(":")[0]
    'the country projection leaves out 3 of the 10 organisations taking part in its projects'
    >>> left_out_said(Projection(kind="region"), (0, 10)) is None
    True
    """
    if not left_out or not left_out[0] or left_out[0] >= left_out[1]:
        return None
    left, total = left_out
    what, how = lacks(spec.kind)
    level = (f" of NUTS level {spec.region_level}; one placed less precisely (only a country or a coarser region) is "
             "left out too") if spec.kind == "region" else ""
    return (f"the {spec.kind} projection leaves out {left:,} of the {total:,} organisations taking part in its "
            f"projects: it groups only an organisation that {what}{level}. To place those of a table: {how}")
