"""Render the papers an applicant takes home to PNG for the README (docs/screenshots/):
the receipt on A4 and on the 80 mm roll, the one-time notice, the application form and the
late-materials receipt, each made the way a clerk makes it (the command line against a
throwaway hall holding the shared three-utility sample), then rendered by pdftoppm.

Run: `.venv/bin/python scripts/paper_screenshots.py` (needs poppler-utils).
"""

from __future__ import annotations

import getpass
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from onewindow.cli.main import main as cli

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SAMPLE = ROOT / "tests" / "samples" / "gas-water-power-organization.json"
PASSWORD = "Counter#2026"


def png(pdf: Path, name: str, dpi: int = 100) -> None:
    stem = OUT / name
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(stem)], check=True
    )
    print(f"{stem}.png")


def run(config: Path, *args: str) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli(["--config", str(config), *args])
    if code:
        raise SystemExit(f"onewindow {' '.join(args)}: exit {code}")
    return out.getvalue().strip()


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        config = tmp / "onewindow.toml"
        config.write_text(
            f'[database]\nurl = "sqlite:///{tmp / "hall.db"}"\n'
            '[hall]\ncode = "LBGX"\nname = "灵宝市水电气共享营业厅"\n'
            'supervision_hotline = "0398-12345"\n[counter]\nid = "3"\n',
            encoding="utf-8",
        )
        run(config, "init")
        sys.stdin = __import__("io").StringIO(f"{PASSWORD}\n{PASSWORD}\n")
        run(config, "user", "add", getpass.getuser(), "--role", "clerk", "--display-name", "张伟")
        sys.stdin = sys.__stdin__
        number = run(config, "submit", str(SAMPLE), "--clerk", getpass.getuser())
        # A second visit for the roll, so that both receipts shown are originals.
        other = run(config, "submit", str(SAMPLE), "--clerk", getpass.getuser())
        for name, args in (
            ("receipt-a4", ("receipt", number, "--format", "a4")),
            ("receipt-roll80", ("receipt", other, "--format", "roll80")),
            ("notice", ("notice", number)),
            ("application-form", ("application-form", number)),
        ):
            pdf = tmp / f"{name}.pdf"
            run(config, *args, "--out", str(pdf))
            png(pdf, name)
        # The applicant brings the licence later: recorded from the gas ticket, for every
        # utility that waited for it, with its receipt.
        shown = json.loads(run(config, "show", number, "--json"))
        gas = next(t["ticket_id"] for t in shown["tickets"] if t["utility"] == "gas")
        pdf = tmp / "late-materials.pdf"
        run(
            config,
            "material",
            gas,
            "business_license",
            "--by",
            getpass.getuser(),
            "--out",
            str(pdf),
        )
        png(pdf, "late-materials-receipt")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
