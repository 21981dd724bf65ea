"""Writes to a user's -o path: atomic for files, through links, straight into devices.

A regular file is replaced atomically (temp file in its folder, then rename), so
a reader sees the old file or the new one, never half of one. But -o names
what the user means, not always a file to replace:

* a device, FIFO or socket (`/dev/null`, a named pipe) is written to directly:
  renaming over it would turn `/dev/null` into a regular file;
* a name for an open descriptor (`/dev/stdout`, `/dev/fd/N`: links into /proc)
  is written to directly, appending, so `{ echo x; styrgraf export -o /dev/stdout; } > f`
  keeps the x;
* a symlink is followed: its target is replaced atomically and the link stays a link;
* a read-only file is refused (even for root, who ignores permission bits), as
  is a missing folder; a full disk is one line, with the old file intact.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, StyrgrafError

#: errors a user can act on while writing, and how to say them
_FULL = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded"}
_MAX_LINKS = 40


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file for `path`; a regular file is renamed into place only on success."""
    path = Path(path)
    if _names_descriptor(path):
        with _direct(path, path, append=True) as handle:
            yield handle
        return
    found = _stat(path)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise InputError(f"cannot write {path}: it is a folder")
    if found is not None and not stat.S_ISREG(found.st_mode):
        with _direct(path, path, append=False) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path))
    if found is not None and not _writable(target, found):
        raise InputError(f"cannot write {path}: it is read-only")
    with _replacing(path, target, found) as handle:
        yield handle


def _stat(path: Path) -> os.stat_result | None:
    """What `path` names, links followed; None if nothing (or a dangling link)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror}") from e


def _names_descriptor(path: Path) -> bool:
    """Whether `path`, or a link on the way to its target, lies in /proc (an open descriptor)."""
    current = Path(os.path.abspath(path))
    for _ in range(_MAX_LINKS):
        folder = Path(os.path.realpath(current.parent))
        if folder.parts[1:2] == ("proc",):
            return True
        link = folder / current.name
        if not link.is_symlink():
            return False
        current = Path(os.path.abspath(folder / os.readlink(link)))
    return False


def _writable(target: Path, found: os.stat_result) -> bool:
    """Whether the user may change the file: permission, and for root a write bit at all."""
    return bool(found.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(
        target, os.W_OK)


@contextlib.contextmanager
def _direct(path: Path, target: Path, *, append: bool) -> Iterator[BinaryIO]:
    """Write straight into an existing device, pipe or descriptor (no temp file, no rename)."""
    flags = os.O_WRONLY | (os.O_APPEND if append else 0)
    try:
        fd = os.open(target, flags)
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
    except OSError as e:
        _raise_if_full(e, path)
        raise


@contextlib.contextmanager
def _replacing(path: Path, target: Path, found: os.stat_result | None) -> Iterator[BinaryIO]:
    """A temp file next to `target`, renamed over it only when everything was written."""
    folder = target.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {path}: folder {Path(path).parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"cannot write {path}: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode_and_owner(tmp, found)
        os.replace(tmp, target)
    except BaseException as e:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        _raise_if_full(e, path)
        raise


def _keep_mode_and_owner(tmp: str, found: os.stat_result | None) -> None:
    """The new file gets the old one's permissions (and owner, where we may set it)."""
    if found is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    os.chmod(tmp, found.st_mode & 0o777)
    with contextlib.suppress(OSError):
        if (found.st_uid, found.st_gid) != (os.geteuid(), os.getegid()):
            os.chown(tmp, found.st_uid, found.st_gid)


def _raise_if_full(e: BaseException, path: Path) -> None:
    """A full disk as one line naming the file; the caller re-raises any other error."""
    if isinstance(e, OSError) and e.errno in _FULL:
        raise StyrgrafError(f"{_FULL[e.errno]} writing {path}") from e


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
