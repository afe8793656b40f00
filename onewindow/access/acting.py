"""The acting user, read afresh at the start of every unit of work.

What a user may do is decided by their account as it is now, not as it was when they signed
in: an administrator's disable or change of role takes effect at that user's next action, on
every screen and command. A disabled (or deleted) user is refused with `NotActing`, which the
window answers by going back to the sign-in window and the command line by exit 3.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor
from onewindow.codes import Text
from onewindow.errors import NotActing, NotFound
from onewindow.store.models import User


def acting(session: Session, user_id: int) -> Actor:
    """The signed-in user `user_id` as the database has them now."""
    return Actor.of(acting_user(session, user_id))


def acting_user(session: Session, user_id: int) -> User:
    """`acting`, for the service functions that also need the account itself (a submission
    names its clerk, a password change checks the old password)."""
    user = session.get(User, user_id, populate_existing=True)
    if user is None:
        raise NotActing(
            Text("登录的用户已不存在，请重新登录", "the signed-in user no longer exists")
        )
    _check_active(user)
    return user


def acting_named(session: Session, username: str) -> Actor:
    """The user a command names (`--by`, `--clerk`) as the database has them now."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise NotFound(Text(f"用户 {username} 不存在", f"no such user: {username}"))
    _check_active(user)
    return Actor.of(user)


def _check_active(user: User) -> None:
    if user.active:
        return
    # People by the name the hall knows them by, with the account name they sign in with.
    zh = en = f"{user.username} "
    if user.display_name != user.username:
        zh, en = (
            f"{user.display_name}（{user.username}）",
            f"{user.display_name} ({user.username}) ",
        )
    raise NotActing(
        Text(f"{zh}已停用，不能再操作；请联系管理员", f"{en}is disabled; ask an administrator")
    )
