// Actor network: a small force layout in plain JS + SVG. Nodes are actors (by code), edges source -> target
// with width by event count and colour by mean Goldstein score; a click lists the events behind it.
(function () {
  "use strict";
  var box = document.getElementById("network");
  var filters = new URLSearchParams(box.dataset.filters);

  function params(extra) {
    var p = new URLSearchParams(filters);
    Object.keys(extra).forEach(function (k) { p.set(k, extra[k]); });
    return p;
  }

  // Fruchterman-Reingold with a little gravity, then scaled to fit the box.
  function layout(nodes, edges, W, H) {
    var byId = {};
    nodes.forEach(function (n, i) {
      var a = 2 * Math.PI * i / nodes.length, r = 100 + 3 * i;
      n.x = r * Math.cos(a); n.y = r * Math.sin(a);
      byId[n.id] = n;
    });
    edges.forEach(function (e) { e.s = byId[e.source]; e.t = byId[e.target]; });
    var k = 80, temp = 60;
    for (var step = 0; step < 300; step++) {
      nodes.forEach(function (n) { n.dx = -n.x * 0.1; n.dy = -n.y * 0.1; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
          if (d > 4 * k) { continue; }  // a cut-off, so unconnected groups do not drift off and squash the rest
          var f = k * k / d / d;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01, f = d / k;
        e.s.dx += dx * f; e.s.dy += dy * f; e.t.dx -= dx * f; e.t.dy -= dy * f;
      });
      nodes.forEach(function (n) {
        var d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 0.01, m = Math.min(d, temp);
        n.x += n.dx / d * m; n.y += n.dy / d * m;
      });
      temp = Math.max(0.5, temp * 0.985);
    }
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var pad = 60, sx = (W - 2 * pad) / ((x1 - x0) || 1), sy = (H - 2 * pad) / ((y1 - y0) || 1);
    sx = Math.min(sx, 2 * sy); sy = Math.min(sy, 2 * sx);  // fill the box, stretching at most twofold
    nodes.forEach(function (n) {
      n.x = W / 2 + (n.x - (x0 + x1) / 2) * sx; n.y = H / 2 + (n.y - (y0 + y1) / 2) * sy;
    });
  }

  function draw(data) {
    box.textContent = "";
    if (!data.edges.length) { NG.empty(box, "No events with both a source and a target match."); return; }
    var W = box.clientWidth || 900, H = box.clientHeight || 600;
    var s = NG.svg("svg", {viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "actor network"}, box);
    var defs = NG.svg("defs", {}, s);
    var marker = NG.svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
                                     markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"}, defs);
    NG.svg("path", {d: "M0,0 L10,5 L0,10 z", fill: "#555"}, marker);
    var nodes = data.nodes, edges = data.edges;
    layout(nodes, edges, W, H);
    var maxE = Math.max.apply(null, edges.map(function (e) { return e.events; }));
    var maxN = Math.max.apply(null, nodes.map(function (n) { return n.events; }));
    nodes.forEach(function (n) { n.r = 5 + 16 * Math.sqrt(n.events / maxN); });
    var edgeLayer = NG.svg("g", {}, s), nodeLayer = NG.svg("g", {}, s);

    function edgePath(e) {
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / d, uy = dy / d;
      var x1 = e.s.x + ux * e.s.r, y1 = e.s.y + uy * e.s.r, x2 = e.t.x - ux * (e.t.r + 2), y2 = e.t.y - uy * (e.t.r + 2);
      var cx = (x1 + x2) / 2 - uy * d * 0.12, cy = (y1 + y2) / 2 + ux * d * 0.12;  // bend: A->B and B->A stay apart
      return "M" + x1.toFixed(1) + "," + y1.toFixed(1) + " Q" + cx.toFixed(1) + "," + cy.toFixed(1) + " " + x2.toFixed(1) + "," + y2.toFixed(1);
    }
    edges.forEach(function (e) {
      e.el = NG.svg("path", {d: edgePath(e), fill: "none", stroke: NG.goldsteinColour(e.goldstein), "stroke-opacity": 0.8,
                             "stroke-width": (1 + 7 * Math.sqrt(e.events / maxE)).toFixed(1), "marker-end": "url(#arrow)",
                             "class": "edge", "data-source": e.source, "data-target": e.target}, edgeLayer);
      e.el.style.cursor = "pointer";
      e.el.addEventListener("mousemove", function (ev) {
        NG.tip(e.source + " → " + e.target + "\n" + e.events + " events (" + e.cooperation + " cooperation, " + e.conflict +
               " conflict)\nmean Goldstein " + e.goldstein, ev);
      });
      e.el.addEventListener("mouseleave", function () { NG.tip(null); });
      e.el.addEventListener("click", function () {
        NG.pick("Events " + e.source + " → " + e.target, params({source: e.source, target: e.target}));
      });
    });
    nodes.forEach(function (n) {
      var g = NG.svg("g", {"class": "node", transform: "translate(" + n.x + "," + n.y + ")", "data-id": n.id}, nodeLayer);
      NG.svg("circle", {r: n.r.toFixed(1), fill: "#fff", stroke: "#1f2328", "stroke-width": 1.5}, g);
      NG.svg("text", {y: (-n.r - 4).toFixed(1), "text-anchor": "middle"}, g).textContent = n.id;
      n.el = g;
      var moved = false;
      g.addEventListener("mousemove", function (ev) {
        NG.tip(n.id + (n.name !== n.id ? " · " + n.name : "") + "\n" + n.events + " events (" + n.sent + " as source, " + n.received + " as target)", ev);
      });
      g.addEventListener("mouseleave", function () { NG.tip(null); });
      g.addEventListener("mousedown", function (ev) {
        ev.preventDefault();
        moved = false;
        var pt = s.createSVGPoint();
        function move(mv) {
          pt.x = mv.clientX; pt.y = mv.clientY;
          var p = pt.matrixTransform(s.getScreenCTM().inverse());
          n.x = p.x; n.y = p.y; moved = true;
          g.setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
          edges.forEach(function (e) { if (e.s === n || e.t === n) { e.el.setAttribute("d", edgePath(e)); } });
        }
        function up() { window.removeEventListener("mousemove", move); window.removeEventListener("mouseup", up); }
        window.addEventListener("mousemove", move);
        window.addEventListener("mouseup", up);
      });
      g.addEventListener("click", function () {
        if (moved) { return; }
        NG.pick("Events involving " + n.id, params({involving: n.id}));
      });
    });
  }

  NG.getJSON("/api/network?" + filters.toString()).then(draw, function (err) { NG.empty(box, "Cannot load the network: " + err.message); });
})();
