"""The units of work the counter screens hand to the background worker.

Each function opens its own transaction with `hall.unit()` (sessions are never shared
between threads) and returns plain data, so nothing that needs a live session reaches a
widget. Widgets never import SQLAlchemy; they call these through `ui.tasks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onewindow.codes import Text

if TYPE_CHECKING:
    from onewindow.config import Config
    from onewindow.exchange.training import TrainingUtilities
    from onewindow.hall import Context, Hall
    from onewindow.papers.printing import Paper
    from onewindow.papers.receipts import Format


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    username: str
    display_name: str
    role: str
    must_change_password: bool


@dataclass(frozen=True)
class TicketLine:
    utility: str
    service: str
    due: date | None
    provisional: bool
    limit_workdays: int | None


@dataclass(frozen=True)
class MissingMaterial:
    utility: str
    name: str
    due: date | None


@dataclass(frozen=True)
class Submitted:
    application_no: str
    received_at: datetime
    lines: tuple[TicketLine, ...]
    missing: tuple[MissingMaterial, ...]


@dataclass
class Opened:
    """The open hall and, in training mode, the simulators standing in for the utilities."""

    hall: Hall
    training: TrainingUtilities | None
    # False on a fresh database: nobody can sign in until an administrator is created.
    has_users: bool = True
    # True in training mode: the training accounts exist (onewindow.exchange.training).
    training_accounts: bool = False

    def close(self) -> None:
        self.hall.close()
        if self.training is not None:
            self.training.stop()


def open_configured(config_file: str | None, *, training_pace: str | None = None) -> Opened:
    """Read the configuration (`--config`, $ONEWINDOW_CONFIG, the user's file, else training
    mode) and open its hall; in training mode the simulators move at `training_pace` when
    given (a name of config.TRAINING_PACE_SECONDS)."""
    from dataclasses import replace

    from onewindow.config import check_training_pace, load

    config = load(config_file)
    if config.training and training_pace is not None:
        config = replace(config, training_pace=check_training_pace(training_pace))
    return open_hall(config)


def open_hall(config: Config) -> Opened:
    """Open the database (upgrading its schema) and in training mode start the simulators.

    Runs on the worker: SQLAlchemy, Alembic and the simulators are imported here, after the
    sign-in window is already on screen.
    """
    from onewindow.hall import Hall

    training = None
    if config.training:
        from onewindow.exchange.training import start_training

        training = start_training(config)
        config = training.config
    try:
        hall = Hall.open(config)
        if training is not None:
            from onewindow.exchange.training import ensure_training_accounts

            ensure_training_accounts(hall)
            return Opened(hall, training, training_accounts=True)
        return Opened(hall, training, has_users=_has_users(hall))
    except BaseException:
        if training is not None:
            training.stop()
        raise


def sign_in(hall: Hall, username: str, password: str) -> SignedIn:
    """Check a sign-in (`onewindow.access.users.sign_in`: a failure is committed before it is
    raised, so five in a row lock)."""
    from onewindow.access import users

    user = users.sign_in(hall.sessions, username, password, now=hall.now())
    return SignedIn(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        must_change_password=user.must_change_password,
    )


def change_password(hall: Hall, user_id: int, old: str, new: str) -> None:
    from onewindow.access import users
    from onewindow.access.acting import acting_user

    with hall.unit() as (session, ctx):
        users.change_password(session, acting_user(session, user_id), old, new, now=ctx.now)


def form_context(hall: Hall) -> Context:
    """Catalogue, policy and calendar for checking the form as the clerk types (pure values)."""
    with hall.unit() as (_session, ctx):
        return ctx


def submit(hall: Hall, user_id: int, form: dict[str, Any]) -> Submitted:
    from onewindow.access.acting import acting_user
    from onewindow.access.users import Actor
    from onewindow.clocks.due_dates import clock_of
    from onewindow.intake.submit import submit_application

    with hall.unit() as (session, ctx):
        clerk = acting_user(session, user_id)
        application = submit_application(session, Actor.of(clerk), form, clerk=clerk, ctx=ctx)
        lines = []
        missing: list[MissingMaterial] = []
        for ticket in application.tickets:
            clock = clock_of(ticket, application, ctx)
            lines.append(
                TicketLine(
                    utility=ticket.utility,
                    service=ticket.service,
                    due=clock.due,
                    provisional=clock.provisional,
                    limit_workdays=clock.limit_workdays,
                )
            )
            missing.extend(
                MissingMaterial(utility=ticket.utility, name=m.name, due=m.due)
                for m in ticket.materials
                if not m.received and not m.waived_reason  # 不需要 is not missing
            )
        return Submitted(
            application_no=application.application_no,
            received_at=application.received_at,
            lines=tuple(lines),
            missing=tuple(missing),
        )


def rate(hall: Hall, user_id: int, application_no: str, rating: int, comment: str) -> int:
    from onewindow.access.acting import acting
    from onewindow.intake.ratings import record_rating

    with hall.unit() as (session, ctx):
        record_rating(
            session, acting(session, user_id), application_no, rating, comment, now=ctx.now
        )
    return rating


def _has_users(hall: Hall) -> bool:
    from sqlalchemy import select

    from onewindow.store.models import User

    with hall.unit() as (session, _ctx):
        return session.scalar(select(User.id).limit(1)) is not None


def paper_preview(hall: Hall, user_id: int, application_no: str, paper: str, fmt: str) -> bytes:
    """The next copy of a paper as it will look, printed now: shown on screen, not logged."""
    from onewindow.access.acting import acting
    from onewindow.papers.printing import paper_pdf

    with hall.unit() as (session, ctx):
        actor = acting(session, user_id)
        return paper_pdf(
            session,
            hall.config,
            application_no,
            _paper(paper),
            actor=actor,
            now=ctx.now,
            fmt=_format(fmt),
        )


def paper_copies(
    hall: Hall,
    user_id: int,
    application_no: str,
    papers: tuple[tuple[str, str], ...],
    via: str,
    *,
    out: str | None = None,
) -> tuple[bytes, ...]:
    """Copies of papers ((paper, format) each) made at this moment, counted and logged in one
    transaction, so a receipt and its notice printed as one job are accounted for together.
    With `out` (a copy saved as PDF) the first is written there inside the transaction: a
    file that cannot be written is not counted."""
    from onewindow.access.acting import acting
    from onewindow.errors import BadInput
    from onewindow.papers.printing import paper_pdf

    if via not in ("print", "pdf"):
        raise ValueError(f"unknown way to copy: {via!r}")
    with hall.unit() as (session, ctx):
        actor = acting(session, user_id)
        documents = tuple(
            paper_pdf(
                session,
                hall.config,
                application_no,
                _paper(paper),
                actor=actor,
                now=ctx.now,
                fmt=_format(fmt),
                via="print" if via == "print" else "pdf",
            )
            for paper, fmt in papers
        )
        if out is not None:
            try:
                Path(out).write_bytes(documents[0])
            except OSError as exc:
                raise BadInput(
                    Text(
                        f"无法保存到 {out}：{exc.strerror}", f"cannot save to {out}: {exc.strerror}"
                    )
                ) from None
        return documents


def _paper(paper: str) -> Paper:
    from onewindow.papers.printing import PAPERS

    for known in PAPERS:
        if paper == known:
            return known
    raise ValueError(f"unknown paper: {paper!r}")


def _format(fmt: str) -> Format:
    return "roll80" if fmt == "roll80" else "a4"
