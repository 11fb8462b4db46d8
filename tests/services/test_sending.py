"""Sending the notices: real mail to a real SMTP server on a loopback port, real texts to
a local HTTP server standing in for the gateway, each once, and never twice after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from typing import Any

import pytest
from sqlalchemy import select

from jeweldesk.cli import main
from jeweldesk.domain.kinds import Channel
from jeweldesk.domain.status import Status
from jeweldesk.services.customers import CustomerDetails
from jeweldesk.services.intake import Visit, take_in
from jeweldesk.services.moves import move
from jeweldesk.services.sending import send_due
from jeweldesk.services.telling import (
    MailServer,
    TextGateway,
    save_mail_server,
    save_text_gateway,
)
from jeweldesk.storage.engine import Database
from jeweldesk.storage.tables import Contact, Notice, Ticket
from tests.support.outbox import Gateway, Mailbox, free_port
from tests.support.store import BENCH, COUNTER, MANAGER, NAMES, ring


def _ready_for(db: Database, name: str, email: str | None = None, phone: str | None = None,
               channel: Channel = Channel.EMAIL) -> str:
    (number,) = take_in(db, Visit(pieces=(ring(description="Solitaire ring"),),
                                  new_customer=CustomerDetails(name, phone, email,
                                                               preferred_channel=channel)),
                        by=COUNTER)
    move(db, number, Status.AT_BENCH, BENCH)
    move(db, number, Status.READY, BENCH)
    return number


def _log(db: Database, number: str) -> list[tuple[Channel, str, str, str | None]]:
    with db.session(write=False) as session:
        ticket = session.scalar(select(Ticket).where(Ticket.number == number))
        assert ticket is not None
        return [(c.channel, c.by.name, c.note or "", c.outcome) for c in ticket.contacts]


def test_email_goes_to_the_store_server_once_and_is_logged_on_the_ticket(
        store_db: Database, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    number = _ready_for(store_db, "Dana Whitfield", "dana@example.com")
    save_mail_server(store_db, MailServer("127.0.0.1", port, "none", None,
                                          "desk@bellandrose.example"), MANAGER)
    sent = send_due(store_db, COUNTER)
    assert [s.notice.ticket for s in sent] == [number]
    ((to, message),) = box.arrived
    assert to == ["dana@example.com"]
    assert message["From"] == "desk@bellandrose.example"
    assert message["Subject"] == "Your solitaire ring is ready"
    body = message.get_payload(decode=True).decode()
    assert body.startswith("Dear Dana Whitfield,") and number in body
    ((channel, who, note, outcome),) = _log(store_db, number)
    assert (channel, who, outcome) == (Channel.EMAIL, NAMES[COUNTER],
                                       "sent by email to dana@example.com")
    assert "Dear Dana Whitfield," in note
    assert send_due(store_db, COUNTER) == []
    assert len(box.arrived) == 1


def test_texts_go_to_the_gateway_with_its_account_and_token(
        store_db: Database, gateway: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEWELDESK_SMS_TOKEN", "tok-secret")
    number = _ready_for(store_db, "Ana Ruiz", phone="601 555 0199", channel=Channel.SMS)
    save_text_gateway(store_db, TextGateway(gateway, "AC42", "+16015550100"), MANAGER)
    (sent,) = send_due(store_db, COUNTER)
    (request,) = Gateway.received
    assert request["path"] == "/2010-04-01/Accounts/AC42/Messages.json"
    import base64
    assert base64.b64decode(request["auth"].split()[1]).decode() == "AC42:tok-secret"
    assert request["form"]["To"].endswith("6015550199")
    assert request["form"]["From"] == "+16015550100"
    assert request["form"]["Body"].startswith("Dear Ana Ruiz,")
    ((channel, _, _, outcome),) = _log(store_db, number)
    assert channel == Channel.SMS and outcome is not None and "(SM1)" in outcome
    assert send_due(store_db, COUNTER) == []


def test_a_mail_server_that_does_not_answer_gives_one_line_and_marks_nothing(
        store_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    number = _ready_for(store_db, "Dana Whitfield", "dana@example.com")
    port = free_port()  # nobody listens there
    save_mail_server(store_db, MailServer("127.0.0.1", port, "none", None, "desk@x.example"),
                     MANAGER)
    capsys.readouterr()
    assert main(["--db", store_db.url, "notices", "send"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert f"127.0.0.1:{port} did not answer" in err and "nothing was sent" in err
    with store_db.session(write=False) as session:
        assert session.scalars(select(Notice)).all() == []
        assert session.scalars(select(Contact)).all() == []
    assert main(["--db", store_db.url, "notices", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["notices"][0]["ticket"] == number


def test_a_run_killed_in_the_middle_sends_nothing_twice(
        store_db: Database, mailbox: tuple[Mailbox, int],
        capsys: pytest.CaptureFixture[str]) -> None:
    box, port = mailbox
    people = [f"customer{n}@example.com" for n in range(5)]
    numbers = [_ready_for(store_db, f"Customer {n}", email) for n, email in enumerate(people)]
    save_mail_server(store_db, MailServer("127.0.0.1", port, "none", None, "desk@x.example"),
                     MANAGER)
    box.hold_at = 3  # the third message arrives, and its answer never comes
    run = subprocess.Popen([sys.executable, "-m", "jeweldesk", "--db", store_db.url,
                            "notices", "send"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=os.environ.copy())
    if not box.holding.wait(120):
        run.kill()
        pytest.fail(str(run.communicate(timeout=30)))
    os.kill(run.pid, signal.SIGKILL)
    out, _ = run.communicate(timeout=30)
    assert out.decode().count("Sent") == 2  # the third never heard back
    box.hold_at = None
    capsys.readouterr()
    assert main(["--db", store_db.url, "notices", "send"]) == 0
    again = capsys.readouterr().out
    assert "Sent" in again
    assert main(["--db", store_db.url, "notices", "send"]) == 0
    assert "Nothing to send" in capsys.readouterr().out
    arrived = [to for tos, _ in box.arrived for to in tos]
    assert sorted(arrived) == sorted(people)  # every customer told, none twice
    with store_db.session(write=False) as session:
        rows = {r.ticket.number: r for r in session.scalars(select(Notice))}
        unsure = [n for n, r in rows.items() if r.sent_at is None]
        assert unsure == [numbers[2]]
        assert rows[numbers[2]].outcome is None  # the run died before it heard back
        told = {c.ticket.number for c in session.scalars(select(Contact))}
    assert told == set(numbers) - {numbers[2]}


def test_the_password_is_never_printed_and_kept_where_the_command_says(
        store_db: Database, tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("JEWELDESK_MAIL_PASSWORD", "hunter2-very-secret")
    capsys.readouterr()
    assert main(["--db", store_db.url, "settings", "mail", "--host", "smtp.example.com",
                 "--port", "587", "--user", "desk", "--from", "desk@example.com"]) == 0
    out = capsys.readouterr()
    assert "hunter2" not in out.out + out.err
    assert "no keyring" in out.out
    kept = tmp_path / "config" / "JewelDesk" / "secrets"
    assert kept.is_file() and oct(kept.stat().st_mode & 0o777) == "0o600"
    export = tmp_path / "store.json"
    assert main(["--db", store_db.url, "export", str(export)]) == 0
    text = export.read_text()
    assert "hunter2" not in text and '"host": "smtp.example.com"' in text
    from jeweldesk.services.telling import secret_for
    monkeypatch.delenv("JEWELDESK_MAIL_PASSWORD")
    assert secret_for("mail desk@smtp.example.com:587", "JEWELDESK_MAIL_PASSWORD") == \
        "hunter2-very-secret"

