"""`status`, `query` and `queries ...`: what the store holds, your own read-only Cypher, the saved library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.main import Context, main
from cli.options import (
    ROW_CAP,
    TIME_LIMIT,
    Named,
    as_json_or_text,
    as_typed_text,
    outdated_said,
    parse_params,
    say_two_readings,
)
from cli.output import render
from graph.collation import reading_order
from graph.nearest import did_you_mean
from graph.store.backends import other_graphs
from graph.store.load_log import UNLOADING, unfinished_loads, unfinished_parts
from graph.store.reads import counts, last_loads
from graph.wording import counted
from queries.missing import why_adhoc_empty, why_empty
from queries.own import read_own


@main.command()
@click.pass_obj
def status(obj: Context) -> None:
    """Store kind, location, counts per label and relationship type, and the last loads."""
    store = obj.store
    labels, types = counts(store)
    loads = last_loads(store, limit=100)
    click.echo(f"store: {store.kind} at {store.location}")
    click.echo("nodes:" if labels else "nodes: none (run `cluster-explorer load sample` for the bundled real "
               "network, or load your own files: see `cluster-explorer load --help`)")
    others = [] if labels else other_graphs(store)
    if others:
        click.echo(f"  the store's file holds other graphs: {', '.join(others)}; this one is {store.graph_name!r} "
                   "(CLUSTER_EXPLORER_GRAPH): is it mistyped?")
    for label, n in sorted(labels.items()):
        click.echo(f"  {label:<14}{n:>9}")
    if types:
        click.echo("relationships:")
    for rel_type, n in sorted(types.items()):
        click.echo(f"  {rel_type:<16}{n:>7}")
    if loads:
        click.echo("last loads:")
    for entry in loads[:10]:
        if entry.get("status") == "started":
            click.echo(f"  {entry['started_at']}  {entry['source']:<24} started, not finished")
        elif entry.get("status") == UNLOADING:
            click.echo(f"  {entry['unload_started_at']}  {entry['source']:<24} unload started, not finished")
        else:
            click.echo(f"  {entry['loaded_at']}  {entry['source']:<24} {entry['nodes']} nodes, "
                       f"{entry['relationships']} relationships")
    if loads and (outdated := outdated_said(store)):
        click.echo(f"outdated: {outdated}")
    from loaders.reader_version import older_reads_said

    for older in older_reads_said(loads):
        click.echo(f"outdated: {older}")
    unfinished, running = unfinished_loads(store, loads)
    for entry in unfinished:
        what, since, again = unfinished_parts(entry)
        if entry in running:
            click.echo(f"running: {what} started at {since} has not finished yet")
        else:
            click.echo(f"interrupted: {what} started at {since} did not finish; {again}")


#: The options `query` and `queries run` share, declared once.
format_option = click.option("--format", "fmt", type=Named(["table", "csv", "json"]), default="table",
                             show_default=True)
row_cap_option = click.option("--limit", "row_cap", type=ROW_CAP, default=None,
                              help="Rows shown at most (default: CLUSTER_EXPLORER_ROW_CAP).")


@main.command()
@click.argument("cypher")
@click.option("-p", "--param", "params", multiple=True,
              help='A parameter as key=value; the value is JSON when it parses (5, true, "123"), else text.')
@format_option
@click.option("--timeout", type=TIME_LIMIT, default=None,
              help="Time limit in seconds (default: CLUSTER_EXPLORER_QUERY_TIMEOUT).")
@row_cap_option
@click.pass_obj
def query(obj: Context, cypher: str, params: tuple[str, ...], fmt: str, timeout: float | None,
          row_cap: int | None) -> None:
    """Run read-only CYPHER with parameters; the database refuses writes and stops it at the time limit.

    EXPLAIN first shows the plan and runs nothing; PROFILE is refused (it would run outside the read-only path)."""
    if cypher.strip().lower() in _SAVED_QUERY_WORDS:  # `query list` for `queries list`: a Cypher error said nothing
        raise click.UsageError(f"{cypher.strip()!r} is no Cypher: the saved queries are `cluster-explorer queries "
                               f"{cypher.strip().lower()}` (with an s); `query` runs your own Cypher")
    values = {key: as_json_or_text(raw) for key, raw in parse_params(params).items()}
    result = read_own(obj.store, cypher, values, timeout_s=timeout, row_cap=row_cap)
    click.echo(render(result, fmt))
    if not result.rows and (message := why_adhoc_empty(obj.store, cypher, values)):
        click.echo(message, err=True)
    if result.truncated:
        click.echo(f"(showing the first {counted(len(result.rows), 'row')}; raise --limit to see more)", err=True)


#: The commands of `queries`, which `query` takes for Cypher.
_SAVED_QUERY_WORDS = ("list", "show", "run")


@main.group()
def queries() -> None:
    """The saved-query library (queries/ plus your own folder)."""


def _catalogue(obj: Context, name: str | None = None):
    """The library, its files' problems said on stderr: all of them for a listing; for one query (`name`), those
    of its own file (why it may be missing) and how many other files have some (every run repeated them all)."""
    from queries.catalogue import load_catalogue

    catalogue = load_catalogue(obj.settings.user_queries_dir)
    mine = [p for p in catalogue.problems if name is None or Path(p.file).as_posix().endswith(f"/{name}.cypher")]
    for problem in mine:
        click.echo(f"warning: {problem}", err=True)
    others = len({p.file for p in catalogue.problems} - {p.file for p in mine})
    if others:
        click.echo(f"warning: {others} other saved-query file(s) of yours have problems; `cluster-explorer queries "
                   "list` names them", err=True)
    return catalogue


@queries.command("list")
@click.option("--tag", default=None, help="Only queries with this tag.")
@click.pass_obj
def queries_list(obj: Context, tag: str | None) -> None:
    """Names, titles and tags of the saved queries."""
    from queries.old_folder import left_behind_note

    if note := left_behind_note(obj.settings.user_queries_dir):  # listed nowhere else, and taken for lost
        click.echo(f"note: {note}", err=True)
    listed = sorted(_catalogue(obj).queries.items(), key=lambda item: reading_order(item[0]))
    tags = sorted({t for _, q in listed for t in q.tags}, key=reading_order)
    wanted = next((t for t in tags if t.casefold() == tag.strip().casefold()), tag) if tag else None
    if wanted and wanted not in tags:  # `--tag cluster` listed nothing, and said nothing
        raise click.BadParameter(f"no saved query has the tag {tag!r}{did_you_mean(wanted, tags, cutoff=0.6)}"
                                 f"; the tags: {', '.join(tags)}", param_hint="'--tag'")
    for name, q in listed:
        if wanted and wanted not in q.tags:
            continue
        mark = " (yours)" if q.origin == "user" else ""
        click.echo(f"{name:<40} {q.title}{mark}  [{', '.join(q.tags)}]")


@queries.command("show")
@click.argument("name")
@click.pass_obj
def queries_show(obj: Context, name: str) -> None:
    """A query's description, parameters and Cypher."""
    q = _catalogue(obj, name).get(name)
    click.echo(f"{q.name}: {q.title}\n{q.description}\ntags: {', '.join(q.tags)}\nfile: {q.path}")
    click.echo(f"requires: {q.requires.text() or 'nothing declared'}")
    for p in q.params:
        extra = f" choices: {', '.join(p.choices)}" if p.choices else (" (suggested values)" if p.suggest else "")
        click.echo(f"  -p {p.name}=<{p.type}>  default: {p.default!r}{extra}  {p.help}")
    if q.example:
        click.echo(f"example: {json.dumps(q.example, ensure_ascii=False)}")
    click.echo("\n" + q.cypher)


