"""The `styrgraf` command: thin commands over the knowledge, queries and viz packages."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from styrgraf.knowledge.errors import StyrgrafError
from styrgraf.knowledge.sources import DATA_ENV_VAR
from styrgraf.queries.endpoint import ENDPOINT_ENV_VAR
from styrgraf.queries.engine import QueryInterrupted

from . import output
from .context import EXIT_ERROR, EXIT_OK, Settings, configure, settings
from .params import enable_pairs

HELP = """See how a city's strategy hangs together.

styrgraf turns governance documents (goals, long-term directions,
strategies, activities, assignments, committees, programmes, partners) into
an RDF knowledge graph and answers questions about it. By default it works on
the built-in knowledge base of five documents from Göteborgs Stad's social
services; --data points it at another folder of Turtle files.

Exit codes: 0 ok, 1 error or violations found, 2 usage error or unreadable input,
3 the SPARQL endpoint cannot be used (down, slow, an error or a malformed answer),
124 query stopped by --timeout or the memory limit, 130 interrupted (Ctrl-C).
"""

app = typer.Typer(
    name="styrgraf",
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("styrgraf")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"styrgraf {_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    data: Annotated[Path | None, typer.Option(
        "--data", envvar=DATA_ENV_VAR, metavar="DIR", show_envvar=True,
        help="Knowledge directory: every .ttl file is one named graph (a .trig file keeps its "
             "graphs). A workspace (see styrgraf init) adds its files to the built-in ones. "
             "Default: the built-in knowledge base.")] = None,
    endpoint: Annotated[str | None, typer.Option(
        "--endpoint", envvar=ENDPOINT_ENV_VAR, metavar="URL", show_envvar=True,
        help="Ask a SPARQL 1.1 endpoint (e.g. http://127.0.0.1:7878/query) instead of the "
             "embedded store, with the same queries. Credentials: STYRGRAF_ENDPOINT_USER and "
             "STYRGRAF_ENDPOINT_PASSWORD or ~/.netrc; timeout: STYRGRAF_ENDPOINT_TIMEOUT "
             "(seconds, default 30).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    show_version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True, help="Print the version and exit.",
    )] = False,
) -> None:
    configure(Settings(data=data, debug=debug, endpoint=endpoint))


def _examples(lines: list[str]) -> str:
    return "[bold]Examples[/bold]\n\n" + "\n\n".join(f"  [cyan]$ {line}[/cyan]" for line in lines)


#: Every command, once: its name and the module and function that implement it (the
#: reference's order). A module's EXAMPLES maps its command names to example lines.
COMMANDS = (
    ("overview", "cmd_overview", "overview"),
    ("query", "cmd_query", "query"),
    ("viz", "cmd_viz", "viz"),
    ("duplicates", "cmd_duplicates", "duplicates"),
    ("report", "cmd_report", "report"),
    ("diff", "cmd_diff", "diff"),
    ("build", "cmd_core", "build"),
    ("validate", "cmd_core", "validate"),
    ("stats", "cmd_core", "stats"),
    ("export", "cmd_core", "export"),
    ("sparql", "cmd_sparql", "sparql"),
    ("init", "cmd_init", "init"),
    ("template", "cmd_workbook", "template"),
    ("import", "cmd_workbook", "import_"),
    ("serve", "cmd_share", "serve"),
    ("push", "cmd_share", "push"),
)
COMMAND_NAMES = tuple(name for name, _, _ in COMMANDS)
#: Ctrl-C's exit code (128 + SIGINT, as a shell reports it)
EXIT_INTERRUPTED = QueryInterrupted.exit_code
_registered: set[str] = set()


def _register(names: Sequence[str]) -> None:
    """Add the named commands to `app`, importing only their modules (start-up time)."""
    for name, module_name, function in COMMANDS:
        if name in names and name not in _registered:
            module = importlib.import_module(f"{__package__}.{module_name}")
            app.command(name=name, epilog=_examples(module.EXAMPLES[name]))(
                getattr(module, function))
            _registered.add(name)
    # keep the reference's order whatever order the commands were registered in
    order = {name: i for i, name in enumerate(COMMAND_NAMES)}
    app.registered_commands.sort(key=lambda c: order.get(c.name or "", len(order)))


def command(argv: Sequence[str] | None = None):
    """The click-style command object (with -p NAME VALUE enabled), for tests and docs.

    Given the command line, only the commands named on it are built (the one to run is
    among its words; a word that merely looks like a command name costs an import);
    without one, or when none is named (`--help`, a typo), every command is.
    """
    named = [w for w in (argv or ()) if w in COMMAND_NAMES]
    _register(named or COMMAND_NAMES)
    return enable_pairs(typer.main.get_command(app))


def main() -> None:
    """Console entry point, and the one place errors become exit codes.

    A StyrgrafError is one line and its own exit code; anything else is a bug, shown
    as one line unless --debug is given. Output into a closed pipe (`| head`) is fine.
    Ctrl-C is one line and exit code 130, wherever it lands (a running query stops
    with QueryInterrupted, which says so itself).
    """
    import sys

    try:
        command(sys.argv[1:])(prog_name="styrgraf", standalone_mode=True)
    except KeyboardInterrupt:  # outside the command (typer turns one inside it into exit 130)
        output.error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit as e:
        if e.code == EXIT_INTERRUPTED and _by_ctrl_c(e):
            output.error("interrupted")
        raise
    except StyrgrafError as e:
        if settings().debug:
            raise
        output.error(str(e))
        sys.exit(e.exit_code)
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(EXIT_OK)
    except Exception as e:
        if settings().debug or "--debug" in sys.argv[1:]:
            raise
        output.error(f"internal error: {type(e).__name__}: {e} (rerun with --debug for details)")
        sys.exit(EXIT_ERROR)


def _by_ctrl_c(exc: BaseException) -> bool:
    """True if `exc` was caused by a KeyboardInterrupt (typer's exit 130 is raised from one)."""
    seen: BaseException | None = exc
    for _ in range(5):
        seen = (seen.__cause__ or seen.__context__) if seen is not None else None
        if isinstance(seen, KeyboardInterrupt):
            return True
    return False


def _quiet_broken_pipe() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not complain."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file descriptor (in-process tests)
        pass
