"""Hostile arguments, paths and configuration files (issue 12.9 and 12.10, architecture.md).

Each one: exit 2 (or 1), one line on stderr, no traceback, the database as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from onewindow.cli.main import database_reason, redact
from onewindow.store import db
from tests.hostile.conftest import write_config

FORM = "gas-only-resident.json"

# --received-at: RFC 3339 only, not in the future, at most 31 days back. The clock of the
# tests is 2026-11-27T09:30:00+08:00.
BAD_RECEIVED_AT = {
    "0001-01-01T00:00:00": "31",
    "0001-01-01T00:00:00+08:00": "real time",  # before year 1 in UTC
    "0001-01-01T00:00:00Z": "31",
    "9999-12-31T23:59:59-08:00": "real time",
    "9999-12-31T15:00:00Z": "future",
    "2026-11-27": "RFC 3339",
    "20261127T093000": "RFC 3339",
    "2026-W48-5T09:30:00": "RFC 3339",
    "２０２６-11-27T09:30:00": "RFC 3339",
    "2026-11-27T09:30": "RFC 3339",
    "2026-11-27T09:30:00+0800": "RFC 3339",
    "2026-11-27T09:30:00 +08:00": "RFC 3339",
    "now": "RFC 3339",
    "": "RFC 3339",
    " ": "RFC 3339",
    "2026-11-27T09:30:00+08:00garbage": "RFC 3339",
    "2026-02-30T09:00:00+08:00": "real time",
    "2026-11-27T24:00:00+08:00": "real time",
    "2026-11-27T23:59:60+08:00": "real time",
    "2026-11-27T09:00:00+25:00": "real time",
    "2026-10-26T09:29:59+08:00": "31",
    "2026-11-28T09:30:00+08:00": "future",
    "2126-11-27T09:30:00+08:00": "future",
}


@pytest.mark.parametrize("value", list(BAD_RECEIVED_AT))
def test_a_bad_received_at(value, hostile, clerk, samples):
    line = hostile("submit", str(samples / FORM), "--clerk", clerk, f"--received-at={value}")
    assert BAD_RECEIVED_AT[value] in line or "晚于当前时间" in line, line


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-27T09:00:00+08:00",
        "2026-11-27t01:00:00z",
        "2026-11-27 09:00:00",  # hall time
        "2026-10-27T09:30:00+08:00",  # 31 days back, to the second
        "2026-11-27T09:00:00.123456789+08:00",
    ],
)
def test_a_good_received_at(value, cli, clerk, samples):
    done = cli("submit", str(samples / FORM), "--clerk", clerk, f"--received-at={value}")
    assert done.code == 0, done.err


# --out: only a regular file or a new name (the folder tests are in test_out_file.py).


def _bad_outs(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "folder").mkdir()
    (tmp_path / "victim.txt").write_text("keep")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "victim.txt")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "created-by-us.pdf")
    os.mkfifo(tmp_path / "fifo.pdf")
    return {
        "": "no file name",
        ".": "folder",
        "..": "folder",
        str(tmp_path / "folder"): "folder",
        str(tmp_path) + "/": "folder",
        os.devnull: "device",
        "/dev/zero": "device",
        str(tmp_path / "link.pdf"): "symbolic link",
        str(tmp_path / "dangling.pdf"): "symbolic link",
        str(tmp_path / "fifo.pdf"): "special file",
        str(tmp_path / ("名" * 90 + ".pdf")): "too long",
        str(tmp_path / "missing" / "r.pdf"): "no such folder",
        str(tmp_path / "victim.txt" / "r.pdf"): "not a folder",
    }


@pytest.mark.parametrize("command", ["receipt", "notice"])
def test_a_bad_out_touches_nothing(command, hostile, application_no, tmp_path):
    outs = _bad_outs(tmp_path)
    listing = sorted(p.name for p in tmp_path.iterdir())
    for out, word in outs.items():
        line = hostile(command, application_no, "--out", out)
        assert word in line, (out, line)
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert (tmp_path / "victim.txt").read_text() == "keep"
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_a_bad_report_out_touches_nothing(hostile, clerk, tmp_path):
    outs = _bad_outs(tmp_path)
    for out, word in outs.items():
        args = ("report", "indicators", "--from", "2026-11-01", "--to", "2026-11-30")
        line = hostile(*args, "--out", out)
        assert word in line or ".pdf" in line, (out, line)
    assert (tmp_path / "victim.txt").read_text() == "keep"


def test_a_receipt_replaces_a_regular_file(cli, application_no, tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    out = folder / "r.pdf"
    out.write_bytes(b"old")
    done = cli("receipt", application_no, "--out", str(out))
    assert done.code == 0, done.err
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in folder.iterdir()) == ["r.pdf"]


# Arguments holding what no name or number holds.

HOSTILE_TEXT = {
    "NUL": "zhang\x00wei",
    "ESC": "\x1b]0;pwned\x07zhangwei",
    "newline": "zhangwei\nonewindow: fake line",
    "RLO": "zhangwei\u202e",
    "lone surrogate": "zhang\udcffwei",
    "C1": "zhang\x9bwei",
    "huge": "z" * 5000,
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXT))
def test_a_hostile_user_name(name, hostile, clerk, samples):
    value = HOSTILE_TEXT[name]
    line = hostile("submit", str(samples / FORM), "--clerk", value)
    assert line.startswith("onewindow: clerk:"), line
    assert "\x1b" not in line and "\x00" not in line


@pytest.mark.parametrize("name", list(HOSTILE_TEXT))
def test_hostile_text_in_every_kind_of_argument(name, hostile, application_no):
    value = HOSTILE_TEXT[name]
    hostile("show", value)
    hostile("show", application_no + value)
    hostile("user", "add", value, "--role", "clerk")
    hostile(
        "reassign",
        "00000000-0000-0000-0000-000000000000",
        "--to",
        value,
        "--reason",
        "x",
        "--by",
        value,
    )
    hostile("holidays", "show", value)


def test_a_file_name_that_is_not_utf8_still_names_a_file(cli, clerk, samples, tmp_path):
    # On Linux a name's bytes need not be UTF-8; Python hands them over as lone surrogates.
    name = os.fsdecode(b"\xb1\xed.json")  # GBK for 表
    (tmp_path / name).write_bytes((samples / FORM).read_bytes())
    done = cli("submit", str(tmp_path / name), "--clerk", clerk)
    assert done.code == 0, done.err


def test_a_missing_file_with_a_non_utf8_name_is_one_line(hostile, clerk, tmp_path):
    line = hostile("submit", str(tmp_path / os.fsdecode(b"\xff.json")), "--clerk", clerk)
    assert "\\udcff" in line  # shown escaped: printing it raised UnicodeEncodeError


def test_a_file_name_with_a_control_character_is_refused(hostile, clerk, tmp_path):
    line = hostile("submit", str(tmp_path / "\x1b[2J.json"), "--clerk", clerk)
    assert "U+001B" in line and "\x1b" not in line


@pytest.mark.parametrize("year", ["99999", "0", "-5", "1" * 30, "1" * 5001, "２０２６x"])
def test_a_year_no_calendar_has(year, hostile):
    hostile("holidays", "show", "--", year, codes=(1, 2))


@pytest.mark.parametrize("path", ["/dev/zero", "/", "/nonexistent.csv"])
def test_a_holiday_file_that_is_none(path, hostile):
    hostile("holidays", "import", path)


@pytest.mark.parametrize(
    ("name", "char"),
    [
        ("\x1b[31m元旦", "U+001B"),
        ("元旦\u202e", "U+202E"),
        ("a\x00b", "U+0000"),
        ("a\rb", "U+000D"),
    ],
)
def test_a_holiday_name_with_a_control_character(name, char, hostile, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text(f"date,kind,name\r\n2027-01-01,holiday,{name}\r\n", encoding="utf-8")
    line = hostile("holidays", "import", str(path))
    assert char in line and "line 2" in line


def test_a_holiday_file_saved_on_windows_is_accepted(cli, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("date,kind,name\r\n2027-01-01,holiday,元旦\r\n", encoding="utf-8")
    done = cli("holidays", "import", str(path))
    assert done.code == 0, done.err


def test_a_binary_holiday_file(hostile, tmp_path):
    (tmp_path / "h.csv").write_bytes(bytes(range(256)) * 4)
    hostile("holidays", "import", str(tmp_path / "h.csv"))


@pytest.mark.parametrize("seconds", ["nan", "inf", "-inf", "1e999", "-1", "0", "x"])
def test_a_worker_timeout_that_is_no_time(seconds, hostile):
    assert "--timeout" in hostile("worker", "--drain", f"--timeout={seconds}")


def test_usage_errors_are_one_line(hostile):
    hostile("submit")
    hostile("no-such-command")
    hostile("receipt", "X", "--format", "a5", "--out", "x.pdf")
    hostile("user", "add", "x", "--role", "root")


# Configuration files.

CONFIG_HEAD = """
[database]
url = "{url}"
[hall]
code = "LBGX"
name = "灵宝市水电气共享营业厅"
supervision_hotline = "0398-12345"
[counter]
id = "W03"
"""

GAS = '[utilities.gas]\nbase_url = "https://gas.example.cn/"\n'

BAD_CONFIGS = {
    # name: (text after the [counter] table, or a whole file with {url}; a word of the line)
    "idle nan": ("idle_lock_minutes = nan\n", "finite"),
    "idle inf": ("idle_lock_minutes = inf\n", "finite"),
    "idle -inf": ("idle_lock_minutes = -inf\n", "finite"),
    "idle huge": ("idle_lock_minutes = 99999999999999999999999999999\n", "finite"),
    "idle 1e30": ("idle_lock_minutes = 1e30\n", "1440"),
    "idle fraction": ("idle_lock_minutes = 1.5\n", "1440"),
    "idle zero": ("idle_lock_minutes = 0\n", "1440"),
    "idle text": ('idle_lock_minutes = "5"\n', "number"),
    "timeout nan": (GAS + "timeout_s = nan\n", "finite"),
    "timeout inf": (GAS + "timeout_s = inf\n", "finite"),
    "timeout huge": (GAS + "timeout_s = 1e300\n", "3600"),
    "timeout zero": (GAS + "timeout_s = 0\n", "3600"),
    "timeout array": (GAS + "timeout_s = [1]\n", "number"),
    "NUL in hall name": ("[hall]\n", ""),  # replaced below
    "base_url [::1": ('[utilities.gas]\nbase_url = "https://[::1"\n', "URL"),
    "base_url port": ('[utilities.gas]\nbase_url = "https://gas.example.cn:99999/"\n', "URL"),
    "base_url NUL": ('[utilities.gas]\nbase_url = "https://gas.example.cn/\\u0000"\n', "U+0000"),
    "token newline": (GAS + 'token = "abc\\r\\nX-Evil: 1"\n', "U+000D"),
    "token ESC": (GAS + 'token = "\\u001b[2J"\n', "U+001B"),
    "unknown utility": ('[utilities.electricity]\nbase_url = "https://a.cn/"\n', "water"),
    "not TOML": ("[[[\n", "TOML"),
}


def _config(tmp_path: Path, db_url: str, tail: str) -> Path:
    path = tmp_path / "hostile.toml"
    return write_config(path, CONFIG_HEAD.format(url=db_url) + tail)


@pytest.mark.parametrize("name", [n for n in BAD_CONFIGS if n != "NUL in hall name"])
def test_a_bad_config_value(name, hostile, db_url, tmp_path):
    tail, word = BAD_CONFIGS[name]
    line = hostile("show", "X", config=_config(tmp_path, db_url, tail))
    assert word in line, line


@pytest.mark.parametrize(
    ("key", "value", "word"),
    [
        ("name", "灵宝\\u0000营业厅", "U+0000"),
        ("name", "\\u202e厅业营", "U+202E"),
        ("supervision_hotline", "12345\\u0007", "U+0007"),
        ("code", "LB\\u0000", "U+0000"),
    ],
)
def test_control_characters_in_a_setting(key, value, word, hostile, db_url, tmp_path):
    text = CONFIG_HEAD.format(url=db_url).replace(f'{key} = "', f'{key} = "{value}', 1)
    path = tmp_path / "hostile.toml"
    write_config(path, text)
    assert word in hostile("show", "X", config=path)


@pytest.mark.parametrize("counter_id", ["W" * 17, "W" * 21, "W 03", "W\\u0000", "窗口/3"])
def test_a_counter_id_the_database_cannot_hold(counter_id, hostile, db_url, tmp_path):
    path = tmp_path / "hostile.toml"
    head = CONFIG_HEAD.format(url=db_url).replace('id = "W03"', f'id = "{counter_id}"')
    write_config(path, head)
    assert "[counter] id" in hostile("show", "X", config=path) or "U+0000" in hostile(
        "show", "X", config=path
    )


def test_a_counter_id_of_16_characters_is_accepted(cli, db_url, tmp_path, samples):
    path = tmp_path / "c.toml"
    write_config(path, CONFIG_HEAD.format(url=db_url).replace('"W03"', '"W' + "0" * 15 + '"'))
    done = cli("user", "add", "lina", "--role", "clerk", config=path, stdin="Ab#123456\n" * 2)
    assert done.code == 0, done.err
    done = cli("submit", str(samples / FORM), "--clerk", "lina", config=path)
    assert done.code == 0, done.err


BAD_URLS = {
    "postgresql+psycopg://u:s3cret@localhost:notaport/db": "not a database URL",
    "postgresql+psycopg://u:s3cret@[::1/db": "not a database URL",
    "://": "not a database URL",
    "no url at all": "not a database URL",
    "sqlitex:///x.db": "only",
    "SQLite:///x.db": "only",
    "mysql://u:s3cret@h/db": "only",
    "postgresql+psycopg2://u:s3cret@h/db": "only",
    "postgresql+asyncpg://u:s3cret@h/db": "only",
    "sqlite://": "in-memory",
    "sqlite:///:memory:": "in-memory",
    "postgresql+psycopg://u:s3cret@localhost:99999/db": "port",
    "postgresql+psycopg://u:s3cret@localhost:0/db": "port",
}


@pytest.mark.parametrize("url", list(BAD_URLS))
def test_a_malformed_database_url(url, hostile, db_url, tmp_path):
    line = hostile("show", "X", config=_config(tmp_path, url, ""))
    assert BAD_URLS[url] in line and "s3cret" not in line, line


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://u:s3cret@127.0.0.1:1/db",  # nobody listens
        "postgresql+psycopg://u:s3cret@127.0.0.1:1/db?sslmode=bogus",
        "sqlite:////proc/onewindow.db",
        "sqlite:////",
    ],
)
def test_a_database_that_cannot_be_reached(url, hostile, tmp_path):
    line = hostile("show", "X", config=_config(tmp_path, url, ""), codes=(1,))
    assert "s3cret" not in line


@pytest.mark.parametrize("where", ["/dev/zero", "/", "/nonexistent.toml"])
def test_a_config_path_that_is_no_file(where, hostile, tmp_path):
    hostile("show", "X", config=Path(where))


def test_a_config_that_is_not_utf8(hostile, tmp_path):
    path = tmp_path / "c.toml"
    path.write_bytes(b"[hall]\nname = '\xb5\xa5'\n")
    assert "TOML" in hostile("show", "X", config=path)


# Database errors are printed by the driver's first line, values elided, numbers masked.

ID_NUMBER = "110101199003074477"


@pytest.mark.parametrize(
    "statement",
    [
        f"SELECT CAST('{ID_NUMBER}' AS INTEGER) + no_such_column",
        f"SELECT * FROM no_such_table_{ID_NUMBER}",
        f"INSERT INTO users (id) VALUES ('{ID_NUMBER}')",
    ],
)
def test_a_database_error_never_prints_an_id_number(statement, db_url):
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    except SQLAlchemyError as exc:
        assert ID_NUMBER in str(exc)  # SQLAlchemy's own text has it: the test can fail
        reason = database_reason(exc)
        assert ID_NUMBER not in reason and "\n" not in reason, reason
    else:
        pytest.fail("the statement was meant to fail")
    finally:
        engine.dispose()


def test_redaction_masks_long_numbers_and_quoted_values():
    line = redact(f'duplicate key "{ID_NUMBER}"; id {ID_NUMBER} phone 13803981234')
    assert ID_NUMBER not in line and "13803981234" not in line
    assert "110101********4477" in line


def test_a_database_from_a_newer_program(hostile, engine, application_no):
    with engine.begin() as conn:
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    try:
        line = hostile("show", application_no, codes=(1,))
    finally:  # the PostgreSQL test database outlives this test
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})
    assert "newer than this program" in line and "9999_from_the_future" in line


@pytest.mark.parametrize(
    "args",
    [
        ("user", "add", "u" * 65, "--role", "clerk"),
        ("user", "add", "lina", "--role", "clerk", "--display-name", "名" * 101),
        ("user", "add", " ", "--role", "clerk"),
    ],
)
def test_a_user_the_columns_cannot_hold(args, cli, engine):
    from tests.conftest import PASSWORD
    from tests.hostile.conftest import one_line, row_counts

    before = row_counts(engine)
    done = cli(*args, stdin=f"{PASSWORD}\n{PASSWORD}\n")
    one_line(done.err)
    assert done.code == 2 and row_counts(engine) == before


# What a utility sent reaches the terminal escaped, and --json stays the same document.

UTILITY_SENT = "\x1b[2J\x1b]0;owned\x07GAS-\u202e001\x9b"


def test_a_utility_value_reaches_the_terminal_escaped(cli, engine, application_no):
    import json

    with engine.begin() as conn:
        conn.execute(text("UPDATE tickets SET utility_ticket_no = :v"), {"v": UTILITY_SENT})
    shown = cli("show", application_no)
    assert shown.code == 0, shown.err
    assert not any(c in shown.out for c in "\x1b\x07\u202e\x9b")
    assert "\\u001b[2J" in shown.out and "\\u202e" in shown.out
    as_json = cli("show", application_no, "--json")
    assert not any(c in as_json.out for c in "\x1b\x07\u202e\x9b")
    assert json.loads(as_json.out)["tickets"][0]["utility_ticket_no"] == UTILITY_SENT
