"""A workspace: a strategist's own folder, layered over the built-in knowledge base.

A folder becomes a workspace by holding a `styrgraf.toml`. Its own `.ttl` and
`.trig` files are then loaded together with the built-in documents (unless
`builtin = false`), and an own file with the same stem as a built-in one
replaces it (see `sources.discover`). A folder without `styrgraf.toml` stands
alone, as it always did. `init_workspace` writes the settings file and a short
README; it never deletes or overwrites anything but its own settings file
(and that only with `force`).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_writer
from .errors import InputError, SourceSyntaxError

SETTINGS_FILE = "styrgraf.toml"
README_FILE = "README.txt"
#: Every key the settings file may hold: table → key → type.
_KNOWN: dict[str, dict[str, type]] = {"knowledge": {"builtin": bool}}
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")

SETTINGS_TEXT = """\
# styrgraf-arbetsyta: egna dokument ovanpå den inbyggda kunskapsbasen.
# styrgraf workspace: your own documents, layered over the built-in knowledge base.
# Använd den med / use it with:  styrgraf --data <den här mappen> …  (eller STYRGRAF_DATA)

[knowledge]
# true: de inbyggda dokumenten laddas också; false: mappen står för sig själv.
# true: include the built-in documents; false: this folder stands alone.
builtin = {builtin}
"""

README_TEXT = """\
styrgraf-arbetsyta
==================

Den här mappen är en arbetsyta för styrgraf: egna styrdokument som läggs
ovanpå den inbyggda kunskapsbasen. Inställningarna står i styrgraf.toml
(builtin = false gör att mappen står för sig själv, utan de inbyggda
dokumenten).

Det här hör hemma här:

  - En Turtle-fil (.ttl) per dokument, till exempel de som `styrgraf import`
    skriver. Varje fil blir en egen namngiven graf, uppkallad efter filnamnet.
  - Kurateringsfiler (.ttl) med egna bedömningar och kopplingar, till exempel
    curation-egen.ttl.
  - En fil med samma namn som en inbyggd fil (till exempel curation.ttl eller
    003-verksamhetsplan-snn-2024.ttl) ersätter den inbyggda filen: så rättar
    man ett inbyggt dokument.

Så används mappen:

  styrgraf --data <mappen> overview
  export STYRGRAF_DATA=<mappen>     (då behövs inte --data)
  styrgraf --data <mappen> build    (visar varje fil och varifrån den kom)
"""


@dataclass(frozen=True)
class WorkspaceSettings:
    """What `styrgraf.toml` says; every key has a default, so an empty file is valid."""

    builtin: bool = True


def settings_path(folder: Path) -> Path:
    return Path(folder) / SETTINGS_FILE


def is_workspace(folder: Path) -> bool:
    """Whether `folder` holds a settings file (anything by that name counts, so a
    broken one is reported rather than silently ignored)."""
    return os.path.lexists(settings_path(folder))


def read_settings(folder: Path) -> WorkspaceSettings | None:
    """The settings of workspace `folder`, or None when it has no `styrgraf.toml`.

    A settings file that does not parse, or names a key styrgraf does not know
    (a typo would otherwise be ignored in silence), is an InputError naming the
    file and, where known, the line.
    """
    from .sources import display_path

    path = settings_path(folder)
    if not is_workspace(folder):
        return None
    shown = display_path(path)
    try:
        if not path.is_file():  # a folder, FIFO or dangling link: never block reading it
            raise InputError(f"{shown} is not a file; remove or rename it")
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")  # a Windows BOM
    except UnicodeDecodeError as e:
        raise InputError(f"{shown}: not UTF-8 text (byte {e.start}); save it as UTF-8") from None
    except OSError as e:
        raise InputError(f"cannot read {shown}: {e.strerror}") from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise _toml_error(shown, text, e) from None
    return _settings(data, shown, text)


def _toml_error(shown: str, text: str, e: tomllib.TOMLDecodeError) -> SourceSyntaxError:
    """tomllib puts the position in its message (Python 3.11–3.13); make it `file:line:col`."""
    message = str(getattr(e, "msg", None) or e).splitlines()[0]
    line, column = getattr(e, "lineno", None), getattr(e, "colno", None)
    found = _TOML_POSITION.search(message)
    if found:
        line, column = int(found[1]), int(found[2])
    elif _TOML_AT_END.search(message):
        line = line or text.count("\n") + (0 if text.endswith("\n") else 1) or 1
    problem = _TOML_AT_END.sub(" at the end of the file", _TOML_POSITION.sub("", message))
    return SourceSyntaxError(shown, line, column, problem)


def _settings(data: dict, shown: str, text: str) -> WorkspaceSettings:
    values: dict[str, object] = {}
    for table, content in data.items():
        if table not in _KNOWN:
            raise _key_error(shown, text, table, f"unknown key '{table}'",
                             f"known: {', '.join(_KNOWN)}")
        if not isinstance(content, dict):
            raise _key_error(shown, text, table, f"'{table}' must be a table",
                             f"write it as [{table}]")
        for key, value in content.items():
            known = _KNOWN[table]
            if key not in known:
                raise _key_error(shown, text, key, f"unknown key '{table}.{key}'",
                                 "known: " + ", ".join(f"{table}.{k}" for k in known))
            if not isinstance(value, known[key]):
                raise _key_error(shown, text, key, f"'{table}.{key}' must be true or false",
                                 f"not {value!r}")
            values[key] = value
    return WorkspaceSettings(**values)


def _key_error(shown: str, text: str, key: str, problem: str, hint: str) -> SourceSyntaxError:
    return SourceSyntaxError(shown, _line_of(text, key), None, f"{problem} ({hint})")


def _line_of(text: str, key: str) -> int | None:
    """The first line that defines `key` (as `key =`, `[key]` or a dotted `key.`), if any."""
    quoted = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    pattern = re.compile(rf"^\s*(?:\[+\s*)?(?:[\w\"'.-]+\s*\.\s*)*{quoted}\s*[=.\]]")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def init_workspace(path: Path | str, *, builtin: bool = True, force: bool = False) -> Path:
    """Make `path` a workspace (creating the folder if needed); return the folder.

    Refuses a folder that already has a `styrgraf.toml` unless `force`, which
    writes the settings file again. An existing README.txt is the user's and is
    kept; nothing else is touched. Every write is atomic.
    """
    from .sources import PACKAGED_DATA_DIR, display_path

    folder = Path(path).expanduser()
    shown = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{shown} is a file, not a folder; give a folder for the workspace")
    if folder.exists() and folder.resolve() == PACKAGED_DATA_DIR.resolve():
        raise InputError(f"{shown} is the built-in knowledge base; make the workspace elsewhere")
    if is_workspace(folder) and not force:
        raise InputError(f"{display_path(settings_path(folder))} already exists: the folder is "
                         "a workspace already (use --force to write the settings again)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"cannot create {shown}: {e.strerror}") from e
    if settings_path(folder).is_dir():
        raise InputError(f"{display_path(settings_path(folder))} is a folder; remove or "
                         "rename it")
    _write(settings_path(folder), SETTINGS_TEXT.format(builtin="true" if builtin else "false"))
    readme = folder / README_FILE
    if not readme.exists() and not readme.is_symlink():
        _write(readme, README_TEXT)
    return folder.resolve()


def _write(path: Path, text: str) -> None:
    from .sources import display_path

    try:
        with atomic_writer(path) as handle:
            handle.write(text.encode("utf-8"))
    except OSError as e:
        raise InputError(f"cannot write {display_path(path)}: {e.strerror}") from e
