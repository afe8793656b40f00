"""The working-day calendar: which dates the hall's clocks count (policy.md, "Working days").

A year's data comes from one of three places, the first that has it:

1. an imported schedule (``onewindow holidays import FILE``), which replaces the year whole;
2. the State Council's published schedule as shipped in the chinese-calendar package;
3. the law alone: Monday–Friday minus the 13 statutory days of 全国年节及纪念日放假办法
   (as amended 2024) and the make-up days (补假) it gives for those on a weekend. Such a
   year is *provisional*: the schedule published later usually adds bridge days and
   adjusted working weekends (调休), so due dates resting on it may still move.

Every question is answered from per-year sorted tables of working days, built once per year,
so counting across many years costs a few bisections rather than a walk over the days.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

import chinese_calendar
from chinese_calendar import constants as published
from lunardate import LunarDate

from onewindow.codes import Text
from onewindow.errors import BadInput

Kind = Literal["holiday", "workday"]
YearKind = Literal["imported", "published", "statutory"]

CSV_HEADER = ("date", "kind", "name")
_KINDS: dict[str, Kind] = {"holiday": "holiday", "workday": "workday"}
_DEFAULT_NAMES: dict[Kind, str] = {"holiday": "放假", "workday": "调休上班"}

# lunardate's tables cover 1900–2099 (1900's new year needs 1899's eve).
FALLBACK_YEARS = range(1901, 2100)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A whole year's schedule leaves about 250 working days; outside this, a typo took a month.
WORKDAYS_PER_YEAR = (240, 260)


@dataclass(frozen=True)
class ScheduleDay:
    """A date that differs from the plain week: a weekday off, or a weekend day worked."""

    date: date
    kind: Kind
    name: str


@dataclass(frozen=True)
class YearSchedule:
    year: int
    days: tuple[ScheduleDay, ...]
    source: str


@dataclass(frozen=True)
class CalendarDay:
    """One entry of `WorkCalendar.year_days`: a schedule day and where it came from."""

    date: date
    kind: Kind
    name: str
    source: str


class ScheduleError(ValueError):
    """An imported schedule file is wrong; `problems` holds (line number, message) pairs."""

    def __init__(self, problems: list[tuple[int, Text]]) -> None:
        self.problems = problems
        # One line per problem in each language, so a reader sees one language at a time.
        self.text = Text(
            "\n".join(f"第 {line} 行：{text.zh}" for line, text in problems),
            "\n".join(f"line {line}: {text.en}" for line, text in problems),
        )
        super().__init__(str(self.text))


def parse_schedule_csv(text: str) -> dict[int, YearSchedule]:
    """Read a schedule file (header ``date,kind,name``) into one schedule per calendar year.

    The file is typed from the State Council's notice, which gives each break as a range
    (policy.md): a ``holiday`` row on a weekend, or a ``workday`` row on Monday–Friday, is
    accepted and dropped, since it changes nothing. Errors are only what cannot be meant: a
    date that does not exist, a kind other than the two, one date given both kinds, and a year
    left with fewer than 240 or more than 260 working days (a typo such as a whole month off).
    Every problem in the file is reported at once. The ``source`` of each schedule is left
    empty for the caller, who knows the file name and the import date.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(text.splitlines())
    problems: list[tuple[int, Text]] = []
    seen: dict[date, tuple[int, Kind]] = {}
    days: list[ScheduleDay] = []
    first_line: dict[int, int] = {}
    header_seen = False
    for row in reader:
        line = reader.line_num
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        # Spreadsheets pad every row with empty columns once any row has a note beside it.
        if len(cells) > 3 and not any(cells[3:]):
            cells = cells[:3]
        if not header_seen:
            header_seen = True
            if tuple(cells) != CSV_HEADER:
                problems.append(
                    (
                        line,
                        Text(
                            f"第一行应为表头 date,kind,name，实际是“{','.join(row)}”",
                            "the first line must be the header date,kind,name, "
                            f"not “{','.join(row)}”",
                        ),
                    )
                )
                break
            continue
        day = _parse_row(line, cells, seen, problems)
        if day is None:
            continue
        first_line.setdefault(day.date.year, line)
        if day.date not in seen:
            seen[day.date] = (line, day.kind)
            if _changes_the_week(day):
                days.append(day)
    if not header_seen:
        problems.append(
            (
                1,
                Text(
                    "文件是空的，应以表头 date,kind,name 开始",
                    "the file is empty; it must start with the header date,kind,name",
                ),
            )
        )
    elif not days and not problems:
        problems.append(
            (reader.line_num, Text("表头之后没有任何日期", "no dates after the header"))
        )
    if problems:
        raise ScheduleError(problems)
    by_year: dict[int, list[ScheduleDay]] = {year: [] for year in first_line}
    for day in days:
        by_year[day.date.year].append(day)
    schedules = {
        year: YearSchedule(year, tuple(sorted(entries, key=lambda d: d.date)), "")
        for year, entries in sorted(by_year.items())
    }
    for year, schedule in schedules.items():
        count = len(WorkCalendar({year: schedule})._year(year).ordinals)
        if not WORKDAYS_PER_YEAR[0] <= count <= WORKDAYS_PER_YEAR[1]:
            problems.append(
                (
                    first_line[year],
                    Text(
                        f"导入后 {year} 年只剩 {count} 个工作日（应在 {WORKDAYS_PER_YEAR[0]}–"
                        f"{WORKDAYS_PER_YEAR[1]} 之间）：导入会替换全年，请核对日期，"
                        "或补全这一年的放假安排",
                        f"after the import {year} would have only {count} working days (it "
                        f"should have {WORKDAYS_PER_YEAR[0]}–{WORKDAYS_PER_YEAR[1]}): an "
                        "import replaces the whole year, so check the dates or complete the "
                        "year's holiday schedule",
                    ),
                )
            )
    if problems:
        raise ScheduleError(problems)
    return schedules


