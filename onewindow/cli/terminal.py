"""What the command line prints: every character a terminal would obey is shown escaped.

Text a user, a file or a utility sent (a name, a reason, a utility's message, a file name) can
hold ESC sequences that recolour or clear a terminal, a carriage return that overwrites the
line, bidirectional overrides that reorder it, or a lone surrogate that no encoding accepts
(it would end the command with a traceback). `escaped_streams` puts a filter in front of
stdout and stderr for the duration of a command, so no print anywhere has to remember: each
such character is written as its JSON escape (\\u001b), which leaves `--json` output the same
JSON document. A character the stream's encoding lacks (a Windows console's code page) is
written as a backslash escape rather than failing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO, cast

from onewindow.control_chars import escape_refused


class _EscapingStream:
    """Stands in for sys.stdout or sys.stderr; everything but `write` is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        shown = escape_refused(text)
        try:
            self._stream.write(shown)
        except UnicodeEncodeError:
            encoding = self._stream.encoding or "utf-8"
            self._stream.write(shown.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


@contextmanager
def escaped_streams() -> Iterator[None]:
    """sys.stdout and sys.stderr escape what a terminal would obey, until the block ends."""
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, _EscapingStream(stdout))
    sys.stderr = cast(TextIO, _EscapingStream(stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
