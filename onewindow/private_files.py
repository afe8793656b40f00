"""Files that hold personal data or secrets are made private before anything is written."""

from __future__ import annotations

import os
from pathlib import Path


def make_private(path: Path) -> None:
    """Create `path` empty with mode 0600 (and its missing folders 0700), unless it exists.

    Done before SQLite, a log handler or anything else would create it with the umask's
    0644 (and 0755 folders): the file is never readable by others, not even for a moment.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
