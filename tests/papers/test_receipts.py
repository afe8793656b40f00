"""Receipts and one-time notices, read back from the PDF the way a reader or scanner sees them."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pypdf
import pytest

from onewindow.errors import BadInput
from onewindow.papers.masking import mask_id, mask_phone
from onewindow.papers.receipt_layout import A4_LAYOUT, ROLL80_LAYOUT
from onewindow.papers.receipts import (
    MaterialLine,
    ReceiptData,
    UtilityLine,
    outside_red_line_text,
    render_notice,
    render_receipt,
)

HALL = timezone(timedelta(hours=8))
FULL_ID = "91411282MA46XKP2XY"
FULL_PHONE = "13912341234"
APP_NO = "LBGX-20261127-0007"
LONG_NAME = "灵宝市" + "函谷关食品" * 11 + "有限公司"  # 3 + 55 + 4 = 62 characters
# Full-width punctuation lands at line ends, where CJK wrapping lets it hang past the line.
LONG_ADDRESS = "河南省三门峡市灵宝市" + "函谷路与五龙路交叉口（东北角），" * 8 + "食品加工厂一期"


# Each document once, with its state and the utilities that need it.
MATERIAL_FACTS = {
    "a4": "营业执照供水、供气容缺，2026年12月4日（周五）前补交",
    "roll80": "营业执照—容缺，2026年12月4日（周五）前交至本营业厅3号窗口（供水、供气）",
}


def receipt_data(**changes: object) -> ReceiptData:
    data = ReceiptData(
        hall_name="灵宝市水电气共享营业厅",
        hall_code="LBGX",
        counter_id="3",
        clerk_name="张伟",
        application_no=APP_NO,
        received_at=datetime(2026, 11, 27, 1, 30, tzinfo=UTC),  # 09:30 in the hall
        applicant_name="灵宝市函谷食品有限公司",
        applicant_kind="organization",
        id_masked=mask_id(FULL_ID),
        contact_name="王敏",
        phone_masked=mask_phone(FULL_PHONE),
        site_address="河南省三门峡市灵宝市函谷路100号",
        project_name="食品加工厂一期",
        lines=(
            UtilityLine(
                "water",
                "new_connection",
                "JC-2026-001234",
                date(2026, 12, 2),
                "3个工作日",
                False,
                "0398-1111111",
                "灵宝市供水公司",
            ),
            UtilityLine(
                "power",
                "capacity_change",
                None,
                date(2026, 12, 4),
                "5个工作日",
                False,
                "95598",
                "国网灵宝市供电公司",
            ),
            UtilityLine(
                "gas",
                "new_connection",
                "GAS-2026-000123",
                date(2026, 12, 1),
                "2个工作日，不含审批施工时间",
                True,
                "0398-2222222",
                "灵宝市天然气有限公司",
            ),
        ),
        materials=(
            MaterialLine(
                "application_form", "报装申请表", "received", None, "申请的依据", ("water", "gas")
            ),
            MaterialLine(
                "business_license",
                "营业执照",
                "to_follow",
                date(2026, 12, 4),
                "核实申请单位的主体资格",
                ("water", "gas"),
            ),
            MaterialLine(
                "property_proof",
                "产权证明（房产证、不动产权证或购房合同）",
                "to_follow",
                date(2026, 12, 7),
                "确认您有权在该地址报装",
                ("power",),
            ),
        ),
        land_acquired_on=date(2022, 5, 10),
        fee_list_where="营业厅公示栏",
        fee_items=("燃气表具及安装（按公示价格）",),
        supervision_hotline="0398-12345",
        next_steps=(
            "供气单位将在1个工作日内联系您上门勘查，请保持电话畅通；如需改约，请拨打服务电话。",
            "供水、供电单位的工单号分配后，以短信告知。",
        ),
        supplement_place="本营业厅3号窗口",
        training=False,
        reprint_no=0,
        printed_at=datetime(2026, 11, 27, 9, 31, tzinfo=HALL),
        version="1.0.0",
    )
    return dataclasses.replace(data, **changes)  # type: ignore[arg-type]


def write(pdf: bytes, tmp_path: Path, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def text_of(pdf: bytes, *, page: int | None = None) -> str:
    """The text in drawing order (a wrapped cell's lines stay together), white space removed."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    chosen = [pages[page - 1]] if page else list(pages)
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in chosen))


