"""The administrator's service functions: hall data, utility endpoints, fee list, policy, holidays.

Where each setting lives, and why:
- The hall's identity (code, name, supervision hotline) and each utility's endpoint (name,
  base URL, token, signing secret, timeout, hotline, CA bundle) live in the TOML configuration
  file, because that file is what the hall server's `onewindow worker` and every command read
  (architecture.md). The client's admin screen therefore edits that file: the new content is
  checked by the same parser that reads it at start-up, then written atomically (a temporary
  file in the same folder, flushed to disk, renamed over the old one, permissions kept), so a
  crash never leaves half a file. Comments in the file are not kept. On a hall with several
  counters each machine has its own file; the screen edits the one this client runs with.
- The fee list, the materials catalogue and the SLA policy are hall-wide tables in the
  database (onewindow.store.settings), so every counter of a shared database sees one truth.
- Imported holiday schedules are in the database too (onewindow.clocks.holidays).

Every change is audited. Tokens and signing secrets are never written to the audit trail or
shown in full: screens get them masked, and the audit record says only whether they changed.
The audit record is written before the file is replaced, in the caller's transaction: if the
write fails, the exception rolls the record back with it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import tomlkit
from sqlalchemy import select
from sqlalchemy.orm import Session
from tomlkit.items import Table
from tomlkit.toml_document import TOMLDocument

from onewindow import config as config_mod
from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.clocks.due_dates import refresh_open_clocks
from onewindow.clocks.holidays import import_schedule, load_calendar
from onewindow.clocks.policy import SLA_KEY, parse_policy
from onewindow.codes import Text
from onewindow.config import UTILITIES, Config, UtilitySettings
from onewindow.errors import BadInput, ConfigError
from onewindow.exchange.client import UtilityClient, Verdict
from onewindow.hall import Context
from onewindow.lead.indicators import SERVICES
from onewindow.papers.printing import DEFAULT_FEE_LIST_WHERE, FEE_LIST_KEY
from onewindow.private_files import replace_atomically
from onewindow.store.models import User
from onewindow.store.settings import get_value, set_value

SECRET_FIELDS = ("token", "signing_secret")
MAX_FEE_ITEMS = 200


# Users -------------------------------------------------------------------------------------


def list_users(session: Session, actor: Actor) -> list[User]:
    actor.require(Permission.ADMINISTER)
    return list(session.scalars(select(User).order_by(User.username)))


# The configuration file --------------------------------------------------------------------


@dataclass(frozen=True)
class HallData:
    code: str
    name: str
    supervision_hotline: str


@dataclass(frozen=True)
class EndpointChange:
    """What the admin screen sends for one utility.

    A secret left as None keeps the stored one; "" removes it. `token_env` names an
    environment variable to read the token from instead (the file then holds no token).
    """

    utility: str
    name: str
    base_url: str
    timeout_s: float = 10.0
    hotline: str = ""
    ca_bundle: str = ""
    token: str | None = None
    token_env: str = ""
    signing_secret: str | None = None
    signing_secret_env: str = ""


def mask_secret(value: str | None) -> str:
    """How a token shows on screen: set or not, and its last 4 characters when it is long."""
    if not value:
        return "未设置"
    if len(value) >= 12:
        return "•" * 8 + value[-4:]
    return "•" * 8


def _document(config: Config) -> tuple[Path, TOMLDocument]:
    """The configuration file as an editable document that keeps its comments and layout."""
    if config.path is None:
        raise BadInput(
            Text(
                "培训模式没有配置文件，不能在此修改营业厅和单位接口设置",
                "training mode has no configuration file",
            )
        )
    try:
        return config.path, tomlkit.parse(config.path.read_text(encoding="utf-8"))
    except (OSError, tomlkit.exceptions.ParseError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Text(
                f"无法读取配置文件 {config.path}: {exc}",
                f"cannot read the configuration file {config.path}: {exc}",
            )
        ) from None


def _table(parent: TOMLDocument | Table, key: str) -> Table:
    """The table `key` of `parent`, created at the end of it when missing."""
    if key not in parent:
        parent[key] = tomlkit.table()
    table = parent[key]
    if not isinstance(table, Table):
        raise BadInput(Text(f"配置文件中的 {key} 不是一个表", f"{key} is not a table"))
    return table


def _checked(path: Path, document: TOMLDocument) -> Config:
    try:
        return config_mod.parse(document.unwrap(), path)
    except ConfigError as exc:
        raise BadInput(str(exc)) from None


def save_hall_data(
    session: Session, actor: Actor, config: Config, data: HallData, *, now: datetime
) -> Config:
    """Change the hall's code, name and supervision hotline; returns the new configuration."""
    actor.require(Permission.ADMINISTER)
    path, document = _document(config)
    hall = _table(document, "hall")
    hall["code"] = data.code.strip()
    hall["name"] = data.name.strip()
    hall["supervision_hotline"] = data.supervision_hotline.strip()
    new = _checked(path, document)
    old = config.hall
    audit.record(
        session,
        actor=actor.name,
        action="config.hall",
        now=now,
        entity_type="config",
        entity_id="hall",
        details={
            "file": str(path),
            "from": {"code": old.code, "name": old.name, "hotline": old.supervision_hotline},
            "to": {
                "code": new.hall.code,
                "name": new.hall.name,
                "hotline": new.hall.supervision_hotline,
            },
        },
    )
    _write_private(path, tomlkit.dumps(document))
    return new


