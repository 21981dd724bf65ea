/* styrgraf graph page, the målkedja table: the chain drawn in the graph as an indented,
 * collapsible, sortable list with responsible, timeline, status, priority and gap, filterable
 * by network, committee and year. A direction or strategy is a gap when none of the
 * activities the filter keeps covers it, read from the rule rows the page carries
 * (data.table.covered), never judged here. Text is set with textContent only. */
(function (state) {
  "use strict";
  if (!state || !state.ui.chain) { return; }
  var data = state.data, T = data.texts, details = data.details, tree = state.tree;
  var ui = state.ui, el = ui.el, clear = ui.clear, nodeLink = ui.nodeLink;
  var classLabel = ui.classLabel, gapLabel = ui.gapLabel, byId = ui.byId;
  var filters = state.filters;
  function saveState() { state.saveState(); }

  var info = data.table || {};
  var body = document.getElementById("chain-rows");
  var closed = {};
  var sortKey = null, sortDir = 1;
  function fill(select, choices) {
    clear(select);
    var all = el("option", T.filter_all);
    all.value = "";
    select.appendChild(all);
    choices.forEach(function (c) {
      var o = el("option", c.label);
      o.value = c.id;
      select.appendChild(o);
    });
  }
  var committees = {};
  var preset = info.preset || {};
  if (preset.committee) { committees[preset.committee] = true; }
  Object.keys(info.committees || {}).forEach(function (n) {
    info.committees[n].forEach(function (c) { committees[c] = true; });
  });
  var netSel = document.getElementById("filter-network");
  var comSel = document.getElementById("filter-committee");
  var yearSel = document.getElementById("filter-year");
  fill(netSel, info.networkChoices || []);
  fill(comSel, Object.keys(committees).map(function (c) {
    return { id: c, label: (info.labels || {})[c] || c };
  }).sort(function (a, b) { return a.label.localeCompare(b.label); }));
  fill(yearSel, (info.years || []).map(function (y) { return { id: String(y), label: String(y) }; }));
  [[netSel, "network"], [comSel, "committee"], [yearSel, "year"]].forEach(function (pair) {
    pair[0].addEventListener("change", function () {
      filters[pair[1]] = pair[0].value;
      render();
      saveState();
    });
  });
  function years(text) {
    var found = String(text || "").match(/20\d\d/g) || [];
    if (found.length >= 2) {
      var out = [];
      for (var y = +found[0]; y <= +found[found.length - 1]; y++) { out.push(String(y)); }
      return out;
    }
    return found;
  }
  function keeps(id) {
    var cls = details[id].cls;
    if (cls !== "Activity" && cls !== "Assignment") { return true; }
    if (filters.network && (cls !== "Activity" ||
        (info.networks[id] || []).indexOf(filters.network) < 0)) { return false; }
    if (filters.committee && (info.committees[id] || []).indexOf(filters.committee) < 0) {
      return false;
    }
    if (filters.year && years(details[id].timeline).indexOf(filters.year) < 0) { return false; }
    return true;
  }
  // A direction or strategy is a gap when no kept activity covers it (rule `coverage` rows).
  function gapsOf(id, kept) {
    var d = details[id];
    if (d.cls === "LongTermDirection" || d.cls === "Strategy") {
      if (!filters.network && !filters.committee && !filters.year) { return d.gaps; }
      var covering = (info.covered[id] || []).filter(function (a) { return kept[a]; });
      var rest = d.gaps.filter(function (g) { return g !== "no-activity"; });
      return covering.length ? rest : ["no-activity"].concat(rest);
    }
    return d.gaps;
  }
  function value(id, key, kept) {
    var d = details[id];
    if (key === "name") { return d.label; }
    if (key === "responsible") {
      return (d.cls === "Assignment" ? (info.carriers[id] || []) : d.responsible).join(", ");
    }
    if (key === "timeline") { return d.timeline || ""; }
    if (key === "status") {
      var s = byId[id].s;
      for (var i = 0; i < data.statusKinds.length; i++) {
        if (data.statusKinds[i].key === s) { return data.statusKinds[i].label; }
      }
      return "";
    }
    if (key === "priority") { return d.priority || ""; }
    if (key === "gap") { return gapsOf(id, kept).map(gapLabel).join(", "); }
    return "";
  }
  function childrenOf(id) { return (tree.children[id] || []).slice(); }
  function sorted(list, kept) {
    if (!sortKey) { return list; }
    return list.slice().sort(function (a, b) {
      return sortDir * value(a, sortKey, kept).localeCompare(value(b, sortKey, kept));
    });
  }
  function render() {
    clear(body);
    var kept = {};
    var any = false;
    data.table && Object.keys(tree.depth).forEach(function (id) {
      if (keeps(id)) {
        kept[id] = true;
        var c = details[id].cls;
        if (c === "Activity" || c === "Assignment") { any = true; }
      }
    });
    var filtering = filters.network || filters.committee || filters.year;
    document.getElementById("table-empty").hidden = !(filtering && !any);
    var rows = 0;
    var stack = sorted(tree.roots, kept).slice().reverse();
    while (stack.length) {
      var id = stack.pop();
      if (!kept[id]) { continue; }
      rows++;
      var kids = sorted(childrenOf(id), kept).filter(function (c) { return kept[c]; });
      var tr = el("tr");
      tr.setAttribute("data-id", id);
      tr.className = "depth-" + (tree.depth[id] || 0);
      var gaps = gapsOf(id, kept);
      if (gaps.length) { tr.className += " gap"; }
      var name = el("td", null, "name");
      name.style.paddingLeft = (6 + 18 * (tree.depth[id] || 0)) + "px";
      var tg = el("button", kids.length ? (closed[id] ? "\u25B8" : "\u25BE") : "", "toggle");
      tg.type = "button";
      tg.setAttribute("aria-expanded", String(!closed[id]));
      (function (node) {
        tg.addEventListener("click", function () {
          if (closed[node]) { delete closed[node]; } else { closed[node] = true; }
          render();
        });
      })(id);
      name.appendChild(tg);
      name.appendChild(nodeLink(id, details[id].label));
      name.appendChild(el("span", " (" + classLabel(details[id].cls) + ")", "note"));
      tr.appendChild(name);
      ["responsible", "timeline", "status", "priority"].forEach(function (k) {
        tr.appendChild(el("td", value(id, k, kept)));
      });
      tr.appendChild(el("td", value(id, "gap", kept), "gapcell"));
      body.appendChild(tr);
      if (!closed[id]) {
        for (var k = kids.length - 1; k >= 0; k--) { stack.push(kids[k]); }
      }
    }
    state.tableRows = rows;
  }
  state.renderTable = function () {
    netSel.value = filters.network; comSel.value = filters.committee; yearSel.value = filters.year;
    render();
  };
  document.querySelectorAll("#chain-table th").forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      sortDir = sortKey === key ? -sortDir : 1;
      sortKey = key;
      document.querySelectorAll("#chain-table th").forEach(function (o) {
        o.removeAttribute("aria-sort");
      });
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      render();
    });
  });
  document.getElementById("table-open").addEventListener("click", function () {
    closed = {};
    render();
  });
  document.getElementById("table-close").addEventListener("click", function () {
    tree.roots.forEach(function (r) { (tree.children[r] || []).forEach(function (c) { closed[c] = true; }); });
    render();
  });
  // The command line's filter is the table's at opening (a link's own filters win, later).
  if (preset.network) { filters.network = preset.network; }
  if (preset.committee) { filters.committee = preset.committee; }
  state.renderTable();
})(window.styrgraf);
