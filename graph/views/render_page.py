"""The HTML page a network view is drawn in (`graph.views.render` fills it): vis-network in-lined (or loaded
from the app's static files, `library=`), a bar with the PNG button, the note and the legend, and the script
that draws the network.

Beside vis-network's own drawing the script draws, after each frame, the labels of the focus and of the
most important nodes at a fixed size on screen (vis-network hides every label smaller than 7 px, so a
zoomed-out view of a thousand nodes had none), and the focus as a marked disc however far out the view
is zoomed. A label goes below its disc, or above it when that would cover a label drawn already (two hubs side by
side had one name), else right or left of it, else is left out. The first view is zoomed out until every such label
lies inside the frame. The keys it labelled are in `window.ceLabelled`, their boxes in
`window.ceLabelBoxes`, for the end-to-end tests.
"""

TEMPLATE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<style>{% include 'cluster_explorer_network.css' %}</style>
{% if heading.library %}<script src="{{heading.library}}{{heading.library_file}}"></script>
{% else %}<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
{% endif %}<style>
 body { margin: 0; font-family: sans-serif; font-size: 13px; }
 #ce-bar { display: flex; gap: 12px; align-items: center; padding: 4px 2px; }
 #ce-bar button { font: inherit; padding: 2px 10px; cursor: pointer; }
 #ce-note { color: #555; } #ce-selected { color: #222; font-weight: 600; white-space: pre; overflow: hidden; }
 #mynetwork { width: {{width}}; height: {{height}}; border: 1px solid #ddd; position: relative; }
 .ce-tip { white-space: pre-line; max-width: 420px; }
 #ce-legend > span { margin-right: 8px; white-space: nowrap; }
 .ce-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 5px; margin-right: 3px; }
