"""The working-day calendar at fixed dates of 2026–2028, its import format and its laws."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from chinese_calendar import constants as published
from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.clocks.workdays import (
    ScheduleError,
    WorkCalendar,
    YearSchedule,
    parse_schedule_csv,
    qingming,
    statutory_days_off,
)
from onewindow.errors import BadInput
from onewindow.resources import resource

CAL = WorkCalendar()

# An invented 2027 schedule in the shape of recent ones (the real one is not published here).
IMPORT_2027 = """\ufeffdate,kind,name
2027-01-01,holiday,元旦
2027-01-31,workday,春节调休上班
2027-02-05,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节

2027-02-20,workday,春节调休上班
"""


def imported_2027() -> WorkCalendar:
    return WorkCalendar(parse_schedule_csv(IMPORT_2027))


# --- 2026, the published schedule ----------------------------------------------------------


def test_national_day_2026_is_seven_days_off_with_its_working_weekends() -> None:
    assert not any(CAL.is_workday(date(2026, 10, day)) for day in range(1, 8))
    # 调休: Sunday 20 September and Saturday 10 October are worked.
    assert CAL.is_workday(date(2026, 9, 20))
    assert CAL.is_workday(date(2026, 10, 10))
    assert not CAL.is_workday(date(2026, 10, 11))
    assert CAL.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert CAL.add_workdays(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert CAL.add_workdays(date(2026, 9, 30), 4) == date(2026, 10, 12)
    assert CAL.workdays_between(date(2026, 9, 30), date(2026, 10, 12)) == 4


def test_spring_festival_2026_with_its_working_saturdays() -> None:
    assert CAL.is_workday(date(2026, 2, 14))  # Saturday
    assert not any(CAL.is_workday(date(2026, 2, day)) for day in range(15, 24))
    assert CAL.is_workday(date(2026, 2, 28))  # Saturday
    assert CAL.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert CAL.add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert CAL.add_workdays(date(2026, 2, 27), 1) == date(2026, 2, 28)
    assert CAL.add_workdays(date(2026, 2, 27), 2) == date(2026, 3, 2)
    # 13 Feb (Fri) to 2 Mar: the 14th, 24–28 Feb and 2 Mar.
    assert CAL.workdays_between(date(2026, 2, 13), date(2026, 3, 2)) == 7


@pytest.mark.parametrize(
    ("saturday", "sunday"),
    [(date(2026, 1, 3), date(2026, 1, 4)), (date(2026, 9, 19), date(2026, 9, 20))],
)
def test_saturday_application_is_due_on_the_adjusted_working_sunday(
    saturday: date, sunday: date
) -> None:
    assert saturday.weekday() == 5 and sunday.weekday() == 6
    assert CAL.add_workdays(saturday, 1) == sunday


def test_start_never_counts_and_zero_is_the_start() -> None:
    holiday = date(2026, 10, 1)
    assert CAL.add_workdays(holiday, 0) == holiday
    assert CAL.add_workdays(date(2026, 11, 26), 1) == date(2026, 11, 27)  # Thursday → Friday
    assert CAL.add_workdays(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday → Monday
    assert CAL.workdays_between(date(2026, 11, 27), date(2026, 11, 27)) == 0
    assert CAL.workdays_between(date(2026, 11, 30), date(2026, 11, 27)) == 0
    with pytest.raises(ValueError):
        CAL.add_workdays(holiday, -1)


def test_published_year_lists_weekdays_off_and_weekend_workdays_with_its_source() -> None:
    days = CAL.year_days(2026)
    assert CAL.kind_of_year(2026) == "published" and not CAL.is_provisional(2026)
    assert "chinese-calendar 1.11" in CAL.source(2026)
    assert [d.date for d in days] == sorted(d.date for d in days)
    assert all(d.source == CAL.source(2026) for d in days)
    workdays = {d.date: d.name for d in days if d.kind == "workday"}
    assert workdays == {
        date(2026, 1, 4): "元旦调休上班",
        date(2026, 2, 14): "春节调休上班",
        date(2026, 2, 28): "春节调休上班",
        date(2026, 5, 9): "劳动节调休上班",
        date(2026, 9, 20): "国庆节调休上班",
        date(2026, 10, 10): "国庆节调休上班",
    }
    off = [d for d in days if d.kind == "holiday"]
    assert all(d.date.weekday() < 5 for d in off)
    assert len(off) == 19
    assert next(d.name for d in off if d.date == date(2026, 9, 25)) == "中秋"


# --- years with no published schedule ----------------------------------------------------


def test_2027_falls_back_to_the_statutory_days_and_is_provisional() -> None:
    assert CAL.kind_of_year(2027) == "statutory" and CAL.is_provisional(2027)
    assert "暂定" in CAL.source(2027)
    off = {d.date: d.name for d in statutory_days_off(2027)}
    assert off == {
        date(2027, 1, 1): "元旦",
        date(2027, 2, 5): "春节（除夕）",
        date(2027, 2, 6): "春节",
        date(2027, 2, 7): "春节",
        date(2027, 2, 8): "春节",
        date(2027, 4, 5): "清明",
        date(2027, 5, 1): "劳动节",
        date(2027, 5, 2): "劳动节",
        date(2027, 6, 9): "端午",
        date(2027, 9, 15): "中秋",
        date(2027, 10, 1): "国庆节",
        date(2027, 10, 2): "国庆节",
        date(2027, 10, 3): "国庆节",
    }
    # The weekdays among them change the week, and so does the make-up day (补假) the law
    # gives for each that falls on a weekend; no adjusted working weekends are guessed.
    assert [(d.date, d.name) for d in CAL.year_days(2027)] == [
        (date(2027, 1, 1), "元旦"),
        (date(2027, 2, 5), "春节（除夕）"),
        (date(2027, 2, 8), "春节"),
        (date(2027, 2, 9), "春节补假"),
        (date(2027, 2, 10), "春节补假"),
        (date(2027, 4, 5), "清明"),
        (date(2027, 5, 3), "劳动节补假"),
        (date(2027, 5, 4), "劳动节补假"),
        (date(2027, 6, 9), "端午"),
        (date(2027, 9, 15), "中秋"),
        (date(2027, 10, 1), "国庆节"),
        (date(2027, 10, 4), "国庆节补假"),
        (date(2027, 10, 5), "国庆节补假"),
    ]
    assert "补假" in CAL.source(2027)


# policy.md, "Working days": 2027 has no published schedule; 5–8 February (Friday to Monday)
# are Spring Festival, 6 and 7 fall on the weekend, so 9 and 10 February are made up.
@pytest.mark.parametrize(
    ("received", "one_day", "two_days"),
    [
        (date(2027, 2, 3), date(2027, 2, 4), date(2027, 2, 11)),
        (date(2027, 2, 4), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 5), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 6), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 7), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 8), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 9), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 10), date(2027, 2, 11), date(2027, 2, 12)),
        (date(2027, 2, 11), date(2027, 2, 12), date(2027, 2, 15)),
    ],
)
def test_2027_fallback_due_dates_across_spring_festival(
    received: date, one_day: date, two_days: date
) -> None:
    assert CAL.is_provisional(2027)
    assert CAL.add_workdays(received, 1) == one_day
    assert CAL.add_workdays(received, 2) == two_days


def test_2027_fallback_makes_up_labour_day_and_national_day() -> None:
    # 1–2 May 2027 are Saturday and Sunday: 3 and 4 May off, Wednesday 5 May the next day.
    assert [CAL.is_workday(date(2027, 5, d)) for d in range(1, 7)] == [
        False, False, False, False, True, True,
    ]  # fmt: skip
    assert CAL.add_workdays(date(2027, 4, 30), 1) == date(2027, 5, 5)
    # 1–3 October run Friday to Sunday: 4 and 5 October off.
    assert [CAL.is_workday(date(2027, 10, d)) for d in range(1, 7)] == [
        False, False, False, False, False, True,
    ]  # fmt: skip
    assert CAL.add_workdays(date(2027, 9, 30), 1) == date(2027, 10, 6)


def test_a_make_up_day_never_lands_on_another_holiday() -> None:
    # 2028: National Day starts on a Sunday and Mid-Autumn is 3 October: one make-up day, the
    # 4th; New Year's Day is a Saturday: Monday 3 January.
    made_up = [d.date for d in CAL.year_days(2028) if d.name.endswith("补假")]
    assert date(2028, 10, 4) in made_up and date(2028, 1, 3) in made_up
    assert len(made_up) == len(set(made_up))
    for year in range(2027, 2060):
        statutory = {d.date for d in statutory_days_off(year)}
        days = CAL.year_days(year)
        made_up = [d.date for d in days if d.name.endswith("补假")]
        assert not set(made_up) & statutory, year
        assert all(d.weekday() < 5 for d in made_up), year
        weekend = [d for d in statutory if d.weekday() >= 5]
        assert len(made_up) == len(weekend), year


def test_two_festivals_on_one_day_are_one_day_off() -> None:
    # 2028: Mid-Autumn falls on 3 October, so the law gives 12 distinct dates, not 13.
    off = statutory_days_off(2028)
    assert len(off) == 12
    assert {d.date: d.name for d in off}[date(2028, 10, 3)] == "中秋、国庆节"


def test_new_years_eve_is_the_last_day_of_lunar_month_12_whatever_its_length() -> None:
    # 2026's lunar month 12 has 29 days (eve 16 Feb, "腊月廿九"); 2025's has 29 too, 2024's 30.
    eves = {d.date for d in statutory_days_off(2026) if "除夕" in d.name}
    assert eves == {date(2026, 2, 16)}
    eves = {d.date for d in statutory_days_off(2024) if "除夕" in d.name}
    assert eves == {date(2024, 2, 9)}


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_days_are_all_days_off_in_the_published_schedule(year: int) -> None:
    # The law as amended 2024 is in force from 2025, so its days must be in both schedules.
    for day in statutory_days_off(year):
        assert day.date in published.holidays, day
        assert not CAL.is_workday(day.date)


def test_computed_lunar_festivals_are_off_in_every_published_year_since_2008() -> None:
    # Since 2008 the law has given lunar 1-1, 1-2, 5-5 and 8-15 off; a published schedule may
    # move a festival that falls on a weekend, but never makes a weekday festival a workday.
    for year in range(2008, 2027):
        lunar = [
            d
            for d in statutory_days_off(year)
            if {"春节", "端午", "中秋"} & set(d.name.split("、"))
        ]
        assert len(lunar) == 5, year
        for day in lunar[:2] + lunar[3:]:
            assert day.date.weekday() >= 5 or not CAL.is_workday(day.date), (year, day)


def test_qingming_is_the_solar_term_day() -> None:
    assert qingming(2027) == date(2027, 4, 5)
    assert qingming(2028) == date(2028, 4, 4)
    published_qingming = {
        d for d, name in published.holidays.items() if name == "Tomb-sweeping Day"
    }
    # Qingming has been a day off since 2008; every published run contains the term day.
    for year in range(2008, 2027):
        assert qingming(year) in published_qingming, year


def test_a_year_beyond_the_lunar_tables_needs_an_import() -> None:
    with pytest.raises(BadInput, match="2101 年"):
        CAL.is_workday(date(2101, 3, 1))
    schedule = parse_schedule_csv("date,kind,name\n2101-01-03,holiday,元旦\n")
    assert not WorkCalendar(schedule).is_workday(date(2101, 1, 3))


def test_add_workdays_across_the_year_end_into_provisional_2027() -> None:
    # Thursday 31 Dec 2026; Friday 1 Jan 2027 is New Year's Day under the law alone.
    assert CAL.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert CAL.workdays_between(date(2026, 12, 31), date(2027, 1, 4)) == 1
    assert CAL.add_workdays(date(2026, 12, 30), 2) == date(2027, 1, 4)


def test_an_imported_2027_replaces_the_fallback_and_moves_due_dates() -> None:
    cal = imported_2027()
    assert cal.kind_of_year(2027) == "imported" and not cal.is_provisional(2027)
    assert cal.kind_of_year(2026) == "published"
    # Fallback: 5, 8, 9 and 10 Feb off, so Thursday 4 Feb + 2 → Friday 12 Feb.
    assert CAL.add_workdays(date(2027, 2, 4), 2) == date(2027, 2, 12)
    assert cal.add_workdays(date(2027, 2, 4), 2) == date(2027, 2, 16)
    # An application on Saturday 30 Jan is due on the worked Sunday 31 Jan.
    assert CAL.add_workdays(date(2027, 1, 30), 1) == date(2027, 2, 1)
    assert cal.add_workdays(date(2027, 1, 30), 1) == date(2027, 1, 31)
    # The import replaces the year whole: the law's Qingming (5 Apr) is not in this file.
    assert not CAL.is_workday(date(2027, 4, 5))
    assert cal.is_workday(date(2027, 4, 5))


def test_imported_year_lists_its_rows_with_the_callers_source() -> None:
    schedules = parse_schedule_csv(IMPORT_2027)
    assert schedules[2027].source == ""
    named = {2027: YearSchedule(2027, schedules[2027].days, "imported from 2027.csv")}
    cal = WorkCalendar(named)
    assert cal.source(2027) == "imported from 2027.csv"
    days = cal.year_days(2027)
    assert len(days) == 9 and days[0].date == date(2027, 1, 1) and days[1].kind == "workday"
    assert {d.source for d in days} == {"imported from 2027.csv"}
    # Rows read back from the database in another order still list by date.
    shuffled = YearSchedule(2027, tuple(reversed(schedules[2027].days)), "db")
    assert [d.date for d in WorkCalendar({2027: shuffled}).year_days(2027)] == [
        d.date for d in days
    ]
    with pytest.raises(ValueError, match="2026"):
        WorkCalendar({2026: shuffled})


def test_shipped_example_parses_and_keeps_every_statutory_day_off() -> None:
    text = resource("holidays/example-2027.csv").read_text(encoding="utf-8")
    cal = WorkCalendar(parse_schedule_csv(text))
    assert all("示例" in d.name for d in cal.year_days(2027))
    for day in statutory_days_off(2027):
        assert not cal.is_workday(day.date), day


# --- the import format --------------------------------------------------------------------


def problems_of(text: str) -> list[tuple[int, str]]:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule_csv(text)
    return caught.value.problems


def test_every_bad_line_is_reported_with_its_number() -> None:
    text = "\n".join(
        [
            "date,kind,name",  # 1
            "2027-10-01,holiday,国庆节",  # 2 fine
            "2027-02-30,holiday,春节",  # 3 no such date
            "2027/10/04,holiday,国庆节",  # 4 not ISO
            "2027-10-05,day-off,国庆节",  # 5 bad kind
            "2027-10-01,workday,国庆节",  # 6 the date of line 2, the other kind
            "2027-10-02,holiday,国庆节",  # 7 a Saturday in the range: fine
            "2027-10-08,workday,国庆节调休上班",  # 8 a Friday: fine
            "",  # 9 blank, ignored
            "2027-10-06,holiday",  # 10 two columns
            "2027-10-07,holiday,",  # 11 no name: fine
            "2027-10-07,holiday,国庆节,备注",  # 12 a fourth column with text
            "2027-10-01,holiday,国庆节",  # 13 line 2 again, same kind: fine
        ]
    )
    found = problems_of(text)
    assert [line for line, _ in found] == [3, 4, 5, 6, 10, 12]
    messages = dict(found)
    assert "2027-02-30" in messages[3].zh and "不存在" in messages[3].zh
    assert "does not exist" in messages[3].en
    assert "YYYY-MM-DD" in messages[4].zh and "YYYY-MM-DD" in messages[4].en
    assert "holiday" in messages[5].en and "workday" in messages[5].en
    assert "第 2 行" in messages[6].zh and "line 2" in messages[6].en
    assert "3 列" in messages[10].zh and "found 2" in messages[10].en
    assert "4 列" in messages[12].zh


# The State Council's notice for 2027, as an administrator types it: every break a range
# ("10月1日至7日放假调休，共7天"), weekends included (the dates here are invented).
RANGES_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-05,holiday,春节
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-14,holiday,春节
2027-02-20,workday,春节调休上班
2027-10-01,holiday,国庆节
2027-10-02,holiday,国庆节
2027-10-03,holiday,国庆节
2027-10-04,holiday,国庆节
2027-10-05,holiday,国庆节
2027-10-06,holiday,国庆节
2027-10-07,holiday,国庆节
2027-10-09,workday,国庆节调休上班
"""