def _export_format(fmt: str, out: Path) -> str:
    """CSV or JSON, as `--out`'s suffix says (or `--format` for a file without one); a suffix of another format
    (`.xlsx` got CSV inside) or one that `--format` contradicts is refused."""
    suffix = out.suffix.lower().lstrip(".")
    if suffix and suffix not in ("csv", "json"):
        raise click.BadParameter(f"{out.name}: --out writes CSV or JSON; name the file .csv or .json (a .{suffix} "
                                 "file would hold CSV)", param_hint="'--out'")
    if suffix and fmt in ("csv", "json") and fmt != suffix:
        raise click.BadParameter(f"--format {fmt} but the file is .{suffix}; give one of them",
                                 param_hint="'--out'")
    return suffix or ("json" if fmt == "json" else "csv")


@queries.command("run")
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True,
              help='A parameter as key=value, converted by its declared type; JSON text ("123") allowed.')
@format_option
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write all rows (no cap) to this file: CSV or JSON, as its suffix (.csv, .json) says.")
@click.option("--timeout", type=TIME_LIMIT, default=None,
              help="Time limit in seconds (default: the query's, else CLUSTER_EXPLORER_QUERY_TIMEOUT).")
@row_cap_option
@click.pass_obj
def queries_run(obj: Context, name: str, params: tuple[str, ...], fmt: str, out: Path | None,
                timeout: float | None, row_cap: int | None) -> None:
    """Run a saved query with typed parameters, read-only and time-limited."""
    from queries.runner import bind_params, export_rows, run_saved

    raw = {key: as_typed_text(value) for key, value in parse_params(params).items()}
    catalogue, taken = _catalogue(obj, name), []
    if out is not None:
        query = catalogue.get(name)
        _say_readings(query, raw)
        bound = bind_params(query, raw)
        export_fmt = _export_format(fmt, out)
        try:
            handle = out.open("w", encoding="utf-8", newline="")
        except OSError as e:
            raise click.BadParameter(f"cannot write {out}: {e.strerror}", param_hint="'--out'") from None
        with handle:
            rows = export_rows(obj.store, query, bound, export_fmt, handle, timeout_s=timeout,
                               default_timeout_s=obj.settings.query_timeout_s, taken=taken)
        _say_taken(taken)
        click.echo(f"wrote {counted(rows, 'row')} to {out}")
        _say_limit(bound, rows)
        return
    query, bound, result = run_saved(obj.store, catalogue, name, raw, timeout_s=timeout, row_cap=row_cap,
                                     default_timeout_s=obj.settings.query_timeout_s, taken=taken)
    _say_readings(query, raw)
    _say_taken(taken)
    click.echo(render(result, fmt))
    if not result.rows and (message := why_empty(obj.store, query, bound)):
        click.echo(message, err=True)
    if result.truncated:
        click.echo(f"(showing the first {counted(len(result.rows), 'row')}; use --out FILE for all of them)", err=True)
    _say_limit(bound, len(result.rows))


def _say_readings(query, raw: dict) -> None:
    """A date or number parameter given in a form that may mean two values (`on=01/02/2024`), said on stderr."""
    kinds = {p.name: p.type for p in query.params}
    for key, value in raw.items():
        if kinds.get(key) in ("date", "float"):
            say_two_readings(f"-p {key}", kinds[key], value)


def _say_taken(taken: list[str]) -> None:
    """Which node each name given for a node was taken as ("organisation 'Lund' is LUNDS KOMMUN (...)"), on
    stderr: a short name may be another body than the one meant."""
    for line in taken:
        click.echo(f"({line})", err=True)


def _say_limit(bound: dict, rows: int) -> None:
    """A query's own `limit` reached: more rows may answer (`--out` writes every row up to it)."""
    from queries.runner import limit_reached

    if said := limit_reached(bound, rows):
        click.echo(f"({said})", err=True)
