"""The Map's country filter: its control in the sidebar and the aggregates of the countries chosen. Not a page.

The countries offered are those of the places at the chosen level; the filter is a parameter of graph functions
(`graph.views.geography.in_countries` on the rows `graph.views.geo_countries` tagged when the aggregates were made),
so choosing reads nothing again. The map keeps the chosen countries' places, organisations and clusters, and the
collaborations with one end in them (their collaborations abroad included); the first view fits their places.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, map_cache, widgets
from app_pages.map_cache import Placed
from graph.collation import reading_order
from graph.views.geography import in_countries

#: The aggregates the page draws: as `Placed`, with the counts of organisations summed, the organisations and clusters
#: in no place of the level as (of the countries, their national regions, of no known country: counted with a filter
#: only), the clusters in none as (of the countries, of no known country: likewise), and no country names.
Kept = tuple[list[dict], list[dict], int, int, list[dict], tuple[int, list[str], int],
             tuple[list[dict], tuple[int, int]]]


def control(placed: Placed) -> tuple[str, ...]:
    """The Countries picker in the sidebar (`?map_countries=Sweden`), of the countries of the places drawn."""
    with st.sidebar:
        return widgets.choose("Countries", list(placed[7].items()), "map_countries",
                              help="Show only these countries' places, organisations and clusters, and their "
                                   "collaborations (those abroad included).")


def keep(placed: Placed, countries: tuple[str, ...]) -> Kept:
    """The aggregates of the `countries` (all without), the `ORGANISATIONS_DRAWN` most active organisations of them
    drawn (the aggregates hold each country's most active too). The organisations and clusters in no place of the
    level are those of the countries (the country their coarser places or their own `country` give), and those of no
    known country are counted apart; so are the clusters in no place (they had been counted for all countries only:
    none with a filter)."""
    places, organisations, located, active, links, (unplaced, national), (clustered, no_place), _ = placed
    most = map_cache.ORGANISATIONS_DRAWN
    if not countries:
        return (places, organisations[:most], sum(located.values()), sum(active.values()), links,
                (sum(unplaced.values()), sorted({n for ns in national.values() for n in ns}, key=reading_order), 0),
                (clustered, (sum(no_place.values()), 0)))
    return (in_countries(places, countries), in_countries(organisations, countries)[:most],
            sum(located[c] for c in countries), sum(active[c] for c in countries),
            in_countries(links, countries, ("from_country", "to_country")),
            (sum(unplaced[c] for c in countries),
             sorted({n for c in countries for n in national.get(c, [])}, key=reading_order), unplaced[None]),
            (in_countries(clustered, countries), (sum(no_place[c] for c in countries), no_place[None])))


def said(placed: Placed, countries: tuple[str, ...]) -> str:
    """The caption's opening when countries are chosen."""
    names = ", ".join(common.md(placed[7].get(c, c)) for c in countries)
    return f"Only {names}: the places, organisations and clusters there and their collaborations. " if countries \
        else ""


def unplaced_said(unplaced: tuple[int, list[str], int], level: str, countries: tuple[str, ...]) -> str:
    """The caption's sentence on the organisations and clusters in no place of the `level` with coordinates: how many
    (of the chosen `countries`' when some are), the national regions NUTS does not know among theirs, and, with a
    filter, how many of no known country are left out (the filtered caption had said nothing of them; "Also left out"
    only after a count of the countries' own: `of_no_country`)."""
    count, national, unknown = unplaced
    said = (f" {count:,} {'of their ' if countries else ''}organisations and clusters are in no place of {level} with "
            "coordinates, so in no bubble" if count else "")
    said += (f" (some in national regions NUTS does not know: {', '.join(national[:5])}; give NUTS's name or code "
             "of their region in your table)" if national else "") + ("." if count else "")
    return said + (of_no_country(unknown, "organisation or cluster", "organisations and clusters", bool(count))
                   if countries and unknown else "")


def of_no_country(unknown: int, one: str, many: str, also: bool) -> str:
    """The caption's sentence, with countries chosen, on those left out as their country is not known. It had read
    "5 more in no such place have no known country, so no country's count holds them", which a try-out's cluster
    manager could not follow.

    >>> of_no_country(1, "cluster", "clusters", False)
    ' Left out: 1 cluster whose country is not known, so choosing countries cannot show it (give it a country or \
region in your table).'
    """
    them = "it" if unknown == 1 else "them"
    return (f" {'Also left out' if also else 'Left out'}: {unknown:,} {one if unknown == 1 else many} whose country "
            f"is not known, so choosing countries cannot show {them} (give {them} a country or region in your table).")
