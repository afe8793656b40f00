"""The papers at their limits, read back with poppler: the worst-case receipt on one A4 page
and one roll strip, each document once, the notice, the late-materials receipt, and rare
characters drawn from an embedded font that has them."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont

from onewindow.papers import fonts
from onewindow.papers.content import MaterialLine, ReceiptData
from onewindow.papers.late_materials import LateMaterialsData, render_late_materials
from onewindow.papers.receipts import render_notice, render_receipt
from tests.papers.test_receipts import receipt_data

NAME_60 = ("灵宝市" + "函谷关食品" * 12)[:56] + "有限公司"
ADDRESS_140 = ("河南省三门峡市灵宝市" + "函谷路与五龙路交叉口（东北角）" * 9)[:140]
DOCUMENTS = (
    ("business_license", "营业执照"),
    ("property_proof", "产权证明（房产证、不动产权证或购房合同）"),
    ("land_certificate", "土地使用证明"),
    ("planning_permit", "建设工程规划许可证"),
    ("construction_permit", "建筑工程施工许可证"),
    ("site_plan", "总平面图及用水/用电设备清单"),
    ("authorization_letter", "授权委托书及受托人身份证明"),
    ("account_proof", "原户号及过户双方证明"),
)
RARE = "𠀀㐀龘𪚥"
HANAZONO = fonts.fallback_path("HanaMinB.ttf") is not None


def worst_case() -> ReceiptData:
    """Three utilities, every document to follow, a 60-character name, a 140-character
    address, every next step."""
    base = receipt_data()
    docs = (
        MaterialLine(
            "application_form",
            "报装申请表（本表）",
            "received",
            None,
            "申请的依据",
            ("water", "power", "gas"),
        ),
        *(
            MaterialLine(code, name, "to_follow", date(2026, 12, 4), "核实", ("water", "power"))
            for code, name in DOCUMENTS
        ),
    )
    return dataclasses.replace(
        base,
        applicant_name=NAME_60,
        site_address=ADDRESS_140,
        project_name=NAME_60 + "项目",
        materials=docs,
        fee_items=("燃气表安装费", "水表井材料费"),
        next_steps=(
            "灵宝市供水公司、国网灵宝市供电公司将在承诺时限内联系您，安排勘查和接入。",
            "灵宝市天然气有限公司将联系您上门勘查，验收合格后开通（受理勘查、验收开通两步）。",
            "需新建外线：行政审批和施工的时间不计入上表的办结时限。",
            "挖掘城市道路、砍伐城市树木的许可由灵宝市天然气有限公司代为办理，您无需另行申请。",
            "请于2026年12月4日（周五）前将容缺材料交至本营业厅3号窗口，详见一次性告知书。",
            "工单号分配后，可凭申请编号到窗口或拨打各单位服务电话查询进度。",
        ),
        training=True,
        reprint_no=2,
    )


def info(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def text_of(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    span = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(
        ["pdftotext", *span, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return re.sub(r"\s+", "", out)


def test_worst_case_a4_receipt_is_one_page(tmp_path: Path) -> None:
    data = worst_case()
    assert len(data.applicant_name) == 60 and len(data.site_address) == 140
    pdf = render_receipt(data, "a4")
    assert info(pdf, tmp_path)["Pages"] == "1"
    text = text_of(pdf, tmp_path)
    for _code, name in DOCUMENTS:
        assert text.count(name) == 1, name  # each document once ...
    assert "营业执照供水、供电容缺，2026年12月4日（周五）前补交" in text  # ... with utilities
    assert "申请人签字" in text and "第1页/共1页" in text


def test_worst_case_roll_is_one_strip_of_at_most_60_cm(tmp_path: Path) -> None:
    pdf = render_receipt(worst_case(), "roll80")
    facts = info(pdf, tmp_path)
    assert facts["Pages"] == "1"
    width, height = (float(x) for x in re.findall(r"[\d.]+", facts["Page size"])[:2])
    assert width == pytest.approx(80 / 25.4 * 72, abs=0.1)
    assert height / 72 * 2.54 <= 60, f"{height / 72 * 2.54:.1f} cm"
    text = text_of(pdf, tmp_path)
    assert text.count("营业执照—容缺") == 1 and "（供水、供电）" in text


def test_signatures_move_with_the_last_section_never_alone(tmp_path: Path) -> None:
    many = tuple(
        MaterialLine(f"m{n}", f"补充材料第{n}项", "to_follow", date(2026, 12, 4), "核实", ("gas",))
        for n in range(36)
    )
    pdf = render_receipt(dataclasses.replace(worst_case(), materials=many), "a4")
    pages = int(info(pdf, tmp_path)["Pages"])
    assert pages >= 2
    last = text_of(pdf, tmp_path, page=pages)
    assert "申请人签字" in last and "监督电话" in last, "the signatures keep their section"
    assert "申请人签字" not in text_of(pdf, tmp_path, page=1)


def test_notice_lists_only_documents_to_follow_with_where_and_by_when(tmp_path: Path) -> None:
    person = dataclasses.replace(
        receipt_data(),
        materials=(
            MaterialLine(
                "application_form", "报装申请表（本表）", "received", None, "依据", ("gas",)
            ),
            MaterialLine(
                "applicant_id",
                "申请人身份证明",
                "to_follow",
                date(2026, 12, 4),
                "核实申请人身份",
                ("water",),
            ),
            MaterialLine(
                "authorization_letter",
                "授权委托书及受托人身份证明",
                "waived",
                None,
                "",
                (),
                "申请人本人办理",
            ),
        ),
    )
    text = text_of(render_notice(person), tmp_path)
    assert "申请人身份证明" in text and "2026年12月4日（周五）前" in text
    assert "本营业厅3号窗口" in text and "供水" in text
    assert "授权委托书" not in text and "报装申请表" not in text
    receipt = text_of(render_receipt(person, "a4"), tmp_path)
    assert "授权委托书及受托人身份证明—不需要：申请人本人办理" in receipt or (
        "不需要：申请人本人办理" in receipt
    )


def test_late_materials_receipt_says_what_when_by_whom_and_what_remains(tmp_path: Path) -> None:
    data = LateMaterialsData(
        hall_name="灵宝市水电气共享营业厅",
        application_no="LBGX-20261127-0007",
        applicant_kind="organization",
        applicant_name="灵宝市函谷食品有限公司",
        received=(
            MaterialLine("business_license", "营业执照", "received", None, "", ("water", "power")),
        ),
        received_at=datetime(2026, 12, 1, 2, 15, tzinfo=UTC),
        received_by="张伟",
        counter_id="3",
        still_to_follow=(
            MaterialLine(
                "property_proof", "产权证明", "to_follow", date(2026, 12, 4), "", ("water",)
            ),
        ),
        supplement_place="本营业厅3号窗口",
        training=False,
        reprint_no=0,
        printed_at=datetime(2026, 12, 1, 2, 16, tzinfo=UTC),
        version="1.0.0",
    )
    pdf = render_late_materials(data)
    assert info(pdf, tmp_path)["Pages"] == "1"
    text = text_of(pdf, tmp_path)
    for fact in (
        "补交材料回执",
        "营业执照",
        "供水、供电",
        "2026年12月1日10:15",
        "张伟（3号窗口）",
        "仍需补交",
        "产权证明",
        "2026年12月4日（周五）前",
        "本营业厅3号窗口",
    ):
        assert fact in text, fact


def embedded_glyphs(pdf: bytes, tmp_path: Path) -> dict[str, set[str]]:
    """Per embedded font subset (by base name), the characters its glyphs can draw, read
    with fontTools from the font program itself (its cmap and glyph outlines)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: dict[str, set[str]] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            program = font["/FontDescriptor"]["/FontFile2"].get_data()
            tt = TTFont(io.BytesIO(program))
            # reportlab's subsets map codes 0..n to glyphs; the ToUnicode map says which
            # character each code is.
            cmap = font["/ToUnicode"].get_data().decode()
            entries = cmap.split("beginbfchar", 1)[1].split("endbfchar", 1)[0]
            pairs = re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", entries)
            # reportlab writes a byte-encoded (Mac Roman / symbol) cmap: code → glyph.
            glyph_of: dict[int, str] = {}
            for table in tt["cmap"].tables:
                glyph_of.update(table.cmap)
            glyf = tt["glyf"]
            chars = found.setdefault(str(font["/BaseFont"]).split("+")[-1], set())
            for code, uni in pairs:
                char = bytes.fromhex(uni).decode("utf-16-be")
                name = glyph_of.get(int(code, 16))
                if name and glyf[name].numberOfContours != 0:
                    chars.add(char)
    return found


