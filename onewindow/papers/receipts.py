"""Acceptance receipts (受理回执) and one-time notices of missing materials (一次性告知书).

Pure rendering: the caller (`onewindow.papers.printing`) assembles a `ReceiptData` from the database
and records the print; these functions only turn it into PDF bytes.
"""

from __future__ import annotations

import functools
from typing import Literal

from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.papers.content import (
    MaterialLine,
    ReceiptData,
    UtilityLine,
    outside_red_line_text,
)
from onewindow.papers.notice_layout import notice_story
from onewindow.papers.receipt_layout import A4_LAYOUT, ROLL80_LAYOUT, ReceiptRenderer

__all__ = [
    "MaterialLine",
    "ReceiptData",
    "UtilityLine",
    "outside_red_line_text",
    "render_notice",
    "render_receipt",
]

Format = Literal["a4", "roll80"]
_LAYOUTS = {"a4": A4_LAYOUT, "roll80": ROLL80_LAYOUT}


@functools.cache
def renderer(fmt: Format) -> ReceiptRenderer:
    """The renderer of a paper format, made once (its styles are reused by every paper)."""
    return ReceiptRenderer(_LAYOUTS[fmt])


def render_receipt(data: ReceiptData, fmt: Format = "a4") -> bytes:
    """The acceptance receipt as PDF bytes, on A4 or on an 80 mm thermal roll."""
    if fmt not in _LAYOUTS:
        raise BadInput(
            Text(
                f"回执格式只能是 a4 或 roll80，收到的是“{fmt}”",
                f"the receipt format must be a4 or roll80, not “{fmt}”",
            )
        )
    r = renderer(fmt)
    return r.render(r.receipt_story, data, f"受理回执 {data.application_no}")


def render_notice(data: ReceiptData) -> bytes:
    """The one-time notice of every missing material, on A4."""
    if not data.missing:
        raise BadInput(
            Text(
                f"申请 {data.application_no} 的材料已齐全，不需要一次性告知书",
                f"application {data.application_no} has all its materials; no notice is needed",
            )
        )
    r = renderer("a4")
    return r.render(lambda d: notice_story(r, d), data, f"一次性告知书 {data.application_no}")
