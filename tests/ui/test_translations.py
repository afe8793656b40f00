"""Every string the widgets show goes through Qt's translation and has its English text.

Regenerate after changing strings (the lead's `make translations`): pyside6-lupdate over ui/,
translate what is new in resources/i18n/onewindow_en.ts (pyside6-linguist), pyside6-lrelease.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def catalogue(name: str) -> list[tuple[str, str, ET.Element]]:
    tree = ET.parse(I18N / f"onewindow_{name}.ts")
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    ]


def strings_in_code() -> set[str]:
    """Literal texts passed to self.tr(...) or QCoreApplication.translate(ctx, ...)."""
    found: set[str] = set()
    for path in (ROOT / "ui").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            args = node.args
            if node.func.attr == "tr" and args:
                text = args[0]
            elif node.func.attr == "translate" and len(args) >= 2:
                text = args[1]
            else:
                continue
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.add(text.value)
    return found


def test_every_string_in_the_code_is_in_the_english_catalogue():
    sources = {source for _, source, _ in catalogue("en")}
    missing = sorted(strings_in_code() - sources)
    assert not missing, f"run the translations step; not in onewindow_en.ts: {missing[:10]}"


def test_every_english_entry_is_translated():
    unfinished = [
        source
        for _, source, message in catalogue("en")
        if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_compiled_catalogue_matches_its_source(qapp, language):
    translator = QTranslator()
    assert translator.load(str(I18N / f"onewindow_{language}.qm"))
    for context, source, message in catalogue(language):
        if message.get("numerus") == "yes":
            continue
        expected = message.findtext("translation")
        assert translator.translate(context, source) == expected, (context, source)
