"""`-p NAME VALUE` options, as in sqlite-utils.

typer has no list-of-pairs type, so the option is declared as a list of
`Pair` (parsed by `_pair`) and `enable_pairs` turns it into a two-value option
on the built command. Pinned typer version; a CLI test covers it.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

PARAM_OPTION_NAME = "params"


class Pair(tuple):
    """A (name, value) pair from `-p NAME VALUE`."""


def _pair(value: Any) -> Pair | str:
    # typer calls this with both words (a tuple), or once per word (a str) in releases
    # that vendor click; `as_dict` reads either shape.
    return value if isinstance(value, str) else Pair(value)


ParamOption = Annotated[
    list[Pair] | None,
    typer.Option(
        "-p", "--param", metavar="NAME VALUE", parser=_pair,
        help="Bind a query parameter (repeatable): -p network 'Nätverket Stadsområde, välfärd "
             "och fritid'.",
    ),
]


def as_dict(pairs: list[Pair] | None, strip: str = "") -> dict[str, str]:
    """The `-p` pairs as {name: value}; a name given twice is an error (names lose `strip`)."""
    from styrgraf.knowledge.errors import InputError

    given: dict[str, str] = {}
    for pair in pairs or []:
        raw_name, value = (_unwrapped(part) for part in pair)
        name = raw_name.lstrip(strip)
        if name in given:
            raise InputError(f"parameter '{name}' given twice")
        given[name] = value
    return given


def _unwrapped(part: Any) -> str:
    """One of a pair's two words, as a str whichever shape typer gave it."""
    while isinstance(part, tuple) and len(part) == 1:
        part = part[0]
    return str(part)


def enable_pairs(command: Any) -> Any:
    """Make every `-p/--param` option of the built click-style command take two values."""
    for sub in getattr(command, "commands", {}).values():
        enable_pairs(sub)
    for param in getattr(command, "params", []):
        if param.name == PARAM_OPTION_NAME:
            param.nargs = 2
    return command
