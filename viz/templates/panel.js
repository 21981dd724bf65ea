/* styrgraf graph page, the side panel: search over names and descriptions (with or without
 * å, ä, ö), the class legend (with show/hide checkboxes in the force view), the status legend
 * and the gap lists, each gap kind a button listing its nodes. Text is set with textContent
 * only. */
(function (state) {
  "use strict";
  if (!state) { return; }
  var data = state.data, T = data.texts, details = data.details, ui = state.ui;
  var el = ui.el, clear = ui.clear, nodeLink = ui.nodeLink, labelOf = ui.labelOf;
  var byId = ui.byId, mix = ui.mix, darker = ui.darker, visible = ui.visible;
  var CHAIN = ui.chain, nodes = state.nodes;
  function focusNode(id) { state.focusNode(id); }

  // --- search: names and descriptions, with or without å, ä, ö --------------------------------
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  state.fold = fold;
  var haystack = {};
  data.nodes.forEach(function (n) {
    var d = details[n.id];
    haystack[n.id] = { label: fold(d.label), rest: fold(d.curie + " " + (d.description || "")) };
  });
  var results = document.getElementById("results");
  var resultCount = document.getElementById("result-count");
  function listNodes(ids, heading) {
    clear(results);
    resultCount.textContent = heading;
    ids.slice(0, 200).forEach(function (id) {
      var li = el("li");
      li.appendChild(nodeLink(id, labelOf(id)));
      results.appendChild(li);
    });
  }
  function search(query) {
    var q = fold(query.trim());
    if (!q) { clear(results); resultCount.textContent = ""; return; }
    var found = data.nodes.filter(function (n) {
      var h = haystack[n.id];
      return h.label.indexOf(q) >= 0 || h.rest.indexOf(q) >= 0;
    }).map(function (n) { return n.id; });
    found.sort(function (a, b) {
      var la = haystack[a].label, lb = haystack[b].label;
      var pa = la.indexOf(q) === 0 ? 0 : (la.indexOf(q) > 0 ? 1 : 2);
      var pb = lb.indexOf(q) === 0 ? 0 : (lb.indexOf(q) > 0 ? 1 : 2);
      return pa - pb || la.localeCompare(lb);
    });
    listNodes(found, found.length ? T.matches.replace("{n}", found.length) : T.no_match);
    if (found.length) { focusNode(found[0]); }
  }
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search-input").value);
  });

  // --- legend: classes (with show/hide in the force view), statuses, gaps ---------------------
  var SYMBOLS = { dot: "\u25CF", star: "\u2605", diamond: "\u25C6", triangle: "\u25B2",
                  triangleDown: "\u25BC", square: "\u25A0", hexagon: "\u2B22" };
  var boxes = {};
  var idsByClass = {};
  data.nodes.forEach(function (n) { (idsByClass[n.c] = idsByClass[n.c] || []).push(n.id); });
  function setClassVisible(cls, show) {
    if (boxes[cls]) { boxes[cls].checked = show; }
    nodes.update((idsByClass[cls] || []).filter(function (id) { return visible[id]; })
      .map(function (id) { return { id: id, hidden: !show }; }));
  }
  state.setClassVisible = setClassVisible;
  var classList = document.getElementById("class-list");
  function chainLegend() {
    clear(classList);
    var counts = {};
    nodes.getIds().forEach(function (id) { counts[byId[id].c] = (counts[byId[id].c] || 0) + 1; });
    data.classes.forEach(function (c) {
      if (!counts[c.name]) { return; }
      var li = el("li", null, "plain");
      var swatch = el("span", "", "swatch");
      swatch.style.background = mix(c.color, 0.72);
      swatch.style.borderColor = darker(c.color);
      li.appendChild(swatch);
      li.appendChild(el("span", c.label));
      li.appendChild(el("span", counts[c.name], "count"));
      classList.appendChild(li);
    });
  }
  state.chainLegend = chainLegend;
  if (CHAIN) { chainLegend(); }
  data.classes.forEach(function (c) {
    if (!c.count || CHAIN) { return; }
    var symbol;
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.name;
    box.addEventListener("change", function () { setClassVisible(c.name, box.checked); });
    boxes[c.name] = box;
    symbol = el("span", SYMBOLS[c.shape] || "\u25CF", "symbol");
    symbol.style.color = c.color;
    label.appendChild(box);
    label.appendChild(symbol);
    label.appendChild(el("span", c.label));
    label.appendChild(el("span", c.count, "count"));
    li.appendChild(label);
    classList.appendChild(li);
  });
  if (!CHAIN) {
    document.getElementById("show-all").addEventListener("click", function () {
      data.classes.forEach(function (c) { setClassVisible(c.name, true); });
    });
    document.getElementById("hide-all").addEventListener("click", function () {
      data.classes.forEach(function (c) { setClassVisible(c.name, false); });
    });
  }
  var statusList = document.getElementById("status-list");
  if (statusList) {
    data.statusKinds.forEach(function (s) {
      var li = el("li");
      var sw = el("span", "", "swatch");
      sw.style.background = s.color;
      li.appendChild(sw);
      li.appendChild(el("span", s.label));
      statusList.appendChild(li);
    });
  }
  if (data.gapKinds.length) {
    document.getElementById("gap-legend").hidden = false;
    var gapList = document.getElementById("gap-list");
    data.gapKinds.forEach(function (g) {
      var li = el("li");
      var b = el("button", g.label + " (" + g.count + ")", "link");
      b.type = "button";
      b.setAttribute("data-gap", g.key);
      b.setAttribute("data-count", String(g.count));
      b.addEventListener("click", function () {
        var ids = data.visible.filter(function (id) {
          return details[id].gaps.indexOf(g.key) >= 0;
        });
        ids.sort(function (a, b2) { return labelOf(a).localeCompare(labelOf(b2)); });
        listNodes(ids, g.label + ": " + ids.length);
      });
      li.appendChild(b);
      gapList.appendChild(li);
    });
  }
  if (data.hasCurated) { document.getElementById("curated-entry").hidden = false; }

})(window.styrgraf);