def test_a_notice_typed_as_ranges_imports_with_its_weekend_rows() -> None:
    schedules = parse_schedule_csv(RANGES_2027)
    cal = WorkCalendar(schedules)
    # The weekend rows change nothing and are not kept; the weekdays off and worked are.
    kept = [d.date for d in cal.year_days(2027)]
    assert date(2027, 1, 2) not in kept and date(2027, 10, 2) not in kept
    assert date(2027, 2, 12) in kept and date(2027, 2, 20) in kept
    assert not any(cal.is_workday(date(2027, 10, d)) for d in range(1, 8))
    assert cal.is_workday(date(2027, 10, 9)) and cal.is_workday(date(2027, 10, 8))
    assert cal.add_workdays(date(2027, 2, 4), 1) == date(2027, 2, 15)
    assert cal.add_workdays(date(2027, 2, 19), 1) == date(2027, 2, 20)


def test_a_year_left_with_too_few_or_too_many_working_days_is_refused() -> None:
    # A typo takes all of March off: 23 more weekdays off than the law allows.
    march = "\n".join(
        f"2027-03-{d:02d},holiday,清明" for d in range(1, 32) if date(2027, 3, d).weekday() < 5
    )
    found = problems_of(f"date,kind,name\n2027-01-01,holiday,元旦\n{march}\n")
    assert len(found) == 1
    line, message = found[0]
    assert line == 2 and "2027 年只剩 237 个工作日" in message.zh
    assert "only 237 working days" in message.en


