"""How `recommend` prints partner candidates, partner clusters and consortium gaps (table or JSON).

A note on what the ranking rests on (a consortium without projects) goes to stderr, so JSON on stdout
stays a plain list of candidates.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click
import networkx as nx

from graph.store.schema import is_cluster

__all__ = ["all_clusters", "candidates", "gaps"]


def all_clusters(G: nx.MultiDiGraph, focal: tuple[str, ...]) -> bool:
    return all(key in G and is_cluster(G.nodes[key]) for key in focal)


def _lines(number: int, c: Any, indent: str = "") -> list[str]:
    parts = ", ".join(f"{name} {value:.2f}" for name, value in c.components.items() if value)
    lines = [f"{indent}{number:>2}. {c.name}  ({c.key})  score {c.score:.3f}  [{parts}]"]
    lines += [f"{indent}      - {reason}" for reason in c.reasons]
    lines += [f"{indent}      path: {path.text}" for path in c.paths]
    return lines




def candidates(found: list, note: str | None, fmt: str, why_none: str | None) -> None:
    """The ranked candidates; when there is none, `why_none` (on stderr with JSON, so stdout stays a list)."""
    if note:
        click.echo(f"note: {note}", err=True)
    if not found:
        click.echo(f"no candidate: {why_none}", err=fmt == "json")
    if fmt == "json":
        click.echo(json.dumps([asdict(c) for c in found], ensure_ascii=False, indent=2))
        return
    for number, c in enumerate(found, start=1):
        click.echo("\n".join(_lines(number, c)))


def gaps(result: Any, fmt: str, why_unfilled: Any = lambda rule: None) -> None:
    """The met rules, then each gap with who fills it; `why_unfilled(rule)`: why no one does, when an input is
    missing from the store (on stderr)."""
    if result.note:
        click.echo(f"note: {result.note}", err=True)
    if fmt == "json":
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    for text in result.met:
        click.echo(f"met: {text}")
    if not result.gaps:
        click.echo("no gap: the consortium meets every rule given")
    for gap in result.gaps:
        click.echo(f"gap ({gap.rule}): {gap.text}")
        if not gap.candidates:
            click.echo(f"    {gap.unfilled()}")
            if why := why_unfilled(gap.rule):
                click.echo(why, err=True)
        for number, c in enumerate(gap.candidates, start=1):
            click.echo("\n".join(_lines(number, c, "  ")))
