"""Characters no text that comes in may hold, and how text going out to a terminal shows them.

One definition for the form check, the configuration file, the command line's arguments and
its output: a control character other than tab and newline (Unicode category Cc: NUL, ESC,
the C1 controls), a format character (Cf: the bidirectional overrides and isolates that make
text display in another order than it is stored, zero-width characters), or half of a
surrogate pair on its own (Cs: it cannot be encoded, so a database or a terminal fails on it).
"""

from __future__ import annotations

import unicodedata

_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_ALLOWED_CONTROLS = frozenset("\t\n")


def _refused(char: str, *, whitespace: bool = True) -> bool:
    if whitespace and char in _ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in _REFUSED_CATEGORIES


def _plain(text: str) -> bool:
    # str.isprintable is False for every refused character (and for some allowed ones: spaces
    # other than U+0020, private-use and unassigned code points); it runs at C speed, so the
    # character-by-character look happens only for text that may hold something refused.
    return text.replace("\n", "").replace("\t", "").isprintable()


def first_refused(text: str, *, surrogates: bool = False, whitespace: bool = True) -> str | None:
    """The first character of `text` that no input may hold, or None. With `surrogates`, a
    lone surrogate passes: it is how Python spells a file name's bytes that are not UTF-8.
    Without `whitespace`, tab and newline are refused too (a setting, a token)."""
    if whitespace and _plain(text):
        return None
    if not whitespace and text.isprintable():
        return None
    return next(
        (
            c
            for c in text
            if _refused(c, whitespace=whitespace) and not (surrogates and is_surrogate(c))
        ),
        None,
    )


def is_surrogate(char: str) -> bool:
    return "\ud800" <= char <= "\udfff"


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def escape_refused(text: str) -> str:
    """`text` with each refused character written as a JSON escape (\\u001b), so that output
    to a terminal cannot move the cursor, recolour it or reorder a line, and a JSON document
    stays the same document."""
    if _plain(text):
        return text
    return "".join(_escaped(c) if _refused(c) else c for c in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # outside the BMP (tag characters): a UTF-16 pair, as JSON writes it
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
