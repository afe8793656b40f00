"""Generated hostile input (hypothesis): forms and configuration files, on both engines.

The form check sees many examples (it is fast); the command line, a few dozen per engine,
each judged like the corpus: exit 2 (or 1), one line, no traceback, the database unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from onewindow.errors import BadInput
from onewindow.intake.form import check_form
from onewindow.intake.form_limits import read_form_json
from tests.hostile.conftest import Run, one_line, row_counts, write_config
from tests.hostile.strategies import hostile_configs, hostile_form_files, hostile_forms

TODAY = date(2026, 11, 27)
# Function-scoped fixtures (the database, the command line) are shared by the examples of one
# test on purpose: each example must leave the database as it found it.
IN_PROCESS = settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])


@given(hostile_forms())
@settings(max_examples=400)
def test_a_hostile_form_value_is_the_one_problem(form):
    result = check_form(form, today=TODAY)
    (error,) = result.errors
    assert result.form is None and error.code.startswith("limit."), error
    assert error.message and error.message_en


@given(hostile_form_files())
@settings(max_examples=400)
def test_a_hostile_form_file_never_escapes_as_anything_but_bad_input(raw):
    try:
        data = read_form_json(raw)
    except BadInput as exc:
        assert "\n" not in str(exc)
        return
    (error,) = check_form(data, today=TODAY).errors
    assert error.code.startswith("limit.") or error.code == "form.not_object", error


@given(raw=hostile_form_files())
@IN_PROCESS
def test_submitting_a_hostile_form_file(
    raw: bytes, cli: Callable[..., Run], clerk: str, engine: Engine, tmp_path: Path
):
    path = tmp_path / f"form-{next(_numbers)}.json"
    path.write_bytes(raw)
    before = row_counts(engine)
    done = cli("submit", str(path), "--clerk", clerk)
    one_line(done.err)
    assert done.code == 2 and done.out == ""
    assert row_counts(engine) == before


@given(data=st.data())
@IN_PROCESS
def test_a_hostile_config_file(
    data: st.DataObject, cli: Callable[..., Run], engine: Engine, db_url: str, tmp_path: Path
):
    path = tmp_path / f"config-{next(_numbers)}.toml"
    write_config(path, data.draw(hostile_configs(db_url)))
    before = row_counts(engine)
    done = cli("show", "LBGX-20261127-0001", config=path)
    line = one_line(done.err)
    assert done.code in (1, 2) and done.out == ""
    assert "s3cret" not in line
    assert row_counts(engine) == before


_numbers = count()
