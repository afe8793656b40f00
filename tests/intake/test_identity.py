"""Identity numbers: resident ID (GB 11643) and unified social credit code (GB 32100).

Check characters are computed here from the standards' weights, independently of the code
under test (which borrows python-stdnum's arithmetic).
"""

from __future__ import annotations

from datetime import date

import pytest
import stdnum.cn.ric
from hypothesis import given
from hypothesis import strategies as st

from onewindow.intake.identity import (
    PROVINCE_CODES,
    USCC_ALPHABET,
    check_id_number,
    check_other_id,
    check_resident_id,
    check_uscc,
)

TODAY = date(2026, 11, 27)
RIC_WEIGHTS = [2 ** (17 - i) % 11 for i in range(17)]  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def ric_check(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, RIC_WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def resident_id(region: str, born: date, sequence: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + ric_check(first17)


def uscc_check(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def codes(problems: tuple) -> list[str]:
    return [p.code for p in problems]


def test_weights_are_the_standard_ones():
    assert RIC_WEIGHTS == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


# Resident ID.


def test_sample_numbers():
    assert check_resident_id("110101199003074477", today=TODAY) == ()
    (problem,) = check_resident_id("110101199003074478", today=TODAY)
    assert problem.code == "resident_id.check_char"
    assert problem.text.zh == "身份证号校验位不正确，应为 7，请核对各位数字"
    assert "should be 7" in problem.text.en


def test_check_character_x():
    number = next(
        n
        for n in (resident_id("411282", date(1985, 6, 1), s) for s in range(1000))
        if n.endswith("X")
    )
    assert check_resident_id(number, today=TODAY) == ()
    (problem,) = check_resident_id(number[:17] + "0", today=TODAY)
    assert problem.params == {"expected": "X"}


def test_region_code_need_not_have_existed_in_the_birth_year():
    # Lingbao county became the city 411282 in 1993; a resident born there in 1950 holds a
    # number with the city's code. python-stdnum's county table rejects it; we must not.
    number = resident_id("411282", date(1950, 1, 1), 123)
    assert not stdnum.cn.ric.is_valid(number)
    assert check_resident_id(number, today=TODAY) == ()
    # A county code no table knows (renumbered, or newer than the library) passes too.
    assert check_resident_id(resident_id("419999", date(1990, 1, 1), 1), today=TODAY) == ()


@pytest.mark.parametrize("province", ["11", "15", "21", "37", "46", "54", "65", "71", "81", "83"])
def test_every_listed_province_passes(province):
    assert check_resident_id(resident_id(province + "0101", date(1990, 1, 1), 7), today=TODAY) == ()


@pytest.mark.parametrize("province", ["00", "10", "16", "20", "24", "38", "47", "55", "70", "84"])
def test_unlisted_province_fails(province):
    problems = check_resident_id(resident_id(province + "0101", date(1990, 1, 1), 7), today=TODAY)
    assert codes(problems) == ["resident_id.province"]
    assert f"前两位 {province} 不是有效的省级行政区代码" in problems[0].text.zh


def test_province_list_matches_the_spec():
    listed = [*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47)]
    listed += [*range(50, 55), *range(61, 66), 71, 81, 82, 83]
    assert {f"{n:02d}" for n in listed} == PROVINCE_CODES


def test_birth_date_not_a_real_date():
    first17 = "11010119900230123"
    problems = check_resident_id(first17 + ric_check(first17), today=TODAY)
    assert codes(problems) == ["resident_id.birth_date"]
    assert "出生日期 19900230 不是有效日期" in problems[0].text.zh


def test_birth_date_in_the_future_and_today():
    assert check_resident_id(resident_id("110101", TODAY, 1), today=TODAY) == ()
    problems = check_resident_id(resident_id("110101", date(2026, 11, 28), 1), today=TODAY)
    assert codes(problems) == ["resident_id.birth_future"]
    assert "20261128" in problems[0].text.zh


def test_birth_year_too_early():
    problems = check_resident_id(resident_id("110101", date(1849, 12, 31), 1), today=TODAY)
    assert codes(problems) == ["resident_id.birth_too_early"]
    assert check_resident_id(resident_id("110101", date(1900, 1, 1), 1), today=TODAY) == ()


def test_wrong_date_and_province_together_no_misleading_check_character():
    first17 = "99010119901332123"
    problems = check_resident_id(first17 + "0", today=TODAY)
    assert codes(problems) == ["resident_id.province", "resident_id.birth_date"]


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("11010119900307447", "resident_id.length"),
        ("1101011990030744777", "resident_id.length"),
        ("", "resident_id.length"),
        ("11010119900307447A", "resident_id.format"),
        ("1101011990030X4477", "resident_id.format"),
        ("११०१०११९९००३०७४४७७", "resident_id.format"),  # Devanagari digits are not digits here
    ],
)
def test_shape(number, code):
    assert codes(check_resident_id(number, today=TODAY)) == [code]


