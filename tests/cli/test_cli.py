"""The command line's contract (architecture.md) with the shared samples, on both databases."""

import io
import json
import subprocess
from datetime import UTC, datetime

import pytest

from onewindow.cli.main import main
from onewindow.hall import Hall
from tests.conftest import PASSWORD


@pytest.fixture
def cli(config_file, capsys, monkeypatch, clock):
    def run(*args, stdin=None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(
            ["--config", str(config_file), *args],
            hall_factory=lambda config: Hall.open(config, clock=clock),
        )
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def clerk(cli):
    code, _, err = cli(
        "user",
        "add",
        "zhangwei",
        "--role",
        "clerk",
        "--display-name",
        "张伟",
        stdin=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert code == 0, err
    return "zhangwei"


def test_init_is_safe_to_repeat(cli):
    assert cli("init")[0] == 0
    assert cli("init")[0] == 0


def test_user_add_needs_the_same_password_twice(cli):
    code, _, err = cli("user", "add", "lina", "--role", "clerk", stdin="Password#1\nPassword#2\n")
    assert code == 2 and "不一致" in err


def test_submit_and_show_a_three_utility_form(cli, clerk, samples):
    code, out, err = cli(
        "submit", str(samples / "gas-water-power-organization.json"), "--clerk", clerk, "--json"
    )
    assert code == 0, err
    submitted = json.loads(out)
    assert submitted["application_no"] == "LBGX-20261127-0001"
    assert [t["utility"] for t in submitted["tickets"]] == ["water", "power", "gas"]
    code, out, _ = cli("show", submitted["application_no"], "--json")
    shown = json.loads(out)
    assert code == 0 and shown["tickets"] == submitted["tickets"]
    gas = shown["tickets"][2]
    assert gas == {
        "ticket_id": gas["ticket_id"],
        "utility": "gas",
        "service": "new_connection",
        "status": "queued",
        "utility_ticket_no": None,
        "due": "2026-12-01",  # Friday 27th + 2 working days (external works)
        "due_provisional": False,
        "assignee": "zhangwei",
        "attention": None,
    }
    assert len({t["ticket_id"] for t in shown["tickets"]}) == 3


def test_numbers_count_up_per_day(cli, clerk, samples):
    numbers = []
    for _ in range(3):
        code, out, _ = cli("submit", str(samples / "gas-only-resident.json"), "--clerk", clerk)
        assert code == 0
        numbers.append(out.strip())
    assert numbers == [f"LBGX-20261127-000{i}" for i in (1, 2, 3)]


@pytest.mark.parametrize("name", ["broken-many.json", "broken-no-service.json"])
def test_a_broken_form_reports_every_expected_field_and_saves_nothing(cli, clerk, samples, name):
    expected = json.loads((samples / name).read_text(encoding="utf-8"))["_expect"]
    code, out, err = cli("submit", str(samples / name), "--clerk", clerk, "--json")
    assert code == 2
    fields = [e["field"] for e in json.loads(out)["errors"]]
    assert set(expected) <= set(fields)
    assert all(e["message"] for e in json.loads(out)["errors"])
    assert "Traceback" not in err
    # Nothing was saved: the first valid form still gets number 0001.
    code, out, _ = cli("submit", str(samples / "gas-only-resident.json"), "--clerk", clerk)
    assert out.strip().endswith("-0001")


def test_not_json_and_not_a_form(cli, clerk, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = cli("submit", str(bad), "--clerk", clerk)
    assert code == 2 and "不是有效的 JSON" in err and err.count("\n") == 1
    bad.write_text("[1, 2]", encoding="utf-8")
    code, _, err = cli("submit", str(bad), "--clerk", clerk)
    assert code == 2 and "不是联合申请表" in err
    code, _, err = cli("submit", str(tmp_path / "none.json"), "--clerk", clerk)
    assert code == 2 and "无法读取" in err


def test_received_at_backdates_the_clock_not_the_number(cli, clerk, samples):
    code, out, err = cli(
        "submit",
        str(samples / "gas-only-resident.json"),
        "--clerk",
        clerk,
        "--json",
        "--received-at",
        "2026-11-25T16:00:00",
    )
    assert code == 0, err
    shown = json.loads(out)
    assert shown["application_no"].startswith("LBGX-20261127-")
    assert shown["received_at"] == "2026-11-25T16:00:00+08:00"
    assert shown["tickets"][0]["due"] == "2026-11-26"  # next working day after the 25th


def test_received_at_in_the_future_is_refused(cli, clerk, samples):
    code, _, err = cli(
        "submit",
        str(samples / "gas-only-resident.json"),
        "--clerk",
        clerk,
        "--received-at",
        "2026-11-28T09:00:00+08:00",
    )
    assert code == 2 and "晚于当前时间" in err
    code, _, err = cli(
        "submit",
        str(samples / "gas-only-resident.json"),
        "--clerk",
        clerk,
        "--received-at",
        "yesterday",
    )
    assert code == 2 and "RFC 3339" in err


def test_unknown_clerk_and_wrong_role(cli, clerk, samples):
    code, _, err = cli("submit", str(samples / "gas-only-resident.json"), "--clerk", "ghost")
    assert code == 2 and "不存在" in err
    cli("user", "add", "root1", "--role", "admin", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    code, _, err = cli("submit", str(samples / "gas-only-resident.json"), "--clerk", "root1")
    assert code == 3 and "无权" in err


def test_show_unknown_application(cli):
    code, _, err = cli("show", "LBGX-20990101-0001")
    assert code == 2 and "不存在" in err


def test_holiday_import_moves_open_tickets_and_show_says_where_days_come_from(
    cli, clerk, samples, tmp_path, clock
):
    clock.moment = datetime(2026, 12, 30, 2, 0, tzinfo=UTC)  # Wednesday 10:00 in the hall
    code, out, _ = cli(
        "submit", str(samples / "gas-water-power-organization.json"), "--clerk", clerk, "--json"
    )
    submitted = json.loads(out)
    gas = submitted["tickets"][2]
    # Dec 31 is the first working day; 2027 has no published schedule: Jan 1 off by law.
    assert (gas["due"], gas["due_provisional"]) == ("2027-01-04", True)
    code, out, _ = cli("holidays", "show", "2027")
    assert code == 0 and "暂定" in out and "2027-01-01" in out
    csv = tmp_path / "2027.csv"
    csv.write_text(
        "date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,元旦调休示例\n",
        encoding="utf-8",
    )
    code, out, err = cli("holidays", "import", str(csv))
    assert code == 0, err
    code, out, _ = cli("show", submitted["application_no"], "--json")
    gas_after = json.loads(out)["tickets"][2]
    assert (gas_after["due"], gas_after["due_provisional"]) == ("2027-01-05", False)
    code, out, _ = cli("holidays", "show", "2027")
    assert "导入自 2027.csv" in out and "暂定" not in out
    assert "2027-01-04" in out


def test_a_bad_holiday_file_names_its_line(cli, tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("date,kind,name\n2027-13-01,holiday,x\n", encoding="utf-8")
    code, _, err = cli("holidays", "import", str(csv))
    assert code == 2 and "2" in err and "Traceback" not in err


def _pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_receipt_and_notice_commands(cli, clerk, samples, tmp_path):
    _, out, _ = cli("submit", str(samples / "gas-water-power-organization.json"), "--clerk", clerk)
    number = out.strip()
    receipt = tmp_path / "r.pdf"
    code, _, err = cli("receipt", number, "--out", str(receipt))
    assert code == 0, err
    text = _pdf_text(receipt)
    assert number in text and "受理回执" in text and "补打" not in text
    code, _, _ = cli("receipt", number, "--out", str(receipt), "--format", "roll80", "--reprint")
    assert code == 0 and "补打（第1次）" in _pdf_text(receipt)
    notice = tmp_path / "n.pdf"
    code, _, err = cli("notice", number, "--out", str(notice))
    assert code == 0, err
    assert "营业执照" in _pdf_text(notice)
    code, _, err = cli("receipt", "LBGX-20990101-0001", "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "不存在" in err and not (tmp_path / "x.pdf").exists()
