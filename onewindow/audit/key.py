"""The audit key: the secret every link of the chain is keyed with, kept off the database.

Someone who can write the database can edit a record and recompute a plain hash chain; with
an HMAC they would also need this key, which lives in a file of its own (`[audit] key_file`;
training mode keeps it in the user data folder). Every counter of a hall uses the same file,
so the key is made once, on the first start, and copied to the other counters with the
configuration. The file holds 32 random bytes in hex and must be readable by its owner only.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from onewindow.codes import Text
from onewindow.errors import ConfigError

KEY_BYTES = 32


def load_key(path: Path) -> bytes:
    """The key in `path`, made (mode 0600) when the file does not exist yet."""
    if not path.exists():
        _create(path)
    try:
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
            raise ConfigError(
                Text(
                    f"审计密钥文件 {path} 其他用户可读，请执行 chmod 600 {path}",
                    f"the audit key file is readable by others: run chmod 600 {path}",
                )
            )
        raw = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            Text(f"[audit] key_file: 无法读取 {path}: {exc}", "cannot read")
        ) from None
    try:
        key = bytes.fromhex(raw)
    except ValueError:
        key = b""
    if len(key) < KEY_BYTES:
        raise ConfigError(
            Text(
                f"[audit] key_file: {path} 不是审计密钥（应为 {KEY_BYTES} 字节的十六进制）",
                "not an audit key",
            )
        )
    return key


def _create(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # O_EXCL: two programs starting at once must not each write a key of their own.
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise ConfigError(
            Text(
                f"[audit] key_file: 无法创建 {path}: {exc.strerror}",
                f"[audit] key_file: cannot create {path}: {exc.strerror}",
            )
        ) from None
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(KEY_BYTES) + "\n")