def test_error_message_names_the_line_in_each_language() -> None:
    with pytest.raises(ScheduleError) as caught:
        parse_schedule_csv("date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-04,Holiday,国庆节\n")
    assert caught.value.text.zh.startswith("第 3 行：kind“Holiday”无效")
    assert caught.value.text.en.startswith("line 3: kind “Holiday” is not valid")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("\n\n", 1),
        ("date,type,name\n2027-10-01,holiday,国庆节\n", 1),
        ("\n\ndatum,kind,name\n", 3),
        ("date,kind,name\n", 1),
    ],
)
def test_header_must_be_exact_and_the_file_not_empty(text: str, line: int) -> None:
    assert [n for n, _ in problems_of(text)] == [line]


def test_bom_crlf_blank_lines_padding_and_quoted_names_are_accepted() -> None:
    text = '\ufeffdate,kind,name,,\r\n\r\n2027-10-01,holiday,"国庆节, 第一天",,\r\n  \r\n'
    schedules = parse_schedule_csv(text)
    assert list(schedules) == [2027]
    (day,) = schedules[2027].days
    assert (day.date, day.kind, day.name) == (date(2027, 10, 1), "holiday", "国庆节, 第一天")


def test_a_file_spanning_two_years_gives_one_schedule_each() -> None:
    text = (
        "date,kind,name\n"
        "2019-01-01,holiday,元旦\n"
        "2018-12-31,holiday,元旦\n"
        "2018-12-29,workday,元旦调休上班\n"
        "2018-12-28,holiday,元旦\n"
    )
    schedules = parse_schedule_csv(text)
    assert sorted(schedules) == [2018, 2019]
    assert [d.date for d in schedules[2018].days] == [
        date(2018, 12, 28),
        date(2018, 12, 29),
        date(2018, 12, 31),
    ]


