"""`onewindow user …`: add, list, disable, enable, change role, reset password (architecture.md).

The commands act as the operating-system user who runs them (`cli:<name>`, as every command
without `--by`); each change is audited by the core function it calls. A disabled or re-roled
user's next action anywhere is judged by the new state (onewindow.access.acting).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys

from onewindow.access import users
from onewindow.access.users import Actor, Role
from onewindow.admin.hall_settings import list_users
from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.hall import Hall

ROLE_CHOICES = [role.value for role in Role]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Nested subparsers take the parent's parser class: cli.main._Parser, with its exit code 2.
    user = sub.add_parser("user", help="manage users").add_subparsers(
        dest="user_command", required=True
    )
    add = user.add_parser("add", help="add a user; the password is read from stdin")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLE_CHOICES)
    add.add_argument("--display-name")
    add.set_defaults(handler=cmd_add)

    listing = user.add_parser("list", help="every user, with role and state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)

    for name, handler, text in (
        ("disable", cmd_disable, "stop a user signing in and acting (at their next action)"),
        ("enable", cmd_enable, "let a disabled user sign in again"),
        ("reset-password", cmd_reset, "new password twice on stdin; changed at next sign-in"),
    ):
        user.add_parser(name, help=text).add_argument("name")
        user.choices[name].set_defaults(handler=handler)

    role = user.add_parser("role", help="change a user's role")
    role.add_argument("name")
    role.add_argument("--role", required=True, choices=ROLE_CHOICES)
    role.set_defaults(handler=cmd_role)


def read_new_password() -> str:
    """A new password, typed twice (on a terminal, unechoed) or given as two lines on stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass("密码 / password: ")
        second = getpass.getpass("再次输入 / again: ")
    else:
        lines = sys.stdin.read().splitlines()
        if len(lines) < 2:
            raise BadInput(
                Text("请在标准输入中给出两遍密码（两行）", "give the password twice on stdin")
            )
        first, second = lines[0], lines[1]
    if first != second:
        raise BadInput(Text("两次输入的密码不一致", "the passwords differ"))
    return first


def cmd_add(hall: Hall, args: argparse.Namespace) -> int:
    password = read_new_password()
    with hall.unit() as (session, ctx):
        user = users.create_user(
            session,
            Actor.system(),
            username=args.name,
            password=password,
            role=args.role,
            display_name=args.display_name,
            now=ctx.now,
        )
        print(f"user {user.username} added ({user.role})")
    return 0


def cmd_list(hall: Hall, args: argparse.Namespace) -> int:
    with hall.unit() as (session, ctx):
        rows = [
            {
                "username": u.username,
                "display_name": u.display_name,
                "role": u.role,
                "active": u.active,
                "locked": u.locked_until is not None and u.locked_until > ctx.now,
                "must_change_password": u.must_change_password,
            }
            for u in list_users(session, Actor.system())
        ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        state = ("active" if row["active"] else "disabled") + (", locked" if row["locked"] else "")
        change = ", must change password" if row["must_change_password"] else ""
        print(f"{row['username']:20} {row['role']:6} {state}{change}  {row['display_name']}")
    return 0


def _set_active(hall: Hall, name: str, active: bool) -> int:
    with hall.unit() as (session, ctx):
        user = users.set_active(session, Actor.system(), name, active, now=ctx.now)
    print(f"user {user.username} {'enabled' if active else 'disabled'}")
    return 0


def cmd_disable(hall: Hall, args: argparse.Namespace) -> int:
    return _set_active(hall, args.name, False)


def cmd_enable(hall: Hall, args: argparse.Namespace) -> int:
    return _set_active(hall, args.name, True)


def cmd_role(hall: Hall, args: argparse.Namespace) -> int:
    with hall.unit() as (session, ctx):
        user = users.change_role(session, Actor.system(), args.name, args.role, now=ctx.now)
    print(f"user {user.username} is now {user.role}")
    return 0


def cmd_reset(hall: Hall, args: argparse.Namespace) -> int:
    password = read_new_password()
    with hall.unit() as (session, ctx):
        user = users.reset_password(session, Actor.system(), args.name, password, now=ctx.now)
    print(f"password of {user.username} reset; to be changed at the next sign-in")
    return 0
