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
from onewindow.codes import Text

MAX_ANSWER_BYTES = 1 << 20
MAX_DEPTH = 32
SEQ_LIMIT = 1 << 63  # a feed seq is an integer in 0 ≤ seq < 2^63 (a PostgreSQL BIGINT)
MAX_TEXT = 2000
MAX_NUMBER = 64
MAX_FIELD = 200
MAX_MESSAGES = 20

_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class AnswerRejected(Exception):
    """An answer the client does not accept; the message says why, in one line."""


def read_limited(chunks: Iterable[bytes], declared: str | None) -> bytes:
    """The whole answer body, refused once it passes MAX_ANSWER_BYTES (or says it will)."""
    if declared and declared.strip().isdigit() and int(declared) > MAX_ANSWER_BYTES:
        raise AnswerRejected(Text(f"应答过大（{declared} 字节，上限 1 MiB）", "answer too large"))
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_ANSWER_BYTES:
            raise AnswerRejected(Text("应答超过 1 MiB", "answer too large"))
        parts.append(chunk)
    return b"".join(parts)


def depth_of(value: Any) -> int:
    """How deep arrays and objects nest in a parsed JSON value (iteratively: no recursion)."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def parse_object(content: bytes) -> dict[str, Any] | None:
    """The answer's JSON object; None when the body is empty or not a JSON object.

    AnswerRejected when it nests deeper than MAX_DEPTH. The parser itself stops a nesting of
    thousands with a RecursionError (it counts its depth against the interpreter's limit), so
    no bomb runs it out of stack; the limit of 32 is checked on what it built, in linear time
    (a scan of the raw text for brackets would have to follow strings, and a regular
    expression doing that goes quadratic on a crafted unterminated string)."""
    if not content:
        return None
    try:
        value = json.loads(content)
    except RecursionError:
        raise AnswerRejected(
            Text(f"应答的 JSON 嵌套超过 {MAX_DEPTH} 层", "answer nested too deep")
        ) from None
    except (ValueError, UnicodeDecodeError):
        return None
    if depth_of(value) > MAX_DEPTH:
        raise AnswerRejected(Text(f"应答的 JSON 嵌套超过 {MAX_DEPTH} 层", "answer nested too deep"))
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
