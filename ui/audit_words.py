"""The audit trail in words (issue 10.10): who by name, what as a phrase, which ticket by its
application number, and the details as a sentence, never an internal code, a UUID or JSON.

The codes stay in the CSV export and in the filter (what a script or an auditor matches on);
the screen says them the way a lead reads them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from onewindow.audit.query import AuditRow
from onewindow.codes import (
    STATUSES,
    TIMELINE_ENTRIES,
    TRAINING_PACES,
    TRAINING_SCENARIOS,
    label,
)
from onewindow.desk.lead_work import AuditNames
from ui import i18n
from ui.status_names import role_name, status_name, utility_name

_CONTEXT = "AuditWords"

ACTIONS: Mapping[str, object] = {
    "application.submit": QT_TRANSLATE_NOOP("AuditWords", "受理申请"),
    "application.rate": QT_TRANSLATE_NOOP("AuditWords", "记录评价"),
    "audit.anchor": QT_TRANSLATE_NOOP("AuditWords", "记录审计锚点"),
    "audit.export": QT_TRANSLATE_NOOP("AuditWords", "导出审计记录"),
    "audit.rekey": QT_TRANSLATE_NOOP("AuditWords", "更换审计密钥"),
    "audit.verify": QT_TRANSLATE_NOOP("AuditWords", "核验审计记录"),
    "backup": QT_TRANSLATE_NOOP("AuditWords", "备份数据库"),
    "config.hall": QT_TRANSLATE_NOOP("AuditWords", "修改营业厅信息"),
    "config.utility": QT_TRANSLATE_NOOP("AuditWords", "修改单位接口设置"),
    "feed.applied": QT_TRANSLATE_NOOP("AuditWords", "接收单位进度"),
    "feed.restarted": QT_TRANSLATE_NOOP("AuditWords", "重新读取单位进度"),
    "holidays.import": QT_TRANSLATE_NOOP("AuditWords", "导入放假安排"),
    "login": QT_TRANSLATE_NOOP("AuditWords", "登录"),
    "login.failed": QT_TRANSLATE_NOOP("AuditWords", "登录失败"),
    "report.indicators": QT_TRANSLATE_NOOP("AuditWords", "导出指标报告"),
    "ticket.cancel": QT_TRANSLATE_NOOP("AuditWords", "撤销工单"),
    "ticket.materials_received": QT_TRANSLATE_NOOP("AuditWords", "登记补交材料"),
    "ticket.materials_sent": QT_TRANSLATE_NOOP("AuditWords", "补交材料已送达单位"),
    "ticket.reassign": QT_TRANSLATE_NOOP("AuditWords", "改派工单"),
    "ticket.resend": QT_TRANSLATE_NOOP("AuditWords", "更正后重新发送"),
    "ticket.attention_acknowledged": QT_TRANSLATE_NOOP("AuditWords", "确认处理"),
    "ticket.cancel_refused": QT_TRANSLATE_NOOP("AuditWords", "单位拒绝撤销"),
    "ticket.materials_refused": QT_TRANSLATE_NOOP("AuditWords", "单位拒绝补交材料"),
    "user.create": QT_TRANSLATE_NOOP("AuditWords", "新增用户"),
    "user.enable": QT_TRANSLATE_NOOP("AuditWords", "启用或停用用户"),
    "user.change_password": QT_TRANSLATE_NOOP("AuditWords", "修改密码"),
    "user.change_role": QT_TRANSLATE_NOOP("AuditWords", "修改角色"),
    "user.reset_password": QT_TRANSLATE_NOOP("AuditWords", "重置密码"),
    "utility.credentials_refused": QT_TRANSLATE_NOOP("AuditWords", "单位拒绝接口凭据"),
    "utility.settings_changed": QT_TRANSLATE_NOOP("AuditWords", "修改单位接口设置"),
    "training.scenario": QT_TRANSLATE_NOOP("AuditWords", "培训场景"),
    "training.utility_down": QT_TRANSLATE_NOOP("AuditWords", "模拟单位停止服务"),
    "training.utility_up": QT_TRANSLATE_NOOP("AuditWords", "模拟单位恢复服务"),
    "training.pace": QT_TRANSLATE_NOOP("AuditWords", "更改培训节奏"),
}

PAPERS: Mapping[str, object] = {
    "receipt": QT_TRANSLATE_NOOP("AuditWords", "回执"),
    "notice": QT_TRANSLATE_NOOP("AuditWords", "一次性告知书"),
    "application": QT_TRANSLATE_NOOP("AuditWords", "申请表"),
    "application_form": QT_TRANSLATE_NOOP("AuditWords", "申请表"),
    "late_materials": QT_TRANSLATE_NOOP("AuditWords", "补交材料回执"),
}

# The settings an administrator changes (their audit actions "settings.<key>").
SETTINGS: Mapping[str, object] = {
    "sla_policy": QT_TRANSLATE_NOOP("AuditWords", "时限政策"),
    "fee_list": QT_TRANSLATE_NOOP("AuditWords", "收费清单"),
    "materials_catalogue": QT_TRANSLATE_NOOP("AuditWords", "材料目录"),
}

# Who acted when no person did: the delivery worker.
SYSTEM_ACTORS: Mapping[str, object] = {
    "system:delivery": QT_TRANSLATE_NOOP("AuditWords", "自动发送（系统）"),
}

DETAIL_KEYS: Mapping[str, object] = {
    "reason": QT_TRANSLATE_NOOP("AuditWords", "原因"),
    "from": QT_TRANSLATE_NOOP("AuditWords", "原来"),
    "to": QT_TRANSLATE_NOOP("AuditWords", "改为"),
    "role": QT_TRANSLATE_NOOP("AuditWords", "角色"),
    "display_name": QT_TRANSLATE_NOOP("AuditWords", "姓名"),
    "codes": QT_TRANSLATE_NOOP("AuditWords", "材料"),
    "fields": QT_TRANSLATE_NOOP("AuditWords", "更正的内容"),
    "file": QT_TRANSLATE_NOOP("AuditWords", "文件"),
    "days": QT_TRANSLATE_NOOP("AuditWords", "天数"),
    "kind": QT_TRANSLATE_NOOP("AuditWords", "种类"),
    "copy": QT_TRANSLATE_NOOP("AuditWords", "份次"),
    "score": QT_TRANSLATE_NOOP("AuditWords", "评分"),
    "comment": QT_TRANSLATE_NOOP("AuditWords", "意见"),
    "utility": QT_TRANSLATE_NOOP("AuditWords", "单位"),
    "message": QT_TRANSLATE_NOOP("AuditWords", "单位答复"),
    "failures": QT_TRANSLATE_NOOP("AuditWords", "连续失败次数"),
    "tickets": QT_TRANSLATE_NOOP("AuditWords", "工单数"),
    "sent": QT_TRANSLATE_NOOP("AuditWords", "已通知单位"),
    "queued": QT_TRANSLATE_NOOP("AuditWords", "已排队通知单位"),
    "active": QT_TRANSLATE_NOOP("AuditWords", "启用"),
    "scenario": QT_TRANSLATE_NOOP("AuditWords", "场景"),
    "moved_back_days": QT_TRANSLATE_NOOP("AuditWords", "受理时间前移天数"),
    "retried": QT_TRANSLATE_NOOP("AuditWords", "立即重试的请求数"),
    "pace": QT_TRANSLATE_NOOP("AuditWords", "节奏"),
    "http_status": QT_TRANSLATE_NOOP("AuditWords", "单位应答"),
    "messages": QT_TRANSLATE_NOOP("AuditWords", "单位答复"),
    "error": QT_TRANSLATE_NOOP("AuditWords", "错误"),
    "format": QT_TRANSLATE_NOOP("AuditWords", "格式"),
    "utility_ticket_no": QT_TRANSLATE_NOOP("AuditWords", "单位工单号"),
    "attempts": QT_TRANSLATE_NOOP("AuditWords", "发送次数"),
}

# Keys that only say how the machine did it (an idempotency key, a delivery round, the
# application number already shown in the 对象 column): left out of the sentence.
# `on` and `step_seconds` of a training scenario say how the simulator was driven.
# `code` is the utility's machine word beside the sentence in `messages`; `previous`,
# `feed_id` and the sequence numbers are where the change feed was.
_HIDDEN = frozenset(
    {
        "key",
        "round",
        "application_no",
        "replaced",
        "ticket_id",
        "hash",
        "on",
        "step_seconds",
        "code",
        "previous",
        "feed_id",
        "last_seq",
        "seq",
    }
)


def _tr(text: object) -> str:
    return QCoreApplication.translate(_CONTEXT, str(text))


def action_text(code: str) -> str:
    if code in ACTIONS:
        return _tr(ACTIONS[code])
    kind, _, what = code.partition(".")
    if what in ("print", "reprint") and kind in PAPERS:
        paper = _tr(PAPERS[kind])
        return (
            QCoreApplication.translate("AuditWords", "打印{0}")
            if what == "print"
            else QCoreApplication.translate("AuditWords", "补打{0}")
        ).format(paper)
    if kind == "ticket" and what:
        return QCoreApplication.translate("AuditWords", "工单状态：{0}").format(status_name(what))
    if kind == "settings" and what:
        return QCoreApplication.translate("AuditWords", "修改{0}").format(_setting_name(what))
    return code


def _setting_name(key: str) -> str:
    return (
        _tr(SETTINGS[key]) if key in SETTINGS else QCoreApplication.translate("AuditWords", "设置")
    )


def person_text(name: str, names: AuditNames) -> str:
    if name in SYSTEM_ACTORS:
        return _tr(SYSTEM_ACTORS[name])
    if name.startswith("cli:"):
        return QCoreApplication.translate("AuditWords", "命令行（{0}）").format(name[4:])
    return i18n.person(names.people.get(name), name)


def object_text(row: AuditRow, names: AuditNames) -> str:
    if not row.entity_id:
        return ""
    if row.entity_type == "ticket":
        found = names.tickets.get(row.entity_id)
        if found is not None:
            number, utility = found
            return f"{number} {utility_name(utility)}"
        return QCoreApplication.translate("AuditWords", "工单（已不存在）")
    if row.entity_type == "user":
        return person_text(row.entity_id, names)
    if row.entity_type == "holiday_year":
        return QCoreApplication.translate("AuditWords", "{0} 年放假安排").format(row.entity_id)
    if row.entity_type == "utility":
        return utility_name(row.entity_id)
    if row.entity_type == "setting":
        return _setting_name(row.entity_id)
    if row.entity_type == "report":
        return QCoreApplication.translate("AuditWords", "指标报告")
    return row.entity_id


def details_text(row: AuditRow, names: AuditNames) -> str:
    """`原因：申请人不再需要；改为：李娜（lina）` — one sentence, no braces, no codes."""
    if row.action.startswith("settings."):
        # A whole table before and after: too long for a line; the export keeps it all.
        return QCoreApplication.translate("AuditWords", "修改前后的完整内容见导出的审计记录")
    parts = []
    for key, value in row.details.items():
        if key in _HIDDEN or value is None or value == "":
            continue
        label = _tr(DETAIL_KEYS[key]) if key in DETAIL_KEYS else key
        value_text = _value_text(key, value, names)
        parts.append(f"{label}: {value_text}" if i18n.is_english() else f"{label}：{value_text}")
    return ("; " if i18n.is_english() else "；").join(parts)


def _value_text(key: str, value: Any, names: AuditNames) -> str:
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("AuditWords", "是")
            if value
            else QCoreApplication.translate("AuditWords", "否")
        )
    if isinstance(value, list | tuple):
        return (", " if i18n.is_english() else "、").join(_value_text(key, v, names) for v in value)
    if isinstance(value, dict):
        if "message" in value:  # a utility's {"field", "message"}: its sentence
            return str(value["message"])
        return ", ".join(f"{k} {_value_text(k, v, names)}" for k, v in value.items())
    text = str(value)
    if key in ("from", "to") and text in names.people:
        return person_text(text, names)
    if key in ("from", "to") and (text in STATUSES or text in TIMELINE_ENTRIES):
        return status_name(text)
    if key == "http_status":
        return f"HTTP {text}"
    if key == "format":
        return text.upper()
    if key == "role":
        return role_name(text)
    if key == "utility":
        return utility_name(text)
    if key == "kind" and text in PAPERS:
        return _tr(PAPERS[text])
    if key == "scenario":
        return i18n.text(label(TRAINING_SCENARIOS, text))
    if key == "pace":
        return i18n.text(label(TRAINING_PACES, text))
    return text
