"""Print the report's HTML to PDF with headless Chromium (Playwright), on A4.

The same page, printed: Chromium opens the file with JavaScript off and every
request refused except the file itself, and prints it with the page's own
`@page` size and margins and its backgrounds. Debian's Chromium is used
(`/usr/bin/chromium`, as the browser tests use it); no browser is downloaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from styrgraf.knowledge.atomic import atomic_writer
from styrgraf.knowledge.errors import StyrgrafError

#: Where Debian puts Chromium; `chromium` on PATH is preferred when there is one.
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class PdfError(StyrgrafError):
    """The PDF cannot be printed (no Playwright, no Chromium, or Chromium failed)."""


def chromium_path() -> str:
    found = shutil.which("chromium") or CHROMIUM
    if not Path(found).exists():
        raise PdfError("--pdf needs Chromium: install Debian's chromium "
                       "(./scripts/ensure-chromium.sh)")
    return found


def write_pdf(html_path: Path | str, pdf_path: Path | str, *, browser=None) -> Path:
    """Print `html_path` to `pdf_path` (A4, backgrounds on); written atomically.

    `browser` is an already launched Playwright browser to reuse (tests); by default
    Chromium is launched for this one print and closed again.
    """
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    if browser is not None:
        data = _print(browser, html_path)
    else:
        try:
            from playwright.sync_api import Error as PlaywrightError
            from playwright.sync_api import sync_playwright
        except ImportError as e:
            raise PdfError("--pdf needs Playwright: pip install playwright (the browser is "
                           "Debian's chromium; no download)") from e
        executable = chromium_path()
        try:
            with sync_playwright() as p:
                launched = p.chromium.launch(executable_path=executable, args=ARGS)
                try:
                    data = _print(launched, html_path)
                finally:
                    launched.close()
        except PlaywrightError as e:
            raise PdfError(f"Chromium could not print {html_path}: "
                           f"{str(e).splitlines()[0]}") from e
    with atomic_writer(pdf_path) as handle:
        handle.write(data)
    return pdf_path


def _print(browser, html_path: Path) -> bytes:
    url = html_path.resolve().as_uri()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        # nothing but the file itself: the page asks for nothing, and this makes sure
        page.route("**/*", lambda route: route.continue_() if route.request.url == url
                   else route.abort())
        page.goto(url, wait_until="load")
        page.emulate_media(media="print")
        return page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    finally:
        context.close()
