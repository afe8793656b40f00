"""The configuration file (TOML) and training mode.

Lookup order: `--config FILE`, then `$ONEWINDOW_CONFIG`, then `onewindow.toml` in the user
config folder. With no file at all the client runs in training mode: SQLite in the user data
folder and the bundled simulator for every utility.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from onewindow.codes import Text
from onewindow.control_chars import code_point, first_refused
from onewindow.errors import ConfigError

APP_NAME = "onewindow"
UTILITIES = ("water", "power", "gas")
DEFAULT_UTILITY_NAMES = {"water": "供水公司", "power": "供电公司", "gas": "燃气公司"}
# Training paces (labels in codes.TRAINING_PACES): seconds a simulated ticket rests on each
# status. The default is like a real utility's working day, so that a trainee has hours to
# practise a cancel or late materials on a ticket in 勘查中; the others are for demonstrations.
TRAINING_PACE_SECONDS = {"realtime": 4 * 3600.0, "minutes": 300.0, "seconds": 20.0}
DEFAULT_TRAINING_PACE = "realtime"


@dataclass(frozen=True)
class UtilitySettings:
    utility: str
    name: str
    base_url: str
    token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    timeout_s: float = 10.0
    hotline: str = ""
    ca_bundle: str | None = None

    @property
    def fingerprint(self) -> str:
        """Changes whenever the endpoint or credentials change (lifts a credentials stop)."""
        raw = "\x1f".join([self.base_url, self.token or "", self.signing_secret or ""])
        return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class HallSettings:
    code: str
    name: str
    supervision_hotline: str


@dataclass(frozen=True)
class Config:
    path: Path | None
    training: bool
    database_url: str
    hall: HallSettings
    counter_id: str
    utilities: dict[str, UtilitySettings]
    idle_lock_minutes: int = 10
    # The name of a TRAINING_PACES entry; only training mode has simulators to pace.
    training_pace: str = DEFAULT_TRAINING_PACE
    # The audit chain's key (onewindow.audit.key): `[audit] key_file`, else audit.key beside
    # the configuration file; in training mode, in the user data folder.
    audit_key_file: Path | None = None


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "onewindow.toml"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def locate(explicit: str | os.PathLike[str] | None) -> Path | None:
    """The configuration file to read, or None for training mode."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(Text("配置文件不存在", f"configuration file not found: {path}"))
        return path
    env = os.environ.get("ONEWINDOW_CONFIG")
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError(Text("ONEWINDOW_CONFIG 指向的配置文件不存在", f"not found: {path}"))
        return path
    default = user_config_file()
    return default if default.is_file() else None


def load(explicit: str | os.PathLike[str] | None = None) -> Config:
    path = locate(explicit)
    if path is None:
        return training_config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Text(f"配置文件 {path} 不是有效的 TOML: {exc}", f"{path} is not valid TOML: {exc}")
        ) from None
    config = parse(data, path)
    if holds_secret(data) and _readable_by_others(path):
        raise ConfigError(
            Text(
                f"{path}: 含有令牌、密钥或数据库密码却其他用户可读",
                f"holds secrets that others can read — chmod 600 {path}",
            )
        )
    return config


def holds_secret(data: dict[str, Any]) -> bool:
    """Whether the parsed file itself holds a token, a signing secret or a database password
    (`token_env`/`signing_secret_env` name a variable and hold nothing)."""
    utilities = data.get("utilities")
    for table in utilities.values() if isinstance(utilities, dict) else ():
        if isinstance(table, dict) and (table.get("token") or table.get("signing_secret")):
            return True
    database = data.get("database")
    url = database.get("url") if isinstance(database, dict) else None
    return isinstance(url, str) and _password_of(url) is not None