</style></head>
<body>
<div id="ce-bar"><button id="ce-png" type="button">Download PNG</button>
<span id="ce-note"></span><span id="ce-legend"></span><span id="ce-selected"></span></div>
<div id="mynetwork"></div>
<script>
(function () {
  function plainText(text) {
    var element = document.createElement("div");
    element.className = "ce-tip";
    element.textContent = text;
    return element;
  }
  var edgeTypes = {{heading.edge_types|tojson}};  // an edge whose tooltip is its type alone names it by number
  var tipLines = {{heading.tip_lines|tojson}};  // lines of node tooltips that more than one node has
  function nodeTitle(item) {  // the name unless it is the label, "kind · id" unless it is the key, the lines
    var colon = item.key.indexOf(":");
    var lines = [item.tn !== undefined ? item.tn : item.label,
                 item.tk !== undefined ? item.tk : item.key.slice(0, colon) + " · " + item.key.slice(colon + 1)];
    (item.tip || []).forEach(function (line) { lines.push(typeof line === "number" ? tipLines[line] : line); });
    delete item.tn; delete item.tk; delete item.tip;
    return lines.join("\\n");
  }
  function inert(items) {
    items.forEach(function (item) {
      if (item.key !== undefined) { item.title = nodeTitle(item); }
      if (item.t !== undefined) { item.title = edgeTypes[item.t]; delete item.t; }
      if (typeof item.title === "string") { item.title = plainText(item.title); }
    });
    return items;
  }
  var nodes = new vis.DataSet(inert({{nodes|tojson}}));
  var edges = new vis.DataSet(inert({{edges|tojson}}));
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {{options|safe}});
  window.network = network;
  window.nodeOf = function (key) {
    var found = nodes.get({filter: function (n) { return n.key === key; }});
    return found.length ? found[0].id : null;
  };
  var heading = {note: {{heading.note|tojson}}, legend: {{heading.legend|tojson}}};
  document.getElementById("ce-note").textContent = heading.note;
  heading.legend.forEach(function (entry) {
    var item = document.createElement("span");
    var swatch = document.createElement("span");
    swatch.className = "ce-swatch"; swatch.style.background = entry[1];
    item.appendChild(swatch); item.appendChild(document.createTextNode(entry[0]));
    document.getElementById("ce-legend").appendChild(item);
  });
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore();
  });
  network.once("afterDrawing", function () {
    if (network.getScale() > 1) { network.moveTo({scale: 1}); }  // a few nodes: fit, but never magnify
    keepLabelsInside();
    window.ceDrawnAt = Date.now();
    document.body.setAttribute("data-drawn", String(nodes.length));
  });
  // The labels drawn here are of a fixed size on screen, so a fit of the nodes alone left those near the edge half
  // outside ("Greiner Packaging Gmb", a path's last organisation): zoom out until each label's widest reach lies
  // `PAD` pixels inside, across and down; the nodes' spread shrinks with the zoom, the labels do not.
  var PAD = 8;
  function keepLabelsInside() {
    var ctx = container.querySelector("canvas").getContext("2d"), scale = network.getScale(), room = 1;
    var halfX = container.clientWidth / 2, halfY = container.clientHeight / 2;
    pinned.forEach(function (n) {
      ctx.font = (n.pin === 1 ? "bold 14px" : "12px") + " sans-serif";
      var at = network.canvasToDOM(network.getPosition(n.id)), radius = Math.max(n.size * scale, n.pin === 1 ? 10 : 3);
      var across = ctx.measureText(n.name).width / 2 + 2 + PAD, down = radius + 3 + (n.pin === 1 ? 17 : 15) + PAD;
      [[Math.abs(at.x - halfX), across, halfX], [Math.abs(at.y - halfY), down, halfY]].forEach(function (axis) {
        if (axis[0] > 0 && axis[0] + axis[1] > axis[2]) {
          room = Math.min(room, Math.max(axis[2] - axis[1], 20) / axis[0]);
        }
      });
    });
    if (room < 1) { network.moveTo({scale: scale * room}); }
  }
  // Labels of the focus and of the most important nodes ("pin": 1 focus or path, 2 important), drawn at a
  // readable size in screen pixels whatever the zoom; vis-network hides labels below 7 px on screen.
  var pinned = nodes.get({filter: function (n) { return n.pin; }}).sort(function (a, b) {
    return a.pin - b.pin || b.size - a.size; });
  network.on("afterDrawing", function (ctx) {
    var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || ctx.canvas.width), scale = network.getScale();
    var placed = [], drawn = [];
    ctx.save(); ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    pinned.forEach(function (n) {
      var at = network.canvasToDOM(network.getPosition(n.id)), radius = n.size * scale;
      if (n.pin === 1 && radius < 10) {  // the focus stays a marked disc, never a dot
        radius = 10; ctx.beginPath(); ctx.arc(at.x, at.y, radius, 0, 2 * Math.PI);
        ctx.fillStyle = n.color.background || n.color; ctx.fill();
        ctx.lineWidth = 3; ctx.strokeStyle = "#111111"; ctx.stroke();
      }
      ctx.font = (n.pin === 1 ? "bold 14px" : "12px") + " sans-serif";
      // below the disc, else above it (two hubs side by side hid the second's name), else right or left of it (a
      // small view labels every node), else not drawn
      var half = ctx.measureText(n.name).width / 2 + 2, tall = n.pin === 1 ? 17 : 15, gap = Math.max(radius, 3) + 3;
      var box = null, mid = at.y - tall / 2;
      [[at.x, at.y + gap], [at.x, at.y - gap - tall], [at.x + gap + half, mid], [at.x - gap - half, mid]].some(
        function (spot) {
          var tried = [spot[0] - half, spot[1] - 1, spot[0] + half, spot[1] + tall];
          var hit = placed.some(function (b) {
            return tried[0] < b[2] && b[0] < tried[2] && tried[1] < b[3] && b[1] < tried[3]; });
          if (!hit || n.pin === 1) { box = tried; }
          return box !== null;
        });
      if (box === null) { return; }
      var x = (box[0] + box[2]) / 2, top = box[1] + 1;
      placed.push(box); drawn.push(n.key);
      ctx.lineWidth = 4; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.strokeText(n.name, x, top);
      ctx.fillStyle = "#111111"; ctx.fillText(n.name, x, top);
    });
    ctx.restore();
    window.ceLabelled = drawn; window.ceLabelBoxes = placed;
  });
  network.on("click", function (params) {
    var shown = document.getElementById("ce-selected");
    var node = params.nodes.length ? nodes.get(params.nodes[0]) : null;
    shown.textContent = node ? node.label + "  (" + node.key + ")" : "";
  });
  document.getElementById("ce-png").addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = container.querySelector("canvas").toDataURL("image/png");
    link.download = "network.png";
    document.body.appendChild(link); link.click(); link.remove();
  });
})();
</script>
</body></html>
"""
