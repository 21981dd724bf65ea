/* styrgraf interactive graph: draws the embedded data with vis-network and wires the legend,
 * class checkboxes, search, gap lists and details panel.
 * Text from the data is only ever set with textContent (or vis-network's plain-text titles),
 * never parsed as HTML. window.network is the vis Network; window.styrgraf holds the data and
 * `ready` (true once the graph is drawn and, if physics runs, stabilised). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("styrgraf-data").textContent);
  var T = data.texts;
  var details = data.details;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var state = { ready: false, readyAt: null, data: data, nodes: nodes, edges: edges };
  window.network = network;
  window.styrgraf = state;

  var SYMBOLS = { dot: "\u25CF", star: "\u2605", diamond: "\u25C6", triangle: "\u25B2",
                  triangleDown: "\u25BC", square: "\u25A0", hexagon: "\u2B22" };
  var classOf = {};
  var labelOf = {};
  data.nodes.forEach(function (n) { classOf[n.id] = n.cls; labelOf[n.id] = details[n.id].label; });
  var classLabel = {};
  data.classes.forEach(function (c) { classLabel[c.name] = c.label; });

  // --- readiness: drawn, and (when physics runs) stabilised; big graphs then freeze ---------
  var physicsOn = !!(data.options.physics && data.options.physics.enabled);
  var settled = !physicsOn;
  network.once("stabilizationIterationsDone", function () {
    settled = true;
    if (data.freezeAfterStabilization) {
      network.setOptions({ physics: { enabled: false } });
    }
    network.redraw();
  });
  network.on("afterDrawing", function () {
    if (settled && !state.ready) {
      state.ready = true;
      state.readyAt = performance.now();
      document.body.setAttribute("data-ready", "true");
    }
  });

  // --- small DOM helpers: elements and text only ---------------------------------------------
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function nodeLink(id, text) {
    var b = el("button", text, "link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }

  // --- details panel --------------------------------------------------------------------------
  var panel = document.getElementById("details");
  var fields = document.getElementById("details-fields");
  function field(name, value) {
    if (value === null || value === undefined || value === "" ||
        (Array.isArray(value) && value.length === 0)) { return; }
    fields.appendChild(el("dt", name));
    var dd = el("dd");
    if (Array.isArray(value)) {
      var ul = el("ul");
      value.forEach(function (v) {
        var li = el("li");
        if (v instanceof Node) { li.appendChild(v); } else { li.textContent = String(v); }
        ul.appendChild(li);
      });
      dd.appendChild(ul);
    } else {
      dd.textContent = String(value);
    }
    fields.appendChild(dd);
  }
  function gapLabel(key) {
    for (var i = 0; i < data.gapKinds.length; i++) {
      if (data.gapKinds[i].key === key) { return data.gapKinds[i].label; }
    }
    return key;
  }
  function showDetails(id) {
    var d = details[id];
    if (!d) { return; }
    document.getElementById("details-title").textContent = d.label;
    document.getElementById("details-type").textContent =
      (classLabel[d.cls] || d.cls) + " \u00B7 " + d.curie;
    clear(fields);
    field(T.gap_list, d.gaps.map(gapLabel));
    field(T.description, d.description);
    field(T.responsible, d.responsible);
    field(T.timeline, d.timeline);
    field(T.status, d.status || (d.cls === "Assignment" ? T.no_status : null));
    field(T.sources, d.sources.map(function (s) {
      return [s.document, s.section].filter(Boolean).join(" \u2014 ");
    }));
    field(T.connections, connections(id));
    var gapDt = fields.querySelector("dt");
    if (d.gaps.length && gapDt) { gapDt.className = "gap-tag"; }
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function connections(id) {
    var items = [];
    network.getConnectedEdges(id).forEach(function (eid) {
      var e = edges.get(eid);
      var outgoing = e.from === id;
      var other = outgoing ? e.to : e.from;
      var line = el("span");
      line.appendChild(el("span", (outgoing ? "\u2192 " : "\u2190 ") + e.relation + ": "));
      line.appendChild(nodeLink(other, labelOf[other]));
      items.push({ key: e.relation + labelOf[other], node: line });
    });
    items.sort(function (a, b) { return a.key.localeCompare(b.key); });
    return items.map(function (x) { return x.node; });
  }
  document.getElementById("details-close").addEventListener("click", function () {
    panel.hidden = true;
    network.unselectAll();
  });
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); }
  });

  // --- focus and search -----------------------------------------------------------------------
  function focusNode(id) {
    var n = nodes.get(id);
    if (!n) { return; }
    if (n.hidden) { setClassVisible(n.cls, true); }
    network.selectNodes([id]);
    showDetails(id);
    // Centre the node in the part of the canvas the details panel leaves free.
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false,
                        offset: { x: -panel.offsetWidth / 2, y: 0 } });
  }
  state.focusNode = focusNode;

  var results = document.getElementById("results");
  var resultCount = document.getElementById("result-count");
  function listNodes(ids, heading) {
    clear(results);
    resultCount.textContent = heading;
    ids.slice(0, 200).forEach(function (id) {
      var li = el("li");
      li.appendChild(nodeLink(id, labelOf[id]));
      results.appendChild(li);
    });
  }
  function search(query) {
    var q = query.trim().toLocaleLowerCase();
    if (!q) { clear(results); resultCount.textContent = ""; return; }
    var found = data.nodes.filter(function (n) {
      var d = details[n.id];
      return d.label.toLocaleLowerCase().indexOf(q) >= 0 ||
        d.curie.toLocaleLowerCase().indexOf(q) >= 0;
    }).map(function (n) { return n.id; });
    found.sort(function (a, b) {
      var la = labelOf[a].toLocaleLowerCase(), lb = labelOf[b].toLocaleLowerCase();
      var pa = la.indexOf(q) === 0 ? 0 : 1, pb = lb.indexOf(q) === 0 ? 0 : 1;
      return pa - pb || la.localeCompare(lb);
    });
    listNodes(found, found.length ? T.matches.replace("{n}", found.length) : T.no_match);
    if (found.length) { focusNode(found[0]); }
  }
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search-input").value);
  });

  // --- class legend with show/hide checkboxes -------------------------------------------------
  var boxes = {};
  var idsByClass = {};
  data.nodes.forEach(function (n) { (idsByClass[n.cls] = idsByClass[n.cls] || []).push(n.id); });
  function setClassVisible(cls, visible) {
    if (boxes[cls]) { boxes[cls].checked = visible; }
    nodes.update((idsByClass[cls] || []).map(function (id) { return { id: id, hidden: !visible }; }));
  }
  state.setClassVisible = setClassVisible;
  var classList = document.getElementById("class-list");
  data.classes.forEach(function (c) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = c.name;
    box.addEventListener("change", function () { setClassVisible(c.name, box.checked); });
    boxes[c.name] = box;
    var symbol = el("span", SYMBOLS[c.shape] || "\u25CF", "symbol");
    symbol.style.color = c.color;
    label.appendChild(box);
    label.appendChild(symbol);
    label.appendChild(el("span", c.label));
    label.appendChild(el("span", c.count, "count"));
    li.appendChild(label);
    classList.appendChild(li);
  });
  document.getElementById("show-all").addEventListener("click", function () {
    data.classes.forEach(function (c) { setClassVisible(c.name, true); });
  });
  document.getElementById("hide-all").addEventListener("click", function () {
    data.classes.forEach(function (c) { setClassVisible(c.name, false); });
  });

  // --- gaps: listed in the legend, each kind opens the list of its nodes ----------------------
  if (data.gapKinds.length) {
    document.getElementById("gap-legend").hidden = false;
    var gapList = document.getElementById("gap-list");
    data.gapKinds.forEach(function (g) {
      var li = el("li");
      var b = el("button", g.label + " (" + g.count + ")", "link");
      b.type = "button";
      b.setAttribute("data-gap", g.key);
      b.addEventListener("click", function () {
        var ids = data.nodes.filter(function (n) {
          return details[n.id].gaps.indexOf(g.key) >= 0;
        }).map(function (n) { return n.id; });
        ids.sort(function (a, b2) { return labelOf[a].localeCompare(labelOf[b2]); });
        listNodes(ids, g.label + ": " + ids.length);
      });
      li.appendChild(b);
      gapList.appendChild(li);
    });
  }
  if (data.hasCurated) { document.getElementById("curated-entry").hidden = false; }
})();
