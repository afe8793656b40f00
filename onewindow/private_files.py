"""Files that hold personal data or secrets are made private before anything is written, and
replaced in one rename so that a reader never sees half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

_TEMP_PREFIX = ".onewindow-"  # short: a long target name must still leave room for it


def make_private(path: Path) -> None:
    """Create `path` empty with mode 0600 (and its missing folders 0700), unless it exists.

    Done before SQLite, a log handler or anything else would create it with the umask's
    0644 (and 0755 folders): the file is never readable by others, not even for a moment.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def replace_atomically(path: Path, produce: Callable[[Path], object], *, mode: int = 0o600) -> None:
    """`produce` fills a new empty file in `path`'s folder, which then replaces `path` in one
    rename with permissions `mode`, so a reader sees the old file or the new, never half; on
    any failure the temporary file is removed and `path` is left as it was."""
    folder = path.parent
    handle, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".part", dir=folder)
    os.close(handle)
    temp = Path(name)
    try:
        produce(temp)
        os.chmod(temp, mode)
        with open(temp, "rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        handle = os.open(folder, os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # the data is written; only durability across a power cut is less certain
    finally:
        os.close(handle)
