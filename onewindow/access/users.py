"""Users, roles, sign-in and the permission rules every service function checks.

Permissions live here, in the core, so the desktop client and the command line enforce the
same rules. An operating-system user running a command without `--by`/`--clerk` acts as
`cli:<name>`: whoever can run commands on the hall server can already edit its database.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import argon2.profiles
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from onewindow.audit import chain as audit
from onewindow.codes import ROLES, Text
from onewindow.control_chars import first_refused
from onewindow.errors import BadInput, NotFound, NotPermitted, OneWindowError
from onewindow.store.models import User

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 8


# About 0.3 s a hash on a counter PC. There is no switch for cheaper parameters: the test
# suite replaces this object in its own process (tests/conftest.py).
_hasher = PasswordHasher.from_parameters(argon2.profiles.RFC_9106_LOW_MEMORY)


class Role(StrEnum):
    CLERK = "clerk"
    LEAD = "lead"
    ADMIN = "admin"


class Permission(StrEnum):
    ACCEPT = "accept"  # submit applications, print, record materials and ratings
    HANDLE_TICKETS = "handle_tickets"  # cancel, re-send after correction
    REASSIGN = "reassign"
    VIEW_REPORTS = "view_reports"
    VIEW_AUDIT = "view_audit"
    ADMINISTER = "administer"  # users, endpoints, hall data, policy tables, holidays


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset({Permission.ACCEPT, Permission.HANDLE_TICKETS}),
    Role.LEAD: frozenset(
        {
            Permission.ACCEPT,
            Permission.HANDLE_TICKETS,
            Permission.REASSIGN,
            Permission.VIEW_REPORTS,
            Permission.VIEW_AUDIT,
        }
    ),
    Role.ADMIN: frozenset({Permission.VIEW_REPORTS, Permission.VIEW_AUDIT, Permission.ADMINISTER}),
}

ROLE_LABELS = {role: ROLES[role.value].zh for role in Role}
PERMISSION_LABELS = {
    Permission.ACCEPT: "受理业务",
    Permission.HANDLE_TICKETS: "处理工单",
    Permission.REASSIGN: "改派工单",
    Permission.VIEW_REPORTS: "查看统计",
    Permission.VIEW_AUDIT: "查看审计记录",
    Permission.ADMINISTER: "系统管理",
}


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user, or the operating-system user behind a command."""

    name: str  # as written to the audit trail
    role: Role | None  # None for the system actor, which may do everything
    user_id: int | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(name=user.username, role=Role(user.role), user_id=user.id)

    @classmethod
    def system(cls) -> Actor:
        return cls(name=f"cli:{getpass.getuser()}", role=None)

    def may(self, permission: Permission) -> bool:
        return self.role is None or permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.may(permission):
            role = ROLE_LABELS[self.role] if self.role else ""
            raise NotPermitted(
                Text(
                    f"{self.name}（{role}）无权{PERMISSION_LABELS[permission]}",
                    f"not permitted: {permission.value}",
                )
            )


class LoginFailed(OneWindowError):
    def __init__(self, message: str | Text, locked_until: datetime | None = None) -> None:
        super().__init__(message)
        self.locked_until = locked_until


def hash_password(password: str) -> str:
    check_password_strength(password)
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(
            Text(f"密码至少 {MIN_PASSWORD_LENGTH} 位", f"at least {MIN_PASSWORD_LENGTH} characters")
        )
    if password.strip() != password:
        raise BadInput(Text("密码首尾不能是空格", "no leading or trailing spaces"))


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(Text(f"用户 {username} 不存在", "no such user"))
    return user


def create_user(
    session: Session,
    actor: Actor,
    *,
    username: str,
    password: str,
    role: str,
    now: datetime,
    display_name: str | None = None,
) -> User:
    actor.require(Permission.ADMINISTER)
    username = username.strip()
    if not username or len(username) > 64 or any(c.isspace() for c in username):
        raise BadInput(Text("用户名应为 1–64 个非空白字符", "username: 1–64 non-space characters"))
    if username.startswith("cli:"):
        raise BadInput(Text("用户名不能以 cli: 开头", "reserved prefix"))
    try:
        role_value = Role(role)
    except ValueError:
        raise BadInput(
            Text(
                f"角色应为 clerk、lead 或 admin，收到 {role!r}",
                f"the role must be clerk, lead or admin, not {role!r}",
            )
        ) from None
    shown = (display_name or username).strip()
    # The column holds 100 characters: PostgreSQL refused a longer name, SQLite kept it.
    if len(shown) > 100 or first_refused(shown) is not None:
        raise BadInput(
            Text("显示名称最多 100 个字，且不含控制字符", "display name: 100 plain characters")
        )
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise BadInput(Text(f"用户 {username} 已存在", "user exists"))
    user = User(
        username=username,
        display_name=shown,
        role=role_value.value,
        password_hash=hash_password(password),
        active=True,
        failed_logins=0,
        created_at=now,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=actor.name,
        action="user.create",
        now=now,
        entity_type="user",
        entity_id=username,
        details={"role": role_value.value, "display_name": user.display_name},
    )
    return user


UNKNOWN_USER = "unknown user"
WRONG_NAME_OR_PASSWORD = Text("用户名或密码不正确", "wrong user name or password")


