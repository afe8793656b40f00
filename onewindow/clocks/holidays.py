"""Imported holiday schedules, kept in the database, and the calendar built on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from onewindow.access.users import Actor, Permission
from onewindow.audit import chain as audit
from onewindow.clocks.workdays import (
    ScheduleDay,
    ScheduleError,
    WorkCalendar,
    YearSchedule,
    parse_schedule_csv,
)
from onewindow.codes import Text
from onewindow.errors import BadInput
from onewindow.store.models import HolidayYear


def load_calendar(session: Session) -> WorkCalendar:
    imported = {}
    for row in session.scalars(select(HolidayYear)):
        days = tuple(
            ScheduleDay(
                date=datetime.fromisoformat(d["date"]).date(), kind=d["kind"], name=d["name"]
            )
            for d in row.days
        )
        imported[row.year] = YearSchedule(year=row.year, days=days, source=row.source)
    return WorkCalendar(imported)


def import_schedule(
    session: Session, actor: Actor, text: str, *, file_name: str, now: datetime
) -> list[int]:
    """Store each year of a `date,kind,name` CSV, replacing that year's earlier data."""
    actor.require(Permission.ADMINISTER)
    try:
        years = parse_schedule_csv(text)
    except ScheduleError as exc:
        raise BadInput(Text(f"{file_name}: {exc.text.zh}", f"{file_name}: {exc.text.en}")) from None
    if not years:
        raise BadInput(Text(f"{file_name}: 文件中没有日期", "no dates in the file"))
    for year, schedule in sorted(years.items()):
        source = f"导入自 {file_name}（{now.date().isoformat()}，{actor.name}）"
        days = [{"date": d.date.isoformat(), "kind": d.kind, "name": d.name} for d in schedule.days]
        row = session.get(HolidayYear, year)
        previous = None
        if row is None:
            session.add(
                HolidayYear(
                    year=year, source=source, imported_at=now, imported_by=actor.name, days=days
                )
            )
        else:
            previous = row.source
            row.source, row.imported_at, row.imported_by, row.days = source, now, actor.name, days
        audit.record(
            session,
            actor=actor.name,
            action="holidays.import",
            now=now,
            entity_type="holiday_year",
            entity_id=str(year),
            details={"file": file_name, "days": len(days), "replaced": previous},
        )
    return sorted(years)
