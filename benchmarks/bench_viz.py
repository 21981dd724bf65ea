"""How fast `styrgraf viz` pages become interactive in headless Chromium.

Two graphs: the built-in knowledge base (target: interactive in under 3 s)
and a synthetic knowledge base of 5,000 shown nodes (target: under 15 s).
For each: the time the command takes to write the page (store already
built), the page's size, and seconds to interactive, measured in the page as
performance.now() when it sets window.styrgraf.ready (drawn, and stabilised
if physics runs), i.e. from the start of navigation; median of --runs loads.

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


def generate(data: Path | None, out: Path, cache: Path) -> float:
    """Seconds for `styrgraf viz` to write the page, with the store already built."""
    prefix = ["--data", str(data)] if data else []
    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(cache)}
    env.pop("STYRGRAF_DATA", None)
    command = [sys.executable, "-m", "styrgraf.cli", *prefix, "build"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "styrgraf.cli", *prefix, "viz", "-o", str(out)],
                   env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def interactive(browser, page_file: Path) -> tuple[float, int, int]:
    """(seconds to interactive, nodes drawn, relations drawn) for one fresh load."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function(READY, timeout=120_000, polling=50)
        ready_ms = page.evaluate("window.styrgraf.readyAt")
        nodes = page.evaluate("window.network.body.data.nodes.length")
        edges = page.evaluate("window.network.body.data.edges.length")
        return ready_ms / 1000.0, nodes, edges
    finally:
        context.close()


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
        cases = [("built-in knowledge base", None, 3.0),
                 (f"synthetic, {args.nodes} nodes", synthetic, 15.0)]
        rows, missed = [], False
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for name, data, target in cases:
                out = work / f"{'kb' if data is None else 'synthetic'}.html"
                write_s = generate(data, out, work / "cache")
                loads = [interactive(browser, out) for _ in range(args.runs)]
                seconds = statistics.median(t for t, _, _ in loads)
                _, nodes, edges = loads[0]
                missed |= seconds > target
                rows.append((name, nodes, edges, out.stat().st_size / 1e6, write_s, seconds,
                             max(t for t, _, _ in loads), target))
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'graph':<28}{'nodes':>7}{'edges':>8}{'page MB':>9}{'write s':>9}"
          f"{'interactive s (median, max)':>30}{'target s':>10}")
    for name, nodes, edges, size, write_s, median, worst, target in rows:
        verdict = "ok" if median <= target else "OVER"
        print(f"{name:<28}{nodes:>7}{edges:>8}{size:>9.1f}{write_s:>9.2f}"
              f"{f'{median:.2f}, {worst:.2f}':>30}{target:>8.0f} {verdict}")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
