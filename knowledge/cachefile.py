"""JSON files kept beside a store's snapshot: read if whole and valid, written atomically.

A store's folder is named by its sources' content, so anything computed from the
loaded quads alone can be kept there and reused until the sources change (the
folder, and with it every such file, is then collected). A cache is an
optimisation: a file that cannot be read is treated as absent, one that cannot
be written is skipped, and neither is ever an error for the user.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path


def read_json(path: Path) -> object | None:
    """The JSON value in `path`, or None if it is missing, unreadable or not JSON."""
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def write_json(path: Path, value: object) -> None:
    """Write `value` to `path` so that readers see the old file or the whole new one."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