def test_length_message_says_how_long():
    (problem,) = check_resident_id("1101011990", today=TODAY)
    assert problem.text.zh == "身份证号应为18位，现为 10 位"


residents = st.builds(
    resident_id,
    region=st.builds(
        lambda p, rest: p + rest,
        st.sampled_from(sorted(PROVINCE_CODES)),
        st.from_regex(r"[0-9]{4}", fullmatch=True),
    ),
    born=st.dates(min_value=date(1850, 1, 1), max_value=TODAY),
    sequence=st.integers(0, 999),
)


@given(residents)
def test_generated_resident_ids_pass(number):
    assert check_resident_id(number, today=TODAY) == ()
    assert check_id_number("resident_id", number, today=TODAY) == ()


@given(residents, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_character_change_fails(number, position, replacement):
    if position < 17 and replacement == "X":
        replacement = "0" if number[position] != "0" else "1"
    if replacement == number[position]:
        replacement = "1" if number[position] == "0" else "0"
    changed = number[:position] + replacement + number[position + 1 :]
    assert check_resident_id(changed, today=TODAY) != ()


# Unified social credit code.


def test_sample_uscc_numbers_are_valid():
    for number in ("91411282MA9ABCDEF9", "91411282MA45K7P2XY", "91110000600037341L"):
        assert uscc_check(number[:17]) == number[17]
        assert check_uscc(number) == ()


def test_uscc_wrong_check_character_names_the_right_one():
    (problem,) = check_uscc("91411282MA9ABCDEF8")
    assert problem.code == "uscc.check_char"
    assert problem.text.zh == "统一社会信用代码校验位不正确，应为 9，请核对各位字符"


def test_uscc_registration_department_may_be_a_letter():
    # Department codes include letters (N: agriculture, Y: others); GB 32100 allows them.
    for head in ("N2", "Y1", "A1"):
        first17 = head + "411282MA9ABCDEF"
        assert check_uscc(first17 + uscc_check(first17)) == ()


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_uscc_letters_outside_the_alphabet(letter):
    problems = check_uscc("91411282MA9ABCD" + letter + "F9")
    assert codes(problems) == ["uscc.charset"]
    assert letter in problems[0].text.zh


def test_uscc_length():
    (problem,) = check_uscc("91411282MA9ABCDEF")
    assert problem.code == "uscc.length" and "现为 17 位" in problem.text.zh


usccs = st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17).map(lambda s: s + uscc_check(s))


@given(usccs)
def test_generated_usccs_pass(number):
    assert check_uscc(number) == ()


@given(usccs, st.integers(0, 17), st.sampled_from(USCC_ALPHABET))
def test_any_single_uscc_change_fails(number, position, replacement):
    if replacement == number[position]:
        replacement = "0" if number[position] != "0" else "1"
    assert check_uscc(number[:position] + replacement + number[position + 1 :]) != ()


# Other documents.


@pytest.mark.parametrize("number", ["E12345678", "H1234567801", "A-1234", "12345", "X" * 30])
def test_other_documents_pass(number):
    assert check_other_id(number) == ()
    assert check_id_number("passport", number, today=TODAY) == ()


@pytest.mark.parametrize(
    ("number", "code"),
    [("1234", "other_id.format"), ("X" * 31, "other_id.format"), ("E1234/678", "other_id.charset")],
)
def test_other_documents_fail(number, code):
    assert codes(check_id_number("hk_macao_taiwan_permit", number, today=TODAY)) == [code]
