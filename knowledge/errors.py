"""Errors a user can act on. The CLI prints them as one line and exits with `exit_code`."""

from __future__ import annotations


class StyrgrafError(Exception):
    """Base class: a clear message for the user; exit code 1 unless said otherwise."""

    exit_code = 1


class InputError(StyrgrafError):
    """Unreadable or malformed input (file, directory, query, parameter): exit code 2."""

    exit_code = 2


class SourceSyntaxError(InputError):
    """A knowledge file that does not parse, with the file and position."""

    def __init__(self, path: str, line: int | None, column: int | None, problem: str) -> None:
        self.path, self.line, self.column, self.problem = path, line, column, problem
        where = path if line is None else f"{path}:{line}" + (f":{column}" if column else "")
        super().__init__(f"{where}: {problem}")
