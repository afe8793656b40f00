"""Hall time. Logic takes `now` from its caller; only the edges (CLI, UI, worker) read the clock."""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

HALL_TZ = timezone(timedelta(hours=8), "UTC+08:00")

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def hall_date(moment: datetime) -> date:
    """The calendar date in the hall (UTC+8) of an aware moment."""
    return moment.astimezone(HALL_TZ).date()


def hall_time(moment: datetime) -> datetime:
    return moment.astimezone(HALL_TZ)


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(HALL_TZ).isoformat(timespec="seconds")


def parse_rfc3339(value: object) -> datetime | None:
    """A time a utility sent (RFC 3339, with its offset), or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None