def _public(settings: UtilitySettings | None) -> dict[str, Any] | None:
    if settings is None:
        return None
    return {
        "name": settings.name,
        "base_url": settings.base_url,
        "timeout_s": settings.timeout_s,
        "hotline": settings.hotline,
        "ca_bundle": settings.ca_bundle,
    }


def save_endpoint(
    session: Session, actor: Actor, config: Config, change: EndpointChange, *, now: datetime
) -> Config:
    """Add or change one utility's endpoint settings; returns the new configuration."""
    actor.require(Permission.ADMINISTER)
    if change.utility not in UTILITIES:
        raise BadInput(
            Text(
                f"未知单位 {change.utility!r}，应为 water、power 或 gas",
                f"unknown utility {change.utility!r}; expected water, power or gas",
            )
        )
    path, document = _document(config)
    table = _table(_table(document, "utilities"), change.utility)
    table["name"] = change.name.strip()
    table["base_url"] = change.base_url.strip()
    table["timeout_s"] = float(change.timeout_s)
    for key, value in (("hotline", change.hotline), ("ca_bundle", change.ca_bundle)):
        if value.strip():
            table[key] = value.strip()
        else:
            table.pop(key, None)
    secrets_changed = {}
    for name in SECRET_FIELDS:
        inline: str | None = getattr(change, name)
        env_name: str = getattr(change, f"{name}_env").strip()
        before = (table.get(name), table.get(f"{name}_env"))
        if env_name:
            table[f"{name}_env"] = env_name
            table.pop(name, None)
        elif inline is not None:
            table.pop(f"{name}_env", None)
            if inline.strip():
                table[name] = inline.strip()
            else:
                table.pop(name, None)
        secrets_changed[name] = (table.get(name), table.get(f"{name}_env")) != before
    new = _checked(path, document)
    audit.record(
        session,
        actor=actor.name,
        action="config.utility",
        now=now,
        entity_type="config",
        entity_id=change.utility,
        details={
            "file": str(path),
            "from": _public(config.utilities.get(change.utility)),
            "to": _public(new.utilities[change.utility]),
            "token_changed": secrets_changed["token"],
            "signing_secret_changed": secrets_changed["signing_secret"],
        },
    )
    _write_private(path, tomlkit.dumps(document))
    return new


@dataclass(frozen=True)
class ConnectionResult:
    ok: bool
    message: str
    http_status: int | None
    elapsed_ms: int


def test_connection(settings: UtilitySettings) -> ConnectionResult:
    """Call `GET v1/health` with the configured token, signature and TLS rules."""
    started = time.monotonic()
    try:
        client = UtilityClient(settings)
    except ConfigError as exc:
        return ConnectionResult(False, str(exc), None, 0)
    try:
        answer = client.get("v1/health")
    finally:
        client.close()
    elapsed = int((time.monotonic() - started) * 1000)
    body_status = (answer.body or {}).get("status")
    if answer.verdict is Verdict.DONE and body_status == "ok":
        return ConnectionResult(True, f"连接正常（{elapsed} 毫秒）", answer.status, elapsed)
    if answer.verdict is Verdict.DONE:
        message = f"服务应答异常：status = {body_status!r}"
    elif answer.verdict is Verdict.REFUSED:
        message = f"令牌或签名被拒绝（HTTP {answer.status}），请核对令牌和签名密钥"
    elif answer.status is None:
        message = f"无法连接：{answer.error}"
    else:
        message = f"服务异常：{answer.error or f'HTTP {answer.status}'}"
    return ConnectionResult(False, message, answer.status, elapsed)


