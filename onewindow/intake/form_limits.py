"""The limits a combined form meets before any check (combined-form.md, "What a broken form gets").

A form file over 1 MiB, JSON nested deeper than 16 levels, a number that is not finite or has
more than 15 significant digits, a key given twice, a string holding a control or format
character or a lone surrogate: each is one problem saying which, never a traceback. A form
file is read with the limits only the reading can enforce (`read_form_json`: size, encoding,
syntax, numbers the parser must not even convert); every value, however it arrived (a file,
the desktop, a test), is walked once (`first_limit_error`) before the form check looks at any
field, so that such a problem is reported at its field.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from onewindow.codes import Text
from onewindow.control_chars import code_point, first_refused, is_surrogate
from onewindow.errors import BadInput
from onewindow.intake.messages import render

FORM_MAX_BYTES = 1 << 20
MAX_DEPTH = 16
MAX_SIGNIFICANT_DIGITS = 15
MAX_ERRORS = 100  # listed; the rest are counted ("and N more")
_LARGEST_INTEGER = 10**MAX_SIGNIFICANT_DIGITS


@dataclass(frozen=True)
class LimitProblem:
    path: str  # where in the form ("" for the file as a whole)
    code: str  # a key of messages.MESSAGES
    text: Text


class FormLimitExceeded(BadInput):
    """The form breaks one of the limits; the message says which, in Chinese and English."""

    def __init__(self, problem: LimitProblem) -> None:
        where = f"{problem.path}: " if problem.path else ""
        super().__init__(Text(where + problem.text.zh, where + problem.text.en))
        self.problem = problem


def _problem(path: str, code: str, **params: object) -> LimitProblem:
    return LimitProblem(path, code, render(code, **params))


def read_form_json(raw: bytes) -> object:
    """The JSON value of a form file, or FormLimitExceeded naming the first limit it breaks."""
    if len(raw) > FORM_MAX_BYTES:
        raise FormLimitExceeded(_problem("", "limit.file_size", size=len(raw)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormLimitExceeded(_problem("", "limit.not_utf8", position=exc.start)) from None
    try:
        data = json.loads(
            text,
            parse_int=_integer,
            parse_float=_decimal,
            parse_constant=_constant,
            object_pairs_hook=_object,
        )
    except RecursionError:
        raise FormLimitExceeded(_problem("", "limit.depth", limit=MAX_DEPTH)) from None
    except json.JSONDecodeError as exc:
        raise FormLimitExceeded(
            _problem("", "limit.not_json", line=exc.lineno, column=exc.colno)
        ) from None
    except _Refused as exc:
        raise FormLimitExceeded(exc.problem) from None
    return data  # its values meet the other limits in check_form, each at its field


class _Refused(Exception):
    """Raised from inside the JSON parser's hooks, which know no path."""

    def __init__(self, code: str, **params: object) -> None:
        self.problem = _problem("", code, **params)


def _integer(digits: str) -> int:
    # Counted before int() runs: a 5,001-digit number would make int() itself refuse.
    if len(digits.lstrip("-").lstrip("0")) > MAX_SIGNIFICANT_DIGITS:
        raise _Refused("limit.digits", value=_shown_number(digits), limit=MAX_SIGNIFICANT_DIGITS)
    return int(digits)


def _decimal(literal: str) -> float:
    mantissa = literal.lstrip("-").lower().partition("e")[0]
    whole, _, fraction = mantissa.partition(".")
    significant = (whole + fraction).lstrip("0")
    if fraction:
        significant = significant.rstrip("0")
    if len(significant) > MAX_SIGNIFICANT_DIGITS:
        raise _Refused("limit.digits", value=_shown_number(literal), limit=MAX_SIGNIFICANT_DIGITS)
    value = float(literal)
    if not math.isfinite(value):  # 1e999
        raise _Refused("limit.not_finite", value=_shown_number(literal))
    return value


def _constant(name: str) -> float:  # NaN, Infinity, -Infinity: Python's extension to JSON
    raise _Refused("limit.not_finite", value=name)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:  # the last one would win silently: which did the sender mean?
            raise _Refused("limit.duplicate_key", key=_shown_key(key))
        data[key] = value
    return data


def _shown_number(literal: str) -> str:
    """A number as a message repeats it: its start only (an identity number typed as a
    number must not be printed whole, and 5,001 digits help nobody)."""
    return literal if len(literal) <= 12 else f"{literal[:4]}…"


def _shown_key(key: str) -> str:
    return repr(key if len(key) <= 30 else key[:29] + "…")


def first_limit_error(data: object) -> LimitProblem | None:
    """The first value that breaks a limit, or None.

    Walks with a list, not recursion: a value nested 100,000 deep must not exhaust the stack.
    A path is spelled out only for a container with children, or for a problem: a list of
    300,000 items is walked in a fraction of a second.
    """
    if not isinstance(data, dict | list | tuple):
        return _problem_at("", _value_problem(data))
    stack: list[tuple[str, dict[Any, Any] | list[Any] | tuple[Any, ...], int]] = [("", data, 1)]
    while stack:
        path, container, depth = stack.pop()
        keyed = isinstance(container, dict)
        items: Iterable[tuple[object, object]] = (
            container.items() if isinstance(container, dict) else enumerate(container)
        )
        children = []
        for key, item in items:
            if keyed and (problem := _value_problem(key)):  # a key is text like any other
                return _problem_at(_join(path, str(key)), problem)
            if isinstance(item, dict | list | tuple):
                if depth >= MAX_DEPTH:
                    return _problem(_child(path, keyed, key), "limit.depth", limit=MAX_DEPTH)
                if item:
                    children.append((_child(path, keyed, key), item, depth + 1))
            elif problem := _value_problem(item):
                return _problem_at(_child(path, keyed, key), problem)
        stack.extend(reversed(children))
    return None


def _value_problem(value: object) -> tuple[str, dict[str, object]] | None:
    """The message code and parameters of a scalar that breaks a limit, or None."""
    if isinstance(value, str):
        char = first_refused(value)
        if char is None:
            return None
        code = "limit.surrogate" if is_surrogate(char) else "limit.character"
        return code, {"char": code_point(char)}
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and not -_LARGEST_INTEGER < value < _LARGEST_INTEGER:
        shown = _shown_number(str(value)) if value.bit_length() < 10_000 else "…"
        return "limit.digits", {"value": shown, "limit": MAX_SIGNIFICANT_DIGITS}
    if isinstance(value, float) and not math.isfinite(value):
        return "limit.not_finite", {"value": repr(value)}
    return None


def _problem_at(path: str, found: tuple[str, dict[str, object]] | None) -> LimitProblem | None:
    if found is None:
        return None
    code, params = found
    return _problem(path, code, **params)


def _child(path: str, keyed: bool, key: object) -> str:
    return _join(path, str(key)) if keyed else f"{path}[{key}]"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
