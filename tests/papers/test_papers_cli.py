"""`onewindow application-form`, and copies made by commands counted like any other."""

import subprocess
from pathlib import Path

from tests.cli.test_cli import clerk  # noqa: F401 - a fixture shared with the CLI tests


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return "".join(out.stdout.decode().split())


def pages(path: Path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return next(line.split()[-1] for line in out.stdout.splitlines() if line.startswith("Pages"))


def test_application_form_is_one_a4_page_with_every_section(cli, clerk, samples, tmp_path):  # noqa: F811
    _, out, _ = cli("submit", str(samples / "gas-water-power-organization.json"), "--clerk", clerk)
    number = out.strip()
    form = tmp_path / "form.pdf"
    code, printed, err = cli("application-form", number, "--out", str(form))
    assert code == 0, err
    assert printed.strip() == str(form)
    assert pages(form) == "1"
    text = pdf_text(form)
    for fact in (
        "水电气联合报装申请表",
        number,
        "一、申请人",
        "二、报装地点",
        "三、供水■新装",
        "四、供电■新装",
        "五、供气■新装",
        "六、材料",
        "营业执照",
        "申请人同意将本表信息提供给",
        "申请人（签字或盖章）",
        "日期＿＿＿＿年＿＿月＿＿日",
        "914112********DEF9",
    ):
        assert fact in text, fact
    assert "91411282MA9ABCDEF9" not in text
    code, _, _ = cli("application-form", number, "--out", str(form))
    assert code == 0 and "补打（第1次）" in pdf_text(form)


def test_a_command_copy_after_a_first_copy_is_a_reprint_without_the_flag(
    cli,
    clerk,  # noqa: F811
    samples,
    tmp_path,
):
    _, out, _ = cli("submit", str(samples / "gas-only-resident.json"), "--clerk", clerk)
    number = out.strip()
    receipt = tmp_path / "r.pdf"
    assert cli("receipt", number, "--out", str(receipt))[0] == 0
    assert "补打" not in pdf_text(receipt)
    assert cli("receipt", number, "--out", str(receipt))[0] == 0
    assert "补打（第1次）" in pdf_text(receipt)
