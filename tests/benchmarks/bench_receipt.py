"""How long one A4 receipt with Chinese text takes, against the same page in Helvetica.

Run: `.venv/bin/python -m tests.benchmarks.bench_receipt [RUNS]` (or with pytest, which also
checks the target). The font is registered once before timing, as in the running client; the
Latin baseline is the same layout with every CJK character replaced by a Latin letter and the
built-in Helvetica (not embedded, no subsetting), measured in the same run.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.platypus import Paragraph

from onewindow.papers import receipt_layout
from onewindow.papers.receipt_layout import A4_LAYOUT, ReceiptRenderer
from onewindow.papers.receipts import ReceiptData, render_receipt
from tests.papers.test_receipts import receipt_data

TARGET_MS = 100.0


def latinise(text: str) -> str:
    # "M" is about as wide in Helvetica as a CJK character is in its font, so lines wrap alike.
    return "".join("M" if ord(ch) >= 0x2E80 else ch for ch in text)


def latin_data(data: ReceiptData) -> ReceiptData:
    changes: dict[str, Any] = {}
    for field in dataclasses.fields(data):
        value = getattr(data, field.name)
        if isinstance(value, str):
            changes[field.name] = latinise(value)
        elif isinstance(value, tuple):
            changes[field.name] = tuple(
                dataclasses.replace(
                    item,
                    **{
                        f.name: latinise(getattr(item, f.name))
                        for f in dataclasses.fields(item)
                        if isinstance(getattr(item, f.name), str)
                    },
                )
                if dataclasses.is_dataclass(item)
                else latinise(item)
                for item in value
            )
    return dataclasses.replace(data, **changes)


@contextmanager
def latin_labels() -> Iterator[None]:
    """The layout's own Chinese labels, latinised too, for the baseline only."""

    def paragraph(text: str, style: Any, *args: Any, **kw: Any) -> Paragraph:
        return Paragraph(latinise(text), style, *args, **kw)

    original = receipt_layout.Paragraph
    receipt_layout.Paragraph = paragraph  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        receipt_layout.Paragraph = original  # type: ignore[misc]


def median_ms(render: Callable[[], bytes], runs: int) -> float:
    render()  # warm-up: font registration, first-use caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(runs: int = 30) -> tuple[float, float]:
    data = receipt_data()
    cjk = median_ms(lambda: render_receipt(data, "a4"), runs)
    helvetica = ReceiptRenderer(A4_LAYOUT, font="Helvetica")
    latin = latin_data(data)
    with latin_labels():
        base = median_ms(lambda: helvetica.render(helvetica.receipt_story, latin, "x"), runs)
    return cjk, base


def test_a4_receipt_renders_within_target() -> None:
    cjk, latin = measure(15)
    print(f"A4 receipt: CJK {cjk:.1f} ms, Helvetica {latin:.1f} ms, ratio {cjk / latin:.2f}")
    assert cjk < TARGET_MS


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    cjk, latin = measure(runs)
    print(f"A4 receipt, median of {runs} runs")
    print(f"  CJK (WenQuanYi Micro Hei, embedded subset): {cjk:7.1f} ms   target < {TARGET_MS:.0f}")
    print(f"  Latin-only (built-in Helvetica):            {latin:7.1f} ms")
    print(f"  ratio CJK / Latin:                          {cjk / latin:7.2f}")


if __name__ == "__main__":
    main()
