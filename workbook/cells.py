"""One cell ⇄ RDF terms, by the column's kind.

Reading is strict, because a wrong value quoted in a committee meeting is
worse than an error: a year is four ASCII digits ("2O25" is refused, not
guessed), a date is a real date, a value starting with `=` is refused as a
possible formula. Writing returns None where a value cannot be written back
exactly, so the export can put that statement on the "other" sheet instead.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from styrgraf.ontology.terms import RDF, XSD

from .schema import REF_SEPARATOR, Column

_YEAR = re.compile(r"[0-9]{4}")
_YEAR_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CellValueError(ValueError):
    """A cell that cannot be read as its column's kind; the message says what is expected."""


def text_of(value: object) -> str:
    """A cell's value as text (numbers as a person would type them), stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def check_text(text: str) -> None:
    """Refuse what must not enter the knowledge base from a cell."""
    if text.startswith("="):
        raise CellValueError("starts with '=' (a formula?): type the value itself")
    if _CONTROL.search(text):
        raise CellValueError("contains a control character")


def split(column: Column, text: str) -> list[str]:
    """The values of a cell: one, or several for a multi-valued column."""
    if not column.multi:
        return [text] if text else []
    if column.splits_on == REF_SEPARATOR:
        parts = re.split(rf"[{REF_SEPARATOR}\n]", text)
    else:
        parts = text.split(column.splits_on)
    return [p.strip() for p in parts if p.strip()]


def literal(column: Column, value: object, text: str) -> ox.Literal:
    """A literal of the column's kind from one value (`value` is the raw cell, `text` one part)."""
    kind = column.kind
    if kind == "text":
        return ox.Literal(text, language="sv")
    if kind == "text_en":
        return ox.Literal(text, language="en")
    if kind == "string":
        return ox.Literal(text)
    if kind == "year":
        if not _YEAR.fullmatch(text):
            raise CellValueError(f"'{text}' is not a year: write four digits, like 2025")
        return ox.Literal(text, datatype=ox.NamedNode(XSD.gYear))
    if kind == "yearmonth":
        if isinstance(value, dt.date | dt.datetime) and value.day == 1:
            text = f"{value.year:04d}-{value.month:02d}"
        if not _YEAR_MONTH.fullmatch(text):
            raise CellValueError(f"'{text}' is not a year and month: write it like 2024-02")
        return ox.Literal(text, datatype=ox.NamedNode(XSD.gYearMonth))
    if kind == "date":
        return ox.Literal(_date(text), datatype=ox.NamedNode(XSD.date))
    if kind == "int":
        if (isinstance(value, float) and not value.is_integer()) or not _INT.fullmatch(text):
            raise CellValueError(f"'{text}' is not a whole number")
        return ox.Literal(str(int(text)), datatype=ox.NamedNode(XSD.integer))
    if kind == "decimal":
        return ox.Literal(_decimal(value, text), datatype=ox.NamedNode(XSD.decimal))
    raise AssertionError(f"not a literal kind: {kind}")


def _date(text: str) -> str:
    if not _DATE.fullmatch(text):
        raise CellValueError(f"'{text}' is not a date: write it like 2024-04-23")
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellValueError(f"'{text}' is not a date in the calendar") from None


def _decimal(value: object, text: str) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(repr(value))
    else:
        cleaned = text.replace("\u00a0", "").replace(" ", "").replace("−", "-")
        if not _DECIMAL.fullmatch(cleaned):
            raise CellValueError(f"'{text}' is not a number")
        try:
            number = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:
            raise CellValueError(f"'{text}' is not a number") from None
    return _plain(number)


def _plain(number: Decimal) -> str:
    """A decimal in the canonical lexical form (no exponent, no trailing zeros)."""
    text = format(number.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".") or "0"


# ---- writing ------------------------------------------------------------------------------

def write_literal(column: Column, term: ox.Literal) -> object | None:
    """The cell value for one literal, or None when this column cannot hold it exactly."""
    datatype = term.datatype.value if term.datatype else ""
    kind = column.kind
    if kind in ("text", "text_en"):
        return term.value if term.language == ("sv" if kind == "text" else "en") else None
    if kind == "string":
        return term.value if datatype == XSD.string and not term.language else None
    expected = {"year": XSD.gYear, "yearmonth": XSD.gYearMonth, "date": XSD.date,
                "int": XSD.integer, "decimal": XSD.decimal}[kind]
    if datatype != expected:
        return None
    try:
        read_back = literal(column, term.value, term.value)
    except CellValueError:
        return None
    if read_back != term:
        return None
    if kind == "year" or kind == "int":
        return int(term.value)
    if kind == "date":
        return dt.date.fromisoformat(term.value)
    if kind == "decimal":
        number = float(term.value)
        return number if _plain(Decimal(repr(number))) == term.value else term.value
    return term.value  # yearmonth stays text, so a spreadsheet does not turn it into a date


def value_type_of(term: ox.Term) -> str:
    """The "value type" cell of the other-statements sheet for a term."""
    from styrgraf.ontology.prefixes import compact

    if isinstance(term, ox.NamedNode):
        return "nod"
    assert isinstance(term, ox.Literal)
    if term.language:
        return term.language
    return compact(term.datatype.value)


def other_literal(value_type: str, text: str) -> ox.Term:
    """The term of an other-statements row from its value and value type."""
    from styrgraf.ontology.prefixes import expand

    kind = value_type.strip()
    if kind in ("", "sv"):
        return ox.Literal(text, language="sv")
    if re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*", kind) and ":" not in kind:
        return ox.Literal(text, language=kind.lower())
    datatype = kind[1:-1] if kind.startswith("<") and kind.endswith(">") else expand(kind)
    if not datatype or datatype == RDF.langString or not datatype.startswith(("http://",
                                                                              "https://")):
        raise CellValueError(f"unknown value type '{value_type}': use nod, sv, en or a "
                             "datatype like xsd:date")
    try:
        return ox.Literal(text, datatype=ox.NamedNode(datatype))
    except ValueError as e:
        raise CellValueError(f"'{text}' is not a valid {kind}: {e}") from None
