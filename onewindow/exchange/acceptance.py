"""What a client accepts from a server (utility-api.md): a utility's system can be broken or
hostile, and no answer of it may crash or stall the sender.

An answer larger than 1 MiB, JSON nested deeper than 32 levels, or a field of the wrong type
makes the attempt fail as passing trouble, with the reason in one line. Text a utility sends
is kept cut to 2,000 characters (64 for numbers), so no utility can put megabytes into a
ticket or an audit record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from onewindow.clock import parse_rfc3339

MAX_ANSWER_BYTES = 1 << 20
MAX_DEPTH = 32
SEQ_LIMIT = 1 << 63  # a feed seq is an integer in 0 ≤ seq < 2^63 (a PostgreSQL BIGINT)
MAX_TEXT = 2000
MAX_NUMBER = 64
MAX_FIELD = 200
MAX_MESSAGES = 20

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class AnswerRejected(Exception):
    """An answer the client does not accept; the message says why, in one line."""


def read_limited(chunks: Iterable[bytes], declared: str | None) -> bytes:
    """The whole answer body, refused once it passes MAX_ANSWER_BYTES (or says it will)."""
    if declared and declared.strip().isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise AnswerRejected(f"应答过大（{declared} 字节，上限 1 MiB）/ answer too large")
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise AnswerRejected("应答超过 1 MiB / answer too large")
        parts.append(chunk)
    return b"".join(parts)


def too_deep(content: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit` in a JSON text (strings skipped),
    found without parsing it and stopping at the first level too deep."""
    depth = 0
    for bracket in _BRACKETS.finditer(_STRING.sub(b'""', content)):
        if bracket.group() in b"[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def parse_object(content: bytes) -> dict[str, Any] | None:
    """The answer's JSON object; None when the body is empty or not a JSON object.

    AnswerRejected when it nests deeper than MAX_DEPTH: such a body is never handed to the
    parser at all."""
    if not content:
        return None
    if too_deep(content):
        raise AnswerRejected(f"应答的 JSON 嵌套超过 {MAX_DEPTH} 层 / answer nested too deep")
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def cut(text: str, limit: int = MAX_TEXT) -> str:
    """A utility's text as kept and shown: one line, at most `limit` characters."""
    line = _CONTROL.sub(" ", text).strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"


def text_field(value: object, limit: int = MAX_TEXT) -> str | None:
    """A string field cut to `limit`; None when absent or not a string."""
    return cut(value, limit) if isinstance(value, str) else None


def seq_value(value: object) -> int | None:
    """A feed sequence number, or None when it is not an integer in 0 ≤ seq < 2^63."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value < SEQ_LIMIT else None


def moment_field(value: object) -> datetime | None:
    """An RFC 3339 time a utility sent, in UTC; None when it is not one or cannot be stored
    (0001-01-01T00:00:00+14:00 is before the first storable moment)."""
    found = parse_rfc3339(value)
    if found is None:
        return None
    try:
        return found.astimezone(UTC)
    except OverflowError:
        return None
