"""The project's documents link to each other and to their own sections; a section renamed or moved (the
README's benchmark history went to docs/benchmarks.md) must not leave a reader at a dead link. Checked here
from the files themselves: every relative link names a file that exists, and every `#anchor` a heading of
that file (GitHub's rule: lower case, punctuation dropped, spaces as hyphens)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6} (.+?)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def anchor(heading: str) -> str:
    """GitHub's anchor of a heading: `## Loads: all or nothing` -> `loads-all-or-nothing`."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    return {anchor(h) for h in _HEADING.findall(text)}


def links(path: Path) -> list[str]:
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    return [t for t in _LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def test_anchors_follow_githubs_rule():
    assert anchor("Loads: all or nothing, or completed by the next run") == \
        "loads-all-or-nothing-or-completed-by-the-next-run"
    assert anchor("Measured: the app at 10x in Chromium (issue 13)") == "measured-the-app-at-10x-in-chromium-issue-13"
    assert "docs/benchmarks.md" in links(ROOT / "README.md") and "benchmarks" in anchors(ROOT / "README.md")


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_and_anchor_exists(document):
    dead = []
    for target in links(document):
        file_part, _, fragment = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        if not linked.exists():
            dead.append(f"{target}: no file {linked}")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            dead.append(f"{target}: no heading #{fragment} in {linked.name}")
    assert dead == []
