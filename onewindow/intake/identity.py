"""Identity-number checks: resident ID (GB 11643), unified social credit code (GB 32100), others.

Every function takes a number already through `intake.normalise_code` (NFKC, no spaces,
upper-case) and returns the problems found, none for a good number.

The resident ID's region code is deliberately checked only at province level: counties are
renamed and renumbered (a county becomes a city and gets a new code), and an ID keeps the code
it was issued with, so a code need not have existed in the holder's birth year nor exist
today. python-stdnum's `cn.ric.validate` rejects such real numbers against its county table,
so only its check-digit arithmetic is used here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from stdnum.cn import ric, uscc

from onewindow.codes import Text
from onewindow.intake.messages import render

# Province-level codes (combined-form.md): 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71
# (Taiwan), 81 and 82 (Hong Kong and Macao residence permits), 83 (Taiwan residence permits).
PROVINCE_CODES = frozenset(
    f"{n:02d}"
    for n in (
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    )
)
# Nobody alive was born earlier; a year before this is a typo, not a centenarian.
EARLIEST_BIRTH_YEAR = 1850
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")
_OTHER_ID = re.compile(r"[A-Z0-9-]{5,30}")
_USCC_CHARS = frozenset(USCC_ALPHABET)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a number: a stable code from form_messages and its parameters."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def text(self) -> Text:
        return render(self.code, **self.params)


def resident_check_char(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character for 17 ASCII digits."""
    return ric.calc_check_digit(first17 + "0")


def uscc_check_char(first17: str) -> str:
    """The GB 32100 mod-31 check character for 17 characters of the code's alphabet."""
    return uscc.calc_check_digit(first17)


def check_resident_id(number: str, *, today: date) -> tuple[Problem, ...]:
    if len(number) != 18:
        return (Problem("resident_id.length", {"length": len(number)}),)
    if not _RESIDENT_ID.fullmatch(number):
        return (Problem("resident_id.format"),)
    problems: list[Problem] = []
    if number[:2] not in PROVINCE_CODES:
        problems.append(Problem("resident_id.province", {"code": number[:2]}))
    birth = number[6:14]
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:]))
    except ValueError:
        problems.append(Problem("resident_id.birth_date", {"value": birth}))
    else:
        if born > today:
            problems.append(Problem("resident_id.birth_future", {"value": birth}))
        elif born.year < EARLIEST_BIRTH_YEAR:
            problems.append(
                Problem(
                    "resident_id.birth_too_early", {"value": birth, "year": EARLIEST_BIRTH_YEAR}
                )
            )
    # A wrong date or region is most likely where the typo is; naming a "right" check
    # character then would only mislead the clerk into changing the last one.
    if not problems:
        expected = resident_check_char(number[:17])
        if number[17] != expected:
            problems.append(Problem("resident_id.check_char", {"expected": expected}))
    return tuple(problems)


def check_uscc(number: str) -> tuple[Problem, ...]:
    if len(number) != 18:
        return (Problem("uscc.length", {"length": len(number)}),)
    wrong = sorted(set(number) - _USCC_CHARS)
    if wrong:
        return (Problem("uscc.charset", {"chars": "、".join(wrong)}),)
    expected = uscc_check_char(number[:17])
    if number[17] != expected:
        return (Problem("uscc.check_char", {"expected": expected}),)
    return ()


def check_other_id(number: str) -> tuple[Problem, ...]:
    if _OTHER_ID.fullmatch(number):
        return ()
    wrong = sorted({c for c in number if not ("A" <= c <= "Z" or "0" <= c <= "9" or c == "-")})
    if wrong:
        return (Problem("other_id.charset", {"chars": " ".join(wrong[:5])}),)
    return (Problem("other_id.format", {"length": len(number)}),)


def check_id_number(id_type: str, number: str, *, today: date) -> tuple[Problem, ...]:
    """The problems of `number` as an identity number of `id_type` (a valid id_type)."""
    if id_type == "resident_id":
        return check_resident_id(number, today=today)
    if id_type == "uscc":
        return check_uscc(number)
    return check_other_id(number)
