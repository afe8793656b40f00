"""The checks a utility's intake runs on a request body before it accepts it.

Each function returns every problem found as `{"field", "message"}` (messages in Chinese, for
the clerk who corrects the form), an empty list when the body is acceptable. Unknown fields are
ignored, as the API requires of servers.
"""

import re
import uuid
from datetime import date, datetime
from typing import Any, TypeGuard

Problems = list[dict[str, str]]

SERVICES = ("new_connection", "capacity_change", "transfer", "repair", "disconnect")
_NEEDS_ACCOUNT = ("transfer", "repair", "disconnect")
_APPLICANT_KINDS = ("person", "organization")
_ID_TYPES = ("resident_id", "uscc", "passport", "hk_macao_taiwan_permit", "other")
_AGENCY_PERMITS = ("road_excavation", "tree_felling", "green_space_occupation")
_USAGES = {
    "water": ("residential", "non_residential", "fire"),
    "power": ("residential", "commercial", "industrial"),
    "gas": ("residential", "commercial", "industrial"),
}
_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ACCOUNT = re.compile(r"[A-Za-z0-9-]{4,30}")
_UTILITY_NAMES = {"water": "供水", "power": "供电", "gas": "燃气"}


def is_rfc3339(value: Any) -> bool:
    if not isinstance(value, str) or not _RFC3339.fullmatch(value):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_text(value: Any, longest: int = 200) -> bool:
    return isinstance(value, str) and len(value.strip()) > 0 and len(value) <= longest


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _object(body: dict[str, Any], name: str, problems: Problems) -> dict[str, Any] | None:
    value = body.get(name)
    if isinstance(value, dict):
        return value
    problems.append({"field": name, "message": "缺少此项或格式不是对象"})
    return None


def ticket_problems(body: dict[str, Any], utility: str, key: str) -> Problems:
    problems: Problems = []

    def need(ok: bool, path: str, message: str) -> None:
        if not ok:
            problems.append({"field": path, "message": message})

    need(_is_uuid(body.get("ticket_id")), "ticket_id", "工单编号必须是 UUID")
    need(
        body.get("ticket_id") == key,
        "Idempotency-Key",
        "Idempotency-Key 请求头必须与 ticket_id 相同",
    )
    need(_is_text(body.get("application_no"), 64), "application_no", "缺少申请编号")
    need(
        body.get("utility") == utility,
        "utility",
        f"本接口只受理{_UTILITY_NAMES[utility]}业务（utility 应为 {utility}）",
    )
    service = body.get("service")
    need(service in SERVICES, "service", "业务类型无效")
    need(
        is_rfc3339(body.get("submitted_at")), "submitted_at", "受理时间必须是带时区的 RFC 3339 时间"
    )

    hall = _object(body, "hall", problems)
    if hall is not None:
        need(_is_text(hall.get("code"), 32), "hall.code", "缺少营业厅代码")

    applicant = _object(body, "applicant", problems)
    if applicant is not None:
        kind = applicant.get("kind")
        need(kind in _APPLICANT_KINDS, "applicant.kind", "申请人类型无效")
        need(_is_text(applicant.get("name"), 100), "applicant.name", "缺少申请人名称")
        need(applicant.get("id_type") in _ID_TYPES, "applicant.id_type", "证件类型无效")
        need(_is_text(applicant.get("id_number"), 30), "applicant.id_number", "缺少证件号码")
        if kind == "organization":
            need(
                _is_text(applicant.get("contact_name"), 100),
                "applicant.contact_name",
                "单位申请须填写联系人",
            )
        need(_is_text(applicant.get("phone"), 30), "applicant.phone", "缺少联系电话")

    site = _object(body, "site", problems)
    if site is not None:
        need(_is_text(site.get("address"), 200), "site.address", "缺少用户地址")
        if site.get("land_acquired_on") is not None:
            need(
                _is_date(site["land_acquired_on"]),
                "site.land_acquired_on",
                "日期格式应为 YYYY-MM-DD",
            )

    details = _object(body, "details", problems)
    if details is not None:
        problems.extend(_details_problems(details, utility))

    account = body.get("account_no")
    if service in _NEEDS_ACCOUNT or account is not None:
        need(
            isinstance(account, str) and bool(_ACCOUNT.fullmatch(account)),
            "account_no",
            "户号应为 4–30 位字母、数字或“-”",
        )

    permits = body.get("agency_permits")
    if permits is not None:
        need(
            isinstance(permits, list) and all(p in _AGENCY_PERMITS for p in permits),
            "agency_permits",
            "代办许可类型无效",
        )

    problems.extend(_materials_problems(body.get("materials")))
    return problems