@pytest.mark.skipif(
    not HANAZONO, reason="fonts-hanazono not installed (scripts/system-packages.sh)"
)
def test_rare_characters_are_drawn_from_an_embedded_font_that_has_them(tmp_path: Path) -> None:
    assert HANAZONO, "fonts-hanazono is missing: run scripts/system-packages.sh"
    data = dataclasses.replace(receipt_data(), applicant_name=f"{RARE}食品有限公司")
    pdf = render_receipt(data, "a4")
    glyphs = embedded_glyphs(pdf, tmp_path)
    for char in RARE:
        assert any(char in chars for chars in glyphs.values()), (char, sorted(glyphs))
    assert any(name.startswith("HanaMin") for name in glyphs)
    path = tmp_path / "rare.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = out.stdout.splitlines()[2:]
    assert len(rows) >= 2, "the body font and a fallback"
    for row in rows:
        assert row.split()[-5:-3] == ["yes", "yes"], row  # embedded, subset
    text = text_of(pdf, tmp_path)
    assert "㐀龘" in text
    # Beyond the BMP too: the ToUnicode map is written in UTF-16 (reportlab's is 16-bit).
    assert "𠀀" in text and "𪚥" in text


def test_a_character_no_font_has_is_a_visible_placeholder_and_named(tmp_path: Path) -> None:
    missing = "\U0001fae8"  # a 2022 emoji: in none of the shipped fonts
    assert fonts.font_for(missing) is None
    assert fonts.unprintable(f"李{missing}娜{missing}") == (missing,)
    pdf = render_receipt(dataclasses.replace(receipt_data(), applicant_name=f"李{missing}娜"))
    assert "李[U+1FAE8]娜" in text_of(pdf, tmp_path)
    assert "U+1FAE8" in fonts.describe(fonts.unprintable(missing))
