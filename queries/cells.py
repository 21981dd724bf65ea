"""Cell texts safe to open in a spreadsheet (CSV injection, OWASP).

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula
(and a leading tab or CR can hide one), so a label such as
`=HYPERLINK("http://…")` from a document would run when a strategist opens
the csv file. `neutralise` puts a single quote in front, which Excel and
LibreOffice show as text. Plain numbers stay as they are: they cannot run
anything. A library function, so every export that people open (csv, tsv,
a future workbook) neutralises the same way.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: what a spreadsheet reads as a number: an optional sign, digits, one decimal point or comma
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def is_plain_number(text: str) -> bool:
    """Whether `text` is a plain number (-3, +46, -0,5): nothing a spreadsheet could run."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would read `text` as (the start of) a formula."""
    return text.startswith(FORMULA_STARTS) and not is_plain_number(text)


def neutralise(value: Any) -> Any:
    """A text that would run as a formula with `'` in front; any other value unchanged."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def decimal_comma(value: Any) -> Any:
    """A non-integer number written with a decimal comma (Swedish spreadsheets); else unchanged."""
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        return str(value).replace(".", ",")
    return value
