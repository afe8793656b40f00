"""Application numbers `HALLCODE-YYYYMMDD-NNNN`: unique per hall and day, never reused.

One counter row per hall and day, bumped with an upsert that returns the new value. The row
lock it takes is held to the end of the submitting transaction, so concurrent counters on
one PostgreSQL get distinct numbers; a submission that rolls back after taking a number
leaves a gap, which is allowed.
"""

from datetime import date

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from onewindow.store.models import NumberCounter


def next_application_no(session: Session, hall_code: str, day: date) -> str:
    key = day.strftime("%Y%m%d")
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values = insert(NumberCounter).values(hall_code=hall_code, day=key, last_no=1)
    stmt = values.on_conflict_do_update(
        index_elements=[NumberCounter.hall_code, NumberCounter.day],
        set_={"last_no": NumberCounter.last_no + 1},
    ).returning(NumberCounter.last_no)
    number = session.execute(stmt).scalar_one()
    return f"{hall_code}-{key}-{number:04d}"
