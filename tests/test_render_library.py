"""The network page with its library served as a file (graph.views.render `library=`), read as a string."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from app_pages.explore_library import STATIC
from graph.errors import ParameterError
from graph.views import render

ROOT = Path(__file__).resolve().parents[1]


def small() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("Organisation:a", kind="Organisation", id="a", name="A")
    graph.add_node("Organisation:b", kind="Organisation", id="b", name="B")
    graph.add_edge("Organisation:a", "Organisation:b", type="PARTNER_OF")
    return graph


def test_the_static_file_is_the_library_pyvis_ships():
    assert STATIC == ROOT / "static"
    shipped = (STATIC / render.LIBRARY_FILE).read_text()
    assert shipped == render.library_text(), (
        f"static/{render.LIBRARY_FILE} differs from pyvis's vis-network: after a pyvis upgrade write it again with "
        "`python -c \"from graph.views import render; import pathlib; pathlib.Path('static', render.LIBRARY_FILE)"
        ".write_text(render.library_text())\"` (and rename it after the version)")


def test_a_page_with_the_library_as_a_file_loads_it_and_carries_the_rest():
    html = render.to_html(small(), library="/base/app/static/")
    assert f'<script src="/base/app/static/{render.LIBRARY_FILE}"></script>' in html
    assert render.library_text() not in html and len(html) < 20_000
    assert "new vis.Network(" in html and "div.vis-tooltip" in html  # the drawing script and the trimmed styles


def test_a_saved_page_is_self_contained():
    served = render.to_html(small(), library="/app/static/")
    saved = render.self_contained(served)
    assert saved == render.to_html(small())
    assert render.library_text() in saved and "<script src=" not in saved


def test_a_library_url_must_be_a_plain_folder():
    with pytest.raises(ParameterError, match="URL folder"):
        render.to_html(small(), library='"><script>alert(1)</script><x y="/')
