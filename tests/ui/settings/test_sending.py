"""Settings › Mail and texts: the manager sets the mail server and the text gateway, the
password goes to the PC's keyring and is never shown back, and a test message goes through
the real mail server the suite starts (or says in one line why not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jeweldesk.services.telling import secret_for, telling_settings
from jeweldesk.ui.common.context import AppContext
from jeweldesk.ui.settings.sending import SendingTab
from tests.support.outbox import Gateway, Mailbox, free_port


@pytest.fixture
def no_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PC without a keyring: the secret goes to a file only its user reads."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("JEWELDESK_MAIL_PASSWORD", raising=False)
    monkeypatch.delenv("JEWELDESK_SMS_TOKEN", raising=False)
    return tmp_path / "config" / "JewelDesk" / "secrets"


def _tab(ctx: AppContext, qtbot) -> SendingTab:
    tab = SendingTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def _type(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_the_mail_server_is_saved_its_password_kept_and_never_shown_back(
        manager_ctx: AppContext, qtbot, no_keyring: Path) -> None:
    tab = _tab(manager_ctx, qtbot)
    _type(qtbot, tab.host, "smtp.example.com")
    tab.port.setValue(465)
    tab.security.setCurrentIndex(tab.security.findData("ssl"))
    _type(qtbot, tab.user, "desk")
    _type(qtbot, tab.password, "hunter2-very-secret")
    _type(qtbot, tab.mail_from, "repairs@harborlane.example")
    qtbot.mouseClick(tab.save_mail_button, Qt.MouseButton.LeftButton)

    assert tab.mail_message.text().startswith("Saved. This PC has no keyring")
    assert str(no_keyring) in tab.mail_message.text()
    mail = telling_settings(manager_ctx.db).mail
    assert mail is not None
    assert (mail.host, mail.port, mail.security, mail.user, mail.sender) == (
        "smtp.example.com", 465, "ssl", "desk", "repairs@harborlane.example")
    assert secret_for(mail.secret_name, "JEWELDESK_MAIL_PASSWORD") == "hunter2-very-secret"
    again = _tab(manager_ctx, qtbot)
    assert again.password.text() == "" and "kept on this PC" in again.password.placeholderText()
    assert again.password.echoMode() == again.password.EchoMode.Password
    assert "hunter2" not in again.mail_message.text() + again.test_message.text()


def test_a_bad_sender_is_named_and_nothing_is_saved(manager_ctx: AppContext, qtbot,
                                                    no_keyring: Path) -> None:
    tab = _tab(manager_ctx, qtbot)
    _type(qtbot, tab.host, "smtp.example.com")
    _type(qtbot, tab.mail_from, "not an address")
    qtbot.mouseClick(tab.save_mail_button, Qt.MouseButton.LeftButton)
    assert tab.mail_message.text() == "Nothing was saved: 'not an address' is not an e-mail address"
    assert telling_settings(manager_ctx.db).mail is None


def test_a_test_message_goes_through_the_store_s_mail_server(
        manager_ctx: AppContext, qtbot, mailbox: tuple[Mailbox, int], no_keyring: Path) -> None:
    box, port = mailbox
    tab = _tab(manager_ctx, qtbot)
    _type(qtbot, tab.host, "127.0.0.1")
    tab.port.setValue(port)
    tab.security.setCurrentIndex(tab.security.findData("none"))
    _type(qtbot, tab.mail_from, "repairs@harborlane.example")
    qtbot.mouseClick(tab.save_mail_button, Qt.MouseButton.LeftButton)
    _type(qtbot, tab.test_to, "manager@harborlane.example")
    qtbot.mouseClick(tab.test_mail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.test_message.text() != "", timeout=20000)
    assert tab.test_message.text() == "Test sent by email to manager@harborlane.example."
    ((to, message),) = box.arrived
    assert to == ["manager@harborlane.example"]
    assert message["Subject"] == "A test message from JewelDesk"
    assert message["From"] == "repairs@harborlane.example"
    assert "Harbor Lane Jewelers" in message.get_payload()


def test_a_server_that_does_not_answer_is_said_in_one_line(
        manager_ctx: AppContext, qtbot, no_keyring: Path) -> None:
    tab = _tab(manager_ctx, qtbot)
    _type(qtbot, tab.host, "127.0.0.1")
    tab.port.setValue(free_port())  # nobody listens there
    tab.security.setCurrentIndex(tab.security.findData("none"))
    _type(qtbot, tab.mail_from, "repairs@harborlane.example")
    qtbot.mouseClick(tab.save_mail_button, Qt.MouseButton.LeftButton)
    _type(qtbot, tab.test_to, "manager@harborlane.example")
    qtbot.mouseClick(tab.test_mail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.test_message.text() != "", timeout=20000)
    said = tab.test_message.text()
    assert said.startswith("Not sent: the mail server 127.0.0.1:") and "\n" not in said
    assert "connection refused" in said


def test_the_text_gateway_is_saved_and_a_test_text_reaches_it(
        manager_ctx: AppContext, qtbot, gateway: str, no_keyring: Path) -> None:
    tab = _tab(manager_ctx, qtbot)
    _type(qtbot, tab.url, gateway)
    _type(qtbot, tab.account, "AC123")
    _type(qtbot, tab.token, "tok-secret")
    _type(qtbot, tab.number, "+16015550100")
    qtbot.mouseClick(tab.save_sms_button, Qt.MouseButton.LeftButton)
    assert tab.sms_message.text().startswith("Saved. This PC has no keyring: the token")
    assert tab.token.text() == ""
    _type(qtbot, tab.test_phone, "601 555 0142")
    qtbot.mouseClick(tab.test_sms_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.test_message.text() != "", timeout=20000)
    assert tab.test_message.text() == "Test sent by text to +16015550142 (SM1)."
    (sent,) = Gateway.received
    assert sent["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert sent["form"]["To"] == "+16015550142" and sent["form"]["From"] == "+16015550100"


def test_the_counter_sees_the_settings_but_does_not_change_them(ctx: AppContext, qtbot) -> None:
    tab = _tab(ctx, qtbot)
    assert not tab.save_mail_button.isEnabled() and not tab.test_mail_button.isEnabled()
