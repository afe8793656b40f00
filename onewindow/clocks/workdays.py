"""The working-day calendar: which dates the hall's clocks count (policy.md, "Working days").

A year's data comes from one of three places, the first that has it:

1. an imported schedule (``onewindow holidays import FILE``), which replaces the year whole;
2. the State Council's published schedule as shipped in the chinese-calendar package;
3. the law alone: Monday–Friday minus the 13 statutory days of 全国年节及纪念日放假办法
   (as amended 2024). Such a year is *provisional*: the schedule published later usually adds
   bridge days and adjusted working weekends (调休), so due dates resting on it may still move.

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

from onewindow.errors import BadInput

Kind = Literal["holiday", "workday"]
YearKind = Literal["imported", "published", "statutory"]

CSV_HEADER = ("date", "kind", "name")
_KINDS: dict[str, Kind] = {"holiday": "holiday", "workday": "workday"}

# lunardate's tables cover 1900–2099 (1900's new year needs 1899's eve).
FALLBACK_YEARS = range(1901, 2100)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


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

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        self.problems = problems
        super().__init__(
            "\n".join(f"第 {line} 行 (line {line})：{text}" for line, text in problems)
        )


def parse_schedule_csv(text: str) -> dict[int, YearSchedule]:
    """Read a schedule file (header ``date,kind,name``) into one schedule per calendar year.

    Only dates that change the plain week belong in the file: ``holiday`` rows must fall on
    Monday–Friday and ``workday`` rows on Saturday or Sunday. A weekend "holiday" is rejected
    rather than ignored, because it changes nothing and is most often a mistyped date. Every
    problem in the file is reported at once. The ``source`` of each schedule is left empty for
    the caller, who knows the file name and the import date.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(text.splitlines())
    problems: list[tuple[int, str]] = []
    seen: dict[date, int] = {}
    days: list[ScheduleDay] = []
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
                problems.append((line, f"第一行应为表头 date,kind,name，实际是“{','.join(row)}”"))
                break
            continue
        day = _parse_row(line, cells, seen, problems)
        if day is not None:
            seen[day.date] = line
            days.append(day)
    if not header_seen:
        problems.append((1, "文件是空的，应以表头 date,kind,name 开始 (the file is empty)"))
    elif not days and not problems:
        problems.append((reader.line_num, "表头之后没有任何日期 (no dates after the header)"))
    if problems:
        raise ScheduleError(problems)
    by_year: dict[int, list[ScheduleDay]] = {}
    for day in days:
        by_year.setdefault(day.date.year, []).append(day)
    return {
        year: YearSchedule(year, tuple(sorted(entries, key=lambda d: d.date)), "")
        for year, entries in sorted(by_year.items())
    }


def _parse_row(
    line: int, cells: list[str], seen: Mapping[date, int], problems: list[tuple[int, str]]
) -> ScheduleDay | None:
    if len(cells) != 3:
        problems.append((line, f"应有 3 列 date,kind,name，实际有 {len(cells)} 列"))
        return None
    raw_date, kind, name = cells
    if not _ISO_DATE.fullmatch(raw_date):
        problems.append((line, f"日期“{raw_date}”格式不对，应写成 YYYY-MM-DD，如 2027-10-01"))
        return None
    try:
        day = date.fromisoformat(raw_date)
    except ValueError:
        problems.append((line, f"日期“{raw_date}”不存在，请核对月份和日"))
        return None
    checked_kind = _KINDS.get(kind)
    if checked_kind is None:
        problems.append((line, f"kind“{kind}”无效，只能是 holiday（放假）或 workday（调休上班）"))
        return None
    if not name:
        problems.append((line, f"{raw_date} 缺少 name，请写上节日名称，如“国庆节”"))
        return None
    if day in seen:
        problems.append((line, f"{raw_date} 与第 {seen[day]} 行重复"))
        return None
    weekday = day.weekday()
    if kind == "holiday" and weekday >= 5:
        problems.append(
            (
                line,
                f"{raw_date} 是{_WEEKDAY_NAMES[weekday]}，本来就休息；"
                "holiday 只列周一至周五的放假日，请删去这一行或核对日期",
            )
        )
        return None
    if kind == "workday" and weekday < 5:
        problems.append(
            (
                line,
                f"{raw_date} 是{_WEEKDAY_NAMES[weekday]}，本来就上班；"
                "workday 只列调休上班的周六、周日，请核对日期",
            )
        )
        return None
    return ScheduleDay(day, checked_kind, name)


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
            f"的 13 天法定假日推算，不含调休（农历日期由 lunardate "
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
            days = tuple(d for d in statutory_days_off(year) if d.date.weekday() < 5)
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
            f"{year} 年既无公布的放假安排，也超出农历推算范围 "
            f"{FALLBACK_YEARS.start}–{FALLBACK_YEARS.stop - 1} 年，请导入该年的放假安排"
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
