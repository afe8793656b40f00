"""The road a simulated ticket takes from `accepted` to `connected`, and what the utility says
on each step (in Chinese, as a real utility's system would)."""

from typing import Any

UTILITY_PREFIXES = {"water": "WAT", "power": "ELE", "gas": "GAS"}

TERMINAL_STATUSES = frozenset({"connected", "rejected", "cancelled"})

_CONNECTED_NOTES = {
    "water": "已通水，请申请人核对水表读数",
    "power": "已送电，请申请人注意用电安全",
    "gas": "已通气，请申请人注意用气安全",
}


def has_external_works(ticket: dict[str, Any]) -> bool:
    """Outside-the-red-line works need an approval and a construction step before inspection."""
    details = ticket.get("details") or {}
    return details.get("external_works") is True or bool(ticket.get("agency_permits"))


def status_path(ticket: dict[str, Any]) -> list[str]:
    """Every status the ticket passes through, in order, starting with `accepted`."""
    service = ticket.get("service")
    if service == "transfer":
        return ["accepted", "connected"]
    if service in ("repair", "disconnect"):
        return ["accepted", "surveying", "connected"]
    if has_external_works(ticket):
        return [
            "accepted",
            "surveying",
            "awaiting_approval",
            "constructing",
            "inspecting",
            "connected",
        ]
    return ["accepted", "surveying", "inspecting", "connected"]


def step_note(ticket: dict[str, Any], status: str) -> str | None:
    """What the utility writes beside a scheduled step; `accepted` carries no note."""
    details = ticket.get("details") or {}
    if status == "surveying":
        return "已派勘查人员，将于1个工作日内联系申请人上门勘查"
    if status == "awaiting_approval":
        if ticket.get("agency_permits"):
            return "已代办道路挖掘等行政许可，等待审批"
        return "外线工程需办理行政审批，等待审批结果"
    if status == "constructing":
        length = details.get("external_length_m")
        return f"外线施工中，线路长约{length}米" if length else "外线施工中"
    if status == "inspecting":
        return "施工完成，等待竣工验收"
    if status == "connected":
        if ticket.get("service") == "disconnect":
            return "已办结销户"
        if ticket.get("service") == "transfer":
            return "过户已办结"
        return _CONNECTED_NOTES.get(str(ticket.get("utility")), "已开通")
    return None
