"""Users, roles and sign-in through the core's service functions (both databases)."""

from datetime import timedelta

import pytest

from onewindow.access.users import (
    Actor,
    LoginFailed,
    authenticate,
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


def test_sign_in_and_lock_after_five_failures(hall, users, clock):
    name = users["clerk"]
    for attempt in range(1, 5):
        with pytest.raises(LoginFailed, match=f"再错 {5 - attempt} 次"):
            sign_in(hall.sessions, name, "wrong-password", now=clock.moment)
    with pytest.raises(LoginFailed, match="锁定 15 分钟") as locked:
        sign_in(hall.sessions, name, "wrong-password", now=clock.moment)
    assert locked.value.locked_until == clock.moment + timedelta(minutes=15)
    # The right password does not open a locked account ...
    with pytest.raises(LoginFailed, match="锁定"):
        sign_in(hall.sessions, name, PASSWORD, now=clock.moment)
    # ... until the 15 minutes are over.
    clock.moment += timedelta(minutes=15, seconds=1)
    assert sign_in(hall.sessions, name, PASSWORD, now=clock.moment).username == name
    with hall.unit() as (s, _):
        actions = [e.action for e in s.query(AuditEvent).filter_by(entity_id=name)]
    assert actions.count("login.failed") == 6 and actions[-1] == "login"


def test_failed_sign_in_is_recorded_even_though_it_raises(hall, users):
    with pytest.raises(LoginFailed):
        sign_in(hall.sessions, users["clerk"], "nope-nope", now=hall.now())
    with hall.unit() as (s, _):
        assert s.query(User).filter_by(username=users["clerk"]).one().failed_logins == 1


def test_unknown_user_gets_the_same_message_as_a_wrong_password(hall, users):
    with pytest.raises(LoginFailed, match="用户名或密码不正确"), hall.unit() as (s, c):
        authenticate(s, "nobody", PASSWORD, now=c.now)


def test_disabled_user_cannot_sign_in(hall, users):
    with hall.unit() as (s, c):
        admin = Actor.of(s.query(User).filter_by(username=users["admin"]).one())
        set_active(s, admin, users["clerk"], False, now=c.now)
    with pytest.raises(LoginFailed, match="停用"), hall.unit() as (s, c):
        authenticate(s, users["clerk"], PASSWORD, now=c.now)


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