# --- properties and speed -----------------------------------------------------------------

starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2040, 12, 31))
calendars = st.sampled_from([CAL, imported_2027()])


@settings(max_examples=300, deadline=None)
@given(cal=calendars, start=starts, n=st.integers(min_value=1, max_value=800))
def test_add_workdays_lands_on_the_nth_working_day(cal: WorkCalendar, start: date, n: int) -> None:
    due = cal.add_workdays(start, n)
    assert due > start
    assert cal.is_workday(due)
    assert cal.workdays_between(start, due) == n
    assert cal.workdays_between(start, due - timedelta(days=1)) == n - 1


@settings(max_examples=200, deadline=None)
@given(cal=calendars, start=starts, n=st.integers(min_value=0, max_value=300))
def test_add_workdays_is_monotonic_in_n(cal: WorkCalendar, start: date, n: int) -> None:
    assert cal.add_workdays(start, n) < cal.add_workdays(start, n + 1)


@settings(max_examples=100, deadline=None)
@given(cal=calendars, start=starts, span=st.integers(min_value=-10, max_value=500))
def test_workdays_between_counts_day_by_day(cal: WorkCalendar, start: date, span: int) -> None:
    end = start + timedelta(days=span)
    walked = sum(cal.is_workday(start + timedelta(days=i)) for i in range(1, span + 1))
    assert cal.workdays_between(start, end) == walked


def test_ten_thousand_short_deadlines_take_well_under_a_second() -> None:
    cal = WorkCalendar()
    starts = [date(2026, 1, 1) + timedelta(days=i % 700) for i in range(10_000)]
    began = time.perf_counter()
    for start in starts:
        cal.add_workdays(start, 2)
    elapsed = time.perf_counter() - began
    assert elapsed < 0.5, f"10,000 add_workdays took {elapsed:.3f} s"


def test_long_spans_are_cheap() -> None:
    began = time.perf_counter()
    due = CAL.add_workdays(date(2004, 1, 1), 250 * 90)
    assert CAL.workdays_between(date(2004, 1, 1), due) == 250 * 90
    assert time.perf_counter() - began < 0.5
