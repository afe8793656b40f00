"""Reading a holiday schedule file, the same way for the command line and the admin screen.

The file comes from whoever downloaded the State Council's notice: it may be huge, not UTF-8,
or hold control characters, and each of those is one clear message before anything is stored.
"""

from __future__ import annotations

from pathlib import Path

from onewindow.codes import Text
from onewindow.control_chars import code_point, first_refused
from onewindow.errors import BadInput

MAX_BYTES = 1 << 20  # a year's schedule is a few kilobytes


def read_schedule_file(path: Path) -> str:
    """The file's text, or BadInput saying in one line why it is not a schedule."""
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)  # the path may be /dev/zero
    except OSError as exc:
        raise BadInput(
            Text(f"无法读取 {path}：{exc.strerror}", f"cannot read {path}: {exc.strerror}")
        ) from None
    if len(raw) > MAX_BYTES:
        raise BadInput(Text(f"{path}：文件过大，不是放假安排", f"{path}: too large for a schedule"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(
            Text(
                f"{path} 不是 UTF-8 文本（第 {exc.start} 字节）",
                f"{path} is not UTF-8 text (byte {exc.start})",
            )
        ) from None
    _check_lines(path, text)
    return text


def _check_lines(path: Path, text: str) -> None:
    """A holiday's name is printed on screens and due-date notes: an ESC or a bidirectional
    override in it would be stored and shown. (A line may end in CR: files saved on Windows.)"""
    for number, line in enumerate(text.split("\n"), start=1):
        char = first_refused(line.removesuffix("\r"))
        if char is not None:
            raise BadInput(
                Text(
                    f"{path}：第 {number} 行含有控制字符或格式字符 {code_point(char)}",
                    f"{path}: line {number} holds the control or format character "
                    f"{code_point(char)}",
                )
            )
