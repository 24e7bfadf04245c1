// Small shared helpers for the chart pages (timeline, network, map): SVG elements, colours,
// a tooltip, and the table of events a click picks. No library; data only ever goes through textContent.
var NG = (function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, parent) {
    var el = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function getJSON(url) {
    return fetch(url, {headers: {Accept: "application/json"}}).then(function (r) {
      if (!r.ok) { return r.json().then(function (b) { throw new Error(b.error || r.statusText); }); }
      return r.json();
    });
  }

  var TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  var TYPE_COLOURS = ["#2f9e44", "#69db7c", "#38d9a9", "#66a80f", "#1c7ed6", "#4dabf7", "#a9e34b", "#ffd43b",
                      "#ffa94d", "#f783ac", "#e8590c", "#cc5de8", "#845ef7", "#f03e3e", "#c92a2a", "#5c0a0a"];
  var QUAD_COLOURS = {"1": "#6fbf73", "2": "#1b8a3a", "3": "#f0a04b", "4": "#c62828"};
  var OTHER = ["#868e96", "#495057", "#adb5bd", "#343a40"];

  function keyColour(by, key, i) {
    if (by === "quad_class") { return QUAD_COLOURS[key] || OTHER[i % OTHER.length]; }
    var t = TYPES.indexOf(key);
    return t >= 0 ? TYPE_COLOURS[t] : OTHER[i % OTHER.length];
  }

  // Goldstein -10 (conflict, red) .. 0 (grey) .. +10 (cooperation, green).
  function goldsteinColour(g) {
    if (g === null || g === undefined) { return "#9e9e9e"; }
    var t = Math.max(-1, Math.min(1, g / 10));
    var from = [158, 158, 158];
    var to = t < 0 ? [198, 40, 40] : [27, 138, 58];
    var a = Math.abs(t);
    var c = from.map(function (v, i) { return Math.round(v + (to[i] - v) * a); });
    return "rgb(" + c.join(",") + ")";
  }

  var tipEl = null;
  function tip(text, ev) {
    if (!tipEl) { tipEl = document.createElement("div"); tipEl.className = "tip"; document.body.appendChild(tipEl); }
    if (!text) { tipEl.hidden = true; return; }
    tipEl.hidden = false;
    tipEl.textContent = text;
    tipEl.style.left = (ev.pageX + 12) + "px";
    tipEl.style.top = (ev.pageY + 12) + "px";
  }

  // Fetch events matching `params` and list them in the "picked" section.
  function pick(title, params) {
    var qs = new URLSearchParams(params);
    qs.set("limit", "100");
    document.getElementById("picked").hidden = false;
    document.getElementById("picked-title").textContent = title;
    qs.delete("limit");
    document.getElementById("picked-link").href = "/events?" + qs.toString();
    qs.set("limit", "100");
    var body = document.getElementById("picked-rows");
    body.textContent = "";
    return getJSON("/api/events?" + qs.toString()).then(function (data) {
      document.getElementById("picked-title").textContent = title + " · " + data.total + " events";
      data.items.forEach(function (e) {
        var tr = body.insertRow();
        [e.event_date, e.type, (e.source_code || "") + " " + (e.source_name || ""),
         (e.target_code || "") + " " + (e.target_name || ""), e.trigger_text, e.goldstein].forEach(function (v) {
          tr.insertCell().textContent = v === null || v === undefined ? "" : v;
        });
        var a = document.createElement("a");
        a.href = "/articles/" + encodeURIComponent(e.doc_id) + (e.id ? "#event-" + encodeURIComponent(e.id) : "");
        a.textContent = e.doc_id;
        tr.insertCell().appendChild(a);
      });
      document.getElementById("picked").scrollIntoView({block: "start"});
    });
  }

  function empty(container, message) {
    container.textContent = "";
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = message;
    container.appendChild(p);
  }

  return {svg: svg, getJSON: getJSON, keyColour: keyColour, goldsteinColour: goldsteinColour, tip: tip, pick: pick,
          empty: empty};
})();
