"""The report's charts, drawn by matplotlib into inline SVG: no JavaScript is needed to read them.

Figures are made with matplotlib's object API (a `Figure` on the Agg canvas,
never pyplot), so nothing global changes and no window can open. The SVG is
deterministic (a fixed `svg.hashsalt`, no date in the metadata), keeps text as
text (`svg.fonttype = 'none'`: searchable, and sized by the browser), and is
made fit to sit inside an HTML page: the XML prolog, DOCTYPE, generator comment
and metadata are dropped, and every id is prefixed with the chart's own name so
two charts on one page never share one (a clip path found by `url(#…)` must be
the chart's own). Labels are plain text: matplotlib escapes `<`, `>`, `&` and
quotes, and mathtext (`$…$`) is switched off for every label from the documents.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

#: Width of a chart: the A4 text block (210 mm less 2 × 18 mm margins), in inches.
WIDTH_IN = 6.8
#: Okabe–Ito colours (readable with colour blindness, and in greyscale print).
ONGOING = "#e69f00"
CLOSED = "#009e73"
UNREPORTED = "#c7c7c7"
GAP = "#b2182b"
INK = "#222222"
HEAT = LinearSegmentedColormap.from_list("styrgraf-heat", ["#f7fbff", "#6baed6", "#08306b"])

RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "styrgraf",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 8,
    "axes.edgecolor": "#888888",
    "axes.linewidth": 0.6,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "path.simplify": False,
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_F = TypeVar("_F", bound=Callable[..., str])


def _styled(draw: _F) -> _F:
    """Run a chart function with the report's matplotlib settings, and only then."""

    @functools.wraps(draw)
    def run(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return draw(*args, **kwargs)

    return run  # type: ignore[return-value]


@dataclass(frozen=True)
class Bar:
    """One committee's bar: its label and counts of ongoing, closed and unreported."""

    label: str
    ongoing: int
    closed: int
    unreported: int


@_styled
def status_chart(bars: Sequence[Bar], *, legend: tuple[str, str, str], xlabel: str,
                 name: str = "status") -> str:
    """A horizontal stacked bar per committee: ongoing, closed, not reported (the counts
    of committees-by-assignments), in the query's order from the top."""
    rows = list(bars)
    fig = _figure(0.95 + 0.22 * max(len(rows), 1))
    ax = fig.add_subplot()
    ys = list(range(len(rows)))[::-1]
    left = [0] * len(rows)
    for values, colour, word in ((
            [b.ongoing for b in rows], ONGOING, legend[0]),
            ([b.closed for b in rows], CLOSED, legend[1]),
            ([b.unreported for b in rows], UNREPORTED, legend[2])):
        ax.barh(ys, values, left=left, height=0.7, color=colour, label=word, edgecolor="white",
                linewidth=0.4)
        for y, start, value in zip(ys, left, values, strict=True):
            if value:
                ax.text(start + value / 2, y, str(value), ha="center", va="center",
                        fontsize=6.5, color=INK, parse_math=False)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(ys, [_short(b.label, 48) for b in rows], parse_math=False)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlim(0, max([*left, 1]) * 1.04)
    ax.set_xlabel(xlabel, parse_math=False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    legend_box = fig.legend(loc="outside upper left", ncols=3, frameon=False, fontsize=7.5,
                            handlelength=1.2)
    for text in legend_box.get_texts():
        text.set_parse_math(False)
    return _svg(fig, name)


@_styled
def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]], *,
            headings: Sequence[bool], gaps: Sequence[bool], name: str) -> str:
    """Directions and strategies (rows) × networks or committees (columns); each cell the
    number of activities covering the row, printed in it. Heading rows (directions) are
    bold; rows that are gaps by the coverage rule have red labels."""
    n, m = len(rows), max(len(columns), 1)
    fig = _figure(1.3 + 0.2 * max(n, 1))
    ax = fig.add_subplot()
    top = max([max(r, default=0) for r in values] + [1])
    # vector cells (pcolormesh), not a raster image: sharp in print, no embedded PNG
    ax.pcolormesh([list(r) for r in values] if n else [[0] * m], cmap=HEAT, vmin=0, vmax=top,
                  edgecolors="white", linewidth=1.2)
    ax.set_xlim(0, m)
    ax.set_ylim(max(n, 1), 0)
    for i, row in enumerate(values):
        for j, value in enumerate(row):
            ax.text(j + 0.5, i + 0.5, str(value), ha="center", va="center", fontsize=7,
                    color="white" if value > top * 0.55 else INK, parse_math=False,
                    in_layout=False)  # inside the axes: the layout need not measure them
    ax.set_xticks([j + 0.5 for j in range(len(columns))],
                  [textwrap.fill(_clean(c), 20) for c in columns],
                  parse_math=False, rotation=35, ha="left", rotation_mode="anchor", fontsize=7)
    ax.xaxis.tick_top()
    labels = [_short(r, 58) if heading else "– " + _short(r, 60)
              for r, heading in zip(rows, headings, strict=True)]
    ax.set_yticks([i + 0.5 for i in range(n)], labels, parse_math=False, fontsize=7)
    for tick, heading, gap in zip(ax.get_yticklabels(), headings, gaps, strict=True):
        tick.set_fontweight("bold" if heading else "normal")
        if gap:
            tick.set_color(GAP)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return _svg(fig, name)


def _figure(height_in: float) -> Figure:
    fig = Figure(figsize=(WIDTH_IN, height_in), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _svg(fig: Figure, name: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None,
                                                 "Format": None, "Type": None})
    return inline_svg(buffer.getvalue(), name)


def inline_svg(text: str, name: str) -> str:
    """matplotlib's SVG document as an element for an HTML page (see the module's note)."""
    start = text.index("<svg")
    svg = text[start:].strip()
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r"<!--.*?-->\s*", "", svg, flags=re.S)
    prefix = re.sub(r"[^A-Za-z0-9_-]", "-", name) + "-"
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", svg)
    svg = re.sub(r'(xlink:href|href)="#([^"]+)"', lambda m: f'{m[1]}="#{prefix}{m[2]}"', svg)
    # the root element: scalable to its box (CSS sets the width), labelled for screen readers
    svg = re.sub(r'^<svg([^>]*?)\swidth="[^"]*"\sheight="[^"]*"', r'<svg\1', svg, count=1)
    return svg.replace("<svg", f'<svg role="img" class="chart" data-chart="{prefix[:-1]}"', 1)


def _clean(text: str) -> str:
    """One line of plain text: control and separator characters shown as spaces."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def _short(text: str, limit: int) -> str:
    from styrgraf.queries.wording import shorten

    return shorten(_clean(text), limit)
