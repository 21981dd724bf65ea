"""Screenshots of the graph page for the README: docs/viz/*.png from the built-in knowledge base.

Each picture is a page written by the real `styrgraf viz` command, opened in
headless Chromium (Debian's, as the browser tests use) at 1400×900 and taken
once the page says it is ready. Run it again after changing the page:

    .venv/bin/python scripts/viz_screenshots.py [--out docs/viz]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "() => window.styrgraf && window.styrgraf.ready === true"

#: (file name, `styrgraf viz` options, what to do on the page before the picture)
SHOTS = (
    ("default.png", (), None),
    ("focused-chain.png", ("--focus", "En förebyggande socialtjänst"), None),
    ("network-view.png", ("--network", "Nätverket Stadsområde, välfärd och fritid"), "both"),
)


def page(work: Path, name: str, options: tuple[str, ...], cache: Path) -> Path:
    """Write one page with the real command (Swedish, the default)."""
    out = work / name.replace(".png", ".html")
    env = {**os.environ, "STYRGRAF_CACHE_DIR": str(cache), "STYRGRAF_LANG": "sv"}
    env.pop("STYRGRAF_DATA", None)
    subprocess.run([sys.executable, "-m", "styrgraf.cli", "viz", "-o", str(out), *options],
                   env=env, check=True, capture_output=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "viz")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    work = Path(tempfile.mkdtemp(prefix="viz-shots-"))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for name, options, view in SHOTS:
                html = page(work, name, options, work / "cache")
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                tab = context.new_page()
                tab.goto(html.as_uri())
                tab.wait_for_function(READY, timeout=60_000)
                if view:
                    tab.click(f"#view-{view}")
                    tab.wait_for_timeout(300)
                tab.screenshot(path=str(args.out / name))
                context.close()
                print(args.out / name)
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