def _changes_the_week(day: ScheduleDay) -> bool:
    """A weekday off or a weekend day worked; a notice's weekend holidays change nothing."""
    return (day.kind == "holiday") == (day.date.weekday() < 5)


def _parse_row(
    line: int,
    cells: list[str],
    seen: Mapping[date, tuple[int, Kind]],
    problems: list[tuple[int, Text]],
) -> ScheduleDay | None:
    if len(cells) != 3:
        problems.append(
            (
                line,
                Text(
                    f"应有 3 列 date,kind,name，实际有 {len(cells)} 列",
                    f"expected 3 columns date,kind,name, found {len(cells)}",
                ),
            )
        )
        return None
    raw_date, kind, name = cells
    if not _ISO_DATE.fullmatch(raw_date):
        problems.append(
            (
                line,
                Text(
                    f"日期“{raw_date}”格式不对，应写成 YYYY-MM-DD，如 2027-10-01",
                    f"the date “{raw_date}” is not written as YYYY-MM-DD, e.g. 2027-10-01",
                ),
            )
        )
        return None
    try:
        day = date.fromisoformat(raw_date)
    except ValueError:
        problems.append(
            (
                line,
                Text(
                    f"日期“{raw_date}”不存在，请核对月份和日",
                    f"the date “{raw_date}” does not exist; check the month and day",
                ),
            )
        )
        return None
    checked_kind = _KINDS.get(kind)
    if checked_kind is None:
        problems.append(
            (
                line,
                Text(
                    f"kind“{kind}”无效，只能是 holiday（放假）或 workday（调休上班）",
                    f"kind “{kind}” is not valid; it must be holiday or workday",
                ),
            )
        )
        return None
    earlier = seen.get(day)
    if earlier is not None and earlier[1] != checked_kind:
        problems.append(
            (
                line,
                Text(
                    f"{raw_date} 在第 {earlier[0]} 行是 {earlier[1]}，这里又是 {kind}，请核对",
                    f"{raw_date} is {earlier[1]} on line {earlier[0]} and {kind} here; check it",
                ),
            )
        )
        return None
    # A name helps the reader of the calendar screen; a row without one still means its day.
    return ScheduleDay(day, checked_kind, name or _DEFAULT_NAMES[checked_kind])


