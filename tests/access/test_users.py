"""Users, roles and sign-in through the core's service functions (both databases)."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from onewindow.access.users import (
    Actor,
    LoginFailed,
    change_role,
    create_user,
    set_active,
    sign_in,
)
from onewindow.audit import chain as audit
from onewindow.errors import BadInput, NotPermitted
from onewindow.store.models import AuditEvent, User
from tests.conftest import PASSWORD


def test_passwords_are_argon2_hashes(hall, users):
    with hall.unit() as (session, _):
        user = session.query(User).filter_by(username=users["clerk"]).one()
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


WRONG = "用户名或密码不正确"


def _failures(hall, name):
    with hall.unit() as (s, _):
        return [
            e.details for e in s.query(AuditEvent).filter_by(entity_id=name, action="login.failed")
        ]


def test_five_wrong_passwords_lock_and_only_the_right_password_hears_of_it(hall, users, clock):
    name = users["clerk"]
    for _ in range(5):
        with pytest.raises(LoginFailed, match=WRONG) as failed:
            sign_in(hall.sessions, name, "wrong-password", now=clock.moment)
        assert failed.value.locked_until is None
    # Locked now; a wrong password still hears only "wrong name or password" ...
    with pytest.raises(LoginFailed, match=WRONG) as failed:
        sign_in(hall.sessions, name, "wrong-again", now=clock.moment)
    assert failed.value.locked_until is None
    # ... the right one learns of the lock and until when.
    with pytest.raises(LoginFailed, match="锁定") as locked:
        sign_in(hall.sessions, name, PASSWORD, now=clock.moment)
    assert locked.value.locked_until == clock.moment + timedelta(minutes=15)
    clock.moment += timedelta(minutes=15, seconds=1)
    assert sign_in(hall.sessions, name, PASSWORD, now=clock.moment).username == name
    failures = _failures(hall, name)
    assert [f.get("failures") for f in failures[:5]] == [1, 2, 3, 4, 5]
    assert failures[5] == {"reason": "wrong password", "account": "locked"}
    assert failures[6] == {"reason": "locked"}
    with hall.unit() as (s, _):
        actions = [e.action for e in s.query(AuditEvent).filter_by(entity_id=name)]
    assert actions[-1] == "login"


def test_failed_sign_in_is_recorded_even_though_it_raises(hall, users):
    with pytest.raises(LoginFailed):
        sign_in(hall.sessions, users["clerk"], "nope-nope", now=hall.now())
    with hall.unit() as (s, _):
        assert s.query(User).filter_by(username=users["clerk"]).one().failed_logins == 1


def test_an_unknown_name_is_audited_as_unknown_user_never_as_typed(hall, users):
    typed = "Secret#Pass2026"  # a password typed into the user-name field
    with pytest.raises(LoginFailed) as unknown:
        sign_in(hall.sessions, typed, "whatever1", now=hall.now())
    with pytest.raises(LoginFailed) as wrong:
        sign_in(hall.sessions, users["clerk"], "whatever1", now=hall.now())
    assert str(unknown.value) == str(wrong.value)
    with hall.unit() as (s, _):
        events = s.query(AuditEvent).filter_by(action="login.failed").all()
        dumped = [(e.actor, e.entity_id, json.dumps(e.details, ensure_ascii=False)) for e in events]
    assert dumped[0] == ("unknown user", None, '{"reason": "unknown user"}')
    assert not any(typed in str(row) for row in dumped)


def test_a_disabled_account_is_named_only_to_its_right_password(hall, users):
    with hall.unit() as (s, c):
        admin = Actor.of(s.query(User).filter_by(username=users["admin"]).one())
        set_active(s, admin, users["clerk"], False, now=c.now)
    with pytest.raises(LoginFailed, match=WRONG):
        sign_in(hall.sessions, users["clerk"], "wrong-password", now=hall.now())
    with pytest.raises(LoginFailed, match="停用"):
        sign_in(hall.sessions, users["clerk"], PASSWORD, now=hall.now())


def test_concurrent_wrong_passwords_count_five_and_lock(hall, users):
    """Twenty wrong passwords at once (on PostgreSQL they ran side by side and the count
    ended at 2): exactly five are counted, the account is locked."""
    name = users["clerk"]

    def attempt(i):
        try:
            sign_in(hall.sessions, name, f"wrong-{i:04d}", now=hall.now())
        except LoginFailed as exc:
            return str(exc)
        return "signed in"

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(attempt, range(20)))
    assert set(answers) == {"用户名或密码不正确 / wrong user name or password"}
    failures = _failures(hall, name)
    assert len(failures) == 20
    assert sorted(f["failures"] for f in failures if "failures" in f) == [1, 2, 3, 4, 5]
    assert sum(f.get("account") == "locked" for f in failures) == 15
    with hall.unit() as (s, _):
        assert s.query(User).filter_by(username=name).one().locked_until is not None
    with pytest.raises(LoginFailed, match="锁定"):
        sign_in(hall.sessions, name, PASSWORD, now=hall.now())


def test_the_product_has_no_switch_for_cheap_hashes():
    """The tests' cheap hasher is patched into this process only (tests/conftest.py); a
    program started with the old variable set hashes at full cost."""
    code = (
        "from onewindow.access import users; h = users._hasher; print(h.memory_cost, h.time_cost)"
    )
    env = {**os.environ, "ONEWINDOW_TEST_CHEAP_HASHES": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["65536", "3"]  # argon2 RFC 9106 low-memory profile
    for folder in ("onewindow", "ui"):
        for path in (Path(__file__).parents[2] / folder).rglob("*.py"):
            assert "CHEAP_HASHES" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("role", ["clerk", "lead"])
def test_only_admins_manage_users(hall, users, role):
    with hall.unit() as (s, c):
        actor = Actor.of(s.query(User).filter_by(username=users[role]).one())
        with pytest.raises(NotPermitted):
            create_user(s, actor, username="x1", password=PASSWORD, role="clerk", now=c.now)
        with pytest.raises(NotPermitted):
            change_role(s, actor, users["clerk2"], "lead", now=c.now)


def test_user_rules(hall, users):
    with hall.unit() as (s, c):
        admin = Actor.of(s.query(User).filter_by(username=users["admin"]).one())
        with pytest.raises(BadInput, match="至少 8 位"):
            create_user(s, admin, username="short", password="abc", role="clerk", now=c.now)
        with pytest.raises(BadInput, match="已存在"):
            create_user(
                s, admin, username=users["clerk"], password=PASSWORD, role="clerk", now=c.now
            )
        with pytest.raises(BadInput, match="角色"):
            create_user(s, admin, username="x2", password=PASSWORD, role="boss", now=c.now)
        with pytest.raises(BadInput, match="自己"):
            set_active(s, admin, users["admin"], False, now=c.now)
        change_role(s, admin, users["clerk2"], "lead", now=c.now)
        assert audit.verify(s) is None
