"""`metrics ...`: measures of a projection (the ranked partner candidates are `cli.recommending`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from cli.main import Context, main, progress_bar
from cli.options import Named, as_date_option, outdated_said, stored_ids


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


def _region_ids(obj: Context, given: tuple[str, ...]) -> tuple[str, ...]:
    """The ids of the regions `--region` names: a NUTS code (`SE33`, `se331`) or a name (`Övre Norrland`,
    `vasterbottens lan`), read as `--sector` reads a sector (`stored_ids`). One naming no region is refused naming
    the option and the regions it nearly spells (`graph.region_names`: "Smaaland" is Småland med öarna); a
    country's code or name is told to go to `--country` (a country is a Country node, not a Region)."""
    from graph.errors import NotFound, ParameterError

    ids: list[str] = []
    for text in given:
        try:
            ids += stored_ids(obj.store, (text,), "Region")
        except (NotFound, ParameterError) as e:
            raise click.BadParameter(_region_refused(obj, text, e), param_hint="'--region'") from None
    return tuple(dict.fromkeys(ids))


def _region_refused(obj: Context, text: str, error: Exception) -> str:
    """Why `--region TEXT` names no region, with the store's regions it nearly spells, else `error` as it is."""
    from graph.countries import country_code
    from graph.region_names import near_regions
    from graph.store.view_cypher import examples_of
    from graph.values import BadValue

    try:
        return f"{text.strip()!r} is a country, not a region: give it as --country {country_code(text)}"
    except BadValue:
        pass
    regions = {str(i): str(name or i) for i, name in obj.store.read(examples_of("Region"), {"limit": 10**5},
                                                                     row_cap=10**5).rows}
    near = near_regions(regions, text)
    if not near:
        return str(error)
    outdated = outdated_said(obj.store)
    return (f"no region has the code or name {text.strip()!r}; the nearest: "
            + "; ".join(f"{regions[i]} ({i})" if regions[i] != i else i for i in near)
            + (f" ({outdated})" if outdated else ""))


def _placed(obj: Context, find: str | None, regions: tuple[str, ...]) -> Callable[[], str | None] | None:
    """Where the organisation `--find` names is placed, when `--region` limits the projection: read only if the
    projection holds nothing so named (`find_lines` calls it then), not on every `--find`."""
    from graph.store.where_placed import where_placed

    return (lambda: where_placed(obj.store, find)) if find and regions else None


def _projection_options(func: Any) -> Any:
    for option in reversed([
        click.option("--projection", "kind", default="organisation", show_default=True,
                     type=Named(["organisation", "cluster", "region", "country", "bipartite"])),
        click.option("--start", default=None, callback=as_date_option,
                     help="Only projects running on or after this date (2023-01-15, 15.01.2023 or 15/01/2023)."),
        click.option("--end", default=None, callback=as_date_option,
                     help="Only projects running on or before this date (same spellings as --start)."),
        click.option("--programme", "programmes", multiple=True,
                     help="Only projects funded by this programme: its id or its name."),
        click.option("--country", "countries", multiple=True, callback=_country_codes,
                     help="Only organisations of this country (a code or a name: SE, Sweden, Sverige)."),
        click.option("--region", "regions", multiple=True,
                     help="Only organisations located in this region or a region under it: a NUTS code or a name "
                          "(SE33 takes SE331 and SE332; 'Övre Norrland', accents and case ignored)."),
        click.option("--sector", "sectors", multiple=True,
                     help="Only projects active in this sector: its id or its name (accents and case ignored)."),
    ]):
        func = option(func)
    return func


def _spec(obj: Context, kind: str, start: str | None, end: str | None, programmes: tuple[str, ...],
          countries: tuple[str, ...], regions: tuple[str, ...], sectors: tuple[str, ...]) -> Any:
    """The projection the options ask for, programmes, sectors and regions named by id or name (`stored_ids`)."""
    from graph.analytics.projections import Projection

    return Projection(kind=kind, start=start, end=end, programmes=stored_ids(obj.store, programmes, "Programme"),
                      countries=countries, regions=_region_ids(obj, regions),
                      sectors=stored_ids(obj.store, sectors, "Sector"))


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


