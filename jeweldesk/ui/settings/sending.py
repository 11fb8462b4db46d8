"""Settings › Mail and texts, for the manager: the store's mail server and its text gateway,
the same services `jeweldesk settings mail|sms` uses, and a test message through each.

A password or token typed here goes to this PC's keyring (or a file only this user can
read, said where) and is never shown back: the field is empty each time the tab opens,
and left empty it keeps the one kept.
"""

from __future__ import annotations

from collections.abc import Callable, Generator

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jeweldesk.domain.errors import Invalid, ServiceError
from jeweldesk.domain.permissions import Act
from jeweldesk.interchange.common import Progress
from jeweldesk.services.sending import send_test_email, send_test_text
from jeweldesk.services.telling import (
    ENV_MAIL_PASSWORD,
    ENV_SMS_TOKEN,
    MailServer,
    TextGateway,
    save_mail_server,
    save_text_gateway,
    secret_for,
    telling_settings,
)
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.common.widgets import ProblemLabel, muted
from jeweldesk.ui.common.work import LongJob
from jeweldesk.ui.settings.saved import saved_line, say

SECURITY = (("STARTTLS (usually port 587)", "starttls"), ("SSL (usually port 465)", "ssl"),
            ("None (a server inside the store)", "none"))
TWILIO = "https://api.twilio.com"
KEPT = "kept on this PC — type a new one to change it"


def _secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _where(kept: str | None, given: bool, what: str = "password") -> str:
    if not given:
        return ""
    if kept:
        return f" This PC has no keyring: the {what} is kept in {kept}, readable only by you."
    return f" The {what} is kept in this PC's keyring."


def _said(exc: ServiceError) -> str:
    if isinstance(exc, Invalid):
        return "Nothing was saved: " + "; ".join(exc.problems.values())
    return str(exc)


class SendingTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.host = QLineEdit()
        self.host.setPlaceholderText("smtp.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(587)
        self.security = QComboBox()
        for label, key in SECURITY:
            self.security.addItem(label, key)
        self.user = QLineEdit()
        self.user.setPlaceholderText("the account's user name (empty: no login)")
        self.mail_from = QLineEdit()
        self.mail_from.setPlaceholderText("repairs@yourstore.com")
        self.password = _secret_field()
        self.save_mail_button, self.mail_message, mail_saved = saved_line()
        self.test_to = QLineEdit()
        self.test_to.setPlaceholderText("an address to send the test to")
        self.test_mail_button = QPushButton("Send a test message")
        self.test_mail_button.setAutoDefault(False)

        self.url = QLineEdit()
        self.url.setPlaceholderText(TWILIO)
        self.account = QLineEdit()
        self.account.setPlaceholderText("the Account SID")
        self.token = _secret_field()
        self.number = QLineEdit()
        self.number.setPlaceholderText("+16015550100")
        self.save_sms_button, self.sms_message, sms_saved = saved_line()
        self.test_phone = QLineEdit()
        self.test_phone.setPlaceholderText("a mobile to send the test to")
        self.test_sms_button = QPushButton("Send a test text")
        self.test_sms_button.setAutoDefault(False)
        self.test_message = ProblemLabel()

        mail = QFormLayout()
        mail.addRow("Server", self.host)
        mail.addRow("Port", self.port)
        mail.addRow("Security", self.security)
        mail.addRow("User", self.user)
        mail.addRow("Password", self.password)
        mail.addRow("Sent from", self.mail_from)
        mail.addRow("", mail_saved)
        mail.addRow("Test", _row(self.test_to, self.test_mail_button))
        sms = QFormLayout()
        sms.addRow("Gateway", self.url)
        sms.addRow("Account", self.account)
        sms.addRow("Auth token", self.token)
        sms.addRow("Texts from", self.number)
        sms.addRow("", sms_saved)
        sms.addRow("Test", _row(self.test_phone, self.test_sms_button))
        mail_box, sms_box = QGroupBox("Email: the store's own mail server"), QGroupBox(
            "Texts: the SMS gateway (Twilio's REST API, or one that speaks it)")
        mail_box.setLayout(mail)
        sms_box.setLayout(sms)
        boxes = QHBoxLayout()
        boxes.addWidget(mail_box, 1)
        boxes.addWidget(sms_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(muted("Notices to customers go out through these. Passwords stay on "
                               "this PC, in its keyring: never shown here again, never in an "
                               "export, never in a log."))
        layout.addLayout(boxes)
        layout.addWidget(self.test_message)
        layout.addStretch(1)

        self.save_mail_button.clicked.connect(self.save_mail)
        self.save_sms_button.clicked.connect(self.save_sms)
        self.test_mail_button.clicked.connect(self.test_mail)
        self.test_sms_button.clicked.connect(self.test_sms)
        ctx.user_changed.connect(self._may_change)
        self.load()

    def load(self) -> None:
        settings = telling_settings(self.ctx.db)
        mail, sms = settings.mail, settings.sms
        if mail is not None:
            self.host.setText(mail.host)
            self.port.setValue(mail.port)
            self.security.setCurrentIndex(max(0, self.security.findData(mail.security)))
            self.user.setText(mail.user or "")
            self.mail_from.setText(mail.sender)
        if sms is not None:
            self.url.setText(sms.url)
            self.account.setText(sms.account)
            self.number.setText(sms.sender)
        self.password.clear()
        self.token.clear()
        self.password.setPlaceholderText(
            KEPT if mail and mail.user and secret_for(mail.secret_name, ENV_MAIL_PASSWORD)
            else "the account's password")
        self.token.setPlaceholderText(
            KEPT if sms and secret_for(sms.secret_name, ENV_SMS_TOKEN) else "the auth token")
        self._may_change()

    def _may_change(self) -> None:
        allowed = self.ctx.may(Act.SETTINGS)
        for button in (self.save_mail_button, self.save_sms_button, self.test_mail_button,
                       self.test_sms_button):
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else "A manager sets how notices go out")

    def mail_server(self) -> MailServer:
        return MailServer(self.host.text().strip(), self.port.value(),
                          str(self.security.currentData()), self.user.text().strip() or None,
                          self.mail_from.text().strip())

    def save_mail(self) -> None:
        password = self.password.text() or None
        try:
            kept = save_mail_server(self.ctx.db, self.mail_server(), self.ctx.user.code,
                                    password)
        except ServiceError as exc:
            say(self.mail_message, _said(exc))
            return
        say(self.mail_message, "Saved." + _where(kept, password is not None), good=True)
        self.load()

    def save_sms(self) -> None:
        token = self.token.text() or None
        gateway = TextGateway(self.url.text().strip() or TWILIO, self.account.text().strip(),
                              self.number.text().strip())
        try:
            kept = save_text_gateway(self.ctx.db, gateway, self.ctx.user.code, token)
        except ServiceError as exc:
            say(self.sms_message, _said(exc))
            return
        say(self.sms_message, "Saved." + _where(kept, token is not None, "token"), good=True)
        self.load()

    def test_mail(self) -> None:
        to = self.test_to.text()
        self._test("Sending a test message", lambda: send_test_email(self.ctx.db, to))

    def test_sms(self) -> None:
        to = self.test_phone.text()
        self._test("Sending a test text", lambda: send_test_text(self.ctx.db, to))

    def _test(self, title: str, send: Callable[[], str]) -> None:
        """Off the window's thread: a server that does not answer takes a while to say so."""
        def steps() -> Generator[Progress, None, str]:
            yield Progress(0, 1, title.lower())
            try:
                return send()
            except ServiceError as exc:
                raise ServiceError(exc.said) from None  # the line, without field names

        say(self.test_message, "")
        self.job = LongJob(title, steps, self)
        self.job.done.connect(lambda said: say(self.test_message, f"Test {said}.", good=True))
        self.job.failed.connect(lambda line: say(self.test_message, f"Not sent: {line}"))
        self.job.start()


def _row(field: QWidget, button: QPushButton) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(button)
    return box