# Hall-wide tables in the database -----------------------------------------------------------


@dataclass(frozen=True)
class FeeItem:
    utility: str
    service: str | None  # None: every service of that utility
    name: str


@dataclass(frozen=True)
class FeeList:
    where: str  # where the published list hangs, as the receipt names it
    items: tuple[FeeItem, ...]


def load_fee_list(session: Session) -> FeeList:
    stored = get_value(session, FEE_LIST_KEY)
    if stored is None:
        return FeeList(DEFAULT_FEE_LIST_WHERE, ())
    return FeeList(
        str(stored.get("where") or DEFAULT_FEE_LIST_WHERE),
        tuple(
            FeeItem(i["utility"], i.get("service"), i["name"]) for i in stored.get("items") or []
        ),
    )


def save_fee_list(session: Session, actor: Actor, fees: FeeList, *, now: datetime) -> FeeList:
    """The published fee items the receipts name (P12); checked, then stored and audited."""
    actor.require(Permission.ADMINISTER)
    where = fees.where.strip()
    if not where:
        raise BadInput(Text("请填写收费清单的公示位置", "where the list is published"))
    if len(fees.items) > MAX_FEE_ITEMS:
        raise BadInput(Text(f"收费项目最多 {MAX_FEE_ITEMS} 项", "too many items"))
    items = []
    for n, item in enumerate(fees.items, start=1):
        if item.utility not in UTILITIES:
            raise BadInput(
                Text(
                    f"收费项目第 {n} 项：单位应为 water、power 或 gas",
                    f"fee item {n}: the utility must be water, power or gas",
                )
            )
        if item.service is not None and item.service not in SERVICES:
            raise BadInput(
                Text(
                    f"收费项目第 {n} 项：未知业务 {item.service!r}",
                    f"fee item {n}: unknown service {item.service!r}",
                )
            )
        name = item.name.strip()
        if not name or len(name) > 100:
            raise BadInput(
                Text(
                    f"收费项目第 {n} 项：名称应为 1–100 个字",
                    f"fee item {n}: the name must be 1–100 characters",
                )
            )
        entry: dict[str, Any] = {"utility": item.utility, "name": name}
        if item.service is not None:
            entry["service"] = item.service
        items.append(entry)
    change_setting(session, actor, FEE_LIST_KEY, {"where": where, "items": items}, now=now)
    return load_fee_list(session)


def change_setting(
    session: Session, actor: Actor, key: str, value: dict[str, Any], *, now: datetime
) -> None:
    """Store a checked setting and audit the change with its old and new value."""
    actor.require(Permission.ADMINISTER)
    old = set_value(session, key, value, by=actor.name, now=now)
    audit.record(
        session,
        actor=actor.name,
        action=f"settings.{key}",
        now=now,
        entity_type="setting",
        entity_id=key,
        details={"from": old, "to": value},
    )


def change_policy(session: Session, actor: Actor, data: Mapping[str, Any], ctx: Context) -> int:
    """Replace the SLA policy (checked first) and move every open ticket's due date; returns
    how many moved."""
    policy = parse_policy(data)
    change_setting(session, actor, SLA_KEY, policy.to_dict(), now=ctx.now)
    session.flush()
    return refresh_open_clocks(session, replace(ctx, policy=policy))


def import_holidays(
    session: Session, actor: Actor, text: str, *, file_name: str, ctx: Context
) -> tuple[Sequence[int], int]:
    """Import a year's schedule and move open tickets' due dates: (years, tickets moved)."""
    years = import_schedule(session, actor, text, file_name=file_name, now=ctx.now)
    session.flush()
    moved = refresh_open_clocks(session, replace(ctx, calendar=load_calendar(session)))
    return years, moved


def _write_private(path: Path, text: str) -> None:
    """The new file is private (0600), whatever the old one was: it may now hold a token or a
    signing secret, and a configuration holding one that others can read is refused at load."""
    replace_atomically(path, lambda temp: temp.write_bytes(text.encode("utf-8")))