def _details_problems(details: dict[str, Any], utility: str) -> Problems:
    problems: Problems = []

    def need(ok: bool, name: str, message: str) -> None:
        if not ok:
            problems.append({"field": f"details.{name}", "message": message})

    if "usage" in details:
        need(details["usage"] in _USAGES[utility], "usage", "用途无效")
    if utility == "water":
        if "diameter_dn" in details:
            dn = details["diameter_dn"]
            need(
                isinstance(dn, int) and not isinstance(dn, bool) and 15 <= dn <= 1000,
                "diameter_dn",
                "管径应为 15–1000 的整数",
            )
        if "daily_volume_m3" in details:
            volume = details["daily_volume_m3"]
            need(_is_number(volume) and volume >= 0, "daily_volume_m3", "日用水量不能为负")
    elif utility == "power":
        if "capacity_kw" in details:
            kw = details["capacity_kw"]
            need(_is_number(kw) and kw > 0, "capacity_kw", "用电容量必须大于 0")
        if "voltage" in details:
            need(details["voltage"] in ("220V", "380V", "10kV"), "voltage", "电压等级无效")
    else:
        if "monthly_volume_m3" in details:
            volume = details["monthly_volume_m3"]
            need(_is_number(volume) and volume >= 0, "monthly_volume_m3", "月用气量不能为负")
        external = details.get("external_works")
        if external is not None:
            need(isinstance(external, bool), "external_works", "外线工程应为是或否")
        if external is True:
            length = details.get("external_length_m")
            need(
                _is_number(length) and length > 0,
                "external_length_m",
                "有外线工程时须填写大于 0 的外线长度",
            )
    return problems


def _materials_problems(materials: Any) -> Problems:
    if not isinstance(materials, list):
        return [{"field": "materials", "message": "缺少材料清单"}]
    problems: Problems = []
    form_received = False
    for i, item in enumerate(materials):
        where = f"materials[{i}]"
        if not isinstance(item, dict):
            problems.append({"field": where, "message": "材料项格式无效"})
            continue
        if not _is_text(item.get("code"), 64):
            problems.append({"field": f"{where}.code", "message": "缺少材料代码"})
        if not isinstance(item.get("received"), bool):
            problems.append({"field": f"{where}.received", "message": "须注明材料是否已收"})
        if item.get("due") is not None and not _is_date(item["due"]):
            problems.append({"field": f"{where}.due", "message": "补齐期限格式应为 YYYY-MM-DD"})
        if item.get("code") == "application_form" and item.get("received") is True:
            form_received = True
    if not form_received:
        problems.append({"field": "materials", "message": "未收到报装申请表，不能受理"})
    return problems


def materials_problems(body: dict[str, Any]) -> Problems:
    materials = body.get("materials")
    if not isinstance(materials, list) or not materials:
        return [{"field": "materials", "message": "至少补交一项材料"}]
    problems: Problems = []
    for i, item in enumerate(materials):
        where = f"materials[{i}]"
        if not isinstance(item, dict):
            problems.append({"field": where, "message": "材料项格式无效"})
            continue
        if not _is_text(item.get("code"), 64):
            problems.append({"field": f"{where}.code", "message": "缺少材料代码"})
        if not is_rfc3339(item.get("received_at")):
            problems.append(
                {"field": f"{where}.received_at", "message": "收件时间必须是带时区的 RFC 3339 时间"}
            )
    return problems


def cancel_problems(body: dict[str, Any]) -> Problems:
    if not _is_text(body.get("reason"), 500):
        return [{"field": "reason", "message": "须填写撤销原因"}]
    return []
