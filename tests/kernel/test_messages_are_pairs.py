"""Core messages are `Text(zh, en)` pairs: an error raised in the core with a Chinese-only
string literal reaches an English-speaking clerk or administrator in Chinese. This test fails
on any `raise X("中文…")` or `raise X(f"中文…")` outside the simulator, which imitates a
utility's own system and speaks Chinese on purpose."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXEMPT_DIRS = {ROOT / "onewindow" / "simulator", ROOT / "onewindow" / "store" / "migrations"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _literal_text(node: ast.expr) -> str | None:
    """The literal part of a string or f-string argument; None for anything else (a Text)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    return None


def chinese_only_raises(source: str) -> list[int]:
    """Line numbers of raise sites whose message is a literal with Chinese in it."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        # A helper given (zh, en) as two arguments builds its Text itself (cli's refuse).
        if len(node.exc.args) != 1:
            continue
        # argparse prints its own error as one string: those say "中文 / English" in one.
        if isinstance(node.exc.func, ast.Attribute) and node.exc.func.attr == "ArgumentTypeError":
            continue
        text = _literal_text(node.exc.args[0])
        if text is not None and CJK.search(text):
            found.append(node.lineno)
    return found


def test_the_check_finds_a_chinese_only_raise() -> None:
    source = (
        "raise BadInput('没有这个用户')\n"
        "raise BadInput(f'第 {n} 行')\n"
        "raise BadInput(Text('没有这个用户', 'No such user'))\n"
        "raise BadInput(f'{name}')\n"
        "raise refuse('缺少文件名', 'no file name given')\n"
    )
    assert chinese_only_raises(source) == [1, 2]


def test_core_raises_carry_both_languages() -> None:
    offenders = []
    for path in sorted((ROOT / "onewindow").rglob("*.py")):
        if any(path.is_relative_to(folder) for folder in EXEMPT_DIRS):
            continue
        for line in chinese_only_raises(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, "raise with a Chinese-only message (use Text(zh, en)):\n" + "\n".join(
        offenders
    )
