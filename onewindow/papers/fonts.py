"""The fonts every paper is drawn in, and what happens to a character none of them has.

The body font is the shipped WenQuanYi Micro Hei. It lacks the rarer ideographs that real
names hold (生僻字: CJK Extension A, B and beyond), so person-supplied text is marked up
character by character: each character goes to the first font that has its glyph —
WenQuanYi, then HanaMinA (the BMP and Extension A), then HanaMinB (Extension B and beyond,
planes 2 and 3). The Hanazono fonts are 53 MB, so they are not in the repository: they are
looked for in `resources/fonts/` (where a bundle puts them) and then where Debian's
`fonts-hanazono` installs them (`scripts/system-packages.sh`). Each is registered only when
a character first needs it (about 0.1–0.3 s).

A character that no font has is drawn as a visible red placeholder naming its code point
(on a preview), and a copy of such a paper is refused (`onewindow.papers.printing`), so a
name never loses a character silently.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib.resources import as_file
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics import shapes
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import paragraph

from onewindow.resources import resource

FONT = "OneWindowCJK"
FONT_FILE = "fonts/wqy-microhei.ttc"
# (registered name, file name), tried in this order after the body font.
FALLBACKS = (("OneWindowHanaA", "HanaMinA.ttf"), ("OneWindowHanaB", "HanaMinB.ttf"))
SYSTEM_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/hanazono"),
    Path("/usr/local/share/fonts/hanazono"),
)
NO_LINE_START = "，；：！？》」』】"
PLACEHOLDER_COLOUR = "#b00020"


@functools.cache
def cjk_font() -> str:
    """Register the shipped WenQuanYi Micro Hei once per process and return its font name."""
    with as_file(resource(FONT_FILE)) as path:
        # Sub-font 0 is the proportional face; 1 is the monospaced one.
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
    # reportlab.graphics falls back to Helvetica for any string it draws; point it at ours.
    shapes.STATE_DEFAULTS["fontName"] = FONT
    # reportlab's CJK line breaking lets full-width ，；：！？ start a line, which Chinese
    # typesetting forbids; add them to the characters it keeps on the previous line.
    missing = "".join(c for c in NO_LINE_START if c not in paragraph.ALL_CANNOT_START)
    paragraph.ALL_CANNOT_START += missing
    # reportlab writes each ToUnicode entry as 4 hex digits, so a character beyond the BMP
    # (𪚥 U+2A6A5) is drawn right but copied and searched as U+2A6A; write UTF-16 instead.
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    return FONT


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with code points above U+FFFF as UTF-16 surrogate pairs."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def fallback_path(file_name: str) -> Path | None:
    """Where a fallback font file is: shipped beside the body font, else on the system."""
    try:
        with as_file(resource(f"fonts/{file_name}")) as shipped:
            if shipped.is_file():
                return Path(shipped)
    except FileNotFoundError:  # not shipped in this bundle
        pass
    for folder in SYSTEM_FONT_DIRS:
        if (folder / file_name).is_file():
            return folder / file_name
    return None


@functools.cache
def _fallback(index: int) -> str | None:
    """Register fallback font `index` on first need; None when its file is not installed."""
    name, file_name = FALLBACKS[index]
    path = fallback_path(file_name)
    if path is None:
        return None
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _has_glyph(font_name: str, char: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    return ord(char) in font.face.charToGlyph


@functools.lru_cache(maxsize=4096)
def font_for(char: str) -> str | None:
    """The first font that has `char`'s glyph; None when no font does."""
    if char in "\t\n" or _has_glyph(cjk_font(), char):
        return cjk_font()
    for index in range(len(FALLBACKS)):
        name = _fallback(index)
        if name is not None and _has_glyph(name, char):
            return name
    return None


def unprintable(text: str) -> tuple[str, ...]:
    """The characters of `text` that no font has, each once, in order of appearance."""
    seen: dict[str, None] = {}
    for char in text:
        if char not in seen and font_for(char) is None:
            seen[char] = None
    return tuple(seen)


def unprintable_in(texts: Iterable[str]) -> tuple[str, ...]:
    return unprintable("".join(texts))


def describe(chars: Iterable[str]) -> str:
    """Characters as a clerk can look them up: “😀”（U+1F600）."""
    return "、".join(f"“{c}”（U+{ord(c):04X}）" for c in chars)


def markup(text: str) -> str:
    """Person-supplied text for a reportlab Paragraph: escaped, with each run of characters
    the body font lacks set in the fallback font that has them, and a character no font has
    replaced by a red placeholder naming its code point."""
    body = cjk_font()
    parts: list[str] = []
    run: list[str] = []
    run_font: str | None = body

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run))
        parts.append(chunk if run_font == body else f'<font face="{run_font}">{chunk}</font>')
        run.clear()

    for char in text:
        font = font_for(char)
        if font is None:
            flush()
            parts.append(f'<font color="{PLACEHOLDER_COLOUR}">[U+{ord(char):04X}]</font>')
            continue
        if font != run_font:
            flush()
            run_font = font
        run.append(char)
    flush()
    return "".join(parts)
