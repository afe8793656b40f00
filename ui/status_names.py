"""What the screens call statuses, services, utilities and permits, in the UI's language.

The codes come from the core and the utilities (utility-api.md); the names are Chinese source
strings translated through Qt. A status a utility sends that is not known here is shown as it
came, never dropped. Each status also has a kind that picks its colour (always beside a word).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "StatusNames"

_STATUSES = {
    "queued": QT_TRANSLATE_NOOP("StatusNames", "待发送"),
    "delayed": QT_TRANSLATE_NOOP("StatusNames", "发送延迟"),
    "needs_attention": QT_TRANSLATE_NOOP("StatusNames", "需处理"),
    "accepted": QT_TRANSLATE_NOOP("StatusNames", "已受理"),
    "surveying": QT_TRANSLATE_NOOP("StatusNames", "勘查中"),
    "awaiting_applicant": QT_TRANSLATE_NOOP("StatusNames", "待申请人补正"),
    "awaiting_approval": QT_TRANSLATE_NOOP("StatusNames", "行政审批中"),
    "constructing": QT_TRANSLATE_NOOP("StatusNames", "外线施工中"),
    "inspecting": QT_TRANSLATE_NOOP("StatusNames", "验收中"),
    "connected": QT_TRANSLATE_NOOP("StatusNames", "已开通"),
    "rejected": QT_TRANSLATE_NOOP("StatusNames", "不予受理/退回"),
    "cancelled": QT_TRANSLATE_NOOP("StatusNames", "已撤销"),
}

# The order the status filter lists them in: the life of a ticket.
STATUS_ORDER = tuple(_STATUSES)

_SERVICES = {
    "new_connection": QT_TRANSLATE_NOOP("StatusNames", "新装"),
    "capacity_change": QT_TRANSLATE_NOOP("StatusNames", "增容/变更"),
    "transfer": QT_TRANSLATE_NOOP("StatusNames", "过户"),
    "repair": QT_TRANSLATE_NOOP("StatusNames", "维修"),
    "disconnect": QT_TRANSLATE_NOOP("StatusNames", "销户"),
}

_UTILITIES = {
    "water": QT_TRANSLATE_NOOP("StatusNames", "供水"),
    "power": QT_TRANSLATE_NOOP("StatusNames", "供电"),
    "gas": QT_TRANSLATE_NOOP("StatusNames", "供气"),
}

_UTILITY_SHORT = {
    "water": QT_TRANSLATE_NOOP("StatusNames", "水"),
    "power": QT_TRANSLATE_NOOP("StatusNames", "电"),
    "gas": QT_TRANSLATE_NOOP("StatusNames", "气"),
}

_PERMITS = {
    "road_excavation": QT_TRANSLATE_NOOP("StatusNames", "挖掘城市道路"),
    "tree_felling": QT_TRANSLATE_NOOP("StatusNames", "砍伐城市树木"),
    "green_space_occupation": QT_TRANSLATE_NOOP("StatusNames", "占用城市绿地"),
}

_PERMIT_STATES = {
    "requested": QT_TRANSLATE_NOOP("StatusNames", "已申请代办"),
    "in_progress": QT_TRANSLATE_NOOP("StatusNames", "办理中"),
    "granted": QT_TRANSLATE_NOOP("StatusNames", "已取得"),
    "refused": QT_TRANSLATE_NOOP("StatusNames", "未获批准"),
}

# Colour kinds (ux.md, Look): green done, blue in progress, amber paused, red a person must
# act, grey ended without connection.
_KINDS = {
    "connected": "done",
    "awaiting_applicant": "paused",
    "awaiting_approval": "paused",
    "constructing": "paused",
    "needs_attention": "alarm",
    "delayed": "alarm",
    "cancelled": "ended",
    "rejected": "ended",
}

KIND_COLOURS = {
    "done": "#1e7b34",
    "progress": "#1f5fa8",
    "paused": "#8a5a0c",
    "alarm": "#b3261e",
    "ended": "#5f6b7a",
}


def _tr(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return QCoreApplication.translate(_CONTEXT, source) if source else code


def status_name(status: str) -> str:
    return _tr(_STATUSES, status)


def status_kind(status: str) -> str:
    return _KINDS.get(status, "progress")


def status_colour(status: str) -> str:
    return KIND_COLOURS[status_kind(status)]


def service_name(service: str) -> str:
    return _tr(_SERVICES, service)


def utility_name(utility: str) -> str:
    return _tr(_UTILITIES, utility)


def utility_short(utility: str) -> str:
    return _tr(_UTILITY_SHORT, utility)


def permit_name(kind: str) -> str:
    return _tr(_PERMITS, kind)


def permit_state_name(state: str) -> str:
    return _tr(_PERMIT_STATES, state)
