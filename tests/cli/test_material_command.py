"""`onewindow material` and the materials of `show --json` (architecture.md), on both databases."""

import json
import subprocess

from sqlalchemy import select

from onewindow.store.models import AuditEvent, OutboxMessage, PrintRecord, Ticket
from tests.cli import test_cli

# The clerk of the contract tests (the `cli` runner is the suite's own).
clerk = test_cli.clerk

TO_FOLLOW_AT_THE_COUNTER = [
    "business_license",
    "property_proof",
    "land_certificate",
    "planning_permit",
    "construction_permit",
    "site_plan",
]


def _pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _submit(cli, clerk, samples):
    code, out, err = cli(
        "submit", str(samples / "gas-water-power-organization.json"), "--clerk", clerk, "--json"
    )
    assert code == 0, err
    submitted = json.loads(out)
    return submitted["application_no"], {t["utility"]: t["ticket_id"] for t in submitted["tickets"]}


def _materials(cli, number):
    code, out, err = cli("show", number, "--json")
    assert code == 0, err
    return {m["code"]: m for m in json.loads(out)["materials"]}


def test_show_lists_each_document_once_with_its_utilities(cli, clerk, samples):
    number, _ = _submit(cli, clerk, samples)
    materials = _materials(cli, number)
    assert list(materials) == ["application_form", *TO_FOLLOW_AT_THE_COUNTER]
    assert materials["application_form"] == {
        "code": "application_form",
        "state": "received",
        "due": None,
        "utilities": ["water", "power", "gas"],
    }
    # Friday 27 November + 5 working days (the policy's supplement period).
    assert materials["business_license"] == {
        "code": "business_license",
        "state": "to_follow",
        "due": "2026-12-04",
        "utilities": ["water", "power", "gas"],
    }
    assert materials["site_plan"]["utilities"] == ["water", "power"]


def test_late_materials_for_every_open_ticket_with_their_receipt(
    cli, clerk, samples, tmp_path, hall
):
    number, tickets = _submit(cli, clerk, samples)
    out_file = tmp_path / "late.pdf"
    code, out, err = cli(
        "material", tickets["gas"], "business_license", "site_plan", "--by", clerk,
        "--out", str(out_file),
    )  # fmt: skip
    assert code == 0, err
    assert "water、power、gas" in out and str(out_file) in out
    assert "property_proof" in err and f"onewindow notice {number}" in err
    materials = _materials(cli, number)
    assert materials["business_license"]["state"] == "received"
    assert materials["business_license"]["utilities"] == ["water", "power", "gas"]
    assert materials["site_plan"]["state"] == "received"
    assert materials["property_proof"]["state"] == "to_follow"
    text = _pdf_text(out_file)
    assert "补交材料回执" in text and number in text and "张伟" in text
    received, still = text.split("仍需补交")
    assert "营业执照" in received and "总平面图" in received and "产权证明" not in received
    assert "产权证明" in still and "2026年12月4日" in still and "营业执照" not in still
    assert "补打" not in text
    # A later visit's receipt is an original of its own, not a copy of the first.
    again = tmp_path / "again.pdf"
    code, _, err = cli(
        "material", tickets["water"], "property_proof", "--by", clerk, "--out", str(again)
    )
    assert code == 0, err
    assert "补打" not in _pdf_text(again) and "土地使用证明" in _pdf_text(again)
    with hall.sessions() as session:
        queued = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "materials")
        ).all()
        # One request per utility and visit, each naming what that utility waited for.
        bodies: dict[str, list[list[str]]] = {}
        for m in sorted(queued, key=lambda m: m.id):
            codes = [d["code"] for d in json.loads(m.body)["materials"]]
            bodies.setdefault(m.utility, []).append(codes)
        assert bodies == {
            "water": [["business_license", "site_plan"], ["property_proof"]],
            "power": [["business_license", "site_plan"], ["property_proof"]],
            "gas": [["business_license"]],
        }
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.action.like("%materials%"))
        ).all()
        assert actions.count("ticket.materials_received") == 5
        prints = session.scalars(select(PrintRecord.kind)).all()
        assert prints == ["late_materials", "late_materials"]
        copies = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "late_materials.print")
        ).all()
        assert [e.details["via"] for e in copies] == ["command", "command"]


def test_refusals_name_the_documents_and_record_nothing(cli, clerk, samples, tmp_path):
    number, tickets = _submit(cli, clerk, samples)
    cli("material", tickets["water"], "business_license", "--by", clerk)
    for codes, says in (
        (["business_license"], "已经收取过：营业执照"),
        (["deed"], "没有工单在等待这些材料：deed"),
        (["site_plan", "business_license"], "已经收取过"),
    ):
        code, _, err = cli("material", tickets["water"], *codes, "--by", clerk)
        assert code == 2 and says in err, err
    assert _materials(cli, number)["site_plan"]["state"] == "to_follow"
    code, _, err = cli("material", tickets["water"], "site_plan", "--by", "nobody")
    assert code != 0 and "nobody" in err
    bad_out = tmp_path / "dir"
    bad_out.mkdir()
    code, _, err = cli(
        "material", tickets["water"], "site_plan", "--by", clerk, "--out", str(bad_out)
    )
    assert code == 2
    assert _materials(cli, number)["site_plan"]["state"] == "to_follow"


def test_a_connected_ticket_no_longer_demands_materials(cli, clerk, samples, hall):
    number, tickets = _submit(cli, clerk, samples)
    with hall.sessions() as session, session.begin():
        for utility in ("water", "power"):
            ticket = session.get(Ticket, tickets[utility])
            assert ticket is not None
            ticket.status = "connected"
    materials = _materials(cli, number)
    # Only gas is still open: it waits for the business licence it listed, nothing else.
    assert [c for c, m in materials.items() if m["state"] == "to_follow"] == ["business_license"]
    assert materials["business_license"]["utilities"] == ["gas"]
    code, _, err = cli("material", tickets["water"], "site_plan", "--by", clerk)
    assert code == 2 and "没有工单在等待" in err
