"""`metrics ...` and `recommend`: measures of a projection and ranked partner candidates."""

from __future__ import annotations

from typing import Any

import click

from cli.main import Context, main, progress_bar
from cli.options import SHARE, as_date_option, stored_ids


@main.group()
def metrics() -> None:
    """Centrality metrics and communities of a projection of the stored graph."""


def _country_codes(ctx: click.Context, param: click.Parameter, given: tuple[str, ...]) -> tuple[str, ...]:
    """`se`, `Sweden` and `Sverige` as the store keys them (`SE`): a name is read as a table's country is."""
    from graph.countries import country_code
    from graph.values import BadValue

    try:
        return tuple(country_code(text) for text in given)
    except BadValue as e:
        raise click.BadParameter(str(e)) from None


def _projection_options(func: Any) -> Any:
    for option in reversed([
        click.option("--projection", "kind", default="organisation", show_default=True,
                     type=click.Choice(["organisation", "cluster", "region", "country", "bipartite"])),
        click.option("--start", default=None, callback=as_date_option,
                     help="Only projects running on or after this date (2023-01-15, 15.01.2023 or 15/01/2023)."),
        click.option("--end", default=None, callback=as_date_option,
                     help="Only projects running on or before this date (same spellings as --start)."),
        click.option("--programme", "programmes", multiple=True,
                     help="Only projects funded by this programme: its id or its name."),
        click.option("--country", "countries", multiple=True, callback=_country_codes,
                     help="Only organisations of this country (a code or a name: SE, Sweden, Sverige)."),
        click.option("--sector", "sectors", multiple=True,
                     help="Only projects active in this sector: its id or its name (accents and case ignored)."),
    ]):
        func = option(func)
    return func


def _spec(obj: Context, kind: str, start: str | None, end: str | None, programmes: tuple[str, ...],
          countries: tuple[str, ...], sectors: tuple[str, ...]) -> Any:
    """The projection the options ask for, programmes and sectors named by id or name (`stored_ids`)."""
    from graph.analytics.projections import Projection

    return Projection(kind=kind, start=start, end=end, programmes=stored_ids(obj.store, programmes, "Programme"),
                      countries=countries, sectors=stored_ids(obj.store, sectors, "Sector"))


def _kept(obj: Context, spec: Any, chosen: tuple[str, ...] | list[str], progress: Any = None,
          **options: Any) -> tuple[Any, Any]:
    """The analytics inputs of the store's current data, as a function (read, from their cached file, only when
    called), and the `chosen` metrics on the projection `spec`, read from the results the Metrics page keeps (same
    file, same key: `graph.analytics.metrics_disk`), else computed and added to them. A read-back reads the data
    version alone, not the inputs. With `community`, `degree` too: it orders a community's members (it was the
    projection's degree, which a read-back has no projection for)."""
    from functools import cache as once

    from graph.analytics.cache import cache_dir_for, data_version, projection_inputs
    from graph.analytics.metrics_disk import metrics_for

    folder = cache_dir_for(obj.store, obj.settings.cache_dir)
    version = data_version(obj.store)
    inputs = once(lambda: projection_inputs(obj.store, folder, version=version).graph)
    asked = [*chosen, "degree"] if "community" in chosen else chosen
    found = metrics_for(obj.store, folder, inputs, version, spec, asked, progress=progress,
                        exact_max_nodes=obj.settings.metrics_exact_nodes, sample_size=obj.settings.metrics_pivots,
                        **options)
    return inputs, found


def _said_why_empty(obj: Context, inputs: Any, found: Any, spec: Any) -> bool:
    """Whether the projection has no node; if so, why (its missing inputs, or a filter no project of `inputs()`
    passes) is said on stderr, so an empty result is never silent, and the caller computes nothing (every metric
    of no node would be an empty list)."""
    from graph.analytics.needs import why_empty_projection

    if found.number_of_nodes() == 0:
        click.echo(why_empty_projection(obj.store, spec, inputs()) or "the projection has no node", err=True)
        return True
    return False


def _known_metrics(chosen: tuple[str, ...], hint: str) -> None:
    """An unknown metric is refused before the projection is read (it was refused after seconds of work)."""
    from graph.analytics.metrics import METRICS

    unknown = [m for m in chosen if m not in METRICS]
    if unknown:
        raise click.BadParameter(f"unknown metric {unknown[0]!r}; choose from {', '.join(METRICS)}", param_hint=hint)


