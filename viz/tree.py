"""Tidy-tree positions for the goal chain: no two boxes overlap, no two tree lines cross.

Each subtree owns a band of the cross axis (vertical when the tree grows to
the right, horizontal when it grows down) that no sibling's band overlaps,
and a node stands inside its own band, so lines from different parents can
never cross and boxes can never touch. Leaves are stacked in outline order,
each taking its own box's extent plus a gap, and a parent is aligned with
the start of its band (`start`: the outline reading of the left-to-right
chain, the vision at the top left where the page opens) or centred over its
children (`centre`: the top-down hierarchy). Linear in the number of nodes.

The page's script runs the same algorithm (templates/app.js, `tidy`) when a
click expands or collapses a node, with the sizes computed here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

#: Label font size on the canvas, in CSS pixels at zoom 1.
FONT_PX = 15
#: Characters per wrapped label line; at FONT_PX this stays inside BOX_W.
WRAP_CHARS = 22
#: Box width (the label's maximum width plus margins), and a box's height as vis-network
#: draws it: one font size per line plus margins and border (measured in Chromium).
BOX_W = 210
LINE_PX = FONT_PX
BOX_PAD = 20
#: Distance between depths (box width plus room for the lines) and between boxes.
COLUMN_PX = 270
ROW_PX = 150
GAP_PX = 14


def wrap(text: str, width: int = WRAP_CHARS) -> list[str]:
    """The whole label, wrapped at word boundaries; a word longer than a line breaks after a
    slash if it has one ("fritidslotsar/ föreningslots"), else where the line ends."""
    words = [w.replace("/", "/ ") if len(w) > width else w for w in text.split()]
    lines = textwrap.wrap(" ".join(words), width=width, break_long_words=True,
                          break_on_hyphens=False)
    return lines or [""]


def box_height(lines: int) -> float:
    """A box's height on the canvas for a label of `lines` lines."""
    return lines * LINE_PX + BOX_PAD


def tidy(roots: Sequence[str], children: Mapping[str, Sequence[str]],
         extent: Mapping[str, float], align: str = "start",
         gap: float = GAP_PX) -> dict[str, float]:
    """Each node's centre on the cross axis; `extent` is its box's size along that axis."""
    centre: dict[str, float] = {}
    cursor = 0.0
    # Iterative post-order: (node, visited-children?) so deep chains cannot overflow the stack.
    for root in roots:
        stack: list[tuple[str, bool, float]] = [(root, False, 0.0)]
        while stack:
            node, done, start = stack.pop()
            kids = children.get(node, ())
            size = extent[node]
            if not kids:
                centre[node] = cursor + size / 2
                cursor += size + gap
                continue
            if not done:
                stack.append((node, True, cursor))
                stack.extend((k, False, 0.0) for k in reversed(kids))
                continue
            if align == "centre":
                mid = (centre[kids[0]] + centre[kids[-1]]) / 2
                centre[node] = max(mid, start + size / 2)
            else:
                centre[node] = start + size / 2
            cursor = max(cursor, centre[node] + size / 2 + gap)
    return centre


def positions(roots: Sequence[str], children: Mapping[str, Sequence[str]],
              depth: Mapping[str, int], lines: Mapping[str, int],
              orientation: str = "right") -> dict[str, tuple[float, float]]:
    """Canvas (x, y) centres: depth along x ("right") or along y ("down")."""
    if orientation == "down":
        extent = {n: float(BOX_W) for n in depth}
        cross = tidy(roots, children, extent, align="centre")
        return {n: (round(cross[n], 1), float(depth[n] * ROW_PX)) for n in depth}
    extent = {n: box_height(lines[n]) for n in depth}
    cross = tidy(roots, children, extent, align="start")
    return {n: (float(depth[n] * COLUMN_PX), round(cross[n], 1)) for n in depth}
