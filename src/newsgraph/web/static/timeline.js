// Events explorer timeline: stacked bars of events per day (or week, month) by PLOVER type or quad class,
// and a line of the mean Goldstein score on a -10..+10 axis at the right.
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  var legend = document.getElementById("timeline-legend");
  var filters = box.dataset.filters;

  function draw(data) {
    box.textContent = "";
    legend.textContent = "";
    if (!data.days.length) { NG.empty(box, "No dated events match."); return; }
    var W = Math.max(box.clientWidth, 400), H = 260, m = {l: 44, r: 44, t: 12, b: 34};
    var s = NG.svg("svg", {viewBox: "0 0 " + W + " " + H, height: H, role: "img", "aria-label": "events timeline"}, box);
    var t0 = Date.parse(data.days[0].day), t1 = Date.parse(data.days[data.days.length - 1].day);
    var stepMs = {day: 864e5, week: 7 * 864e5, month: 30.4 * 864e5}[data.bucket];
    var slots = Math.max(1, Math.round((t1 - t0) / stepMs) + 1);
    var bw = (W - m.l - m.r) / slots;
    var max = Math.max.apply(null, data.days.map(function (d) { return d.total; }));
    function x(day) { return m.l + Math.round((Date.parse(day) - t0) / stepMs) * bw; }
    function y(n) { return H - m.b - (n / max) * (H - m.t - m.b); }
    function yg(g) { return m.t + (10 - g) / 20 * (H - m.t - m.b); }
    // axes
    NG.svg("line", {x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, stroke: "#999"}, s);
    [0, Math.ceil(max / 2), max].forEach(function (n) {
      NG.svg("text", {x: m.l - 6, y: y(n) + 4, "text-anchor": "end", "font-size": 11, fill: "#667085"}, s).textContent = n;
    });
    [-10, 0, 10].forEach(function (g) {
      NG.svg("text", {x: W - m.r + 6, y: yg(g) + 4, "font-size": 11, fill: "#667085"}, s).textContent = (g > 0 ? "+" : "") + g;
      NG.svg("line", {x1: m.l, x2: W - m.r, y1: yg(g), y2: yg(g), stroke: "#eee", "stroke-dasharray": g === 0 ? "4 3" : "1 4"}, s);
    });
    // Ticks evenly spaced in time (not in data points), so sparse data spread over years stays readable.
    var ticks = Math.min(7, slots);
    for (var i = 0; i < ticks; i++) {
      var slot = Math.round(i * (slots - 1) / Math.max(1, ticks - 1));
      var label = new Date(t0 + slot * stepMs).toISOString().slice(0, data.bucket === "month" ? 7 : 10);
      NG.svg("text", {x: m.l + slot * bw + bw / 2, y: H - m.b + 16, "text-anchor": "middle", "font-size": 11,
                      fill: "#667085"}, s).textContent = label;
    }
    // bars
    data.days.forEach(function (d) {
      var base = 0;
      data.keys.forEach(function (k, i) {
        var n = d.counts[k];
        if (!n) { return; }
        var r = NG.svg("rect", {x: x(d.day) + 0.5, width: Math.max(1, bw - 1), y: y(base + n), height: y(base) - y(base + n),
                                fill: NG.keyColour(data.by, k, i)}, s);
        r.addEventListener("mousemove", function (ev) { NG.tip(d.day + "\n" + data.labels[k] + ": " + n + " of " + d.total +
                                                           "\nmean Goldstein " + (d.goldstein === null ? "n/a" : d.goldstein), ev); });
        r.addEventListener("mouseleave", function () { NG.tip(null); });
        base += n;
      });
    });
    // Goldstein line
    var pts = data.days.filter(function (d) { return d.goldstein !== null; })
      .map(function (d) { return (x(d.day) + bw / 2).toFixed(1) + "," + yg(d.goldstein).toFixed(1); });
    if (pts.length) {
      NG.svg("polyline", {points: pts.join(" "), fill: "none", stroke: "#1f2328", "stroke-width": 1.5}, s);
      pts.forEach(function (p) { var xy = p.split(","); NG.svg("circle", {cx: xy[0], cy: xy[1], r: 2.2, fill: "#1f2328"}, s); });
    }
    data.keys.forEach(function (k, i) {
      var span = document.createElement("span");
      var sw = document.createElement("i");
      sw.style.background = NG.keyColour(data.by, k, i);
      span.appendChild(sw);
      span.appendChild(document.createTextNode(data.labels[k] + " (" + data.totals[k] + ")"));
      legend.appendChild(span);
    });
  }

  function load() {
    var by = document.querySelector('input[name="by"]:checked').value;
    NG.getJSON("/api/events/timeline?" + filters + (filters ? "&" : "") + "by=" + by)
      .then(draw, function (err) { NG.empty(box, "Cannot load the timeline: " + err.message); });
  }
  document.querySelectorAll('input[name="by"]').forEach(function (r) { r.addEventListener("change", load); });
  load();
})();
