"""End to end, in headless Chromium: a path from the Partners page shows every label of its nodes whole inside the
network's frame. The labels of a focus and of a path are drawn at screen size, so fitting the nodes alone left the
last organisation's label half outside the frame (a try-out's path of five nodes: 999 px of a 940 px frame).

Reuses the app server, browser and page fixtures of tests/e2e_helpers.py (seeds, NUTS and CORDIS fixtures).
"""

from __future__ import annotations

from urllib.parse import quote

from tests.e2e_helpers import (  # noqa: F401  (fixtures)
    app_url,
    browser,
    fixture_store,
    needs_chromium,
    network_frame,
    page,
    screenshot,
    visit,
)

pytestmark = needs_chromium

#: Each labelled node's label as drawn: [name, left, right, frame width] in the frame's pixels.
LABEL_EXTENTS = """() => {
  const box = document.getElementById('mynetwork'), ctx = box.querySelector('canvas').getContext('2d');
  return window.ceLabelled.map(key => {
    const id = window.nodeOf(key), node = network.body.data.nodes.get(id);
    const at = network.canvasToDOM(network.getPosition(id));
    ctx.font = (node.pin === 1 ? 'bold 14px' : '12px') + ' sans-serif';
    const half = ctx.measureText(node.name).width / 2;
    return [node.name, at.x - half, at.x + half, box.clientWidth];
  });
}"""


def a_long_named_path(store) -> list[str]:
    """Five nodes, organisation - project - organisation - project - organisation, the ends long-named."""
    rows = store.read("MATCH (a:Organisation)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(b:Organisation)"
                      "-[:PARTICIPATES_IN]->(q:Project)<-[:PARTICIPATES_IN]-(c:Organisation) "
                      "WHERE size(a.name) > 25 AND size(c.name) > 25 AND a <> c AND a <> b AND b <> c AND p <> q "
                      "AND a.kind = 'Organisation' AND b.kind = 'Organisation' AND c.kind = 'Organisation' "
                      "RETURN a.id, p.id, b.id, q.id, c.id LIMIT 1").rows
    assert rows, "the fixture network has no such path"
    return [f"{kind}:{node_id}" for kind, node_id in zip(
        ("Organisation", "Project", "Organisation", "Project", "Organisation"), rows[0], strict=True)]


def test_a_paths_labels_lie_inside_the_frame(page, app_url, fixture_store):  # noqa: F811
    path = a_long_named_path(fixture_store)
    visit(page, app_url, "explore?path=" + quote(",".join(path)), "Explore")
    frame = network_frame(page)
    extents = frame.evaluate(LABEL_EXTENTS)
    screenshot(page, "path-labels")
    assert len(extents) == 5
    outside = [(name, round(left), round(right), width) for name, left, right, width in extents
               if left < 0 or right > width]
    assert outside == [], f"labels cut at the frame's edge: {outside}"
