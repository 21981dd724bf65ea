"""The catalogue of named queries: one `.rq` file per question, with a header.

Header lines start with `#+` (after grlc's decorator comments)::

    #+ title: Strategies without activities
    #+ title_sv: Strategier utan aktiviteter
    #+ question: Which strategies and long-term directions have no activity?
    #+ question_sv: Vilka strategier och långsiktiga riktningar saknar aktiviteter?
    #+ param: network (node, optional): only count activities of this network
    #+ param: year (year, default current-year-2): given in or before this year

Parameter kinds: node (IRI, prefixed name or label), text, year, integer,
and `choice: a|b|c` (matched ignoring case and diacritics).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from styrgraf.knowledge.errors import InputError

QUERY_DIR = Path(__file__).resolve().parent / "rq"
KINDS = ("node", "text", "year", "integer", "choice")
_HEADER = re.compile(r"^#\+\s*(?P<key>\w+)\s*:\s*(?P<value>.*?)\s*$")
_PARAM = re.compile(
    r"^(?P<name>\w+)\s*\((?P<kind>\w+)(?::\s*(?P<choices>[^,)]+))?"
    r"(?:,\s*default\s+(?P<default>[^,)]+))?"
    r"(?P<optional>,\s*optional)?\)\s*:\s*(?P<help>.+)$"
)


@dataclass(frozen=True)
class Parameter:
    """A named query parameter: how to read it, its default and what it does."""

    name: str
    kind: str
    default: str | None
    optional: bool
    help: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class NamedQuery:
    """One question: its file, texts in both languages and parameters."""

    name: str
    path: Path
    title: str
    title_sv: str
    question: str
    question_sv: str
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise InputError(f"query '{self.name}' has no parameter '{name}' (parameters: {known})")


def parse(path: Path) -> NamedQuery:
    """Read a query file's header."""
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m["key"], m["value"]
        if key == "param":
            params.append(_parameter(path, number, value))
        else:
            fields[key] = value
    missing = [k for k in ("title", "question") if k not in fields]
    if missing:
        raise InputError(f"{path}: header lacks {', '.join('#+ ' + k for k in missing)}")
    return NamedQuery(
        name=path.stem,
        path=path,
        title=fields["title"],
        title_sv=fields.get("title_sv", ""),
        question=fields["question"],
        question_sv=fields.get("question_sv", ""),
        parameters=tuple(params),
    )


def _parameter(path: Path, number: int, value: str) -> Parameter:
    m = _PARAM.match(value)
    if not m or m["kind"] not in KINDS or (m["kind"] == "choice") != bool(m["choices"]):
        raise InputError(f"{path}:{number}: cannot read parameter line {value!r} "
                         f"(expected: name (kind[, default D][, optional]): help; kinds {KINDS})")
    choices = tuple(c.strip() for c in (m["choices"] or "").split("|") if c.strip())
    return Parameter(m["name"], m["kind"], m["default"], bool(m["optional"]), m["help"], choices)


@cache
def catalogue(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """All named queries, by name."""
    return {p.stem: parse(p) for p in sorted(directory.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    queries = catalogue()
    if name not in queries:
        close = [n for n in queries if name.lower() in n or n in name.lower()]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"no query named '{name}'{hint} (see `styrgraf query --list`)")
    return queries[name]
