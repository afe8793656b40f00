"""Hypothesis strategies for hostile input: JSON forms and configuration files.

Every value drawn here breaks at least one limit (combined-form.md, architecture.md), so a
test can demand the failure, not merely the absence of a crash.
"""

from __future__ import annotations

import json
from copy import deepcopy
from typing import Any

from hypothesis import strategies as st

from tests.conftest import SAMPLES

SAMPLE_FORMS = [
    json.loads((SAMPLES / name).read_text("utf-8"))
    for name in ("gas-only-resident.json", "gas-water-power-organization.json")
]

# Characters no input may hold: C0 and C1 controls but tab and newline, DEL, format
# characters (the bidirectional overrides and isolates, zero-width ones, tags), surrogates.
refused_chars = st.one_of(
    st.characters(categories=["Cc"]).filter(lambda c: c not in "\t\n"),
    st.characters(categories=["Cf"]),
    st.characters(categories=["Cs"]),
    st.sampled_from(["\x00", "\x1b", "\r", "\x9b", "\u202e", "\u2066", "\ud800", "\udfff"]),
)


@st.composite
def hostile_strings(draw: st.DrawFn) -> str:
    """Ordinary text with at least one refused character somewhere in it."""
    text = draw(st.text(max_size=20))
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(refused_chars) + text[at:]


def nested(depth: int, leaf: object) -> object:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


# A value breaking a limit, as a Python value (what the desktop or a test may pass).
hostile_values = st.one_of(
    hostile_strings(),
    st.integers(min_value=10**15, max_value=10**40),
    st.integers(min_value=-(10**40), max_value=-(10**15)),
    st.sampled_from([float("nan"), float("inf"), float("-inf")]),
    st.integers(17, 60).map(lambda depth: nested(depth, "x")),
)

# A literal breaking a limit, as JSON text only a file can hold.
hostile_literals = st.one_of(
    st.integers(16, 6000).map(lambda n: "9" * n),
    st.integers(16, 6000).map(lambda n: "-1" + "0" * n),
    st.integers(16, 300).map(lambda n: "0." + "3" * n),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "-1e400"]),
    st.integers(17, 200_000).map(lambda depth: "[" * depth + "]" * depth),
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a form a value sits: each object key and each list item."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _set(form: Any, path: tuple[Any, ...], value: object) -> None:
    node = form
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@st.composite
def hostile_forms(draw: st.DrawFn) -> dict[str, Any]:
    """A real form with one value replaced by a hostile one, or a hostile key added."""
    form = deepcopy(draw(st.sampled_from(SAMPLE_FORMS)))
    path = draw(st.sampled_from(_paths(form)))
    if draw(st.booleans()):
        _set(form, path, draw(hostile_values))
    else:
        parent: Any = form
        for step in path[:-1]:
            parent = parent[step]
        target = parent if isinstance(parent, dict) else form
        target[draw(hostile_strings())] = draw(st.text(max_size=5))
    return form


PLACEHOLDER = "\ue000hostile\ue000"


@st.composite
def hostile_form_files(draw: st.DrawFn) -> bytes:
    """The bytes of a form file that breaks a limit: a hostile value written as JSON, a raw
    literal no Python value gives, or bytes that are no UTF-8 JSON at all."""
    kind = draw(st.sampled_from(["value", "literal", "bytes"]))
    if kind == "bytes":
        raw = draw(st.binary(min_size=0, max_size=200))
        return raw if not raw.strip().startswith(b"{") else b"\xff" + raw
    form = deepcopy(draw(st.sampled_from(SAMPLE_FORMS)))
    path = draw(st.sampled_from(_paths(form)))
    if kind == "value":
        _set(form, path, draw(hostile_values))
        text = json.dumps(form, ensure_ascii=draw(st.booleans()), allow_nan=True)
        return text.encode("utf-8", "surrogatepass")
    _set(form, path, PLACEHOLDER)
    text = json.dumps(form, ensure_ascii=False).replace(f'"{PLACEHOLDER}"', draw(hostile_literals))
    return text.encode("utf-8")


# Configuration files: a working file with one setting made hostile.

CONFIG_KEYS = [
    ("hall", "code"),
    ("hall", "name"),
    ("hall", "supervision_hotline"),
    ("counter", "id"),
    ("counter", "idle_lock_minutes"),
    ("utilities.gas", "base_url"),
    ("utilities.gas", "timeout_s"),
    ("utilities.gas", "token"),
    ("utilities.gas", "hotline"),
    ("database", "url"),
]


def _toml_string(text: str) -> str:
    """A TOML basic string holding any text, surrogates included (as escapes TOML refuses)."""
    out = []
    for char in text:
        if char in '"\\' or not char.isprintable() or "\ud800" <= char <= "\udfff":
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


hostile_toml_values = st.one_of(
    hostile_strings().map(_toml_string),
    st.sampled_from(["inf", "-inf", "nan", "+nan", "1e999", "-0.0", "0", "true", "[1, 2]"]),
    st.integers(min_value=10**15, max_value=10**30).map(str),
    st.sampled_from(["{ a = 1 }", '"' + "9" * 40 + '"', '"W' + "0" * 20 + '"']),
    st.sampled_from(
        [
            '"postgresql+psycopg://u:s3cret@h:notaport/db"',
            '"sqlitex:///x"',
            '"://"',
            '"https://[::1"',
            '"https://gas.example.cn:99999/"',
            '"http://gas.example.cn/"',
        ]
    ),
)


@st.composite
def hostile_configs(draw: st.DrawFn, db_url: str) -> str:
    settings: dict[str, dict[str, str]] = {
        "database": {"url": _toml_string(db_url)},
        "hall": {
            "code": '"LBGX"',
            "name": '"灵宝市水电气共享营业厅"',
            "supervision_hotline": '"0398-12345"',
        },
        "counter": {"id": '"W03"'},
        "utilities.gas": {"base_url": '"https://gas.example.cn/"'},
    }
    table, key = draw(st.sampled_from(CONFIG_KEYS))
    settings[table][key] = draw(hostile_toml_values)
    return "".join(
        f"[{name}]\n" + "".join(f"{k} = {v}\n" for k, v in values.items())
        for name, values in settings.items()
    )
