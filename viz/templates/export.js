/* styrgraf graph page, pictures and print: the view as PNG (the canvas, on white) or SVG
 * (built from the drawn nodes' boxes, labels and lines, each label a text node), and the
 * SVG put above the table when the page is printed (A4 landscape, page.css). */
(function (state) {
  "use strict";
  if (!state) { return; }
  var data = state.data, details = data.details, ui = state.ui;
  var el = ui.el, clear = ui.clear, byId = ui.byId, styleOf = ui.styleOf, fillOf = ui.fillOf;
  var container = ui.container, CHAIN = ui.chain, G = ui.geometry;
  var network = window.network, nodes = state.nodes, edges = state.edges;

  function download(name, url) {
    var a = el("a");
    a.download = name;
    a.href = url;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }
  function pngURL() {
    var canvas = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width;
    out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    return out.toDataURL("image/png");
  }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svgText() { return new XMLSerializer().serializeToString(svgElement()); }
  function svgElement() {
    var svg = document.createElementNS(SVGNS, "svg");
    var ids = nodes.getIds().filter(function (id) { return !nodes.get(id).hidden; });
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    var drawn = {};
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      drawn[id] = b;
      box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right);
      box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom);
    });
    var pad = 20;
    svg.setAttribute("xmlns", SVGNS);
    svg.setAttribute("viewBox", [box.left - pad, box.top - pad, box.right - box.left + 2 * pad,
                                 box.bottom - box.top + 2 * pad].join(" "));
    svg.setAttribute("width", String(Math.round(box.right - box.left + 2 * pad)));
    svg.setAttribute("height", String(Math.round(box.bottom - box.top + 2 * pad)));
    svg.setAttribute("font-family", "system-ui, sans-serif");
    var bg = document.createElementNS(SVGNS, "rect");
    bg.setAttribute("x", String(box.left - pad)); bg.setAttribute("y", String(box.top - pad));
    bg.setAttribute("width", "100%"); bg.setAttribute("height", "100%");
    bg.setAttribute("fill", "#ffffff");
    svg.appendChild(bg);
    var pos = network.getPositions(ids);
    edges.get().forEach(function (e) {
      if (!pos[e.from] || !pos[e.to]) { return; }
      var line = document.createElementNS(SVGNS, "line");
      line.setAttribute("x1", String(pos[e.from].x)); line.setAttribute("y1", String(pos[e.from].y));
      line.setAttribute("x2", String(pos[e.to].x)); line.setAttribute("y2", String(pos[e.to].y));
      line.setAttribute("stroke", e.curated ? data.colors.curated : data.colors.edge);
      if (e.curated) { line.setAttribute("stroke-dasharray", "5 4"); }
      svg.appendChild(line);
    });
    ids.forEach(function (id) {
      var n = byId[id], b = drawn[id], v = nodes.get(id);
      var g = document.createElementNS(SVGNS, "g");
      var rect = document.createElementNS(SVGNS, "rect");
      rect.setAttribute("x", String(b.left)); rect.setAttribute("y", String(b.top));
      rect.setAttribute("width", String(b.right - b.left));
      rect.setAttribute("height", String(b.bottom - b.top));
      rect.setAttribute("rx", "4");
      rect.setAttribute("fill", CHAIN ? fillOf(n) : (styleOf[n.c] || {}).color || "#999");
      rect.setAttribute("stroke", v.color.border);
      rect.setAttribute("stroke-width", String(v.borderWidth));
      if (v.opacity !== undefined && v.opacity < 1) { g.setAttribute("opacity", String(v.opacity)); }
      var title = document.createElementNS(SVGNS, "title");
      title.textContent = details[id].label;
      g.appendChild(title);
      g.appendChild(rect);
      var lines = n.l.split("\n");
      var fontSize = CHAIN ? G.font : 13;
      var text = document.createElementNS(SVGNS, "text");
      text.setAttribute("font-size", String(fontSize));
      text.setAttribute("fill", "#111111");
      var x0 = CHAIN ? b.left + 6 : (b.left + b.right) / 2;
      if (!CHAIN) { text.setAttribute("text-anchor", "middle"); }
      var y0 = CHAIN ? b.top + 6 + fontSize * 0.9 : b.bottom + fontSize;
      lines.forEach(function (line, i) {
        var span = document.createElementNS(SVGNS, "tspan");
        span.setAttribute("x", String(x0));
        span.setAttribute("y", String(y0 + i * (fontSize + 2)));
        span.textContent = line;
        text.appendChild(span);
      });
      g.appendChild(text);
      svg.appendChild(g);
    });
    return svg;
  }
  state.pngURL = pngURL;
  state.svgText = svgText;
  document.getElementById("save-png").addEventListener("click", function () {
    download("styrgraf.png", pngURL());
  });
  document.getElementById("save-svg").addEventListener("click", function () {
    download("styrgraf.svg", "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText()));
  });
  var figure = document.getElementById("print-figure");
  // Printing: the whole drawn tree as vector graphics above the table, as wide as the page,
  // cut into page-high slices between rows of boxes (an SVG is never split across pages by
  // the browser, so one tall picture would be clipped). Inline SVG, so it is there the moment
  // the print layout is made.
  var PAGE_RATIO = 190 / 277 * 0.92;  // A4 landscape less margins, less room for the heading
  function cuts(top, bottom, band, boxes) {
    var out = [top];
    var at = top;
    while (bottom - at > band) {
      var cut = at + band;
      boxes.forEach(function (b) { if (b.top < cut && b.bottom > cut && b.top > at) { cut = b.top - 4; } });
      out.push(cut);
      at = cut;
    }
    out.push(bottom);
    return out;
  }
  function printFigure() {
    clear(figure);
    if (state.view === "table") { return; }
    var whole = svgElement();
    var view = whole.getAttribute("viewBox").split(" ").map(Number);
    var left = view[0], top = view[1], width = view[2], height = view[3];
    var boxes = nodes.getIds().map(function (id) { return network.getBoundingBox(id); });
    var ys = cuts(top, top + height, width * PAGE_RATIO, boxes);
    for (var i = 0; i + 1 < ys.length; i++) {
      var slice = i + 2 < ys.length ? whole.cloneNode(true) : whole;
      slice.setAttribute("viewBox", [left, ys[i], width, ys[i + 1] - ys[i]].join(" "));
      slice.removeAttribute("width");
      slice.removeAttribute("height");
      slice.setAttribute("class", "print-slice");
      figure.appendChild(slice);
    }
  }
  state.printFigure = printFigure;
  window.addEventListener("beforeprint", printFigure);
  document.getElementById("print").addEventListener("click", function () { window.print(); });
})(window.styrgraf);
