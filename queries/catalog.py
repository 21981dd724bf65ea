"""The catalogue of named queries: one `.rq` file per question, with a header.

Header lines start with `#+` (after grlc's decorator comments)::

    #+ title: Strategies without activities
    #+ title_sv: Strategier utan aktiviteter
    #+ question: Which strategies and long-term directions have no activity?
    #+ question_sv: Vilka strategier och långsiktiga riktningar saknar aktiviteter?
    #+ param: network (node, optional): only count activities of this network
    #+ param: year (year, default current-year-2): given in or before this year
    #+ param: committee (node: Committee|Company, optional): only this committee
    #+ group: committee
    #+ internal: true

Parameter kinds: node (IRI, prefixed name or label; `node: Class|Class` names
the classes a value must have), text, year, date, integer, and
`choice: a|b|c` (matched ignoring case and diacritics). `group` names the
columns whose repeated values a table shows once; `internal` hides plumbing
from `query --list`. A line `#+ include: RULE` stands for a rule of the
`rules` folder (see styrgraf.rules); `NamedQuery.text` is the expanded query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from styrgraf import rules
from styrgraf.knowledge.errors import InputError

QUERY_DIR = Path(__file__).resolve().parent / "rq"
KINDS = ("node", "text", "year", "date", "integer", "choice")
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
    choices: tuple[str, ...] = ()  # for a choice: the values; for a node: the allowed classes


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
    group: tuple[str, ...] = ()
    internal: bool = False

    @property
    def source(self) -> str:
        """The file as written (rules named by include directives)."""
        return self.path.read_text(encoding="utf-8")

    @property
    def text(self) -> str:
        """The query to run: plain SPARQL 1.1 with every rule it names expanded."""
        return _expanded(self.path)

    def title_in(self, lang: str) -> str:
        return (self.title_sv or self.title) if lang == "sv" else self.title

    def question_in(self, lang: str) -> str:
        return (self.question_sv or self.question) if lang == "sv" else self.question

    def dated(self, day: date) -> dict[str, str]:
        """The date and year parameters with their defaults taken at `day` instead of today
        (stale-assignments: year = two years before it, today = it): the question as it
        stood on that day, for the overview and the report alike."""
        from .params import default_value

        return {p.name: default_value(p.default, today=day) for p in self.parameters
                if p.kind in ("date", "year") and p.default is not None}

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise InputError(f"query '{self.name}' has no parameter '{name}' (parameters: {known})")


@cache
def _expanded(path: Path) -> str:
    try:
        return rules.expand(path.read_text(encoding="utf-8"))
    except rules.RuleError as e:
        raise InputError(f"{path}: {e}") from e


def parse(path: Path, *, internal: bool = False) -> NamedQuery:
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
        group=tuple(g.strip() for g in fields.get("group", "").split(",") if g.strip()),
        internal=internal or fields.get("internal", "").lower() in ("true", "yes", "1"),
    )


def _parameter(path: Path, number: int, value: str) -> Parameter:
    m = _PARAM.match(value)
    detailed = ("choice", "node")
    if not m or m["kind"] not in KINDS or (m["kind"] == "choice" and not m["choices"]) or \
            (m["choices"] and m["kind"] not in detailed):
        raise InputError(f"{path}:{number}: cannot read parameter line {value!r} "
                         f"(expected: name (kind[, default D][, optional]): help; kinds {KINDS})")
    choices = tuple(c.strip() for c in (m["choices"] or "").split("|") if c.strip())
    return Parameter(m["name"], m["kind"], m["default"], bool(m["optional"]), m["help"], choices)


@cache
def catalogue(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """All named queries by name: the questions, then the rules (internal, prefixed `rule:`)."""
    found = {p.stem: parse(p) for p in sorted(directory.glob("*.rq"))}
    if directory == QUERY_DIR:
        for name in rules.names():
            q = parse(rules.path(name), internal=True)
            found[f"rule:{name}"] = NamedQuery(**{**q.__dict__, "name": f"rule:{name}"})
    return found


def public() -> list[NamedQuery]:
    """The questions `query --list` shows (no plumbing, no rules)."""
    return [q for q in catalogue().values() if not q.internal]


def get(name: str) -> NamedQuery:
    queries = catalogue()
    if name not in queries:
        close = [n for n in queries if name.lower() in n or n in name.lower()]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise InputError(f"no query named '{name}'{hint} (see `styrgraf query --list`)")
    return queries[name]