@dataclass(frozen=True)
class _Year:
    source: str
    days: tuple[ScheduleDay, ...]
    off: frozenset[date]
    on: frozenset[date]
    # Proleptic ordinals of the year's working days, ascending: rank and select by bisection.
    ordinals: tuple[int, ...]


class WorkCalendar:
    """Working days of 1901–2100 and of any imported year.

    Immutable: after an import, build a new one from all imported years.
    """

    def __init__(self, imported: Mapping[int, YearSchedule] | None = None) -> None:
        self._imported = dict(imported or {})
        for year, schedule in self._imported.items():
            if schedule.year != year or any(d.date.year != year for d in schedule.days):
                raise ValueError(f"imported schedule filed under {year} holds other years")
        self._years: dict[int, _Year] = {}

    def is_workday(self, d: date) -> bool:
        year = self._year(d.year)
        return d in year.on or (d.weekday() < 5 and d not in year.off)

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after `start`; `start` itself never counts, n=0 gives `start`."""
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        if n == 0:
            return start
        year_no = start.year
        ordinals = self._year(year_no).ordinals
        # Working days of start's year that come after start, then whole years.
        index = bisect_right(ordinals, start.toordinal()) + n - 1
        while index >= len(ordinals):
            index -= len(ordinals)
            year_no += 1
            ordinals = self._year(year_no).ordinals
        return date.fromordinal(ordinals[index])

    def workdays_between(self, start: date, end: date) -> int:
        """How many working days d satisfy start < d <= end (0 when end <= start)."""
        if end <= start:
            return 0
        first = self._year(start.year).ordinals
        counted = -bisect_right(first, start.toordinal())
        for year_no in range(start.year, end.year):
            counted += len(self._year(year_no).ordinals)
        return counted + bisect_right(self._year(end.year).ordinals, end.toordinal())

    def kind_of_year(self, year: int) -> YearKind:
        if year in self._imported:
            return "imported"
        if year in _published_years():
            return "published"
        return "statutory"

    def is_provisional(self, year: int) -> bool:
        return self.kind_of_year(year) == "statutory"

    def source(self, year: int) -> str:
        kind = self.kind_of_year(year)
        if kind == "imported":
            return self._imported[year].source or f"{year} 年导入的放假安排"
        if kind == "published":
            return (
                f"国务院办公厅公布的 {year} 年放假安排"
                f"（内置于 chinese-calendar {chinese_calendar.__version__}）"
            )
        return (
            f"{year} 年放假安排尚未公布，暂按《全国年节及纪念日放假办法》（2024 年修订）"
            f"的 13 天法定假日及其补假推算，不含调休（农历日期由 lunardate "
            "计算）；据此算出的期限为暂定"
        )

    def year_days(self, year: int) -> list[CalendarDay]:
        """The year's weekdays off and weekend days worked, by date, each with its source."""
        entry = self._year(year)
        return [CalendarDay(d.date, d.kind, d.name, entry.source) for d in entry.days]

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build(year)
        return cached

    def _build(self, year: int) -> _Year:
        kind = self.kind_of_year(year)
        if kind == "imported":
            # Rows come back from the database in any order, and were checked on import.
            days: tuple[ScheduleDay, ...] = tuple(
                sorted(self._imported[year].days, key=lambda d: d.date)
            )
        elif kind == "published":
            days = _published_days(year)
        else:
            days = statutory_weekdays_off(year)
        off = frozenset(d.date for d in days if d.kind == "holiday")
        on = frozenset(d.date for d in days if d.kind == "workday")
        ordinals = tuple(
            d.toordinal() for d in _dates_of(year) if d in on or (d.weekday() < 5 and d not in off)
        )
        return _Year(self.source(year), days, off, on, ordinals)


