"""The one place that decides how personal numbers are masked on screens and paper.

An identity number keeps its first 6 and last 4 characters (the region and the check part a
clerk compares with the document in hand); a phone number keeps the first 3 and last 4.
"""


def mask_id(number: str) -> str:
    if len(number) <= 10:
        # Too short to keep 6 + 4 and still hide anything: keep only the last 2.
        return "*" * max(len(number) - 2, 0) + number[-2:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    digits = phone.replace("-", "")
    if len(digits) < 8:
        return "*" * len(phone)
    if len(digits) == 11 and digits.startswith("1"):
        return digits[:3] + "****" + digits[-4:]
    # Landline: keep the area code part and the last 4 digits.
    head, _, rest = phone.partition("-")
    if rest:
        return head + "-" + "*" * (len(rest) - 4) + rest[-4:]
    return phone[:4] + "*" * (len(phone) - 8) + phone[-4:]
