"""`styrgraf init`: make a workspace, a folder for one's own documents (logic in
knowledge/workspace.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import output
from .options import LangOption, lang_of


def init(
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="The folder to make a workspace; created if missing.",
        file_okay=False)] = Path("."),
    builtin: Annotated[bool, typer.Option(
        "--builtin/--no-builtin", help="Include the built-in documents under your own, or let "
                                       "the folder stand alone (builtin = false).")] = True,
    force: Annotated[bool, typer.Option(
        "--force", help="Write styrgraf.toml again in a folder that has one; nothing is "
                        "deleted and an existing README.txt is kept.")] = False,
    lang: LangOption = None,
) -> None:
    """Create a workspace: your own documents, layered over the built-in knowledge base.

    Writes styrgraf.toml (the settings) and README.txt (in Swedish: what goes
    there) into DIR. Put one Turtle file per document there (as `styrgraf
    import` writes them) and curation files, then point styrgraf at the folder
    with --data DIR or STYRGRAF_DATA. The built-in documents are included
    unless builtin = false; an own file with the same name as a built-in one
    (say curation.ttl) replaces it. Refuses a folder that already has a
    styrgraf.toml unless --force.
    """
    from styrgraf.knowledge.sources import display_path
    from styrgraf.knowledge.workspace import init_workspace
    from styrgraf.queries.wording import say

    folder = init_workspace(directory, builtin=builtin, force=force)
    output.note(say(lang_of(lang), "note.init", path=display_path(folder)))


EXAMPLES = {
    "init": ["styrgraf init my-kb", "styrgraf --data my-kb overview",
             "export STYRGRAF_DATA=my-kb && styrgraf build",
             "styrgraf init --no-builtin standalone-kb"],
}
