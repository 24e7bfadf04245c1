// Article page: hovering a mark shows its record; clicking pins it and lights the list entry;
// the list beside the text scrolls to and flashes each span. Cards are built with textContent only.
(function () {
  "use strict";
  var cards = JSON.parse(document.getElementById("cards").textContent);
  var card = document.getElementById("card");
  var text = document.getElementById("text");
  var pinned = null;

  function fragments(key) { return text.querySelectorAll('[data-m="' + key + '"]'); }
  function listEntry(key) { return document.querySelector('aside.records a[data-m="' + key + '"]'); }

  function fill(key) {
    var c = cards[key];
    card.textContent = "";
    if (!c) { return; }
    var h = document.createElement("h3");
    var kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = c.kind;
    h.appendChild(kind);
    h.appendChild(document.createTextNode(c.title));
    card.appendChild(h);
    var table = document.createElement("table");
    c.fields.forEach(function (f) {
      var tr = table.insertRow();
      tr.insertCell().textContent = f[0];
      tr.insertCell().textContent = f[1];
    });
    card.appendChild(table);
    card.dataset.key = key;
  }

  function place(el) {
    var r = el.getBoundingClientRect();
    card.hidden = false;
    var left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 12);
    card.style.left = Math.max(8, left) + "px";
    card.style.top = (window.scrollY + r.bottom + 6) + "px";
  }

  function light(key, on) {
    fragments(key).forEach(function (el) { el.classList.toggle("pinned", on); });
    var entry = listEntry(key);
    if (entry) { entry.classList.toggle("on", on); }
  }

  function pin(key, el) {
    if (pinned) { light(pinned, false); }
    pinned = key;
    light(key, true);
    fill(key);
    place(el);
    var entry = listEntry(key);
    if (entry) { entry.scrollIntoView({block: "nearest"}); }
  }

  function unpin() {
    if (pinned) { light(pinned, false); }
    pinned = null;
    card.hidden = true;
  }

  function innermost(target) { return target.closest ? target.closest("[data-m]") : null; }

  text.addEventListener("mouseover", function (ev) {
    var el = innermost(ev.target);
    if (!el || pinned) { return; }
    fill(el.dataset.m);
    place(el);
  });
  text.addEventListener("mouseleave", function () { if (!pinned) { card.hidden = true; } });
  text.addEventListener("click", function (ev) {
    var el = innermost(ev.target);
    if (el) { ev.stopPropagation(); pin(el.dataset.m, el); }
  });
  document.querySelectorAll("aside.records a[data-m]").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      var key = a.dataset.m;
      var first = fragments(key)[0];
      if (!first) { return; }
      ev.preventDefault();
      ev.stopPropagation();
      first.scrollIntoView({block: "center"});
      history.replaceState(null, "", "#m-" + key);
      pin(key, first);
    });
  });
  document.addEventListener("click", function (ev) { if (!card.contains(ev.target)) { unpin(); } });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { unpin(); } });

  // #m-q3 (from the quotes list) or #event-<id> (from the events table): show that record.
  function fromHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    var key = null;
    if (h.indexOf("m-") === 0) { key = h.slice(2); }
    if (h.indexOf("event-") === 0) {
      var rid = h.slice(6);
      Object.keys(cards).forEach(function (k) { if (cards[k].rid === rid) { key = k; } });
    }
    var first = key && fragments(key)[0];
    if (first) { first.scrollIntoView({block: "center"}); pin(key, first); }
  }
  fromHash();
})();
