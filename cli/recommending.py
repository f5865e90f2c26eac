"""`recommend`: ranked partner candidates (organisations or partner clusters), or a consortium's gaps under a
call's rules; the same rankings as the Partners page, from the same index kept on disk."""

from __future__ import annotations

from typing import Any

import click

from cli.main import Context, main, progress_bar
from cli.options import SHARE, Named, stored_ids

GAPS_ONLY = ("note: the call's gaps and who fills each; the ranking of partners for the whole consortium is "
             "`recommend` without --min-countries and --roles (the Partners page shows both)")


def _places(index: Any, given: tuple[str, ...], option: str) -> tuple[str, ...]:
    """`--country` and `--avoid` as the ranking matches them: a country by code or name, read as `metrics --country`
    reads one (`Germany`, `Tyskland` are `DE`), or a region's NUTS code (`graph.analytics.recommend_places`)."""
    from graph.analytics.recommend_hints import near_country
    from graph.analytics.recommend_places import place_codes
    from graph.errors import ParameterError

    for text in given:  # a misspelt country is refused with the one it nearly spells (`--country germny`: Germany)
        try:
            place_codes(index, (text,), option)
        except ParameterError:
            if near := near_country(index.G, text.strip()):
                raise ParameterError(f"{option} {text.strip()!r} is neither a country nor a region of the graph: did "
                                     f"you mean {near}?") from None
            raise
    return place_codes(index, given, option)


def _sectors(store: Any, index: Any, given: tuple[str, ...]) -> tuple[str, ...]:
    """`--sector` as stored ids; a text naming no sector is refused with the few short sector names it nearly spells
    (`robtics`: robotics), not with the store's first sectors, long call-topic titles."""
    from graph.analytics.recommend_hints import near_sectors, some_sectors
    from graph.errors import NotFound
    from graph.store.resolve import resolve_node

    ids: list[str] = []
    for text in given:
        try:
            ids += stored_ids(store, (text,), "Sector")
        except NotFound:
            if near := " or ".join(repr(name) for name in near_sectors(index.G, text)):
                raise NotFound(f"--sector {text.strip()!r} names no sector of this store: did you mean {near}? Give a "
                               "sector's name or id (esv:..., topic:...)") from None
            try:  # none near: the names holding the text, as before, then short sector names, not topic titles
                resolve_node(store, text, ("Sector",))
            except NotFound as e:
                raise NotFound(f"{e} {some_sectors(index.G)}") from None
            raise
    return tuple(ids)


@main.command()
@click.option("--for", "focal", multiple=True, required=True,
              help="A focal organisation or cluster: Kind:id (Cluster:iot-world), its id or its name "
                   "(\"Automation Småland\"); repeat it for a consortium.")
@click.option("--candidates", "wanted", type=Named(["auto", "organisations", "clusters"]), default="auto",
              show_default=True,
              help="Rank organisations, or partner clusters (auto: clusters when every --for is one).")
@click.option("--sector", "sectors", multiple=True,
              help="Wanted sector or topic: its id (esv:..., topic:...) or its name.")
@click.option("--country", "add_places", multiple=True,
              help="A country (a code or a name: DE, Germany, Tyskland) or a region (NUTS code: NO0A2) to add.")
@click.option("--avoid", "avoid_places", multiple=True,
              help="A country or region to avoid, written as for --country.")
@click.option("--sme-share", type=SHARE, default=None,
              help="Wanted share of SMEs (0-1); a call rule with the options below.")
@click.option("--min-countries", type=click.IntRange(min=1), default=None,
              help="Call rule: at least this many countries. Shows the consortium's gaps and who fills them.")
@click.option("--roles", "roles", multiple=True,
              help="Call rule: a role to fill, `coordinator` or a sector id or name (repeat, or comma-separate).")
@click.option("--min-label", default=None,
              help="Minimum quality label: esca-bronze, esca-silver, esca-gold, or its name (ESCA Gold, gold).")
@click.option("--include-existing", is_flag=True, help="Also list organisations already partnered with.")
@click.option("-k", "k", type=click.IntRange(min=1, max=1000), default=10, show_default=True,
              help="How many candidates, and per gap with call rules (at most 1,000).")
