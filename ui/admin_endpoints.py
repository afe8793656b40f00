"""管理 → 单位接口 and 营业厅: each utility's endpoint (with 测试连接) and the hall's data.

Both are written to this client's configuration file (see onewindow.admin.hall_settings for why) and
take effect for this client at once: the shared `Hall` gets the new configuration. Tokens and
signing secrets are never shown: the boxes are empty, the placeholder says whether one is set
(masked), and an empty box keeps the stored value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from onewindow.admin.hall_settings import ConnectionResult, EndpointChange, HallData, mask_secret
from onewindow.config import DEFAULT_UTILITY_NAMES, UTILITIES, Config, UtilitySettings
from onewindow.desk import lead_work
from ui import i18n, look
from ui.status_names import utility_name

if TYPE_CHECKING:
    from ui.shift import Shift
    from ui.tasks import Failure


class AdminEndpoints(QWidget):
    """Signals: `saved(object)` with the new Config; `tested(object)` with a ConnectionResult;
    `message(str)` for the status bar; `failed(str)` when something did not go through."""

    saved = Signal(object)
    tested = Signal(object)
    message = Signal(str)
    failed = Signal(str)

    def __init__(self, shift: Shift, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = shift
        # Scrolled: the long form must never make the window taller than a 768-pixel screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        inner = QWidget(area)
        column = QVBoxLayout(inner)
        column.addWidget(self._hall_box())
        column.addWidget(self._endpoint_box())
        column.addStretch(1)
        area.setWidget(inner)
        outer.addWidget(area)
        if shift.hall.config.path is None:
            note = QLabel(self.tr("培训模式没有配置文件：这里的设置只能查看。"), self)
            note.setObjectName("hint")
            column.insertWidget(0, note)
            self._read_only()
        self.show_hall(shift.hall.config)
        self.show_utility()

    def _read_only(self) -> None:
        """Training mode: every field looks and acts read-only (the style sheet greys them);
        the utility can still be chosen to look at, and 测试连接 still works."""
        for button in (self.save_hall_button, self.save_button):
            button.setEnabled(False)
        for edit in self.findChildren(QLineEdit):
            edit.setReadOnly(True)
            edit.setPlaceholderText("")
        self.timeout.setReadOnly(True)
        self.timeout.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
        self.clear_secret.setEnabled(False)

    # The hall's data.

    def _hall_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("营业厅"), self)
        form = QFormLayout(box)
        self.hall_code = QLineEdit(box)
        self.hall_name = QLineEdit(box)
        self.hall_hotline = QLineEdit(box)
        form.addRow(self.tr("营业厅代码"), self.hall_code)
        form.addRow(self.tr("名称"), self.hall_name)
        form.addRow(self.tr("监督电话"), self.hall_hotline)
        self.save_hall_button = QPushButton(self.tr("保存营业厅信息"), box)
        self.save_hall_button.clicked.connect(self.save_hall)
        form.addRow("", self.save_hall_button)
        return box

    def show_hall(self, config: Config) -> None:
        self.hall_code.setText(config.hall.code)
        self.hall_name.setText(config.hall.name)
        self.hall_hotline.setText(config.hall.supervision_hotline)

    def save_hall(self) -> None:
        data = HallData(
            code=self.hall_code.text(),
            name=self.hall_name.text(),
            supervision_hotline=self.hall_hotline.text(),
        )
        hall, user = self.shift.hall, self.shift.user
        self.shift.tasks.run(
            lambda: lead_work.save_hall_data(hall, user, data),
            lambda config: self._saved(config, self.tr("营业厅信息已保存到配置文件")),
            # Said in the window's message bar only: the result line below belongs to the
            # endpoint box, where a refused hall code would read as an endpoint's failure.
            lambda failure: self.failed.emit(failure.message),
        )

    # One utility's endpoint.

    def _endpoint_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("单位接口"), self)
        form = QFormLayout(box)
        self.utility = QComboBox(box)
        for utility in UTILITIES:
            self.utility.addItem(utility_name(utility), utility)
        self.utility.currentIndexChanged.connect(self.show_utility)
        self.name = QLineEdit(box)
        self.base_url = QLineEdit(box)
        self.base_url.setPlaceholderText("https://gas.example.cn/onewindow/")
        self.token = QLineEdit(box)
        self.token_env = QLineEdit(box)
        self.token_env.setPlaceholderText(self.tr("或填环境变量名，如 OW_GAS_TOKEN"))
        self.secret = QLineEdit(box)
        self.secret_env = QLineEdit(box)
        self.secret_env.setPlaceholderText(self.tr("或填环境变量名"))
        for edit in (self.token, self.secret):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.clear_secret = QCheckBox(self.tr("删除签名密钥"), box)
        self.timeout = QDoubleSpinBox(box)
        self.timeout.setRange(0.5, 120)
        self.timeout.setSuffix(self.tr(" 秒"))
        self.hotline = QLineEdit(box)
        self.ca_bundle = QLineEdit(box)
        self.ca_bundle.setPlaceholderText(self.tr("自签证书时填 CA 证书文件路径"))
        form.addRow(self.tr("单位"), self.utility)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("接口地址"), self.base_url)
        form.addRow(self.tr("令牌"), self.token)
        form.addRow("", self.token_env)
        form.addRow(self.tr("签名密钥"), self.secret)
        form.addRow("", self.secret_env)
        form.addRow("", self.clear_secret)
        form.addRow(self.tr("超时"), self.timeout)
        form.addRow(self.tr("服务电话"), self.hotline)
        form.addRow(self.tr("CA 证书"), self.ca_bundle)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("测试连接"), box)
        self.save_button = QPushButton(self.tr("保存接口设置"), box)
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save_endpoint)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.result = QLabel(box)
        self.result.setWordWrap(True)
        form.addRow("", self.result)
        return box

    def current_utility(self) -> str:
        return str(self.utility.currentData())

    def show_utility(self, *_: object) -> None:
        utility = self.current_utility()
        settings = self.shift.hall.config.utilities.get(utility)
        self.name.setText(settings.name if settings else DEFAULT_UTILITY_NAMES[utility])
        self.base_url.setText(settings.base_url if settings else "")
        self.token.clear()
        self.secret.clear()
        self.token_env.clear()
        self.secret_env.clear()
        self.clear_secret.setChecked(False)
        token = settings.token if settings else None
        secret = settings.signing_secret if settings else None
        self.token.setPlaceholderText(self.tr("{0}；留空则不变").format(mask_secret(token)))
        self.secret.setPlaceholderText(self.tr("{0}；留空则不变").format(mask_secret(secret)))
        self.timeout.setValue(settings.timeout_s if settings else 10.0)
        self.hotline.setText(settings.hotline if settings else "")
        self.ca_bundle.setText((settings.ca_bundle or "") if settings else "")
        self.result.clear()

    def change(self) -> EndpointChange:
        return EndpointChange(
            utility=self.current_utility(),
            name=self.name.text(),
            base_url=self.base_url.text(),
            timeout_s=self.timeout.value(),
            hotline=self.hotline.text(),
            ca_bundle=self.ca_bundle.text(),
            token=self.token.text() or None,
            token_env=self.token_env.text(),
            signing_secret="" if self.clear_secret.isChecked() else (self.secret.text() or None),
            signing_secret_env=self.secret_env.text(),
        )

    def settings_to_test(self) -> UtilitySettings:
        """What is on screen, with the stored secrets where the boxes were left empty."""
        stored = self.shift.hall.config.utilities.get(self.current_utility())
        change = self.change()
        base_url = change.base_url.strip()
        secret = change.signing_secret
        return UtilitySettings(
            utility=change.utility,
            name=change.name.strip(),
            base_url=base_url if base_url.endswith("/") else base_url + "/",
            token=change.token or (stored.token if stored else None),
            signing_secret=None
            if secret == ""
            else (secret or (stored.signing_secret if stored else None)),
            timeout_s=change.timeout_s,
            ca_bundle=change.ca_bundle.strip() or None,
        )

    def test_connection(self) -> None:
        settings = self.settings_to_test()
        if not self.base_url.text().strip():
            # Nothing to connect to: say so (the configuration reader's words would be about
            # a base_url key and an address "/" the administrator never typed).
            name = settings.name or utility_name(settings.utility)
            self._show_result(False, self.tr("请先填写{0}的接口地址。").format(name))
            return
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("正在连接…"))

        def show(result: ConnectionResult) -> None:
            self.test_button.setEnabled(True)
            self._show_result(result.ok, self.connection_sentence(result, settings))
            self.tested.emit(result)

        # Up to the timeout on the network: on its own lane, so that a dead host never
        # holds up the database work every screen runs on `tasks`.
        self.shift.tasks.run(
            lambda: lead_work.test_endpoint(settings), show, self._failed, network=True
        )

    def _show_result(self, ok: bool, sentence: str) -> None:
        self.result.setStyleSheet(f"color: {look.OK_COLOUR if ok else look.ERROR_COLOUR};")
        self.result.setText(f"{'✓' if ok else '✕'} {sentence}")

    def connection_sentence(self, result: ConnectionResult, settings: UtilitySettings) -> str:
        """What the answer means for the administrator, in the UI's language, never the
        library's exception text."""
        name = settings.name or utility_name(settings.utility)
        host = urlsplit(settings.base_url).hostname or settings.base_url
        if result.ok:
            return self.tr("连接正常：{0}的接口在 {1} 毫秒内应答。").format(name, result.elapsed_ms)
        status = result.http_status
        if status in (401, 403):
            return self.tr("{0}的接口拒绝了令牌或签名（HTTP {1}）：请核对令牌和签名密钥。").format(
                name, status
            )
        if status is not None:
            return self.tr(
                "{0}的接口有应答，但不正常（HTTP {1}）：请联系该单位的技术人员。"
            ).format(name, status)
        said = result.message.lower()
        if result.elapsed_ms == 0:
            # The settings themselves were refused before any connection (the core's words).
            zh, sep, en = result.message.partition(" / ")
            return en.strip() if sep and i18n.is_english() else zh.strip()
        if "timeout" in said or "未应答" in said:
            return self.tr(
                "{0}（{1}）在 {2:g} 秒内没有应答：主机可能已关机，或地址、网络有误。"
            ).format(name, host, settings.timeout_s)
        if "tls" in said or "certificate" in said:
            return self.tr(
                "无法确认 {0} 的证书：请核对地址是否正确；自签证书请填写 CA 证书文件。"
            ).format(host)
        if "refused" in said or "errno 111" in said:
            return self.tr("{0} 拒绝连接：这个地址和端口上没有接口服务，请核对接口地址。").format(
                host
            )
        if "resolve" in said or "name or service" in said or "getaddrinfo" in said:
            return self.tr("找不到主机 {0}：请核对接口地址的拼写。").format(host)
        return self.tr("无法连接到 {0}：请核对接口地址和网络。").format(host)

    def save_endpoint(self) -> None:
        change = self.change()
        hall, user = self.shift.hall, self.shift.user
        name = utility_name(change.utility)
        self.shift.tasks.run(
            lambda: lead_work.save_endpoint(hall, user, change),
            lambda config: self._saved(config, self.tr("{0}接口设置已保存到配置文件").format(name)),
            self._failed,
        )

    # Answers.

    def _saved(self, config: Config, text: str) -> None:
        self.shift.hall.config = config
        self.show_hall(config)
        self.show_utility()
        self.message.emit(text)
        self.saved.emit(config)

    def _failed(self, failure: Failure) -> None:
        self.test_button.setEnabled(True)
        self.result.setStyleSheet(f"color: {look.ERROR_COLOUR};")
        self.result.setText(failure.message)
        self.failed.emit(failure.message)
