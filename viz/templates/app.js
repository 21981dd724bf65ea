/* styrgraf graph page: draws the embedded data with vis-network and wires the goal chain tree
 * (expand on click, focus, breadcrumbs), the målkedja table, search, legend, URL state and
 * image export. Text from the data is only ever set with textContent (or vis-network's
 * plain-text titles), never parsed as HTML. window.network is the vis Network;
 * window.styrgraf holds the data, the view state and `ready` (true once the graph is drawn
 * and, if physics runs, stabilised). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("styrgraf-data").textContent);
  var T = data.texts;
  var details = data.details;
  var G = data.geometry;
  var CHAIN = data.layout !== "force";
  var DOWN = data.layout === "hierarchical";
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var styleOf = {};
  data.classes.forEach(function (c) { styleOf[c.name] = c; });
  var statusColor = {};
  data.statusKinds.forEach(function (s) { statusColor[s.key] = s.color; });

  // --- neighbours, for expanding a node and for the details panel -----------------------------
  var adjacent = {};
  data.edges.forEach(function (e, i) {
    (adjacent[e[0]] = adjacent[e[0]] || []).push(i);
    (adjacent[e[1]] = adjacent[e[1]] || []).push(i);
  });
  var tree = data.tree || { roots: [], children: {}, depth: {}, also: {} };
  var parentOf = {};
  Object.keys(tree.children).forEach(function (p) {
    tree.children[p].forEach(function (c) { parentOf[c] = p; });
  });
  var depthOf = {};
  Object.keys(tree.depth).forEach(function (k) { depthOf[k] = tree.depth[k]; });

  // --- colours and vis node objects ----------------------------------------------------------
  function mix(hex, amount) {
    var r = parseInt(hex.substr(1, 2), 16), g = parseInt(hex.substr(3, 2), 16),
      b = parseInt(hex.substr(5, 2), 16);
    function m(c) { return Math.round(c + (255 - c) * amount); }
    return "rgb(" + m(r) + "," + m(g) + "," + m(b) + ")";
  }
  function darker(hex) {
    var r = parseInt(hex.substr(1, 2), 16), g = parseInt(hex.substr(3, 2), 16),
      b = parseInt(hex.substr(5, 2), 16);
    function d(c) { var v = Math.floor(c * 0.7).toString(16); return v.length < 2 ? "0" + v : v; }
    return "#" + d(r) + d(g) + d(b);
  }
  function fillOf(n) {
    var base = (styleOf[n.c] || { color: "#999999" }).color;
    if (n.s && statusColor[n.s]) { return statusColor[n.s]; }
    return mix(base, 0.72);
  }
  function visNode(n) {
    var d = details[n.id];
    var style = styleOf[n.c] || { color: "#999999", shape: "dot", size: 12 };
    var gap = n.g === 1;
    var title = d.label + "\n(" + (style.label || n.c) + ")";
    if (CHAIN) {
      var fill = fillOf(n);
      return {
        id: n.id, label: n.l, shape: "box", cls: n.c, gap: gap, title: title,
        x: n.x, y: n.y, margin: 6,
        font: { size: G.font, face: "system-ui, sans-serif", color: "#111111", align: "left" },
        widthConstraint: { minimum: G.boxW, maximum: G.boxW + 30 },
        color: { background: fill, border: gap ? data.colors.gap : darker(style.color),
                 highlight: { background: fill, border: "#111111" },
                 hover: { background: fill, border: "#111111" } },
        borderWidth: gap ? 4 : 1.5, borderWidthSelected: gap ? 5 : 3,
        shapeProperties: { borderRadius: 4 }
      };
    }
    return {
      id: n.id, label: n.l, shape: style.shape, size: style.size, cls: n.c, gap: gap,
      title: title, x: n.x, y: n.y,
      color: { background: style.color, border: gap ? data.colors.gap : darker(style.color),
               highlight: { background: style.color, border: "#111111" },
               hover: { background: style.color, border: "#111111" } },
      borderWidth: gap ? 4 : 1, borderWidthSelected: gap ? 5 : 3
    };
  }
  function visEdge(i) {
    var e = data.edges[i];
    var curated = e[3] === 1;
    var relation = data.relations[e[2]];
    var color = curated ? data.colors.curated : data.colors.edge;
    return {
      id: "e" + i, from: e[0], to: e[1], relation: relation, curated: curated, dashes: curated,
      title: relation + (curated ? " (" + T.curated + ")" : ""), width: 1,
      color: { color: color, highlight: "#222222", hover: "#222222" }
    };
  }

  // --- the view state: visible nodes, opened nodes, focus -----------------------------------
  var state = { ready: false, readyAt: null, data: data, expanded: {}, focus: null,
                selected: null, view: "graph" };
  var visible = {};
  data.visible.forEach(function (id) { visible[id] = true; });
  // Expansion children (opened by a click) hang under the node that opened them.
  var openedBy = {};
  var initialNodes = data.visible.map(function (id) { return visNode(byId[id]); });
  var initialEdges = [];
  if (CHAIN) {
    data.visible.forEach(function (id) {
      var p = parentOf[id];
      if (p && visible[p]) { initialEdges.push(treeEdge(p, id)); }
    });
  } else {
    data.edges.forEach(function (e, i) {
      if (visible[e[0]] && visible[e[1]]) { initialEdges.push(visEdge(i)); }
    });
  }
  function treeEdge(p, c) {
    var i = edgeBetween(p, c);
    // A city goal is linked to the vision by no document: only through its directions.
    var edge = i === null ? { from: c, to: p, relation: T.through_directions,
                              title: T.through_directions, width: 1, dashes: [2, 4],
                              color: { color: data.colors.edge } }
      : visEdge(i);
    edge.id = "t:" + p + ">" + c;
    edge.smooth = { enabled: true, type: "cubicBezier", roundness: 0.45,
                    forceDirection: DOWN ? "vertical" : "horizontal" };
    edge.arrows = { to: { enabled: false } };
    return edge;
  }
  function edgeBetween(a, b) {
    var list = adjacent[a] || [];
    for (var k = 0; k < list.length; k++) {
      var e = data.edges[list[k]];
      if ((e[0] === a && e[1] === b) || (e[0] === b && e[1] === a)) { return list[k]; }
    }
    return null;
  }
  var nodes = new vis.DataSet(initialNodes);
  var edges = new vis.DataSet(initialEdges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  state.nodes = nodes;
  state.edges = edges;
  window.network = network;
  window.styrgraf = state;

  // --- the tidy tree, as viz/tree.py computes it (run again on expand and collapse) ------------
  function kidsOf(id) {
    var list = (tree.children[id] || []).filter(function (c) { return visible[c]; });
    return list.concat((state.expanded[id] || []).filter(function (c) { return visible[c]; }));
  }
  function measured(id) {
    var box = network.getBoundingBox(id);
    if (box) { return DOWN ? box.right - box.left : box.bottom - box.top; }
    var n = byId[id];
    return DOWN ? G.boxW : n.n * G.line + G.pad;
  }
  function tidy(roots, extent, align) {
    var centre = {};
    var cursor = 0;
    roots.forEach(function (root) {
      var stack = [[root, false, 0]];
      while (stack.length) {
        var top = stack.pop();
        var node = top[0], done = top[1], start = top[2];
        var kids = kidsOf(node);
        var size = extent(node);
        if (!kids.length) {
          centre[node] = cursor + size / 2;
          cursor += size + G.gap;
          continue;
        }
        if (!done) {
          stack.push([node, true, cursor]);
          for (var k = kids.length - 1; k >= 0; k--) { stack.push([kids[k], false, 0]); }
          continue;
        }
        if (align === "centre") {
          var mid = (centre[kids[0]] + centre[kids[kids.length - 1]]) / 2;
          centre[node] = Math.max(mid, start + size / 2);
        } else {
          centre[node] = start + size / 2;
        }
        cursor = Math.max(cursor, centre[node] + size / 2 + G.gap);
      }
    });
    return centre;
  }
  function treeRoots() {
    return nodes.getIds().filter(function (id) {
      return !visibleParent(id);
    }).sort(function (a, b) { return order(a) - order(b); });
  }
  var rank = {};
  data.visible.forEach(function (id, i) { rank[id] = i; });
  function order(id) { return rank[id] === undefined ? 1e9 : rank[id]; }
  function visibleParent(id) {
    if (openedBy[id] && visible[openedBy[id]]) { return openedBy[id]; }
    var p = parentOf[id];
    return p && visible[p] ? p : null;
  }
  function relayout() {
    if (!CHAIN) { return; }
    var roots = treeRoots();
    var centre = tidy(roots, measured, DOWN ? "centre" : "start");
    var now = network.getPositions();
    var updates = [];
    nodes.getIds().forEach(function (id) {
      var depth = depthOf[id] || 0;
      var x = DOWN ? centre[id] : depth * G.column, y = DOWN ? depth * G.row : centre[id];
      var at = now[id];
      if (!at || Math.abs(at.x - x) > 0.05 || Math.abs(at.y - y) > 0.05) {
        updates.push({ id: id, x: x, y: y });  // only what moved: a click stays quick
      }
    });
    if (updates.length) { nodes.update(updates); }
  }
  state.relayout = relayout;

  // --- readiness: drawn, measured and placed (and, when physics runs, stabilised) -------------
  var physicsOn = !!(data.options.physics && data.options.physics.enabled);
  var settled = !physicsOn;
  var placedOnce = false;
  network.once("stabilizationIterationsDone", function () {
    settled = true;
    if (data.freezeAfterStabilization) { network.setOptions({ physics: { enabled: false } }); }
    network.redraw();
  });
  network.on("afterDrawing", function () {
    if (!placedOnce) {
      placedOnce = true;
      if (CHAIN) { relayout(); }
      restore();
      if (CHAIN) { openingView(); network.redraw(); return; }
    }
    if (settled && !state.ready) {
      state.ready = true;
      state.readyAt = performance.now();
      document.body.setAttribute("data-ready", "true");
    }
  });
  function openingView() {
    if (state.focus && visible[state.focus]) { centreOn(state.focus); return; }
    var ids = nodes.getIds();
    if (!ids.length) { return; }
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right);
      box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom);
    });
    var w = container.clientWidth, h = container.clientHeight;
    var pad = 24;
    var fit = Math.min((w - 2 * pad) / (box.right - box.left), 1.2);
    // Labels stay readable (>= 12.5 px on screen): the rest of the tree is a scroll away.
    var scale = Math.max(fit, 12.5 / G.font);
    var cx = box.left + (w / 2 - pad) / scale;
    var cy = box.top + (h / 2 - pad) / scale;
    if ((box.bottom - box.top) * scale < h - 2 * pad) { cy = (box.top + box.bottom) / 2; }
    if ((box.right - box.left) * scale < w - 2 * pad) { cx = (box.left + box.right) / 2; }
    else if (DOWN) { cx = network.getPosition(treeRoots()[0]).x; }  // the vision, at the top
    network.moveTo({ position: { x: cx, y: cy }, scale: scale, animation: false });
  }

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
  function labelOf(id) { return details[id] ? details[id].label : id; }
  function classLabel(name) { return (styleOf[name] && styleOf[name].label) || name; }

  // --- expanding and collapsing: a click opens a node's neighbours, a second click closes ----
  function expand(id) {
    if (!CHAIN || state.expanded[id]) { return; }
    var added = [];
    var seen = {};
    (adjacent[id] || []).forEach(function (i) {
      var e = data.edges[i];
      var other = e[0] === id ? e[1] : e[0];
      if (visible[other] || seen[other] || !byId[other]) { return; }
      seen[other] = true;
      added.push(other);
    });
    added.sort(function (a, b) {
      var ca = byId[a].c, cb = byId[b].c;
      return ca === cb ? labelOf(a).localeCompare(labelOf(b)) : (ca < cb ? -1 : 1);
    });
    state.expanded[id] = added;
    var base = depthOf[id] || 0;
    added.forEach(function (other) {
      visible[other] = true;
      openedBy[other] = id;
      depthOf[other] = base + 1;
      rank[other] = order(id) + 0.5;
    });
    nodes.add(added.map(function (other) { return visNode(byId[other]); }));
    edges.add(added.map(function (other) { return expansionEdge(id, other); }));
    relayout();
    applyFocus();
    if (state.chainLegend) { state.chainLegend(); }
    saveState();
  }
  function expansionEdge(id, other) {
    var edge = visEdge(edgeBetween(id, other));
    edge.id = "x:" + id + ">" + other;
    edge.smooth = { enabled: true, type: "cubicBezier", roundness: 0.45,
                    forceDirection: DOWN ? "vertical" : "horizontal" };
    return edge;
  }
  function collapse(id) {
    var added = state.expanded[id];
    if (!added) { return; }
    delete state.expanded[id];
    added.forEach(function (other) {
      if (state.expanded[other]) { collapse(other); }
      delete visible[other];
      delete openedBy[other];
      delete depthOf[other];
      if (state.focus === other) { state.focus = null; }
    });
    nodes.remove(added);
    edges.remove(added.map(function (other) { return "x:" + id + ">" + other; }));
    relayout();
    applyFocus();
    if (state.chainLegend) { state.chainLegend(); }
    saveState();
  }
  function toggle(id) { if (state.expanded[id]) { collapse(id); } else { expand(id); } }
  state.expand = expand;
  state.collapse = collapse;
  state.toggle = toggle;

  // --- focus: everything outside the selected node's chain is dimmed ---------------------------
  function chainOf(id) {
    var keep = {};
    var up = id;
    while (up) { keep[up] = true; up = visibleParent(up); }
    var stack = [id];
    while (stack.length) {
      var n = stack.pop();
      keep[n] = true;
      kidsOf(n).forEach(function (c) { stack.push(c); });
    }
    return keep;
  }
  function applyFocus() {
    var keep = CHAIN && state.focus && visible[state.focus] ? chainOf(state.focus) : null;
    if (!keep && !(state.dimmed && state.dimmed.length)) {
      document.getElementById("focus-bar").hidden = true;
      state.dimmed = [];
      return;  // nothing dimmed before or now: no need to touch every node
    }
    nodes.update(nodes.getIds().map(function (id) {
      return { id: id, opacity: keep && !keep[id] ? 0.15 : 1 };
    }));
    edges.update(edges.get().map(function (e) {
      var lit = !keep || (keep[e.from] && keep[e.to]);
      var base = e.curated ? data.colors.curated : data.colors.edge;
      return { id: e.id, color: { color: base, opacity: lit ? 1 : 0.12, highlight: "#222222",
                                  hover: "#222222" } };
    }));
    document.getElementById("focus-bar").hidden = !keep;
    state.dimmed = keep ? nodes.getIds().filter(function (id) { return !keep[id]; }) : [];
  }
  function setFocus(id) {
    state.focus = id;
    applyFocus();
    if (id) { select(id); }
    saveState();
  }
  state.setFocus = setFocus;
  document.getElementById("unfocus").addEventListener("click", function () { setFocus(null); });

  // --- breadcrumbs: the chain above the selected node, each a way back -----------------------
  var trail = document.getElementById("trail");
  function showTrail(id) {
    clear(trail);
    var path = [];
    var up = id;
    while (up) { path.unshift(up); up = visibleParent(up) || parentOf[up]; }
    if (path.length < 2) { trail.hidden = true; return; }
    trail.appendChild(el("span", T.trail + ": "));
    path.forEach(function (p, i) {
      if (i) { trail.appendChild(el("span", "\u203A", "sep")); }
      trail.appendChild(nodeLink(p, labelOf(p)));
    });
    trail.hidden = false;
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
  var gapLabels = {};
  data.gapKinds.forEach(function (g) { gapLabels[g.key] = g.label; });
  function gapLabel(key) { return gapLabels[key] || key; }
  function showDetails(id) {
    var d = details[id];
    if (!d) { return; }
    state.selected = id;
    document.getElementById("details-title").textContent = d.label;
    document.getElementById("details-type").textContent = classLabel(d.cls) + " \u00B7 " + d.curie;
    clear(fields);
    field(T.gap_list, d.gaps.map(gapLabel));
    field(T.description, d.description);
    field(T.responsible, d.responsible);
    field(T.timeline, d.timeline);
    field(T.col_priority, d.priority);
    field(T.status, d.status || (d.cls === "Assignment" ? T.no_status : null));
    field(T.sources, d.sources.map(function (s) {
      return [s.document, s.section].filter(Boolean).join(" \u2014 ");
    }));
    field(T.also, (tree.also[id] || []).map(function (p) { return nodeLink(p, labelOf(p)); }));
    field(T.connections, connections(id));
    var gapDt = fields.querySelector("dt");
    if (d.gaps.length && gapDt) { gapDt.className = "gap-tag"; }
    var ex = document.getElementById("details-expand");
    ex.hidden = !CHAIN;
    ex.textContent = state.expanded[id] ? T.collapse : T.expand;
    document.getElementById("details-focus").hidden = !CHAIN;
    panel.hidden = false;
    panel.scrollTop = 0;
    showTrail(id);
  }
  function connections(id) {
    var items = [];
    (adjacent[id] || []).forEach(function (i) {
      var e = data.edges[i];
      var outgoing = e[0] === id;
      var other = outgoing ? e[1] : e[0];
      if (!CHAIN && !visible[other]) { return; }
      var line = el("span");
      line.appendChild(el("span", (outgoing ? "\u2192 " : "\u2190 ") + data.relations[e[2]] + ": "));
      line.appendChild(nodeLink(other, labelOf(other)));
      items.push({ key: data.relations[e[2]] + labelOf(other), node: line });
    });
    items.sort(function (a, b) { return a.key.localeCompare(b.key); });
    return items.map(function (x) { return x.node; });
  }
  document.getElementById("details-close").addEventListener("click", function () {
    panel.hidden = true;
    network.unselectAll();
  });
  document.getElementById("details-expand").addEventListener("click", function () {
    if (state.selected) { toggle(state.selected); showDetails(state.selected); }
  });
  document.getElementById("details-focus").addEventListener("click", function () {
    if (state.selected) { setFocus(state.selected); }
  });
  network.on("click", function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0];
    if (CHAIN) { toggle(id); }
    showDetails(id);
    saveState();
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length && CHAIN) { setFocus(params.nodes[0]); }
  });

  // --- revealing and selecting a node ----------------------------------------------------------
  function reveal(id) {
    if (visible[id]) { return true; }
    // On the chain: open its parent. Off it: find the nearest drawn node through the
    // relations and open the way from there, one node at a time.
    var p = parentOf[id];
    if (p && reveal(p) && !state.expanded[p]) { expand(p); }
    if (visible[id]) { return true; }
    var prev = {};
    prev[id] = null;
    var queue = [id], found = null;
    while (queue.length && found === null) {
      var n = queue.shift();
      (adjacent[n] || []).forEach(function (i) {
        var e = data.edges[i];
        var o = e[0] === n ? e[1] : e[0];
        if (found !== null || Object.prototype.hasOwnProperty.call(prev, o)) { return; }
        prev[o] = n;
        if (visible[o]) { found = o; } else { queue.push(o); }
      });
    }
    var step = found;
    while (step !== null && step !== id) {
      var next = prev[step];
      if (!visible[next]) {
        if (state.expanded[step]) { collapse(step); }
        expand(step);
      }
      step = next;
    }
    return !!visible[id];
  }
  function centreOn(id) {
    network.focus(id, { scale: Math.max(network.getScale(), 12.5 / (CHAIN ? G.font : 13)),
                        animation: false, offset: { x: -panel.offsetWidth / 2, y: 0 } });
  }
  function select(id) {
    if (!CHAIN) {
      var n = nodes.get(id);
      if (n && n.hidden) { state.setClassVisible(n.cls, true); }
    } else if (!reveal(id)) { return; }
    network.selectNodes([id]);
    showDetails(id);
    centreOn(id);
  }
  function focusNode(id) { select(id); saveState(); }
  state.focusNode = focusNode;

  // --- views: graph, table, side by side ------------------------------------------------------
  function setView(view) {
    state.view = view;
    document.body.classList.remove("view-graph", "view-table", "view-both");
    document.body.classList.add("view-" + view);
    ["graph", "table", "both"].forEach(function (v) {
      var b = document.getElementById("view-" + v);
      if (b) { b.setAttribute("aria-pressed", String(v === view)); }
    });
    if (view !== "table" && placedOnce) { network.redraw(); openingView(); }
    saveState();
  }
  state.setView = setView;
  ["graph", "table", "both"].forEach(function (v) {
    var b = document.getElementById("view-" + v);
    if (b) { b.addEventListener("click", function () { setView(v); }); }
  });

  var filters = { network: "", committee: "", year: "" };
  state.filters = filters;

  // --- URL state: focus, opened nodes, view and filters, so a link reopens the view -----------
  var restoring = false;
  function saveState() {
    if (restoring || !state.ready && !placedOnce) { return; }
    var parts = [];
    if (state.focus) { parts.push("focus=" + encodeURIComponent(state.focus)); }
    var open = Object.keys(state.expanded);
    if (open.length) { parts.push("open=" + open.map(encodeURIComponent).join(",")); }
    if (state.selected) { parts.push("sel=" + encodeURIComponent(state.selected)); }
    if (state.view !== "graph") { parts.push("view=" + state.view); }
    ["network", "committee", "year"].forEach(function (k) {
      if (filters[k]) { parts.push(k + "=" + encodeURIComponent(filters[k])); }
    });
    var hash = parts.join("&");
    if (("#" + hash) !== window.location.hash && !(hash === "" && !window.location.hash)) {
      history.replaceState(null, "", hash ? "#" + hash : window.location.pathname);
    }
  }
  state.saveState = saveState;
  function readHash() {
    var out = {};
    window.location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      if (!kv) { return; }
      var at = kv.indexOf("=");
      if (at > 0) { out[kv.slice(0, at)] = kv.slice(at + 1); }
    });
    return out;
  }
  function restore() {
    var h = readHash();
    restoring = true;
    try {
      if (h.open) {
        h.open.split(",").map(decodeURIComponent).forEach(function (id) {
          if (byId[id]) { reveal(id); expand(id); }
        });
      }
      ["network", "committee", "year"].forEach(function (k) {
        if (h[k]) { filters[k] = decodeURIComponent(h[k]); }
      });
      if (h.view && CHAIN) { setView(h.view); }
      var focus = h.focus ? decodeURIComponent(h.focus) : data.focus;
      if (focus && byId[focus]) {
        reveal(focus);
        state.focus = CHAIN && visible[focus] ? focus : null;
        applyFocus();
        if (visible[focus]) { network.selectNodes([focus]); }
        showDetails(focus);
      } else if (h.sel && byId[decodeURIComponent(h.sel)]) {
        var sel = decodeURIComponent(h.sel);
        if (reveal(sel)) { network.selectNodes([sel]); }
        showDetails(sel);
      }
      if (state.renderTable) { state.renderTable(); }
    } finally {
      restoring = false;
    }
  }

  // The side panel (panel.js), the table (table.js) and the pictures (export.js) are wired
  // through these.
  state.ui = { el: el, clear: clear, nodeLink: nodeLink, labelOf: labelOf,
               classLabel: classLabel, gapLabel: gapLabel, fillOf: fillOf, byId: byId,
               styleOf: styleOf, container: container, chain: CHAIN, geometry: G,
               mix: mix, darker: darker, visible: visible };
  state.tree = tree;
})();
