"""How fast `styrgraf viz` pages become interactive in headless Chromium.

Two graphs: the built-in knowledge base (target: interactive in under 3 s)
and a synthetic knowledge base of 5,000 nodes (target: under 15 s), each in
the goal chain view (the default) and the force view. For each: the time the
command takes to write the page (store already built), the page's bytes per
node the page holds, seconds to the first stable frame, measured in the page
as performance.now() when it sets window.styrgraf.ready (drawn, measured and
placed, and stabilised if physics runs), i.e. from the start of navigation,
median of --runs fresh loads; and for the chain, milliseconds for a click's
work (opening the connections of the node with most of them, laid out and
drawn), to show the page stays interactive.

    .venv/bin/python benchmarks/bench_viz.py [--runs 3] [--nodes 5000]

A benchmark, not a test: it prints figures and exits 0 (1 with --strict when
a target is missed).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "() => window.styrgraf && window.styrgraf.ready === true"


def write_synthetic(folder: Path, nodes: int) -> Path:
    """The generator the browser tests use too (tests/fixtures/viz/synthetic.py)."""
    spec = importlib.util.spec_from_file_location(
        "synthetic", ROOT / "tests" / "fixtures" / "viz" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_synthetic(folder, nodes)


def generate(data: Path | None, out: Path, cache: Path, layout: str) -> float:
    """Seconds for `styrgraf viz` to write the page, with the store already built."""
    prefix = ["--data", str(data)] if data else []
    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(cache)}
    env.pop("STYRGRAF_DATA", None)
    command = [sys.executable, "-m", "styrgraf.cli", *prefix, "build"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "styrgraf.cli", *prefix, "viz", "-o", str(out),
                    "--layout", layout], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


#: Open the connections of the drawn node with the most hidden neighbours; ms until redrawn.
CLICK = """() => { const s = window.styrgraf, d = s.data, shown = new Set(d.visible);
  const count = {}; d.edges.forEach(e => { if (shown.has(e[0]) && !shown.has(e[1])) {
    count[e[0]] = (count[e[0]] || 0) + 1; } if (shown.has(e[1]) && !shown.has(e[0])) {
    count[e[1]] = (count[e[1]] || 0) + 1; } });
  const best = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
  if (!best) { return null; }
  const t0 = performance.now(); s.expand(best); window.network.redraw();
  return performance.now() - t0; }"""


def interactive(browser, page_file: Path) -> tuple[float, int, int, float | None]:
    """(seconds to interactive, nodes drawn, relations drawn, ms for a click) for one load."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function(READY, timeout=120_000, polling=50)
        ready_ms = page.evaluate("window.styrgraf.readyAt")
        nodes = page.evaluate("window.network.body.data.nodes.length")
        edges = page.evaluate("window.network.body.data.edges.length")
        chain = page.evaluate("window.styrgraf.data.layout") != "force"
        click = page.evaluate(CLICK) if chain else None
        return ready_ms / 1000.0, nodes, edges, click
    finally:
        context.close()


def _fixed_bytes() -> int:
    """Bytes every page carries whatever its data: vis-network, the page's script and style."""
    from styrgraf.viz.page import TEMPLATES, app_script, vis_bundle

    return sum(len(t.encode("utf-8")) for t in (
        vis_bundle(), app_script(), (TEMPLATES / "page.css").read_text(encoding="utf-8")))


_FIXED = _fixed_bytes()


def _held(page_file: Path) -> int:
    """How many nodes the page's data holds."""
    import json
    import re

    text = page_file.read_text(encoding="utf-8")
    found = re.search(r'<script id="styrgraf-data" type="application/json">(.*?)</script>',
                      text, re.S)
    return len(json.loads(found[1])["nodes"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="page loads per graph (median)")
    parser.add_argument("--nodes", type=int, default=5000, help="size of the synthetic graph")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    work = Path(tempfile.mkdtemp(prefix="bench-viz-"))
    try:
        synthetic = work / "synthetic"
        synthetic.mkdir()
        write_synthetic(synthetic, args.nodes)
        cases = [("built-in", None, layout, 3.0) for layout in ("chain", "force")] + \
            [(f"synthetic {args.nodes}", synthetic, layout, 15.0)
             for layout in ("chain", "force")]
        rows, missed = [], False
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for name, data, layout, target in cases:
                out = work / f"{'kb' if data is None else 'synthetic'}-{layout}.html"
                write_s = generate(data, out, work / "cache", layout)
                loads = [interactive(browser, out) for _ in range(args.runs)]
                seconds = statistics.median(t for t, _, _, _ in loads)
                _, nodes, edges, click = loads[0]
                held = _held(out)
                missed |= seconds > target
                rows.append((name, layout, nodes, held, edges, out.stat().st_size, write_s,
                             seconds, max(t for t, _, _, _ in loads), click, target))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'graph':<16}{'view':<7}{'drawn':>7}{'held':>7}{'lines':>7}{'page MB':>9}"
          f"{'B/node':>8}{'write s':>9}{'first stable frame s':>24}{'click ms':>10}"
          f"{'target s':>10}")
    for name, layout, nodes, held, edges, size, write_s, median, worst, click, target in rows:
        verdict = "ok" if median <= target else "OVER"
        per_node = (size - _FIXED) / max(held, 1)
        click_text = f"{click:.0f}" if click is not None else "-"
        print(f"{name:<16}{layout:<7}{nodes:>7}{held:>7}{edges:>7}{size / 1e6:>9.2f}"
              f"{per_node:>8.0f}{write_s:>9.2f}{f'{median:.2f} (max {worst:.2f})':>24}"
              f"{click_text:>10}{target:>8.0f} {verdict}")
    print(f"B/node: page bytes less the {_FIXED / 1e3:.0f} kB of script and style every page "
          "carries, per node the page holds (drawn or a click away)")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
