"""What the combined form's checks say, in Chinese (the clerk's) and English, by a stable code.

A code names the kind of problem (`phone.mobile_length`); the UI, the command line and tests
key on it, and only the wording here changes. Templates take named parameters; a `Text`
parameter (a field label, a list of choices) is itself bilingual and fills each language with
its own half.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from onewindow.codes import APPLICANT_KINDS, ID_TYPES, PERMITS, SERVICES, USAGES, VOLTAGES, Text


def _in_sentence(label: str) -> str:
    """ "Resident ID card" → "resident ID card"; an initialism ("HK/Macao…") keeps its case."""
    return label if label[1:2].isupper() else label[:1].lower() + label[1:]


MESSAGES: Mapping[str, Text] = {
    # The shape of the JSON.
    "form.not_object": Text(
        "这不是联合申请表：应为一个包含 applicant、site、services、consent 的 JSON 对象",
        "not a combined form: expected a JSON object with applicant, site, services, consent",
    ),
    "unknown_field": Text(
        "不认识的字段 {name}（可能拼写有误），请删除或改正",
        "unknown field {name} (a typo?); remove or correct it",
    ),
    "required": Text("请填写{label}", "{label} is required"),
    "required_choice": Text("请选择{label}", "choose the {label}"),
    "type.object": Text("{label}格式不正确：应为对象", "{label} must be an object"),
    "type.list": Text("{label}格式不正确：应为列表", "{label} must be a list"),
    "type.text": Text("{label}应为文字", "{label} must be text"),
    "type.bool": Text("{label}应为“是”或“否”（true/false）", "{label} must be true or false"),
    "type.number": Text("{label}应为数字", "{label} must be a number"),
    "type.integer": Text("{label}应为整数", "{label} must be a whole number"),
    "text.blank": Text("{label}不能只有空格", "{label} must not be blank"),
    "text.too_long": Text(
        "{label}最多 {limit} 个字，现为 {length} 个字",
        "{label} may have at most {limit} characters, it has {length}",
    ),
    "choice.invalid": Text(
        "{label}“{value}”无效，应为：{choices}",
        "{label} {value!r} is not valid; expected one of: {choices}",
    ),
    "number.min_exclusive": Text("{label}应大于 {limit}", "{label} must be greater than {limit}"),
    "number.min": Text("{label}不能小于 {limit}", "{label} must be at least {limit}"),
    "number.range": Text(
        "{label}应为 {low}–{high} 之间的整数，现为 {value}",
        "{label} must be a whole number from {low} to {high}, not {value}",
    ),
    "date.format": Text(
        "{label}格式应为 YYYY-MM-DD，如 2022-05-10",
        "{label} must be written YYYY-MM-DD, e.g. 2022-05-10",
    ),
    "date.invalid": Text("{label} {value} 不是有效日期", "{label} {value} is not a real date"),
    "date.future": Text(
        "{label} {value} 晚于今天（{today}），请核对",
        "{label} {value} is after today ({today}); please check it",
    ),
    # Limits met before any check (form_limits.py): one of these is the only problem reported.
    "limit.file_size": Text(
        "表单文件过大（{size} 字节），最大 1 MiB",
        "the form file is too large ({size} bytes); 1 MiB at most",
    ),
    "limit.not_utf8": Text(
        "表单文件不是 UTF-8 编码的文本（第 {position} 字节）",
        "the form file is not UTF-8 text (byte {position})",
    ),
    "limit.not_json": Text(
        "表单文件不是有效的 JSON（第 {line} 行第 {column} 列）",
        "the form file is not valid JSON (line {line}, column {column})",
    ),
    "limit.depth": Text("表单嵌套超过 {limit} 层", "the form is nested deeper than {limit} levels"),
    "limit.digits": Text(
        "数字 {value} 超过 {limit} 位有效数字",
        "the number {value} has more than {limit} significant digits",
    ),
    "limit.not_finite": Text("数字 {value} 不是有限的数", "the number {value} is not finite"),
    "limit.duplicate_key": Text("字段 {key} 出现了两次", "the key {key} appears twice"),
    "limit.character": Text(
        "含有控制字符或格式字符 {char}（不可见，或会改变文字显示顺序），请删除后重新输入",
        "contains the control or format character {char} (invisible, or it reorders the "
        "text); delete it and type the text again",
    ),
    "limit.surrogate": Text(
        "含有不完整的字符 {char}（孤立的代理项），请重新输入",
        "contains an incomplete character {char} (a lone surrogate); type the text again",
    ),
    "errors.more": Text("……另有 {count} 处错误未列出", "… and {count} more"),
    # Identity numbers.
    "resident_id.length": Text(
        "身份证号应为18位，现为 {length} 位",
        "a resident ID number has 18 characters, this one has {length}",
    ),
    "resident_id.format": Text(
        "身份证号前17位应为数字，最后一位为数字或 X",
        "a resident ID number is 17 digits and a last digit or X",
    ),
    "resident_id.province": Text(
        "身份证号前两位 {code} 不是有效的省级行政区代码",
        "the first two digits {code} are not a province-level region code",
    ),
    "resident_id.birth_date": Text(
        "身份证号中的出生日期 {value} 不是有效日期",
        "the birth date {value} in the ID number is not a real date",
    ),
    "resident_id.birth_future": Text(
        "身份证号中的出生日期 {value} 晚于今天，请核对",
        "the birth date {value} in the ID number is after today; please check it",
    ),
    "resident_id.birth_too_early": Text(
        "身份证号中的出生日期 {value} 早于 {year} 年，请核对",
        "the birth date {value} in the ID number is before {year}; please check it",
    ),
    "resident_id.check_char": Text(
        "身份证号校验位不正确，应为 {expected}，请核对各位数字",
        "the check character of the ID number is wrong (it should be {expected}); "
        "please check every digit",
    ),
    "uscc.length": Text(
        "统一社会信用代码应为18位，现为 {length} 位",
        "a unified social credit code has 18 characters, this one has {length}",
    ),
    "uscc.charset": Text(
        "统一社会信用代码含有不允许的字符 {chars}（只用数字和除 I、O、S、V、Z 外的大写字母）",
        "the unified social credit code contains {chars}; only digits and capital letters "
        "other than I, O, S, V, Z are used",
    ),
    "uscc.check_char": Text(
        "统一社会信用代码校验位不正确，应为 {expected}，请核对各位字符",
        "the check character of the unified social credit code is wrong (it should be "
        "{expected}); please check every character",
    ),
    "other_id.format": Text(
        "证件号码应为5–30位字母、数字或“-”，现为 {length} 位",
        "the document number must be 5 to 30 letters, digits or '-', it has {length}",
    ),
    "other_id.charset": Text(
        "证件号码只能包含字母、数字或“-”，不能有 {chars}",
        "the document number may contain only letters, digits or '-', not {chars}",
    ),
    # Phone numbers.
    "phone.mobile_length": Text(
        "手机号应为11位，现为 {length} 位",
        "a mobile number has 11 digits, this one has {length}",
    ),
    "phone.mobile_prefix": Text(
        "手机号第二位应为 3–9，现为 {digit}",
        "the second digit of a mobile number is 3 to 9, not {digit}",
    ),
    "phone.country_code": Text(
        "请去掉国家代码 {prefix}，只填11位手机号或带区号的固定电话",
        "drop the country code {prefix}; enter the 11-digit mobile or the landline with its "
        "area code",
    ),
    "phone.landline": Text(
        "固定电话应为区号（0开头3–4位，如 0398）加 7–8 位号码，可带分机号，如 0398-8861234",
        "a landline is an area code (0 and 2-3 more digits, e.g. 0398), 7-8 digits and an "
        "optional extension, e.g. 0398-8861234",
    ),
    "phone.format": Text(
        "联系电话应为11位手机号或带区号的固定电话，如 13803981234 或 0398-8861234",
        "the phone must be an 11-digit mobile or a landline with its area code, "
        "e.g. 13803981234 or 0398-8861234",
    ),
    # The form's own rules.
    "contact.required": Text(
        "单位申请须填写联系人", "an organisation's application needs a contact person"
    ),
    "services.none": Text(
        "请至少选择一项报装业务（供水、供电、供气）",
        "choose at least one utility (water, power, gas)",
    ),
    "services.unknown": Text(
        "不认识的业务 {name}：只能是 water（供水）、power（供电）、gas（供气）",
        "unknown utility {name}: only water, power and gas",
    ),
    "account.required": Text(
        "{service}须填写原户号", "a {service} needs the existing account number"
    ),
    "account.forbidden": Text(
        "新装业务还没有户号，请删除户号或改选业务类型",
        "a new connection has no account number yet; remove it or choose another service",
    ),
    "account.format": Text(
        "户号应为4–30位字母、数字或“-”", "an account number is 4 to 30 letters, digits or '-'"
    ),
    "external_length.required": Text(
        "需新建外线时请填写外线长度（米）",
        "enter the external line length (m) when external works are needed",
    ),
    "external_length.unexpected": Text(
        "未勾选“需新建外线”时不应填写外线长度；请勾选外线工程或删除长度",
        "an external line length is given but no external works; tick external works or "
        "remove the length",
    ),
    "materials.application_form": Text(
        "未收到报装申请表，不能受理", "no application without the application form received"
    ),
    "materials.critical_missing": Text(
        "{name}不能容缺，须当场收取", "{name} may not follow later; it must be received now"
    ),
    "materials.unknown": Text(
        "材料代码 {code} 不在材料目录中", "material code {code} is not in the materials catalogue"
    ),
    "materials.duplicate": Text("材料 {name} 重复列出", "material {name} is listed twice"),
    "waiver.application_form": Text(
        "报装申请表不能写作“不需要”：没有申请表不能受理",
        "the application form cannot be marked not needed: there is no application without it",
    ),
    "waiver.listed": Text(
        "{name}已列在材料清单中，不能同时写作“不需要”",
        "{name} is listed among the materials; it cannot also be marked not needed",
    ),
    "waiver.not_required": Text(
        "本次办理不要求{name}，无需说明不需要的原因",
        "this visit does not ask for {name}; there is nothing to waive",
    ),
    "permits.unknown": Text(
        "代办许可“{value}”无效，应为：{choices}",
        "agency permit {value!r} is not valid; expected one of: {choices}",
    ),
    "permits.duplicate": Text("代办许可 {name} 重复列出", "agency permit {name} is listed twice"),
    "consent.refused": Text(
        "须经申请人同意将申请表共享给所选供水、供电、供气单位后才能提交",
        "the applicant must agree that the form is shared with the chosen utilities",
    ),
}

FIELD_LABELS: Mapping[str, Text] = {
    "applicant": Text("申请人信息", "applicant"),
    "applicant.kind": Text("申请人类型", "applicant type"),
    "applicant.name": Text("申请人名称", "applicant name"),
    "applicant.id_type": Text("证件类型", "document type"),
    "applicant.id_number": Text("证件号码", "document number"),
    "applicant.contact_name": Text("联系人", "contact person"),
    "applicant.by_agent": Text("代办人办理", "filed by an agent"),
    "applicant.phone": Text("联系电话", "phone"),
    "site": Text("报装地址信息", "site"),
    "site.address": Text("报装地址", "site address"),
    "site.project_name": Text("项目名称", "project name"),
    "site.permit_no": Text("许可证号", "permit number"),
    "site.land_acquired_on": Text("土地取得日期", "land acquisition date"),
    "services": Text("报装业务", "services"),
    "service": Text("该项业务", "this utility's part"),
    "service.service": Text("业务类型", "service"),
    "service.account_no": Text("原户号", "account number"),
    "service.details": Text("业务详情", "details"),
    "service.materials": Text("材料清单", "materials"),
    "service.agency_permits": Text("代办许可", "agency permits"),
    "material": Text("材料项", "material item"),
    "material.code": Text("材料代码", "material code"),
    "material.received": Text("是否已收", "received"),
    "materials_waived": Text("不需要的材料", "waived materials"),
    "waiver": Text("不需要的材料项", "waived material item"),
    "waiver.reason": Text("不需要的原因", "reason it is not needed"),
    "water.usage": Text("用水性质", "water usage"),
    "power.usage": Text("用电类别", "power usage"),
    "gas.usage": Text("用气性质", "gas usage"),
    "diameter_dn": Text("口径 DN", "diameter DN"),
    "daily_volume_m3": Text("日用水量（立方米）", "daily volume (m³)"),
    "capacity_kw": Text("报装容量（千瓦）", "capacity (kW)"),
    "voltage": Text("电压等级", "voltage"),
    "monthly_volume_m3": Text("月用气量（立方米）", "monthly volume (m³)"),
    "external_works": Text("是否需新建外线", "external works"),
    "external_length_m": Text("外线长度（米）", "external line length (m)"),
    "consent": Text("同意共享申请表", "consent"),
}

# The form's choices, named as everywhere else (onewindow.codes), the English inside a sentence.
CHOICE_LABELS: Mapping[str, Text] = {
    code: Text(text.zh, _in_sentence(text.en))
    for table in (APPLICANT_KINDS, ID_TYPES, SERVICES, USAGES, PERMITS)
    for code, text in table.items()
} | {voltage: Text(voltage, voltage) for voltage in VOLTAGES}


def choices(values: Iterable[str]) -> Text:
    """A list of allowed values for a message: their Chinese names, and the codes in English."""
    values = tuple(values)
    zh = "、".join(
        f"{CHOICE_LABELS[v].zh}（{v}）" if v in CHOICE_LABELS and CHOICE_LABELS[v].zh != v else v
        for v in values
    )
    return Text(zh, ", ".join(values))


def choice_label(value: str) -> Text:
    return CHOICE_LABELS.get(value, Text(value, value))


def render(code: str, /, **params: object) -> Text:
    """The message for `code` in both languages; a `Text` parameter fills each with its half."""
    template = MESSAGES[code]
    zh = {k: v.zh if isinstance(v, Text) else v for k, v in params.items()}
    en = {k: v.en if isinstance(v, Text) else v for k, v in params.items()}
    return Text(template.zh.format(**zh), template.en.format(**en))
