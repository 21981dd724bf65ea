"""The texts to compare, and reading them from a CSV file (`--input`).

An item is one text in one place: in knowledge-base mode a *mention* (a node
as one document states it), in CSV mode one row. `groups` says which network,
committee and document it belongs to, for `--across`; `identity` lists the
nodes it is or answers, so that pairs the curators already linked can be left
out.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from styrgraf.knowledge.errors import InputError

from .defaults import DIMENSIONS


@dataclass(frozen=True)
class Item:
    """One text to compare, with what is needed to show and filter its pairs."""

    id: str  # what output calls `a`/`b`: a node IRI or a CSV id
    text: str
    label: str = ""
    kind: str = ""
    source: str = ""  # where it stands, for people: "document title – section"
    graph: str = ""
    groups: Mapping[str, frozenset[str]] = field(default_factory=dict)
    identity: frozenset[str] = frozenset()
    line: int = 0  # the line of an --input row, for messages

    def __reduce__(self):
        # by its fields, not its __dict__: a report's search hands 40k items from a child
        # process, and rebuilding them this way takes half the time
        return Item, (self.id, self.text, self.label, self.kind, self.source, self.graph,
                      self.groups, self.identity, self.line)


REQUIRED_COLUMNS = ("id", "text")


def read_csv(path: Path) -> list[Item]:
    """Rows `id,text[,group]` (header required, UTF-8, BOM tolerated); errors name file and line."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return _parse(path, handle)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a CSV file") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None


def _parse(path: Path, handle) -> list[Item]:
    reader = csv.reader(handle, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(f"{path}: empty file; expected a header line with columns id,text")
        columns = _columns(path, header)
        width = len(header)
        items: list[Item] = []
        first_line: dict[str, int] = {}
        start = reader.line_num
        for row in reader:
            line = start + 1
            start = reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != width:
                hint = " (quote a text that contains commas)" if len(row) > width else ""
                raise InputError(f"{path}:{line}: expected {width} fields as in the header, "
                                 f"got {len(row)}{hint}")
            items.append(_item(path, line, row, columns, first_line))
    except csv.Error as e:
        raise InputError(f"{path}:{reader.line_num}: malformed CSV: {e}") from None
    return items


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise InputError(f"{path}:1: header lacks column(s) {', '.join(missing)}; "
                         f"expected id,text[,group], got {','.join(header) or '(nothing)'}")
    duplicated = sorted({n for n in names if n and names.count(n) > 1})
    if duplicated:
        raise InputError(f"{path}:1: column(s) {', '.join(duplicated)} appear twice in the header")
    return {n: k for k, n in enumerate(names) if n}


def _item(path: Path, line: int, row: list[str], columns: dict[str, int],
          first_line: dict[str, int]) -> Item:
    item_id = row[columns["id"]].strip()
    text = row[columns["text"]].strip()
    if not item_id:
        raise InputError(f"{path}:{line}: empty id")
    if not text:
        raise InputError(f"{path}:{line}: empty text for id {item_id!r}")
    if item_id in first_line:
        raise InputError(f"{path}:{line}: duplicate id {item_id!r} (first on line "
                         f"{first_line[item_id]})")
    first_line[item_id] = line
    group = row[columns["group"]].strip() if "group" in columns else ""
    groups = frozenset([group]) if group else frozenset()
    # A CSV has one grouping; it stands for whichever dimension --across names.
    return Item(id=item_id, text=text, label=_shorten(text), source=group,
                groups=dict.fromkeys(DIMENSIONS, groups), line=line)


def has_groups(items: list[Item]) -> bool:
    """Whether any item carries a group (a CSV without a group column has none)."""
    return any(g for item in items for g in item.groups.values())


def _shorten(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