def decode(path: Path, tmp_path: Path, symbology: str) -> list[str]:
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "pg")],
        check=True,
    )
    (image,) = tmp_path.glob("pg*.png")
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", "-Sdisable", f"-S{symbology}.enable", str(image)],
        capture_output=True,
    )
    image.unlink()
    return result.stdout.decode().split()


def word_boxes(path: Path) -> list[tuple[int, str, float, float, float]]:
    """Every word pdftotext finds: (page, text, xMin, xMax, page width)."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True
    ).stdout
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    words = []
    for number, page in enumerate(ET.fromstring(out).iter(f"{{{ns['h']}}}page"), start=1):
        width = float(page.get("width", "0"))
        for word in page.iter(f"{{{ns['h']}}}word"):
            words.append(
                (number, word.text or "", float(word.get("xMin")), float(word.get("xMax")), width)
            )
    return words


def rotated_text(pdf: bytes) -> list[str]:
    """Per page, the text drawn at an angle (the watermark), joined."""
    return [_rotated(page) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _rotated(page: pypdf.PageObject) -> str:
    parts: list[str] = []

    def visit(text: str, cm: list[float], *_: object) -> None:
        if 0.1 < abs(cm[1]) < 0.99:  # neither upright nor turned by a right angle
            parts.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(parts)


@pytest.mark.parametrize("fmt", ["a4", "roll80"])
def test_receipt_carries_the_facts_and_never_the_full_numbers(fmt: str, tmp_path: Path) -> None:
    pdf = render_receipt(receipt_data(), fmt)  # type: ignore[arg-type]
    text = text_of(pdf)
    for fact in (
        "灵宝市水电气共享营业厅",
        "水电气联合报装受理回执",
        APP_NO,
        "914112********P2XY",
        "139****1234",
        "3号窗口",
        "张伟",
        "2026年11月27日09:30",
        "河南省三门峡市灵宝市函谷路100号",
        "食品加工厂一期",
        "JC-2026-001234",
        "待分配",
        "GAS-2026-000123",
        "2026年12月2日（周三）",
        "2026年12月1日（周二）",
        "暂定",
        "2个工作日，不含审批施工时间",
        "0398-1111111",
        "95598",
        "增容",
        MATERIAL_FACTS[fmt],
        "营业厅公示栏",
        "燃气表具及安装",
        "建筑区划红线外工程费用不由您承担",
        "0398-12345",
        "供气单位将在1个工作日内联系您上门勘查",
        "第1页/共1页",
        "打印于2026年11月27日09:31",
        "1.0.0",
    ):
        assert fact in text, fact
    assert FULL_ID not in text and FULL_ID[6:14] not in text
    assert FULL_PHONE not in text
    assert FULL_ID.encode() not in pdf
    assert "补打" not in text and "培训" not in text


@pytest.mark.parametrize("fmt", ["a4", "roll80", "notice"])
def test_only_the_embedded_subset_font_is_used(fmt: str, tmp_path: Path) -> None:
    data = receipt_data(training=True, reprint_no=1)
    pdf = render_notice(data) if fmt == "notice" else render_receipt(data, fmt)  # type: ignore[arg-type]
    path = write(pdf, tmp_path)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout
    rows = out.decode().splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+WenQuanYiMicroHei-0", name), row
        assert (emb, sub) == ("yes", "yes"), row
    assert b"Helvetica" not in pdf


@pytest.mark.parametrize("fmt", ["a4", "roll80"])
def test_qr_and_code128_decode_to_the_application_number(fmt: str, tmp_path: Path) -> None:
    path = write(render_receipt(receipt_data(training=True), fmt), tmp_path)  # type: ignore[arg-type]
    assert decode(path, tmp_path, "qrcode") == [APP_NO]
    assert decode(path, tmp_path, "code128") == [APP_NO]


def test_roll_is_80_mm_wide_one_page_cut_to_its_content() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_receipt(receipt_data(), "roll80")))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(80 / 25.4 * 72, abs=0.01)
    assert 300 < float(box.height) < 1400


@pytest.mark.parametrize("fmt", ["a4", "roll80"])
def test_long_names_and_addresses_wrap_inside_the_printable_width(fmt: str, tmp_path: Path) -> None:
    assert len(LONG_NAME) >= 60 and len(LONG_ADDRESS) >= 120
    data = receipt_data(
        applicant_name=LONG_NAME, site_address=LONG_ADDRESS, project_name=LONG_NAME + "项目"
    )
    pdf = render_receipt(data, fmt)  # type: ignore[arg-type]
    layout = A4_LAYOUT if fmt == "a4" else ROLL80_LAYOUT
    words = word_boxes(write(pdf, tmp_path))
    assert words
    for page, word, x_min, x_max, width in words:
        assert x_min >= layout.margin_x - 0.5, (page, word, x_min)
        assert x_max <= width - layout.margin_x + 0.5, (page, word, x_max, width)
    text = text_of(pdf)
    assert LONG_NAME in text and LONG_ADDRESS in text  # wrapped, nothing cut off
    # It did wrap: no single line holds the whole address.
    assert not any(LONG_ADDRESS in w for _p, w, *_ in words)


def test_training_watermark_on_every_page() -> None:
    many = tuple(
        MaterialLine(f"m{n}", f"补充材料第{n}项", "to_follow", date(2026, 12, 4), "核实", ("gas",))
        for n in range(60)
    )
    pdf = render_receipt(receipt_data(training=True, materials=many), "a4")
    pages = rotated_text(pdf)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "培训演示 TRAINING" in page, number
    assert f"第{len(pages)}页/共{len(pages)}页" in text_of(pdf, page=len(pages))
    assert f"第1页/共{len(pages)}页" in text_of(pdf, page=1)
    assert rotated_text(render_receipt(receipt_data(), "a4")) == [""]


@pytest.mark.parametrize("fmt", ["a4", "roll80"])
def test_reprint_says_so_with_its_count(fmt: str) -> None:
    text = text_of(render_receipt(receipt_data(reprint_no=2), fmt))  # type: ignore[arg-type]
    assert "补打（第2次）" in text
    # In the header: before the application number is printed.
    assert text.index("补打（第2次）") < text.index("申请编号")


def test_notice_lists_every_missing_item_with_due_date_reason_and_place() -> None:
    text = text_of(render_notice(receipt_data()))
    assert "一次性告知书" in text and APP_NO in text
    for name, reason, due in (
        ("营业执照", "核实申请单位的主体资格", "2026年12月4日（周五）前"),
        (
            "产权证明（房产证、不动产权证或购房合同）",
            "确认您有权在该地址报装",
            "2026年12月7日（周一）前",
        ),
    ):
        assert name in text and reason in text and due in text
    assert text.count("本营业厅3号窗口") >= 3  # once in the text, once per item
    assert "报装申请表" not in text  # received, so not asked for again
    assert FULL_ID not in text


def test_notice_refused_when_nothing_is_missing() -> None:
    complete = receipt_data(materials=receipt_data().received)
    with pytest.raises(BadInput, match="材料已齐全"):
        render_notice(complete)


def test_user_text_is_printed_literally_not_as_markup() -> None:
    data = receipt_data(applicant_name="A&B <b>食品</b> 公司", site_address="路<br/>1号")
    text = text_of(render_receipt(data))
    assert "A&B<b>食品</b>公司" in text and "路<br/>1号" in text


def test_bad_format_and_naive_times_are_refused() -> None:
    with pytest.raises(BadInput):
        render_receipt(receipt_data(), "a5")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="timezone"):
        render_receipt(receipt_data(received_at=datetime(2026, 11, 27, 9, 30)))


def test_outside_red_line_text_follows_the_2021_cutoff() -> None:
    on = outside_red_line_text(date(2021, 3, 1))
    assert "建筑区划红线外工程费用不由您承担" in on and "2021年3月1日" in on
    before = outside_red_line_text(date(2021, 2, 28))
    assert "由您承担" in before and "不由" not in before and "公示收费清单" in before
    unknown = outside_red_line_text(None)
    assert "未登记" in unknown and "2021年3月1日" in unknown and "不由申请人承担" in unknown


def test_receipt_for_land_before_cutoff_and_pending_everything() -> None:
    data = receipt_data(
        land_acquired_on=date(2019, 1, 1),
        fee_items=(),
        lines=(dataclasses.replace(receipt_data().lines[0], utility_ticket_no=None, due=None),),
        contact_name=None,
    )
    text = text_of(render_receipt(data, "roll80"))
    assert "建筑区划红线外工程费用按公示收费清单由您承担" in text
    assert "本次适用的收费项目以公示收费清单为准" in text
    assert "待分配" in text and "pending" not in text and "待单位确定" in text
