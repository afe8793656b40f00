"""Which tickets documents brought late (容缺补齐) are for, decided without the database
(tickets.actions.record_late_materials loads the application's tickets, asks, applies).

A document is one for the visit: it is received for every open ticket of the application that
waits for it. What a connected, rejected or cancelled ticket once waited for is not asked any
more; a document received already, waived, or waited for by no ticket is refused by name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from onewindow.clocks.sla import STOPPED
from onewindow.codes import Text
from onewindow.errors import BadInput


class Document(Protocol):
    """What the decision needs of one of a ticket's documents (a Material row)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def received(self) -> bool: ...
    @property
    def waived_reason(self) -> str | None: ...


class Holder(Protocol):
    """A ticket with its documents."""

    @property
    def status(self) -> str: ...
    @property
    def materials(self) -> Sequence[Document]: ...


T = TypeVar("T", bound=Holder)


@dataclass(frozen=True)
class LatePlan(Generic[T]):
    """The documents asked for (each once, in the order given) and each open ticket waiting
    for any of them, with the positions in its `materials` of the documents to mark received."""

    codes: tuple[str, ...]
    waiting: tuple[tuple[T, tuple[int, ...]], ...]


def plan_late_materials(codes: Iterable[str], tickets: Sequence[T]) -> LatePlan[T]:
    wanted = tuple(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not wanted:
        raise BadInput(Text("请选择补交的材料", "choose the documents brought"))
    names: dict[str, str] = {}
    received: set[str] = set()
    waived: set[str] = set()
    waiting: list[tuple[T, tuple[int, ...]]] = []
    demanded: set[str] = set()
    for ticket in tickets:
        mine: list[int] = []
        for position, m in enumerate(ticket.materials):
            names.setdefault(m.code, m.name)
            if m.received:
                received.add(m.code)
            elif m.waived_reason:
                waived.add(m.code)
            elif m.code in wanted and ticket.status not in STOPPED:
                mine.append(position)
                demanded.add(m.code)
        if mine:
            waiting.append((ticket, tuple(mine)))
    for problem, found in (
        (Text("这些材料已经收取过", "received already"), [c for c in wanted if c in received]),
        (
            Text("本次办理不需要这些材料", "not needed for this application"),
            [c for c in wanted if c in waived - received],
        ),
        (
            Text("本申请没有工单在等待这些材料", "no ticket of the application waits for"),
            [c for c in wanted if c not in demanded | received | waived],
        ),
    ):
        if found:
            listed = "、".join(names.get(c, c) for c in found)
            raise BadInput(Text(f"{problem.zh}：{listed}", f"{problem.en}: {', '.join(found)}"))
    return LatePlan(wanted, tuple(waiting))
