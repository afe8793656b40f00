"""The one vocabulary: every code the program stores or exchanges, with its Chinese and English
label, and the one way dates are written in Chinese.

Screens, papers, reports, CSV files and commands take their labels from here, so that a service
is 增容 on the form, the list, the receipt and the report alike. The bundled simulator keeps its
own copy on purpose: it imitates a utility's system, which has a vocabulary of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import NamedTuple

from onewindow.clock import HALL_TZ


class Text(NamedTuple):
    """A message or label in both of the program's languages."""

    zh: str
    en: str

    def pick(self, language: str) -> str:
        return self.en if language == "en" else self.zh

    def __str__(self) -> str:
        # One line for a log or a terminal, where both readers may be present.
        return self.zh if self.zh == self.en else f"{self.zh} / {self.en}"


def label(table: Mapping[str, Text], code: str) -> Text:
    """The label of `code`, or the code itself when it is not known (a utility's new status)."""
    return table.get(code, Text(code, code))


UTILITIES: Mapping[str, Text] = {
    "water": Text("供水", "Water"),
    "power": Text("供电", "Power"),
    "gas": Text("供气", "Gas"),
}

UTILITY_SHORT: Mapping[str, Text] = {
    "water": Text("水", "Water"),
    "power": Text("电", "Power"),
    "gas": Text("气", "Gas"),
}

SERVICES: Mapping[str, Text] = {
    "new_connection": Text("新装", "New connection"),
    "capacity_change": Text("增容", "Capacity change"),
    "transfer": Text("过户", "Transfer"),
    "repair": Text("维修", "Repair"),
    "disconnect": Text("销户", "Disconnection"),
}

APPLICANT_KINDS: Mapping[str, Text] = {
    "person": Text("个人", "Person"),
    "organization": Text("单位", "Organisation"),
}

ID_TYPES: Mapping[str, Text] = {
    "resident_id": Text("居民身份证", "Resident ID card"),
    "uscc": Text("统一社会信用代码", "Unified social credit code"),
    "passport": Text("护照", "Passport"),
    "hk_macao_taiwan_permit": Text("港澳台居民通行证", "HK/Macao/Taiwan permit"),
    "other": Text("其他证件", "Other document"),
}

USAGES: Mapping[str, Text] = {
    "residential": Text("居民生活", "Residential"),
    "non_residential": Text("非居民", "Non-residential"),
    "fire": Text("消防", "Fire service"),
    "commercial": Text("商业", "Commercial"),
    "industrial": Text("工业", "Industrial"),
}

# Which usages each utility offers (combined-form.md), in the order a form lists them.
USAGES_BY_UTILITY: Mapping[str, tuple[str, ...]] = {
    "water": ("residential", "non_residential", "fire"),
    "power": ("residential", "commercial", "industrial"),
    "gas": ("residential", "commercial", "industrial"),
}

VOLTAGES: tuple[str, ...] = ("220V", "380V", "10kV")

PERMITS: Mapping[str, Text] = {
    "road_excavation": Text("挖掘城市道路", "Road excavation"),
    "tree_felling": Text("砍伐城市树木", "Tree felling"),
    "green_space_occupation": Text("占用城市绿地", "Green space occupation"),
}

PERMIT_STATES: Mapping[str, Text] = {
    "requested": Text("已申请代办", "Requested"),
    "in_progress": Text("办理中", "In progress"),
    "granted": Text("已取得", "Granted"),
    "refused": Text("未获批准", "Refused"),
}

# A ticket's statuses in the order of its life: the local ones before and during delivery,
# then the utility's (utility-api.md, "Status values").
STATUSES: Mapping[str, Text] = {
    "queued": Text("待发送", "Queued"),
    "delayed": Text("发送延迟", "Delayed"),
    "needs_attention": Text("需处理", "Needs attention"),
    "cancel_requested": Text("撤销中", "Cancel requested"),
    "accepted": Text("已受理", "Accepted"),
    "surveying": Text("勘查中", "Surveying"),
    "awaiting_applicant": Text("待申请人补正", "Awaiting applicant"),
    "awaiting_approval": Text("行政审批中", "Awaiting approval"),
    "constructing": Text("外线施工中", "External works"),
    "inspecting": Text("验收中", "Inspection"),
    "connected": Text("已开通", "Connected"),
    "rejected": Text("不予受理/退回", "Rejected / returned"),
    "cancelled": Text("已撤销", "Cancelled"),
}

# Entries the client writes into a ticket's timeline beside the statuses; they leave the status
# (and the clock) as it was.
TIMELINE_ENTRIES: Mapping[str, Text] = {
    "cancel_refused": Text("撤销未获同意", "Cancel refused"),
    "materials_refused": Text("补交材料未被受理", "Late materials refused"),
}

# Statuses after which nothing more happens to a ticket.
FINAL_STATUSES = frozenset({"connected", "rejected", "cancelled"})

# What each status means for the clock and the colour a screen gives it (ux.md, Look): done,
# in progress, paused, a person must act, ended without connection.
STATUS_KINDS: Mapping[str, str] = {
    "connected": "done",
    "awaiting_applicant": "paused",
    "awaiting_approval": "paused",
    "constructing": "paused",
    "needs_attention": "alarm",
    "delayed": "alarm",
    "cancel_requested": "paused",
    "cancelled": "ended",
    "rejected": "ended",
}

ROLES: Mapping[str, Text] = {
    "clerk": Text("受理员", "Clerk"),
    "lead": Text("班组长", "Team lead"),
    "admin": Text("管理员", "Administrator"),
}

MATERIAL_STATES: Mapping[str, Text] = {
    "received": Text("已收", "Received"),
    "to_follow": Text("容缺", "To follow"),
    "waived": Text("不需要", "Not needed"),
}

UNASSIGNED = Text("待分配", "Pending")

# Training mode (onewindow.exchange.training_scenarios): how fast the simulated utilities move
# tickets, and what a trainer can make happen to a ticket.
TRAINING_PACES: Mapping[str, Text] = {
    "realtime": Text("接近实际（每步约4小时）", "Real-time-like (a step every 4 hours)"),
    "minutes": Text("演示（每步5分钟）", "Demonstration (a step every 5 minutes)"),
    "seconds": Text("快速演示（每步20秒）", "Quick demonstration (a step every 20 seconds)"),
}

TRAINING_SCENARIOS: Mapping[str, Text] = {
    "refuse_cancel": Text("受理单位拒绝下一次撤销", "Utility refuses the next cancel"),
    "overdue": Text("使工单超期", "Make this ticket overdue"),
    "returned": Text("退回补正", "Returned for correction"),
    "refused": Text("不予受理", "Refused by the utility"),
}

_WEEKDAYS_ZH = "一二三四五六日"


def zh_weekday(day: date) -> str:
    """周一 … 周日."""
    return f"周{_WEEKDAYS_ZH[day.weekday()]}"


def zh_date(day: date, *, weekday: bool = False) -> str:
    """A date as clerks write it: 2026年12月4日, with the weekday 2026年12月4日（周五）."""
    text = f"{day.year}年{day.month}月{day.day}日"
    return f"{text}（{zh_weekday(day)}）" if weekday else text


def zh_month_day(day: date) -> str:
    """A date within the year, as on a checklist: 12月4日."""
    return f"{day.month}月{day.day}日"


def zh_moment(moment: datetime) -> str:
    """An aware moment in hall time, 24-hour: 2026年11月27日 09:30."""
    local = moment.astimezone(HALL_TZ)
    return f"{zh_date(local.date())} {local:%H:%M}"
