// World map: Natural Earth country outlines (vendored world-atlas TopoJSON, decoded by topojson-client) in an
// equirectangular projection, with event locations and mentioned places as circles. Zoom and pan move the viewBox.
(function () {
  "use strict";
  var box = document.getElementById("map");
  var filters = new URLSearchParams(box.dataset.filters);
  var S = 4;  // SVG units per degree
  function px(lon) { return (lon + 180) * S; }
  function py(lat) { return (90 - lat) * S; }
  var home = {x: 0, y: py(84), w: 360 * S, h: (84 + 58) * S};  // without Antarctica
  var view = Object.assign({}, home);
  var s = NG.svg("svg", {role: "img", "aria-label": "world map"}, box);
  var land = NG.svg("g", {}, s), dots = NG.svg("g", {}, s);
  var circles = [];

  function ring(coords) {
    return "M" + coords.map(function (c) { return px(c[0]).toFixed(1) + "," + py(c[1]).toFixed(1); }).join("L") + "Z";
  }
  // A ring that crosses the antimeridian (Russia, Fiji) is unwrapped into one piece and drawn twice,
  // 360 degrees apart, instead of being joined by a line across the whole map.
  function rings(coords) {
    var out = [], shift = 0, prev = null, wrapped = false;
    coords.forEach(function (c) {
      if (prev !== null && Math.abs(c[0] + shift - prev) > 180) { shift += c[0] + shift > prev ? -360 : 360; wrapped = true; }
      prev = c[0] + shift;
      out.push([prev, c[1]]);
    });
    if (!wrapped) { return [out]; }
    var east = out.some(function (c) { return c[0] > 180; });
    return [out, out.map(function (c) { return [c[0] + (east ? -360 : 360), c[1]]; })];
  }
  function pathOf(geom) {
    if (!geom) { return ""; }
    var polys = geom.type === "Polygon" ? [geom.coordinates] : geom.type === "MultiPolygon" ? geom.coordinates : [];
    return polys.map(function (p) {
      return p.map(function (r) { return rings(r).map(ring).join(""); }).join("");
    }).join("");
  }

  function apply() {
    s.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" "));
    var zoom = home.w / view.w;
    circles.forEach(function (c) { c.el.setAttribute("r", (c.r / zoom).toFixed(2)); c.el.setAttribute("stroke-width", (0.8 / zoom).toFixed(2)); });
  }
  function zoomBy(f, cx, cy) {
    var w = Math.max(home.w / 40, Math.min(home.w, view.w / f)), h = w * home.h / home.w;
    cx = cx === undefined ? view.x + view.w / 2 : cx; cy = cy === undefined ? view.y + view.h / 2 : cy;
    view = {x: cx - (cx - view.x) * w / view.w, y: cy - (cy - view.y) * h / view.h, w: w, h: h};
    apply();
  }
  function resize() { s.setAttribute("height", Math.round(box.clientWidth * home.h / home.w)); }

  s.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var pt = s.createSVGPoint(); pt.x = ev.clientX; pt.y = ev.clientY;
    var p = pt.matrixTransform(s.getScreenCTM().inverse());
    zoomBy(ev.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, {passive: false});
  var drag = null;
  s.addEventListener("mousedown", function (ev) { drag = {x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y}; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) { return; }
    var k = view.w / box.clientWidth;
    view.x = drag.vx - (ev.clientX - drag.x) * k; view.y = drag.vy - (ev.clientY - drag.y) * k;
    apply();
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomBy(1.6); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomBy(1 / 1.6); });
  document.getElementById("zoom-reset").addEventListener("click", function () { view = Object.assign({}, home); apply(); });

  function point(lon, lat, r, fill, title, onclick, cls) {
    var el = NG.svg("circle", {cx: px(lon).toFixed(2), cy: py(lat).toFixed(2), fill: fill, "fill-opacity": 0.75,
                               stroke: "#fff", "class": "pt " + cls}, dots);
    el.addEventListener("mousemove", function (ev) { NG.tip(title, ev); });
    el.addEventListener("mouseleave", function () { NG.tip(null); });
    el.addEventListener("mousedown", function (ev) { ev.stopPropagation(); });
    if (onclick) { el.addEventListener("click", onclick); }
    circles.push({el: el, r: r});
  }

  function drawPoints(data) {
    var maxP = Math.max.apply(null, [1].concat(data.places.map(function (p) { return p.mentions; })));
    data.places.forEach(function (p) {
      point(p.lon, p.lat, 3 + 9 * Math.sqrt(p.mentions / maxP), "#0b7285",
            p.name + (p.country ? " (" + p.country + ")" : "") + "\n" + p.mentions + " mentions in " + p.documents + " articles",
            null, "place");
    });
    var maxE = Math.max.apply(null, [1].concat(data.events.map(function (e) { return e.events; })));
    data.events.forEach(function (e) {
      point(e.lon, e.lat, 4 + 14 * Math.sqrt(e.events / maxE), NG.goldsteinColour(e.goldstein),
            (e.name || "?") + (e.country ? " (" + e.country + ")" : "") + "\n" + e.events + " events, mean Goldstein " + e.goldstein,
            function () {
              var p = new URLSearchParams(filters);
              if (e.name) { p.set("location", e.name); }
              NG.pick("Events at " + (e.name || e.lat + ", " + e.lon), p);
            }, "event");
    });
    apply();
  }

  resize();
  window.addEventListener("resize", resize);
  apply();
  NG.getJSON("/static/vendor/countries-110m.json").then(function (topo) {
    var countries = topojson.feature(topo, topo.objects.countries).features;
    countries.forEach(function (c) {
      var path = NG.svg("path", {d: pathOf(c.geometry), "class": "country"}, land);
      NG.svg("title", {}, path).textContent = c.properties.name;
    });
  }).then(function () { return NG.getJSON("/api/map?" + filters.toString()); })
    .then(drawPoints, function (err) { box.appendChild(document.createTextNode("Cannot load the map: " + err.message)); });
})();
