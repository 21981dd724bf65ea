"""The rules behind every number: one SPARQL definition each, shared by every consumer.

A rule is a SELECT query in this folder ("who carries an assignment", "the
latest status", "what covers a direction", "what an activity lacks"). The
catalogued questions in queries/rq, the overview, the graph page and the
report never restate a rule: a query file names it on a line of its own,

    {
      #+ include: latest-status
    }

and `expand` replaces that line by the rule as a subquery. The expanded text
is plain SPARQL 1.1 (no engine extension), so the same question runs on the
embedded store and on any SPARQL server; the unexpanded file still parses,
since the directive is a comment. Rules may include rules.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

RULE_DIR = Path(__file__).resolve().parent
_INCLUDE = re.compile(r"^(?P<indent>[ \t]*)#\+\s*include:\s*(?P<name>[\w-]+)\s*$", re.M)
_PREFIX = re.compile(r"^\s*PREFIX\s+(?P<p>[\w-]*):\s*<(?P<iri>[^>]*)>\s*$", re.M | re.I)


class RuleError(ValueError):
    """A query names a rule that does not exist, or rules include each other in a circle."""


def names() -> list[str]:
    """The rules, by name (file stem)."""
    return sorted(p.stem for p in RULE_DIR.glob("*.rq"))


def path(name: str) -> Path:
    found = RULE_DIR / f"{name}.rq"
    if not found.is_file():
        raise RuleError(f"no rule named {name!r} (rules: {', '.join(names())})")
    return found


@cache
def _raw(name: str) -> str:
    return path(name).read_text(encoding="utf-8")


def expand(text: str, _stack: tuple[str, ...] = ()) -> str:
    """`text` with every include directive replaced by its rule, prefixes hoisted to the top."""
    prefixes: dict[str, str] = {}

    def body_of(name: str, indent: str) -> str:
        if name in _stack:
            raise RuleError(f"rules include each other in a circle: {' → '.join((*_stack, name))}")
        rule = expand(_raw(name), (*_stack, name))
        for m in _PREFIX.finditer(rule):
            prefixes.setdefault(m["p"], m["iri"])
        body = _PREFIX.sub("", rule)
        lines = [ln for ln in body.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        inner = "\n".join(indent + "  " + ln for ln in lines)
        return f"{indent}{{ # rule: {name}\n{inner}\n{indent}}}"

    expanded = _INCLUDE.sub(lambda m: body_of(m["name"], m["indent"]), text)
    if not prefixes:
        return expanded
    declared = {m["p"] for m in _PREFIX.finditer(expanded)}
    missing = [f"PREFIX {p}: <{iri}>" for p, iri in prefixes.items() if p not in declared]
    return "\n".join(missing) + ("\n" if missing else "") + expanded


def included(text: str) -> list[str]:
    """The rules a query text names directly."""
    return [m["name"] for m in _INCLUDE.finditer(text)]
