"""The core never imports Qt or the widgets; the launcher keeps Qt out of commands."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "onewindow"


def test_no_core_module_imports_qt_or_ui():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(CORE.parent)}: {n}"
                for n in names
                if n.split(".")[0] in ("PySide6", "ui", "shiboken6")
            ]
    assert offenders == []


def test_a_command_runs_without_loading_qt(tmp_path):
    code = (
        "import sys\n"
        "from ui.launcher import main\n"
        f"main(['--config', r'{tmp_path / 'missing.toml'}', 'show', 'X-1'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'shiboken6'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert "not found" in out.stderr  # the command really ran and failed on the missing file
