"""The vocabulary is written once: onewindow/codes.py. A screen, paper, report or command that
writes a label of its own (供气 on the receipt and 燃气 elsewhere, 增容 here and 增容/变更 there)
fails this test; sentences that use a word are fine, a label standing alone is not."""

from __future__ import annotations

import ast
from pathlib import Path

from onewindow import codes

ROOT = Path(__file__).resolve().parents[2]
# The simulator imitates a utility's own system and keeps its own words on purpose.
EXEMPT = {ROOT / "onewindow" / "codes.py"}
EXEMPT_DIRS = {ROOT / "onewindow" / "simulator", ROOT / "onewindow" / "store" / "migrations"}

TABLES = (
    codes.UTILITIES,
    codes.SERVICES,
    codes.APPLICANT_KINDS,
    codes.ID_TYPES,
    codes.USAGES,
    codes.PERMITS,
    codes.PERMIT_STATES,
    codes.STATUSES,
    codes.ROLES,
)
# Words that are labels here but ordinary words elsewhere too: 个人/单位 (a 单位 is also a
# utility company in a sentence).
ORDINARY_WORDS = {"个人", "单位"}
LABELS = {
    text.zh for table in TABLES for text in table.values() if text.zh not in ORDINARY_WORDS
} | {text.en for table in TABLES for text in table.values() if " " in text.en}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _sources() -> list[Path]:
    files = [*(ROOT / "onewindow").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return [f for f in files if f not in EXEMPT and not any(d in f.parents for d in EXEMPT_DIRS)]


def test_no_label_is_written_outside_the_vocabulary() -> None:
    written_again = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and node.value in LABELS
            ):
                written_again.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert written_again == []


def test_the_labels_it_polices_are_the_ones_clerks_see() -> None:
    assert {"供气", "新装", "居民身份证", "已撤销", "撤销中"} <= LABELS
    assert "增容/变更" not in LABELS