def _password_of(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def _readable_by_others(path: Path) -> bool:
    # Windows has no mode bits; the user profile's ACL is what protects the file there.
    return os.name == "posix" and bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def check_training_pace(name: str) -> str:
    """`name` when it is a training pace, else ConfigError naming the paces."""
    if name not in TRAINING_PACE_SECONDS:
        names = "、".join(TRAINING_PACE_SECONDS)
        raise ConfigError(
            Text(f"培训节奏应为 {names} 之一", f"training pace must be one of {names}")
        )
    return name


def training_config() -> Config:
    db = user_data_dir() / "training.db"
    return Config(
        path=None,
        training=True,
        database_url=f"sqlite:///{db}",
        hall=HallSettings(code="PXYS", name="培训营业厅（演示）", supervision_hotline="12345"),
        counter_id="T01",
        # Filled with the bundled simulators' addresses when they start.
        utilities={},
        audit_key_file=user_data_dir() / "audit.key",
    )


def parse(data: dict[str, Any], path: Path | None = None) -> Config:
    reader = _Reader(data)
    url = reader.text("database.url")
    check_database_url(url)
    code = reader.text("hall.code")
    if not code.isascii() or not code.isalnum() or not 2 <= len(code) <= 8:
        raise ConfigError(
            Text(
                f"[hall] code: 应为 2–8 位字母或数字，收到 {code!r}",
                f"[hall] code: 2–8 letters or digits, got {code!r}",
            )
        )
    hall = HallSettings(
        code=code.upper(),
        name=reader.text("hall.name"),
        supervision_hotline=reader.text("hall.supervision_hotline"),
    )
    utilities = {}
    raw_utilities = reader.table("utilities", required=False)
    for key in raw_utilities:
        if key not in UTILITIES:
            raise ConfigError(
                Text(
                    f"[utilities.{key}]: 未知单位，应为 water、power 或 gas",
                    f"[utilities.{key}]: unknown utility: water, power or gas",
                )
            )
    for utility in UTILITIES:
        if utility in raw_utilities:
            utilities[utility] = _utility(reader, utility)
    idle = reader.number("counter.idle_lock_minutes", required=False, default=10.0)
    if not idle.is_integer() or not 1 <= idle <= IDLE_LOCK_MAX_MINUTES:
        raise _invalid(
            "[counter] idle_lock_minutes",
            f"应为 1–{IDLE_LOCK_MAX_MINUTES} 的整数",
            f"must be a whole number from 1 to {IDLE_LOCK_MAX_MINUTES}",
        )
    counter_id = reader.text("counter.id")
    if len(counter_id) > COUNTER_ID_MAX or not all(c.isalnum() or c in "-_" for c in counter_id):
        raise _invalid(
            "[counter] id",
            f"应为 1–{COUNTER_ID_MAX} 位字母、数字、“-”或“_”，收到 {counter_id!r}",
            f"must be 1 to {COUNTER_ID_MAX} letters, digits, '-' or '_', not {counter_id!r}",
        )
    return Config(
        path=path,
        training=False,
        database_url=url,
        hall=hall,
        counter_id=counter_id,
        utilities=utilities,
        idle_lock_minutes=int(idle),
        audit_key_file=_audit_key_file(reader, path),
    )


# What the database can hold (applications.counter_id is 16 characters) and what a screen's
# idle timer can count.
COUNTER_ID_MAX = 16
IDLE_LOCK_MAX_MINUTES = 24 * 60
TIMEOUT_MAX_SECONDS = 3600.0
# The one database driver each engine is installed and tested with (pyproject.toml).
_DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg"}


def check_database_url(url: str) -> None:
    """A URL SQLAlchemy can open with an installed driver; the message never shows a password."""
    try:
        parsed = make_url(url)
        port = parsed.port
    except (ArgumentError, ValueError):  # no scheme, a port that is no number, "[::1"
        raise _invalid(
            "[database] url",
            "不是有效的数据库地址，应如 sqlite:///路径 或 postgresql+psycopg://用户@主机/库名",
            "not a database URL such as sqlite:///PATH or postgresql+psycopg://USER@HOST/DB",
        ) from None
    shown = parsed.render_as_string(hide_password=True)
    backend, _, driver = parsed.drivername.partition("+")
    # Only a known backend's dialect is loaded to learn its default driver: loading an
    # unknown one ("sqlitex") fails inside SQLAlchemy.
    if backend not in _DRIVERS or _DRIVERS[backend] != (driver or parsed.get_driver_name()):
        raise _invalid(
            "[database] url",
            f"只支持 sqlite:// 或 postgresql+psycopg://，收到 {shown!r}",
            f"only sqlite:// and postgresql+psycopg:// are supported, not {shown!r}",
        )
    if port is not None and not 1 <= port <= 65535:
        raise _invalid("[database] url", f"端口 {port} 无效", f"no such port: {port}")
    if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
        raise _invalid(
            "[database] url",
            "内存数据库退出即丢失，请给出文件路径",
            "an in-memory database keeps nothing; name a file",
        )


def _audit_key_file(reader: _Reader, path: Path | None) -> Path | None:
    named = reader.text("audit.key_file", required=False)
    folder = path.parent if path is not None else None
    if not named:
        return folder / "audit.key" if folder is not None else None
    key_file = Path(named).expanduser()
    return key_file if key_file.is_absolute() or folder is None else folder / key_file


def _utility(reader: _Reader, utility: str) -> UtilitySettings:
    prefix = f"utilities.{utility}"
    base_url = reader.text(f"{prefix}.base_url")
    if not base_url.endswith("/"):
        base_url += "/"
    check_base_url(base_url, key=f"[{prefix}] base_url")
    timeout = reader.number(f"{prefix}.timeout_s", required=False, default=10.0)
    if not 0 < timeout <= TIMEOUT_MAX_SECONDS:
        raise _invalid(
            f"[{prefix}] timeout_s",
            f"应大于 0 且不超过 {TIMEOUT_MAX_SECONDS:g} 秒",
            f"must be more than 0 and at most {TIMEOUT_MAX_SECONDS:g} seconds",
        )
    ca_bundle = reader.text(f"{prefix}.ca_bundle", required=False)
    if ca_bundle and not Path(ca_bundle).is_file():
        raise ConfigError(
            Text(
                f"[{prefix}] ca_bundle: 文件不存在 {ca_bundle}",
                f"[{prefix}] ca_bundle: no such file {ca_bundle}",
            )
        )
    return UtilitySettings(
        utility=utility,
        name=reader.text(f"{prefix}.name", required=False) or DEFAULT_UTILITY_NAMES[utility],
        base_url=base_url,
        token=reader.secret(prefix, "token"),
        signing_secret=reader.secret(prefix, "signing_secret"),
        timeout_s=float(timeout),
        hotline=reader.text(f"{prefix}.hotline", required=False) or "",
        ca_bundle=ca_bundle or None,
    )


def check_base_url(url: str, *, key: str) -> None:
    """Plain http only to loopback; anything else must be https (utility-api.md). No user name
    or password in it: credentials go in token/signing_secret, and a URL is shown and audited
    (so the message does not repeat the URL either)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on "https://[::1" and on a port beyond 65535
    except ValueError:
        raise _invalid(key, "不是有效的网址", "not a URL") from None
    if "@" in parts.netloc:
        raise ConfigError(
            Text(
                f"{key}: 地址中不能含用户名或密码，请改用 token 和 signing_secret 设置",
                f"{key}: no credentials in the URL: use token and signing_secret",
            )
        )
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return
    raise ConfigError(
        Text(
            f"{key}: 只允许 https（本机回环地址除外），收到 {url!r}",
            f"{key}: https only (but on this machine's loopback), got {url!r}",
        )
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Reader:
    """Reads dotted keys from the parsed TOML with errors that name the key."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def _get(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def table(self, key: str, *, required: bool = True) -> dict[str, Any]:
        value = self._get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise ConfigError(Text(f"[{key}]: 缺少该配置节", "missing table"))
        return value

    def text(self, key: str, *, required: bool = True) -> str:
        value = self._get(key)
        if value is None or value == "":
            if required:
                section, _, name = key.rpartition(".")
                raise ConfigError(Text(f"[{section}] {name}: 缺少必填设置", "missing setting"))
            return ""
        if not isinstance(value, str):
            raise ConfigError(Text(f"{key}: 应为字符串", "must be a string"))
        _check_characters(key, value)
        return value.strip()

    def number(self, key: str, *, required: bool, default: float) -> float:
        value = self._get(key)
        if value is None:
            if required:
                raise ConfigError(Text(f"{key}: 缺少必填设置", "missing setting"))
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(Text(f"{key}: 应为数字", "must be a number"))
        # TOML has inf and nan, and Python's reader integers of any size (float() of one
        # beyond 1e308 fails): none is a setting.
        if (isinstance(value, int) and abs(value) > 2**53) or not math.isfinite(value):
            raise _invalid(key, "应为有限的数字", "must be a finite number")
        return float(value)

    def secret(self, prefix: str, name: str) -> str | None:
        """`name` inline, or `name_env` naming an environment variable; never both."""
        inline = self.text(f"{prefix}.{name}", required=False)
        env_name = self.text(f"{prefix}.{name}_env", required=False)
        if inline and env_name:
            raise ConfigError(
                Text(
                    f"[{prefix}] {name} 与 {name}_env 只能设置一个",
                    f"[{prefix}] {name} and {name}_env: set only one",
                )
            )
        if env_name:
            value = os.environ.get(env_name)
            if not value:
                raise ConfigError(
                    Text(
                        f"[{prefix}] {name}_env: 环境变量 {env_name} 未设置",
                        f"[{prefix}] {name}_env: the environment variable {env_name} is not set",
                    )
                )
            _check_characters(f"{prefix}.{name}_env", value)
            return value
        return inline or None


def _check_characters(key: str, value: str) -> None:
    """TOML's escapes can put a NUL, an ESC, a newline or a bidirectional override in any
    setting; none belongs in one (a NUL ends a PostgreSQL string, a newline in a token would
    end its HTTP header, an ESC rewrites a terminal)."""
    char = first_refused(value, whitespace=False)
    if char is not None:
        raise _invalid(
            key,
            f"含有控制字符或格式字符 {code_point(char)}",
            f"contains the control or format character {code_point(char)}",
        )


def _invalid(key: str, zh: str, en: str) -> ConfigError:
    return ConfigError(Text(f"{key}: {zh}", f"{key}: {en}"))
