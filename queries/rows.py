"""Rows: what every tabular answer is, whatever produced it and however it is printed.

A `Rows` value holds machine columns with plain Python values (IRIs as full
strings, numbers as numbers) for csv/json, and says how people see it: which
columns, under which headers, a column shown by its label, repeated group
values shown once. One value type, so one set of renderers serves every
command (after sqlite-utils' single output path).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pyoxigraph as ox

from styrgraf.knowledge.gcpause import pausing
from styrgraf.ontology.prefixes import compact
from styrgraf.ontology.terms import XSD

_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger,
                  XSD.positiveInteger, XSD.negativeInteger, XSD.nonPositiveInteger}
_DECIMAL_TYPES = {XSD.decimal, XSD.double, XSD.float}


class IRI(str):
    """A cell holding a node: its full IRI (machine formats) with its label for people."""

    label: str | None = None

    def __new__(cls, iri: str, label: str | None = None) -> IRI:
        obj = super().__new__(cls, iri)
        obj.label = label
        return obj

    def human(self) -> str:
        return self.label or compact(str(self))


@dataclass
class Rows:
    """A table of plain values, with how people read it."""

    columns: list[str]
    records: list[dict[str, Any]]
    headers: dict[str, str] = field(default_factory=dict)
    #: the columns people see, in order (default: all)
    people: list[str] | None = None
    #: columns whose repeated values a table shows once
    group: tuple[str, ...] = ()
    title: str | None = None

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as plain dicts keyed by column (IRIs as strings)."""
        return [{c: _plain(r.get(c)) for c in self.columns} for r in self.records]

    def to_pandas(self):
        """A pandas DataFrame of the rows (needs pandas installed)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError("Rows.to_pandas() needs pandas: pip install pandas") from e
        return pd.DataFrame(self.dicts(), columns=self.columns)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self):
        return iter(self.dicts())

    def shown(self) -> list[str]:
        return list(self.people) if self.people is not None else list(self.columns)

    def header(self, column: str) -> str:
        return self.headers.get(column) or _words(column)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, IRI) else value


def _words(name: str) -> str:
    """'assignmentYear' → 'assignment year': a readable header when none is declared."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def python_value(term: object) -> Any:
    """An RDF term as a plain value: typed numbers and booleans, IRIs as `IRI`."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt in _DECIMAL_TYPES:
                value = Decimal(term.value)
                if dt == XSD.decimal and value == value.to_integral_value():
                    return int(value)
                return float(value)
            if dt == XSD.boolean:
                return term.value in ("true", "1")
        except (ValueError, ArithmeticError):
            return term.value
        return term.value
    return str(term)


#: A column `x` may have a companion `x` + LABEL_SUFFIX holding its label (the queries' convention).
LABEL_SUFFIX = "Label"


def label_column(column: str) -> str:
    """The name of the column that holds the label of `column`'s node."""
    return column + LABEL_SUFFIX


@pausing
def from_result(result, *, headers: dict[str, str] | None = None,
                labeler: Callable[[set[str]], dict[str, str | None]] | None = None,
                group: tuple[str, ...] = (), title: str | None = None) -> Rows:
    """Rows of a SPARQL SELECT result (`engine.ResultTable`).

    People see a column `x` with a companion `xLabel` as one column holding
    the label, and do not see columns that only echo a bound parameter.
    `labeler` names, in one call, the IRIs that come without such a label.
    """
    names = set(result.columns)
    records = []
    unlabelled: list[IRI] = []
    companions = [(c, label_column(c) if label_column(c) in names else None)
                  for c in result.columns]
    for row in result.rows:
        record = {}
        for c, companion in companions:
            value = python_value(row.get(c))
            label_term = row.get(companion) if companion else None
            if isinstance(value, IRI):
                if isinstance(label_term, ox.Literal):
                    value.label = label_term.value
                else:
                    unlabelled.append(value)
            record[c] = value
        records.append(record)
    if labeler is not None and unlabelled:
        found = labeler({str(v) for v in unlabelled})
        for value in unlabelled:
            value.label = found.get(str(value))
    people = [c for c in result.columns if c not in result.parameter_columns
              and not (c.endswith(LABEL_SUFFIX) and c[: -len(LABEL_SUFFIX)] in names)]
    return Rows(list(result.columns), records, headers or {}, people, group, title)
