"""Hostile form files given to `onewindow submit` (issue 12.10, combined-form.md limits).

Each one: exit 2, one line on stderr saying which limit, no traceback, nothing saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES


def sample() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLES / "gas-only-resident.json").read_text("utf-8"))
    return data


def with_name(value: object) -> dict[str, Any]:
    data = sample()
    data["applicant"]["name"] = value
    return data


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


RAW_FILES: dict[str, tuple[bytes | str, str]] = {
    # name: (file content, a word the one line must hold)
    "nested 100,000 deep": (nested(100_000), "16"),
    "objects 100,000 deep": ('{"a":' * 100_000 + "1" + "}" * 100_000, "16"),
    "5,001-digit number": ('{"consent": ' + "9" * 5001 + "}", "15"),
    "5,001-digit negative": ('{"consent": -' + "9" * 5001 + "}", "15"),
    "16 significant digits": ('{"consent": 1234567890123456}', "15"),
    "long decimal": ('{"consent": 0.12345678901234567}', "15"),
    "NaN": ('{"consent": NaN}', "NaN"),
    "Infinity": ('{"consent": Infinity}', "Infinity"),
    "-Infinity": ('{"consent": -Infinity}', "Infinity"),
    "1e999": ('{"consent": 1e999}', "1e999"),
    "duplicate key": ('{"consent": false, "consent": true}', "consent"),
    "over 1 MiB": ('{"_pad": "' + "x" * (1 << 20) + '"}', "1 MiB"),
    "not UTF-8": (b'{"applicant": {"name": "\xc0\xaf"}}', "UTF-8"),
    "UTF-16": ('{"consent": true}'.encode("utf-16"), "UTF-8"),
    "encoded surrogate bytes": (b'{"a": "\xed\xa0\x80"}', "UTF-8"),
    "empty file": (b"", "JSON"),
    "only a BOM": (b"\xef\xbb\xbf", "JSON"),
    "truncated": ('{"applicant": {"name": "李', "JSON"),
    "raw NUL in a string": ('{"a": "x\x00y"}', "JSON"),
    "trailing garbage": ('{"consent": true} {}', "JSON"),
    "single quotes": ("{'consent': true}", "JSON"),
    "a comment": ('{"consent": true /* yes */}', "JSON"),
}


@pytest.mark.parametrize("name", list(RAW_FILES))
def test_a_hostile_file_is_one_line_and_saves_nothing(name, hostile, clerk, form_file):
    content, word = RAW_FILES[name]
    line = hostile("submit", str(form_file(content)), "--clerk", clerk)
    assert word in line


VALUES: dict[str, tuple[object, str, str]] = {
    # name: (a value put in applicant.name, the path reported, a word of the message)
    "NUL": ("李\x00娜", "applicant.name", "U+0000"),
    "ESC sequence": ("\x1b[2J\x1b[31m李娜", "applicant.name", "U+001B"),
    "carriage return": ("李娜\r王五", "applicant.name", "U+000D"),
    "C1 CSI": ("李\x9b31m娜", "applicant.name", "U+009B"),
    "DEL": ("李娜\x7f", "applicant.name", "U+007F"),
    "right-to-left override": ("李娜\u202efdp.exe", "applicant.name", "U+202E"),
    "left-to-right isolate": ("\u2066李娜", "applicant.name", "U+2066"),
    "zero-width space": ("李\u200b娜", "applicant.name", "U+200B"),
    "tag character": ("李娜\U000e0041", "applicant.name", "U+E0041"),
    "lone high surrogate": ("李\ud800娜", "applicant.name", "U+D800"),
    "lone low surrogate": ("\udfff", "applicant.name", "U+DFFF"),
    "nested 17 deep": (json.loads(nested(15)), "applicant.name", "16"),
}


@pytest.mark.parametrize("name", list(VALUES))
def test_a_hostile_value_is_one_line_at_its_field(name, hostile, clerk, form_file):
    value, path, word = VALUES[name]
    line = hostile("submit", str(form_file(with_name(value))), "--clerk", clerk)
    assert line.startswith(path) and word in line, line


def test_with_json_the_limit_is_the_one_field_error(cli, clerk, form_file, engine):
    from tests.hostile.conftest import one_line, row_counts

    before = row_counts(engine)
    done = cli("submit", str(form_file(with_name("\u202e"))), "--clerk", clerk, "--json")
    assert done.code == 2 and one_line(done.err)
    (error,) = json.loads(done.out)["errors"]
    assert error["field"] == "applicant.name" and "U+202E" in error["message"]
    assert row_counts(engine) == before


def test_an_identity_number_typed_as_a_number_is_not_printed_whole(hostile, clerk, form_file):
    data = sample()
    data["applicant"]["id_number"] = 110101199003074477
    line = hostile("submit", str(form_file(data)), "--clerk", clerk)
    assert "15" in line and "1101…" in line and "110101199003074477" not in line


def test_a_hostile_key_is_reported(hostile, clerk, form_file):
    data = sample()
    data["applicant"]["\u202ename"] = "x"
    line = hostile("submit", str(form_file(data)), "--clerk", clerk)
    assert "U+202E" in line


def test_tab_and_newline_are_allowed_in_free_text(cli, clerk, form_file):
    data = sample()
    data["site"]["address"] = "灵宝市五龙路8号\t3单元\n201室"
    done = cli("submit", str(form_file(data)), "--clerk", clerk, "--json")
    assert done.code == 0, done.err


def test_a_form_that_is_not_an_object_is_one_line(hostile, clerk, form_file):
    for value in ([], "form", None, 3, True):
        assert "JSON" in hostile("submit", str(form_file(value)), "--clerk", clerk)


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/urandom", "/", "/nonexistent/form.json"])
def test_a_path_that_is_no_form_file(path, hostile, clerk):
    hostile("submit", path, "--clerk", clerk)


def test_the_same_error_is_listed_once_and_at_most_100(cli, clerk, form_file, engine):
    from tests.hostile.conftest import row_counts

    data = sample()
    materials = data["services"]["gas"]["materials"]
    materials += [{"code": "nope", "received": True}] * 500  # one error, 500 times
    materials += [{"code": f"unknown-{i}", "received": True} for i in range(300)]
    before = row_counts(engine)
    done = cli("submit", str(form_file(data)), "--clerk", clerk, "--json")
    assert done.code == 2 and "Traceback" not in done.err
    errors = json.loads(done.out)["errors"]
    messages = [e["message"] for e in errors]
    assert len(errors) == 101 and len(set(messages)) == 101
    assert sum("nope" in m for m in messages) == 1
    assert "还有" in messages[-1] or "另有" in messages[-1]
    assert "201" in messages[-1]  # 301 distinct problems: 100 listed, 201 more
    assert len(done.err.strip().splitlines()) == 101
    assert row_counts(engine) == before


def test_a_form_at_the_limits_is_accepted(cli, clerk, form_file):
    data = sample()
    data["services"]["gas"]["details"]["monthly_volume_m3"] = 123456789012345  # 15 digits
    data["_pad"] = "x" * ((1 << 20) - len(json.dumps(data)) - 20)
    path: Path = form_file(data)
    assert path.stat().st_size <= 1 << 20
    done = cli("submit", str(path), "--clerk", clerk)
    assert done.code == 0, done.err


def test_a_megabyte_of_wrong_items_lists_100_and_counts_the_rest(form_file, cli, clerk):
    data = sample()
    data["services"]["gas"]["materials"] = [[]] * 250_000  # each item wrong at its own path
    done = cli("submit", str(form_file(data)), "--clerk", clerk, "--json")
    errors = json.loads(done.out)["errors"]
    assert done.code == 2 and len(errors) == 101
    # 250,000 items and the missing application form: 250,001 problems, 100 listed.
    assert "249901" in errors[-1]["message"], errors[-1]