def statutory_days_off(year: int) -> list[ScheduleDay]:
    """The 13 days the holiday law itself fixes for `year`, weekends included, by date.

    Two festivals on one date (Mid-Autumn within National Day, as in 2028) give one day
    named after both.
    """
    if year not in FALLBACK_YEARS:
        raise BadInput(
            Text(
                f"{year} 年既无公布的放假安排，也超出农历推算范围 "
                f"{FALLBACK_YEARS.start}–{FALLBACK_YEARS.stop - 1} 年，请导入该年的放假安排",
                f"{year} has no published holiday schedule and is outside the lunar "
                f"calculation's range {FALLBACK_YEARS.start}–{FALLBACK_YEARS.stop - 1}; "
                "import that year's holiday schedule",
            )
        )
    new_year = _lunar(year, 1, 1)
    named: list[tuple[date, str]] = [
        (date(year, 1, 1), "元旦"),
        # The eve is the last day of lunar month 12, whether that month has 29 or 30 days.
        (new_year - timedelta(days=1), "春节（除夕）"),
        (new_year, "春节"),
        (new_year + timedelta(days=1), "春节"),
        (new_year + timedelta(days=2), "春节"),
        (qingming(year), "清明"),
        (date(year, 5, 1), "劳动节"),
        (date(year, 5, 2), "劳动节"),
        (_lunar(year, 5, 5), "端午"),
        (_lunar(year, 8, 15), "中秋"),
        (date(year, 10, 1), "国庆节"),
        (date(year, 10, 2), "国庆节"),
        (date(year, 10, 3), "国庆节"),
    ]
    names: dict[date, list[str]] = {}
    for day, name in named:
        if name not in names.setdefault(day, []):
            names[day].append(name)
    return [ScheduleDay(day, "holiday", "、".join(names[day])) for day in sorted(names)]


def statutory_weekdays_off(year: int) -> tuple[ScheduleDay, ...]:
    """The weekdays off in a year with no published schedule: the statutory days that fall on
    Monday–Friday, and a make-up day (补假) for each that falls on a weekend.

    Article 6 of the holiday law: a statutory day on a Saturday or Sunday is made up on the
    next working day after that holiday. A run of statutory days is one holiday, so its
    make-up days follow the run (2027: Spring Festival 5–8 February, Friday to Monday, gives
    9 and 10 February).
    """
    statutory = statutory_days_off(year)
    off = {d.date for d in statutory}
    days = [d for d in statutory if d.date.weekday() < 5]
    owed: list[str] = []
    for day in statutory:
        if day.date.weekday() >= 5:
            owed.append(day.name)
        if day.date + timedelta(days=1) in off:
            continue
        candidate = day.date
        for name in owed:
            candidate += timedelta(days=1)
            while candidate.weekday() >= 5 or candidate in off:
                candidate += timedelta(days=1)
            off.add(candidate)
            days.append(ScheduleDay(candidate, "holiday", f"{name}补假"))
        owed = []
    return tuple(sorted(days, key=lambda d: d.date))


def qingming(year: int) -> date:
    """The day of the Qingming solar term (清明), from chinese-calendar's solar-term formula."""
    terms: list[tuple[date, str]] = chinese_calendar.get_solar_terms(
        date(year, 4, 1), date(year, 4, 30)
    )
    return next(day for day, name in terms if name == "清明")


def _lunar(year: int, month: int, day: int) -> date:
    """The solar date of a day of the (non-leap) lunar month, from lunardate's 1900–2099 tables."""
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


def _dates_of(year: int) -> Iterable[date]:
    first = date(year, 1, 1).toordinal()
    return (date.fromordinal(o) for o in range(first, date(year + 1, 1, 1).toordinal()))


@cache
def _published_years() -> frozenset[int]:
    return frozenset(d.year for d in published.holidays) | frozenset(
        d.year for d in published.workdays
    )


@cache
def _published_days(year: int) -> tuple[ScheduleDay, ...]:
    chinese = {h.value: h.chinese for h in published.Holiday}
    # The tables list whole holiday runs, weekends included; only weekdays off change the week.
    off = [
        ScheduleDay(d, "holiday", chinese.get(name, name))
        for d, name in published.holidays.items()
        if d.year == year and d.weekday() < 5
    ]
    on = [
        ScheduleDay(d, "workday", f"{chinese.get(name, name)}调休上班")
        for d, name in published.workdays.items()
        if d.year == year
    ]
    return tuple(sorted(off + on, key=lambda d: d.date))