def authenticate(session: Session, username: str, password: str, *, now: datetime) -> User:
    """Check a sign-in; five wrong passwords in a row lock the account for 15 minutes.

    Nothing tells a stranger which user names exist: a wrong name and a wrong password get
    the same message and cost the same time, a failure with an unknown name is recorded as
    "unknown user" (never the text typed, which may be a password typed into the wrong
    field), and only the right password learns that its account is locked or disabled.

    Use `sign_in` unless the caller commits the session also when this raises: the failure
    count and the audit record must stay.
    """

    def failed(user: User | None, details: dict[str, object]) -> None:
        audit.record(
            session,
            actor=user.username if user is not None else UNKNOWN_USER,
            action="login.failed",
            now=now,
            entity_type="user",
            entity_id=user.username if user is not None else None,
            details=details,
        )

    # The row lock makes concurrent attempts on one account take turns (SQLite's write lock
    # does the same), so no failure is lost and no more than five are ever counted.
    user = session.scalar(select(User).where(User.username == username.strip()).with_for_update())
    if user is None:
        _hasher.hash(password)  # as long as checking a known name's password
        failed(None, {"reason": UNKNOWN_USER})
        raise LoginFailed(WRONG_NAME_OR_PASSWORD)
    try:
        _hasher.verify(user.password_hash, password)
        right = True
    except (VerificationError, InvalidHashError):
        right = False
    locked = user.locked_until is not None and user.locked_until > now
    if not right:
        details: dict[str, object] = {"reason": "wrong password"}
        if not user.active:
            details["account"] = "disabled"
        elif locked:
            details["account"] = "locked"
        else:
            user.failed_logins += 1
            details["failures"] = user.failed_logins
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
                details["locked_until"] = user.locked_until.isoformat()
        failed(user, details)
        raise LoginFailed(WRONG_NAME_OR_PASSWORD)
    if not user.active:
        failed(user, {"reason": "disabled"})
        raise LoginFailed(
            Text("该账户已停用，请联系管理员", "account disabled; ask an administrator")
        )
    if locked:
        failed(user, {"reason": "locked"})
        raise LoginFailed(
            Text("密码连续错误次数过多，账户已锁定 15 分钟", "account locked for 15 minutes"),
            user.locked_until,
        )
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    user.failed_logins = 0
    user.locked_until = None
    audit.record(
        session,
        actor=user.username,
        action="login",
        now=now,
        entity_type="user",
        entity_id=user.username,
    )
    return user


def sign_in(
    sessions: sessionmaker[Session], username: str, password: str, *, now: datetime
) -> User:
    """`authenticate` in a transaction of its own that is committed whether or not it succeeds.

    A failed sign-in must leave its failure count and audit record behind, which a unit of
    work that rolls back on the LoginFailed would lose.
    """
    with sessions() as session:
        try:
            user = authenticate(session, username, password, now=now)
        except LoginFailed:
            session.commit()
            raise
        session.commit()
        return user


def set_active(
    session: Session, actor: Actor, username: str, active: bool, *, now: datetime
) -> User:
    actor.require(Permission.ADMINISTER)
    user = get_user(session, username)
    if actor.user_id == user.id and not active:
        raise BadInput(Text("不能停用自己的账户", "you cannot disable yourself"))
    user.active = active
    audit.record(
        session,
        actor=actor.name,
        action="user.enable" if active else "user.disable",
        now=now,
        entity_type="user",
        entity_id=username,
    )
    return user


def reset_password(
    session: Session, actor: Actor, username: str, password: str, *, now: datetime
) -> User:
    actor.require(Permission.ADMINISTER)
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    user.must_change_password = True
    audit.record(
        session,
        actor=actor.name,
        action="user.reset_password",
        now=now,
        entity_type="user",
        entity_id=username,
    )
    return user


def change_password(session: Session, user: User, old: str, new: str, *, now: datetime) -> None:
    try:
        _hasher.verify(user.password_hash, old)
    except (VerificationError, InvalidHashError):
        raise BadInput(Text("原密码不正确", "current password is wrong")) from None
    if new == old:
        raise BadInput(Text("新密码应与原密码不同", "choose a password different from the old one"))
    user.password_hash = hash_password(new)
    user.must_change_password = False
    audit.record(
        session,
        actor=user.username,
        action="user.change_password",
        now=now,
        entity_type="user",
        entity_id=user.username,
    )


def change_role(session: Session, actor: Actor, username: str, role: str, *, now: datetime) -> User:
    actor.require(Permission.ADMINISTER)
    user = get_user(session, username)
    try:
        new_role = Role(role)
    except ValueError:
        raise BadInput(
            Text(
                f"角色应为 clerk、lead 或 admin，收到 {role!r}",
                f"the role must be clerk, lead or admin, not {role!r}",
            )
        ) from None
    if actor.user_id == user.id and new_role != Role.ADMIN:
        raise BadInput(Text("不能取消自己的管理员角色", "you cannot demote yourself"))
    old = user.role
    user.role = new_role.value
    audit.record(
        session,
        actor=actor.name,
        action="user.change_role",
        now=now,
        entity_type="user",
        entity_id=username,
        details={"from": old, "to": new_role.value},
    )
    return user
