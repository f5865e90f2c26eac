"""The `cluster-explorer` command line: a thin shell over `graph/` and `loaders/`.

Settings are read once here (`Settings.from_env`, options override) and passed down. Every error the
tool raises on purpose becomes one clear line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from graph.errors import ClusterExplorerError
from graph.settings import Settings
from graph.store.backends import open_store
from graph.store.contract import GraphStore, QueryResult
from graph.store.reads import counts, last_loads


def parse_param(text: str) -> tuple[str, Any]:
    """`key=value`: the value is read as JSON when it parses (5, 2.5, true, ["a","b"]), else as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"{text!r} is not key=value", param_hint="-p")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    return key.strip(), value


def render(result: QueryResult, fmt: str) -> str:
    """The rows of a result as an aligned text table, CSV or JSON."""
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2)

    def cell(value: Any) -> str:
        if isinstance(value, (dict, list)):
            return json.dumps(value, ensure_ascii=False)
        return "" if value is None else str(value)

    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[cell(v) for v in row] for row in result.rows])
        return buffer.getvalue().rstrip("\n")
    table = [result.columns] + [[cell(v) for v in row] for row in result.rows]
    widths = [min(60, max(len(r[i]) for r in table)) for i in range(len(result.columns))]
    lines = ["  ".join(v[:60].ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Context:
    """Settings plus a lazily opened store, shared by the sub-commands of one invocation."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._store: GraphStore | None = None

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            self._store = open_store(self.settings)
            self._store.setup_schema()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@contextmanager
def clear_errors() -> Iterator[None]:
    try:
        yield
    except ClusterExplorerError as e:
        raise click.ClickException(str(e)) from e


@contextmanager
def progress_bar(label: str) -> Iterator[Any]:
    """A tqdm bar on stderr that the loaders drive with `progress(done, total)`."""
    from tqdm import tqdm

    bar = tqdm(desc=label, unit="rec", file=sys.stderr, disable=None, leave=False)

    def advance(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield advance
    finally:
        bar.close()


@click.group()
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="CLUSTER_EXPLORER_DB",
              help="File of the embedded store (default: data/cluster-explorer.db). Ignored when NEO4J_URI is set.")
@click.option("--queries-dir", type=click.Path(file_okay=False, path_type=Path), envvar="CLUSTER_EXPLORER_QUERIES",
              help="Your own saved queries, layered over the shipped library (default: data/queries).")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, queries_dir: Path | None) -> None:
    """Explore how Europe's industrial clusters collaborate."""
    settings = Settings.from_env()
    if db_path is not None:
        settings = replace(settings, db_path=db_path.expanduser().resolve())
    if queries_dir is not None:
        settings = replace(settings, user_queries_dir=queries_dir.expanduser().resolve())
    ctx.obj = Context(settings)
    ctx.call_on_close(ctx.obj.close)


@main.group()
def load() -> None:
    """Load data into the store (idempotent: a re-run changes nothing)."""


def _print_report(report: Any) -> None:
    s = report.summary
    click.echo(f"{report.source}: {s.nodes} nodes ({s.created} created, {s.updated} updated, "
               f"{s.unchanged} unchanged), {s.relationships} relationships written")
    for note in getattr(report, "notes", []):
        click.echo(f"  - {note}")


@load.command("seeds")
@click.pass_obj
def load_seeds_command(obj: Context) -> None:
    """The seed knowledge base built from the five source texts."""
    from loaders.seeds import load_seeds

    with clear_errors(), progress_bar("seeds") as progress:
        summary = load_seeds(obj.store, progress=progress)
    click.echo(f"seeds: {summary.nodes} nodes ({summary.created} created, {summary.updated} updated, "
               f"{summary.unchanged} unchanged), {summary.relationships} relationships written")
    _link_clusters(obj)


def _link_clusters(obj: Context) -> None:
    """Link seed clusters to their CORDIS participant records (same name or alias, same country)."""
    from loaders.cluster_detection import link_and_write

    with clear_errors():
        summary = link_and_write(obj.store)
    if summary.relationships:
        click.echo(f"entity resolution: {summary.relationships} seed cluster(s) linked to CORDIS "
                   "organisations (SAME_AS)")


def _run_loader(obj: Context, label: str, loader: Any, path: Path) -> None:
    with clear_errors(), progress_bar(label) as progress:
        report = loader(obj.store, path, progress=progress)
    _print_report(report)
    _link_clusters(obj)


@load.command("cordis")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def load_cordis_command(obj: Context, path: Path) -> None:
    """CORDIS projects and participants from a folder (official `;` export or the comma-separated extract)."""
    from loaders.cordis import load_cordis

    _run_loader(obj, "cordis", load_cordis, path)


@load.command("nuts")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.pass_obj
def load_nuts_command(obj: Context, path: Path) -> None:
    """NUTS 2021 / 2024 regions with label points from GISCO CSV files (a folder or one file)."""
    from loaders.nuts import load_nuts

    _run_loader(obj, "nuts", load_nuts, path)


@load.command("csv")
@click.argument("mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def load_csv_command(obj: Context, mapping: Path) -> None:
    """Your own CSV / JSON files, described by a mapping file (see docs/mapping.md)."""
    from loaders.generic import load_generic

    _run_loader(obj, "csv", load_generic, mapping)


@main.command()
@click.pass_obj
def status(obj: Context) -> None:
    """Store kind, location, counts per label and relationship type, and the last loads."""
    with clear_errors():
        store = obj.store
        labels, types = counts(store)
        loads = last_loads(store)
    click.echo(f"store: {store.kind} at {store.location}")
    click.echo("nodes:" if labels else "nodes: none (run `cluster-explorer load seeds`)")
    for label, n in sorted(labels.items()):
        click.echo(f"  {label:<14}{n:>9}")
    if types:
        click.echo("relationships:")
    for rel_type, n in sorted(types.items()):
        click.echo(f"  {rel_type:<16}{n:>7}")
    if loads:
        click.echo("last loads:")
    for entry in loads:
        click.echo(f"  {entry['loaded_at']}  {entry['source']:<24} {entry['nodes']} nodes, "
                   f"{entry['relationships']} relationships")


@main.command()
@click.argument("cypher")
@click.option("-p", "--param", "params", multiple=True, help="A parameter as key=value (JSON values allowed).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--timeout", type=float, default=None,
              help="Time limit in seconds (default: CLUSTER_EXPLORER_QUERY_TIMEOUT).")
@click.option("--limit", "row_cap", type=int, default=None,
              help="Rows shown at most (default: CLUSTER_EXPLORER_ROW_CAP).")
@click.pass_obj
def query(obj: Context, cypher: str, params: tuple[str, ...], fmt: str, timeout: float | None,
          row_cap: int | None) -> None:
    """Run read-only CYPHER with parameters; the database refuses writes and stops it at the time limit."""
    values = dict(parse_param(p) for p in params)
    with clear_errors():
        result = obj.store.read(cypher, values, timeout_s=timeout, row_cap=row_cap)
    click.echo(render(result, fmt))
    if result.truncated:
        click.echo(f"(showing the first {len(result.rows)} rows; raise --limit to see more)", err=True)


@main.group()
def queries() -> None:
    """The saved-query library (queries/ plus your own folder)."""


def _catalogue(obj: Context):
    from queries.catalogue import load_catalogue

    catalogue = load_catalogue(obj.settings.user_queries_dir)
    for problem in catalogue.problems:
        click.echo(f"warning: {problem}", err=True)
    return catalogue


@queries.command("list")
@click.option("--tag", default=None, help="Only queries with this tag.")
@click.pass_obj
def queries_list(obj: Context, tag: str | None) -> None:
    """Names, titles and tags of the saved queries."""
    for name, q in sorted(_catalogue(obj).queries.items()):
        if tag and tag not in q.tags:
            continue
        mark = " (yours)" if q.origin == "user" else ""
        click.echo(f"{name:<40} {q.title}{mark}  [{', '.join(q.tags)}]")


@queries.command("show")
@click.argument("name")
@click.pass_obj
def queries_show(obj: Context, name: str) -> None:
    """A query's description, parameters and Cypher."""
    with clear_errors():
        q = _catalogue(obj).get(name)
    click.echo(f"{q.name}: {q.title}\n{q.description}\ntags: {', '.join(q.tags)}\nfile: {q.path}")
    for p in q.params:
        extra = f" choices: {', '.join(p.choices)}" if p.choices else (" (suggested values)" if p.suggest else "")
        click.echo(f"  -p {p.name}=<{p.type}>  default: {p.default!r}{extra}  {p.help}")
    if q.example:
        click.echo(f"example: {json.dumps(q.example, ensure_ascii=False)}")
    click.echo("\n" + q.cypher)


@queries.command("run")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, help="A parameter as key=value.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write all rows (no cap) as CSV or JSON to this file.")
@click.option("--timeout", type=float, default=None, help="Time limit in seconds (default: the query's, else 10).")
@click.option("--limit", "row_cap", type=int, default=None, help="Rows shown at most (default 1000).")
@click.pass_obj
def queries_run(obj: Context, name: str, params: tuple[str, ...], fmt: str, out: Path | None,
                timeout: float | None, row_cap: int | None) -> None:
    """Run a saved query with typed parameters, read-only and time-limited."""
    from queries.runner import bind_params, export_rows, run_saved

    raw = {key: value for key, value in (p.split("=", 1) if "=" in p else (p, None) for p in params)}
    if None in raw.values():
        raise click.BadParameter("parameters are key=value", param_hint="-p")
    catalogue = _catalogue(obj)
    with clear_errors():
        if out is not None:
            query = catalogue.get(name)
            bound = bind_params(query, raw)
            export_fmt = "json" if fmt == "json" or out.suffix == ".json" else "csv"
            with out.open("w", encoding="utf-8", newline="") as handle:
                rows = export_rows(obj.store, query, bound, export_fmt, handle, timeout_s=timeout,
                                   default_timeout_s=obj.settings.query_timeout_s)
            click.echo(f"wrote {rows} rows to {out}")
            return
        _, _, result = run_saved(obj.store, catalogue, name, raw, timeout_s=timeout, row_cap=row_cap,
                                 default_timeout_s=obj.settings.query_timeout_s)
    click.echo(render(result, fmt))
    if result.truncated:
        click.echo(f"(showing the first {len(result.rows)} rows; use --out FILE for all of them)", err=True)


@main.group()
def metrics() -> None:
    """Centrality metrics and communities of a projection of the stored graph."""


def _projection_options(func: Any) -> Any:
    for option in reversed([
        click.option("--projection", "kind", default="organisation", show_default=True,
                     type=click.Choice(["organisation", "cluster", "region", "country", "bipartite"])),
        click.option("--start", default=None, help="Only projects running on or after this date (YYYY-MM-DD)."),
        click.option("--end", default=None, help="Only projects running on or before this date."),
        click.option("--programme", "programmes", multiple=True, help="Only projects funded by this programme id."),
        click.option("--country", "countries", multiple=True, help="Only organisations of this country."),
        click.option("--sector", "sectors", multiple=True, help="Only projects active in this sector id."),
    ]):
        func = option(func)
    return func


@metrics.command("compute")
@_projection_options
@click.option("--metric", "chosen", multiple=True, help="Metrics to compute (default: all).")
@click.option("--seed", default=0, show_default=True, help="Seed for sampled estimates and Louvain.")
@click.option("--write", is_flag=True, help="Write the values back to the store as node properties.")
@click.option("-k", "top_n", default=10, show_default=True, help="How many top nodes to print per metric.")
@click.pass_obj
def metrics_compute(obj: Context, kind: str, start: str | None, end: str | None, programmes: tuple[str, ...],
                    countries: tuple[str, ...], sectors: tuple[str, ...], chosen: tuple[str, ...], seed: int,
                    write: bool, top_n: int) -> None:
    """Compute metrics on a projection, print the top nodes, optionally write them back."""
    import datetime as dt

    from graph.analytics.metrics import METRICS, compute_all, top, write_metrics
    from graph.analytics.projections import Projection, project
    from graph.store.reads import to_networkx

    try:
        spec = Projection(kind=kind, start=start, end=end, programmes=programmes, countries=countries,
                          sectors=sectors)
        with clear_errors():
            graph = project(to_networkx(obj.store), spec)
        with progress_bar("metrics") as progress:
            results = compute_all(graph, chosen or METRICS, progress=progress, seed=seed)
    except ValueError as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"projection {kind}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    for name, result in results.items():
        click.echo(f"{name}: {result.describe()}")
        for key, label, value in top(result, top_n, graph):
            click.echo(f"  {value:>12.6g}  {label}  ({key})")
    if write:
        with clear_errors():
            written = write_metrics(obj.store, results, spec, dt.datetime.now(dt.UTC).replace(microsecond=0))
        click.echo(f"wrote {written} properties; rank by them with `queries run metrics/top-organisations`")


@metrics.command("top")
@click.argument("metric")
@click.option("-k", "top_n", default=10, show_default=True)
@_projection_options
@click.pass_obj
def metrics_top(obj: Context, metric: str, top_n: int, kind: str, start: str | None, end: str | None,
                programmes: tuple[str, ...], countries: tuple[str, ...], sectors: tuple[str, ...]) -> None:
    """The top nodes by one METRIC, computed on the chosen projection."""
    from graph.analytics.metrics import compute_all, top
    from graph.analytics.projections import Projection, project
    from graph.store.reads import to_networkx

    try:
        spec = Projection(kind=kind, start=start, end=end, programmes=programmes, countries=countries,
                          sectors=sectors)
        with clear_errors():
            graph = project(to_networkx(obj.store), spec)
        result = compute_all(graph, [metric])[metric]
    except (ValueError, KeyError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(result.describe())
    for key, label, value in top(result, top_n, graph):
        click.echo(f"{value:>12.6g}  {label}  ({key})")


@main.command()
@click.option("--for", "focal", multiple=True, required=True,
              help="A focal organisation or cluster as Kind:id (Organisation:pic:999977851, Cluster:iot-world).")
@click.option("--sector", "sectors", multiple=True, help="Wanted sector / topic id (esv:..., topic:...).")
@click.option("--country", "add_places", multiple=True, help="A country or region to add to the consortium.")
@click.option("--avoid", "avoid_places", multiple=True, help="A country or region to avoid.")
@click.option("--sme-share", type=float, default=None, help="Wanted share of SMEs (0-1).")
@click.option("--min-label", default=None, help="Minimum quality label (esca-bronze, esca-silver, esca-gold).")
@click.option("--include-existing", is_flag=True, help="Also list organisations already partnered with.")
@click.option("-k", "k", default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def recommend(obj: Context, focal: tuple[str, ...], sectors: tuple[str, ...], add_places: tuple[str, ...],
              avoid_places: tuple[str, ...], sme_share: float | None, min_label: str | None,
              include_existing: bool, k: int, fmt: str) -> None:
    """Ranked partner candidates for a new project, each with its score parts, reasons and paths."""
    from dataclasses import asdict

    from graph.analytics.recommend import RecommenderIndex, Requirements
    from graph.analytics.recommend import recommend as rank
    from graph.store.reads import to_networkx

    try:
        with clear_errors():
            index = RecommenderIndex(to_networkx(obj.store))
        requirements = Requirements(sectors=sectors, add_places=add_places, avoid_places=avoid_places,
                                    sme_share=sme_share, min_label=min_label)
        candidates = rank(index, list(focal), requirements, k=k, exclude_existing=not include_existing)
    except ValueError as e:
        raise click.ClickException(str(e)) from e
    if fmt == "json":
        click.echo(json.dumps([asdict(c) for c in candidates], ensure_ascii=False, indent=2))
        return
    for number, c in enumerate(candidates, start=1):
        parts = ", ".join(f"{name} {value:.2f}" for name, value in c.components.items() if value)
        click.echo(f"{number:>2}. {c.name}  ({c.key})  score {c.score:.3f}  [{parts}]")
        for reason in c.reasons:
            click.echo(f"      - {reason}")
        for path in c.paths:
            click.echo(f"      path: {path.text}")


if __name__ == "__main__":
    main()
