"""`--out FILE`: where every command that writes a file writes it (architecture.md).

A command checks the path before it does any work (`OutFile.check`), then writes through a
temporary file in the same folder that replaces the target in one rename, so a reader sees
the old file or the new one, never half of either. Only a regular file (or a new name) is
ever replaced: a folder, a device, a symbolic link, a folder we cannot write, an empty or
over-long name is bad input, and nothing outside the named file is touched (run as root, a
plain write once turned /dev/null into a PDF).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.private_files import replace_atomically

# Linux and macOS both allow 255 bytes per name and 4096 per path; Windows is stricter and
# says so itself when the file is created.
_NAME_MAX = 255
_PATH_MAX = 4096


@dataclass(frozen=True)
class OutFile:
    path: Path
    option: str

    @classmethod
    def check(cls, text: str, *, option: str = "--out") -> OutFile:
        """The target named by `text`, or BadInput saying in one line why it cannot be."""

        def refuse(zh: str, en: str) -> BadInput:
            return BadInput(Text(f"{option} {text!r}: {zh}", f"{option} {text!r}: {en}"))

        if not text.strip():
            raise refuse("缺少文件名", "no file name given")
        if "\x00" in text:
            raise refuse("文件名含有空字符", "the name contains a NUL character")
        seps = tuple(s for s in (os.sep, os.altsep) if s)
        path = Path(text)
        if text.endswith(seps) or path.name in ("", ".", ".."):
            raise refuse("这是一个文件夹，请给出文件名", "that is a folder; name a file")
        if len(os.fsencode(path.name)) > _NAME_MAX or len(os.fsencode(text)) > _PATH_MAX:
            raise refuse("文件名太长", "the name is too long")
        try:
            folder = path.parent.stat()
        except OSError:
            raise refuse("所在文件夹不存在", "no such folder") from None
        if not stat.S_ISDIR(folder.st_mode):
            raise refuse("所在位置不是文件夹", "its folder is not a folder")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise refuse("没有写入该文件夹的权限", "the folder is not writable")
        target = cls(path, option)
        target._check_existing()
        return target

    def _check_existing(self) -> None:
        """A name already taken may only be a regular file we may write."""
        try:
            mode = self.path.lstat().st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            reason = exc.strerror
            raise self._refused(f"无法查看（{reason}）", f"cannot look at it ({reason})") from None
        if stat.S_ISLNK(mode):
            raise self._refused("是一个符号链接，不会覆盖", "is a symbolic link; not replaced")
        if stat.S_ISDIR(mode):
            raise self._refused("这是一个文件夹，请给出文件名", "that is a folder; name a file")
        if not stat.S_ISREG(mode):
            raise self._refused("是设备或特殊文件，不会覆盖", "is a device or special file")
        if not os.access(self.path, os.W_OK):
            raise self._refused("文件只读，不会覆盖", "the file is read-only; not replaced")

    def _refused(self, zh: str, en: str) -> BadInput:
        where = f"{self.option} {str(self.path)!r}"
        return BadInput(Text(f"{where}: {zh}", f"{where}: {en}"))

    def write(self, data: bytes) -> None:
        """Replace the target with `data`."""
        self.write_with(lambda temp: temp.write_bytes(data))

    def append(self, data: bytes) -> None:
        """The target's present content followed by `data`, replaced in one rename."""

        def extend(temp: Path) -> None:
            old = self.path.read_bytes() if self.path.exists() else b""
            temp.write_bytes(old + data)

        self.write_with(extend)

    def write_with(self, produce: Callable[[Path], object]) -> None:
        """`produce` fills a new empty file in the target's folder, which then replaces the
        target; on any failure the target is left as it was."""

        def produce_checked(temp: Path) -> None:
            produce(temp)
            self._check_existing()  # it may have changed since the command started

        try:
            replace_atomically(self.path, produce_checked, mode=self._kept_mode())
        except OSError as exc:
            raise self._cannot(exc) from None

    def _kept_mode(self) -> int:
        """A replaced file keeps its permissions; a new one is private (0600)."""
        try:
            return stat.S_IMODE(self.path.stat().st_mode)
        except FileNotFoundError:
            return 0o600

    def _cannot(self, exc: OSError) -> BadInput:
        reason = exc.strerror or type(exc).__name__
        return self._refused(f"无法写入（{reason}）", f"cannot be written ({reason})")