def _top_lines(result, n: int, found) -> list[str]:
    """The top nodes of a metric; for communities, the largest ones with some of their members (an id is a name),
    named and ordered by degree from the kept results `found` (`_kept`)."""
    from graph.analytics.metrics import largest_communities, top

    if result.metric == "community":
        degree = found.results["degree"].values
        return [f"community {community}: {size} nodes ({', '.join(names)}{', ...' if size > len(names) else ''})"
                for community, size, names in largest_communities(result, n, name=found.full_name, degree=degree)]
    return [f"{value:>12.6g}  {label}  ({key})" for key, label, value in top(result, n, name=found.full_name)]


FIND = click.option("--find", "find", default=None, metavar="TEXT",
                    help="Also print the place by each metric of the nodes whose name or id holds TEXT (your cluster).")
@metrics.command("compute")
@_projection_options
@click.option("--metric", "chosen", multiple=True, help="Metrics to compute (default: all).")
@click.option("--seed", default=0, show_default=True, help="Seed for sampled estimates and Louvain.")
@click.option("--write", is_flag=True, help="Write the values back to the store as node properties.")
@click.option("-k", "top_n", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many top nodes to print per metric.")
@FIND
@click.pass_obj
def metrics_compute(obj: Context, kind: str, start: str | None, end: str | None, programmes: tuple[str, ...],
                    countries: tuple[str, ...], sectors: tuple[str, ...], chosen: tuple[str, ...], seed: int,
                    write: bool, top_n: int, find: str | None) -> None:
    """Compute metrics on a projection, print the top nodes, optionally write them back."""
    import datetime as dt

    from graph.analytics.metric_places import find_lines
    from graph.analytics.metrics import METRICS, notes
    from graph.analytics.metrics_write import write_metrics

    _known_metrics(chosen, "'--metric'")
    chosen = tuple(dict.fromkeys(chosen or METRICS))
    spec = _spec(obj, kind, start, end, programmes, countries, sectors)
    with progress_bar("metrics") as progress:
        inputs, found = _kept(obj, spec, chosen, progress, seed=seed)
    results = {metric: found.results[metric] for metric in chosen}
    if _said_why_empty(obj, inputs, found, spec):
        click.echo(f"projection {kind}: 0 nodes, 0 edges; no metric to show")
        return
    click.echo(f"projection {kind}: {found.number_of_nodes()} nodes, {found.number_of_edges()} edges")
    for text in notes(results, found, obj.settings.metrics_exact_nodes):
        click.echo(f"note: {text}")
    for name, result in results.items():
        click.echo(f"{name}: {result.describe()}")
        for line in _top_lines(result, top_n, found):
            click.echo(f"  {line}")
    for line in find_lines(found, results, kind, find) if find else ():
        click.echo(line)
    if write:
        written = write_metrics(obj.store, results, spec, dt.datetime.now(dt.UTC).replace(microsecond=0))
        click.echo(f"{written.describe()}; rank by them with `queries run metrics/top-organisations`")


@metrics.command("top")
@click.argument("metric")
@click.option("-k", "top_n", type=click.IntRange(min=1), default=10, show_default=True, help="How many nodes.")
@_projection_options
@FIND
@click.pass_obj
def metrics_top(obj: Context, metric: str, top_n: int, kind: str, start: str | None, end: str | None,
                programmes: tuple[str, ...], countries: tuple[str, ...], sectors: tuple[str, ...],
                find: str | None) -> None:
    """The top nodes by one METRIC, computed on the chosen projection."""
    from graph.analytics.metric_places import find_lines
    from graph.analytics.metrics import notes

    _known_metrics((metric,), "'METRIC'")
    spec = _spec(obj, kind, start, end, programmes, countries, sectors)
    inputs, found = _kept(obj, spec, [metric])
    result = found.results[metric]
    if _said_why_empty(obj, inputs, found, spec):
        return
    click.echo(result.describe())
    for text in notes({metric: result}, found, obj.settings.metrics_exact_nodes):
        click.echo(f"note: {text}")
    for line in _top_lines(result, top_n, found):
        click.echo(line)
    for line in find_lines(found, {metric: result}, kind, find) if find else ():
        click.echo(line)


#: What `recommend` with call rules leaves out, and how to get it.
GAPS_ONLY = ("note: the call's gaps and who fills each; the ranking of partners for the whole consortium is "
             "`recommend` without --min-countries and --roles (the Partners page shows both)")


def _places(index: Any, given: tuple[str, ...], option: str) -> tuple[str, ...]:
    """`--country` and `--avoid` as the ranking matches them: a country by code or name, read as `metrics --country`
    reads one (`Germany`, `Tyskland` are `DE`), or a region's NUTS code (`graph.analytics.recommend_places`)."""
    from graph.analytics.recommend_places import place_codes

    return place_codes(index, given, option)


@main.command()
@click.option("--for", "focal", multiple=True, required=True,
              help="A focal organisation or cluster: Kind:id (Cluster:iot-world), its id or its name "
                   "(\"Automation Småland\"); repeat it for a consortium.")
@click.option("--candidates", "wanted", type=click.Choice(["auto", "organisations", "clusters"]), default="auto",
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
@click.option("--min-label", default=None, help="Minimum quality label (esca-bronze, esca-silver, esca-gold).")
@click.option("--include-existing", is_flag=True, help="Also list organisations already partnered with.")
@click.option("-k", "k", type=click.IntRange(min=1, max=1000), default=10, show_default=True,
              help="How many candidates, and per gap with call rules (at most 1,000).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def recommend(obj: Context, focal: tuple[str, ...], wanted: str, sectors: tuple[str, ...],
              add_places: tuple[str, ...], avoid_places: tuple[str, ...], sme_share: float | None,
              min_countries: int | None, roles: tuple[str, ...], min_label: str | None, include_existing: bool,
              k: int, fmt: str) -> None:
    """Ranked partner candidates (organisations or clusters) with score parts, reasons and paths; with call
    rules (--min-countries, --roles, --sme-share), the consortium's gaps and the candidates that fill each."""
    from cli import partners_output as show
    from graph.analytics.cache import cache_dir_for, projection_inputs
    from graph.analytics.recommend import Requirements
    from graph.analytics.recommend_index_disk import index_for
    from graph.store.resolve import resolve_node

    focal_keys = []
    for text in focal:  # names too; a name read as a node says which (a near spelling finds one it may not mean)
        node = resolve_node(obj.store, text, ("Organisation", "Cluster"))
        if text.strip() not in (node.key, node.id, node.name) or node.same_as:
            click.echo(f"({node.taken_for('--for', text)})", err=True)
        focal_keys.append(node.key)
    roles = tuple(r.strip() for text in roles for r in text.split(",") if r.strip())
    Requirements(min_label=min_label)  # an unknown label is refused before any work, whichever ranking follows
    with progress_bar("partners") as progress:
        progress(0, 3)
        folder = cache_dir_for(obj.store, obj.settings.cache_dir)
        inputs = projection_inputs(obj.store, folder)
        index = index_for(obj.store, folder, inputs.graph, inputs.version).index  # kept on disk, as in the app
        if index.sector_index:  # else no project has a sector, and the ranking says what to load (ACTIVE_IN)
            sectors = stored_ids(obj.store, sectors, "Sector")
        add_places, avoid_places = _places(index, add_places, "--country"), _places(index, avoid_places, "--avoid")
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
            from graph.analytics.cluster_partners import partner_clusters
            from graph.analytics.cluster_profiles_disk import profiles_for

            asked = Requirements(sectors=sectors, add_places=add_places, avoid_places=avoid_places,
                                 sme_share=sme_share, min_label=min_label)
            ranking = partner_clusters(profiles_for(obj.store, folder, index, inputs.version), focal_keys, k=k,
                                       requirements=asked)
            progress(3, 3)
            show.candidates(ranking.candidates, ranking.note, fmt, ranking.why_none)
            return
        from graph.analytics.recommend import history_note
        from graph.analytics.recommend import recommend as rank

        requirements = Requirements(sectors=sectors, add_places=add_places, avoid_places=avoid_places,
                                    sme_share=sme_share, min_label=min_label)
        candidates = rank(index, focal_keys, requirements, k=k, exclude_existing=not include_existing)
        progress(3, 3)
    from graph.analytics.recommend import places_note
    from graph.analytics.recommend_reasons import sme_note

    for note in (places_note(index, focal_keys, requirements, candidates), sme_note(index, focal_keys, requirements)):
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