@click.option("--format", "fmt", type=Named(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def recommend(obj: Context, focal: tuple[str, ...], wanted: str, sectors: tuple[str, ...],
              add_places: tuple[str, ...], avoid_places: tuple[str, ...], sme_share: float | None,
              min_countries: int | None, roles: tuple[str, ...], min_label: str | None, include_existing: bool,
              k: int, fmt: str) -> None:
    """Ranked partner candidates (organisations or clusters) with score parts, reasons and paths; with call
    rules (--min-countries, --roles, --sme-share), the consortium's gaps and the candidates that fill each."""
    from cli import partners_output as show
    from cli.recommend_names import focus_node, namesakes_note
    from graph.analytics.cache import cache_dir_for, projection_inputs
    from graph.analytics.recommend import Requirements
    from graph.analytics.recommend_index_disk import index_for

    focal_keys, named = [], []
    for text in focal:  # names too; a name read as a node says which (a near spelling finds one it may not mean)
        node = focus_node(obj.store, text)
        said = text.strip() not in (node.key, node.id, node.name) or bool(node.same_as)
        if said:
            click.echo(f"({node.taken_for('--for', text)})", err=True)
        focal_keys.append(node.key)
        named.append((text, node, said))
    roles = tuple(r.strip() for text in roles for r in text.split(",") if r.strip())
    Requirements(min_label=min_label)  # an unknown label is refused before any work, whichever ranking follows
    with progress_bar("partners") as progress:
        progress(0, 3)
        folder = cache_dir_for(obj.store, obj.settings.cache_dir)
        inputs = projection_inputs(obj.store, folder)
        index = index_for(obj.store, folder, inputs.graph, inputs.version).index  # kept on disk, as in the app
        if index.sector_index:  # else no project has a sector, and the ranking says what to load (ACTIVE_IN)
            sectors = _sectors(obj.store, index, sectors)
        add_places, avoid_places = _places(index, add_places, "--country"), _places(index, avoid_places, "--avoid")
        for text, node, said in named:  # a name taken as written, while others begin with it: said, with projects
            if note := namesakes_note(obj.store, index, text, node, said):
                click.echo(f"note: {note}", err=True)
        progress(1, 3)
        if min_countries or roles:
            from graph.analytics.consortium import CallRules, check_consortium

            rules = CallRules(min_countries=min_countries or 0, sme_share=sme_share, roles=roles)
            plain = Requirements(sectors=sectors, add_places=add_places, avoid_places=avoid_places, min_label=min_label)
            result = check_consortium(index, focal_keys, rules, k=k, requirements=plain)
            progress(3, 3)
            from graph.analytics.needs import why_gap_unfilled

            show.gaps(result, fmt, lambda rule: why_gap_unfilled(obj.store, rule))
            click.echo(GAPS_ONLY, err=True)  # the Partners page shows the ranking under the gaps: said, not left out
            return
        if wanted == "clusters" or (wanted == "auto" and show.all_clusters(index.G, tuple(focal_keys))):
            from graph.analytics.cluster_partners import known_by, partner_clusters
            from graph.analytics.cluster_profiles_disk import profiles_for
            from graph.analytics.ranking_notes import ranking_notes

            asked = Requirements(sectors=sectors, add_places=add_places, avoid_places=avoid_places,
                                 sme_share=sme_share, min_label=min_label)
            cindex = profiles_for(obj.store, folder, index, inputs.version)
            ranking = partner_clusters(cindex, focal_keys, k=k, requirements=asked)
            progress(3, 3)
            for idle in ranking_notes(index, focal_keys, clusters=known_by(cindex, focal_keys)):
                click.echo(f"note: {idle}", err=True)  # a sector of its own naming no field, or its members' sectors
            show.candidates(ranking.candidates, ranking.note, fmt, ranking.why_none)
            return
        from graph.analytics.recommend import history_note
        from graph.analytics.recommend import recommend as rank

        requirements = Requirements(sectors=sectors, add_places=add_places, avoid_places=avoid_places,
                                    sme_share=sme_share, min_label=min_label)
        candidates = rank(index, focal_keys, requirements, k=k, exclude_existing=not include_existing)
        progress(3, 3)
    from graph.analytics.ranking_notes import ranking_notes
    from graph.analytics.recommend import places_note
    from graph.analytics.recommend_reasons import sme_note

    for note in (places_note(index, focal_keys, requirements, candidates), sme_note(index, focal_keys, requirements),
                 *ranking_notes(index, focal_keys, sectors=sectors, ranked=bool(candidates))):
        if note:
            click.echo(f"note: {note}", err=True)
    from graph.analytics.cluster_partners import NOTHING_LINKS

    why_none = NOTHING_LINKS
    if not candidates:
        from graph.analytics.needs import recommender_needs, why_no_candidates
        from graph.analytics.recommend_empty import no_candidate_reason

        needs = recommender_needs(bool(sectors), bool(add_places or avoid_places), sme_share is not None,
                                  min_label is not None)
        if missing := why_no_candidates(obj.store, needs):
            click.echo(missing, err=True)
        why_none = no_candidate_reason(index, focal_keys, requirements, exclude_existing=not include_existing,
                                       include_hint="`--include-existing` ranks them")
    show.candidates(candidates, history_note(index, focal_keys), fmt, why_none)