def _known_metrics(chosen: tuple[str, ...], hint: str) -> tuple[str, ...]:
    """The metrics `chosen` names, in any case and with spaces or hyphens (`PageRank`, `weighted degree`: the saved
    queries take them so, and this had refused them), several in one separated by commas (as `--roles` takes them:
    `--metric degree,pagerank` had been refused); an unknown one is refused before the projection is read (it
    was refused after seconds of work), naming the metric it nearly spells."""
    from graph.analytics.metrics import METRICS
    from graph.nearest import did_you_mean

    chosen = tuple(part for text in chosen for part in text.split(",") if part.strip())  # `degree,pagerank` too
    named = [m.strip().casefold().replace(" ", "_").replace("-", "_") for m in chosen]
    for typed, metric in zip(chosen, named, strict=True):
        if metric not in METRICS:
            raise click.BadParameter(f"unknown metric {typed!r}{did_you_mean(metric, METRICS)}; "
                                     f"choose from {', '.join(METRICS)}", param_hint=hint)
    return tuple(named)


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
                    help="Also print the place by each metric of the nodes one of whose names (name, short name, "
                         "acronym, alias: 'CEA' finds the CEA by its short name, and says so) or whose id has a word "
                         "starting with TEXT (your cluster; 'alo' finds ALOADED, not CATALONIA), whole words first. "
                         "Accents and case are ignored; a TEXT with accents lists the names holding them as typed "
                         "first, and says how many match only without them.")
@metrics.command("compute")
@_projection_options
@click.option("--metric", "chosen", multiple=True,
              help="Metrics to compute (default: all): repeat the option or separate them by commas.")
@click.option("--seed", default=0, show_default=True, help="Seed for sampled estimates and Louvain.")
@click.option("--write", is_flag=True, help="Write the values back to the store as node properties.")
@click.option("-k", "top_n", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many top nodes to print per metric.")
@FIND
@click.pass_obj
def metrics_compute(obj: Context, kind: str, start: str | None, end: str | None, programmes: tuple[str, ...],
                    countries: tuple[str, ...], regions: tuple[str, ...], sectors: tuple[str, ...],
                    chosen: tuple[str, ...], seed: int,
                    write: bool, top_n: int, find: str | None) -> None:
    """Compute metrics on a projection, print the top nodes, optionally write them back."""
    import datetime as dt

    from graph.analytics.metric_places import find_lines
    from graph.analytics.metrics import METRICS, notes
    from graph.analytics.metrics_write import write_metrics

    chosen = tuple(dict.fromkeys(_known_metrics(chosen, "'--metric'") or METRICS))
    spec = _spec(obj, kind, start, end, programmes, countries, regions, sectors)
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
    for line in find_lines(found, results, kind, find, (*regions, *countries),
                           _placed(obj, find, regions)) if find else ():
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
                programmes: tuple[str, ...], countries: tuple[str, ...], regions: tuple[str, ...],
                sectors: tuple[str, ...], find: str | None) -> None:
    """The top nodes by one METRIC, computed on the chosen projection."""
    from graph.analytics.metric_places import find_lines
    from graph.analytics.metrics import notes

    (metric,) = _known_metrics((metric,), "'METRIC'")
    spec = _spec(obj, kind, start, end, programmes, countries, regions, sectors)
    inputs, found = _kept(obj, spec, [metric])
    result = found.results[metric]
    if _said_why_empty(obj, inputs, found, spec):
        return
    click.echo(result.describe())
    for text in notes({metric: result}, found, obj.settings.metrics_exact_nodes):
        click.echo(f"note: {text}")
    for line in _top_lines(result, top_n, found):
        click.echo(line)
    for line in find_lines(found, {metric: result}, kind, find, (*regions, *countries),
                           _placed(obj, find, regions)) if find else ():
        click.echo(line)


#: What `recommend` with call rules leaves out, and how to get it.



