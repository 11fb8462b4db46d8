"""Sending the notices due: email through the store's mail server, texts through its
gateway, each once.

Every message is written to the outbox (a ``Notice`` row with no ``sent_at``) before it
leaves, and marked sent, with a contact on the ticket, after. A run cut short between
the two leaves the row unmarked: it is never sent again on its own, and shows as one to
check. A server that does not answer stops the run with one line; what it had not sent
is not marked.
"""

from __future__ import annotations

import base64
import json
import smtplib
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from functools import partial

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from jeweldesk.domain import writing
from jeweldesk.domain.contact_details import DetailError, normalise_email, normalise_phone
from jeweldesk.domain.errors import Invalid, NotFound, ServiceError
from jeweldesk.domain.kinds import Channel, Role
from jeweldesk.domain.notices import Notice as Due
from jeweldesk.domain.permissions import Act
from jeweldesk.services.notices import notices_due
from jeweldesk.services.telling import (
    ENV_MAIL_PASSWORD,
    ENV_SMS_TOKEN,
    MailServer,
    TextGateway,
    secret_for,
    telling_settings,
)
from jeweldesk.storage.door import THE_STORE, Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store, ticket_by_number
from jeweldesk.storage.tables import Contact, Notice, Staff

TIMEOUT_SECONDS = 20
INTERRUPTED = "interrupted: it may or may not have gone out; check before sending again"


class AlreadyGiven(ServiceError):
    """The notice is on record already: another workstation sent it or marked it done."""


class CannotSend(ServiceError):
    """The mail server or the gateway cannot be reached: one line, nothing marked sent."""


@dataclass(frozen=True)
class Sent:
    notice: Due
    outcome: str


def first_manager(db: Database) -> str:
    """Who the command line sends as when no one is named."""
    with db.session(write=False) as session:
        code = session.scalar(select(Staff.code).where(Staff.role == Role.MANAGER,
                                                       Staff.active).order_by(Staff.id))
    if code is None:
        raise NotFound("the store has no manager to send as; name someone with --by")
    return code


def send_due(db: Database, by: Actor, as_of: date | datetime | None = None,
             on_sent: Callable[[Sent], None] | None = None) -> list[Sent]:
    moment, due = notices_due(db, as_of)
    return send(db, [n for n in due if n.sends_itself], by, moment if as_of else None,
                on_sent)


def send(db: Database, notices: list[Due], by: Actor, moment: datetime | None = None,
         on_sent: Callable[[Sent], None] | None = None) -> list[Sent]:
    settings = telling_settings(db)
    emails = [n for n in notices if n.channel == Channel.EMAIL]
    texts = [n for n in notices if n.channel == Channel.SMS]
    if emails and settings.mail is None:
        raise CannotSend("no mail server is set: jeweldesk settings mail --host … --from …; "
                         "nothing was sent")
    if texts and settings.sms is None:
        raise CannotSend("no text gateway is set: jeweldesk settings sms --url … --account … "
                         "--from …; nothing was sent")
    done: list[Sent] = []

    def one(notice: Due, deliver: Callable[[], str]) -> None:
        rows = _queue(db, notice, by, moment)
        try:
            outcome = deliver()
        except _NotSent as exc:
            _unqueue(db, rows)
            raise CannotSend(f"{exc}; {notice.ticket} and the rest were not sent") from None
        except _Unsure as exc:
            _mark(db, rows, by, notice, None, f"{INTERRUPTED} ({exc})")
            raise CannotSend(f"{exc} while sending {notice.ticket}: it may or may not have "
                             "gone out, and is not sent again; the rest were not sent") from None
        _mark(db, rows, by, notice, datetime.now().replace(microsecond=0), outcome)
        result = Sent(notice, outcome)
        done.append(result)
        if on_sent:
            on_sent(result)

    if emails:
        assert settings.mail is not None
        mail = settings.mail
        with _mail_connection(mail) as server:
            for notice in emails:
                one(notice, partial(_email, server, mail, notice))
    if texts:
        assert settings.sms is not None
        gateway = settings.sms
        token = secret_for(gateway.secret_name, ENV_SMS_TOKEN) or ""
        for notice in texts:
            one(notice, partial(_text, gateway, token, notice))
    return done


class _NotSent(Exception):
    """Certainly not delivered: the server refused or could not be reached."""


class _Unsure(Exception):
    """The connection broke after the message was handed over."""


def _queue(db: Database, notice: Due, by: Actor, moment: datetime | None) -> list[int]:
    try:
        with write(db, by, Act.CONTACT, notice.ticket) as w:
            rows = []
            for number in notice.tickets:
                ticket = ticket_by_number(w.session, number)
                given = w.session.scalar(select(Notice).where(
                    Notice.ticket_id == ticket.id, Notice.kind == notice.kind.value,
                    Notice.step == notice.step))
                if given is not None:
                    raise AlreadyGiven(_already(notice, given.by.name,
                                                writing.moment(given.queued_at)))
                row = Notice(ticket_id=ticket.id, kind=notice.kind.value, step=notice.step,
                             channel=notice.channel, recipient=notice.to,
                             subject=notice.subject, text=notice.text,
                             queued_at=moment or w.now, by_id=w.person_id)
                w.session.add(row)
                rows.append(row)
            w.session.flush()
            return [r.id for r in rows]
    except IntegrityError:
        # Another workstation's row landed between the look and the write.
        raise AlreadyGiven(_already(notice)) from None


def _already(notice: Due, by: str | None = None, at: str | None = None) -> str:
    who = f" by {by}, {at}" if by and at else " just now"
    return (f"{', '.join(notice.tickets)}: {notice.customer} was told about this already, at "
            f"another workstation{who}; nothing more to do.")


def _unqueue(db: Database, rows: list[int]) -> None:
    """Certainly not sent: out of the outbox, so the next run sends it."""
    with write(db, THE_STORE, Act.CONTACT) as w:
        w.session.execute(delete(Notice).where(Notice.id.in_(rows)))


def _mark(db: Database, rows: list[int], by: Actor, notice: Due, sent_at: datetime | None,
          outcome: str) -> None:
    with write(db, by, Act.CONTACT, notice.ticket) as w:
        for row in w.session.scalars(select(Notice).where(Notice.id.in_(rows))):
            row.sent_at = w.now if sent_at else None
            row.outcome = outcome[:200]
            if sent_at:
                w.session.add(Contact(ticket_id=row.ticket_id, at=w.now, by_id=w.person_id,
                                      channel=notice.channel,
                                      note=f"{notice.subject}\n\n{notice.text}",
                                      outcome=outcome[:200]))


class _mail_connection:  # noqa: N801 - used as a with-block, like open()
    def __init__(self, mail: MailServer) -> None:
        self.mail = mail
        self.server: smtplib.SMTP | None = None

    def __enter__(self) -> smtplib.SMTP:
        mail = self.mail
        where = f"{mail.host}:{mail.port}"
        try:
            if mail.security == "ssl":
                server: smtplib.SMTP = smtplib.SMTP_SSL(
                    mail.host, mail.port, timeout=TIMEOUT_SECONDS,
                    context=ssl.create_default_context())
            else:
                server = smtplib.SMTP(mail.host, mail.port, timeout=TIMEOUT_SECONDS)
                if mail.security == "starttls":
                    server.starttls(context=ssl.create_default_context())
            if mail.user:
                password = secret_for(mail.secret_name, ENV_MAIL_PASSWORD)
                if not password:
                    server.close()
                    raise CannotSend(f"no password for {mail.user} at {where}: set it with "
                                     f"jeweldesk settings mail, or {ENV_MAIL_PASSWORD}; "
                                     "nothing was sent")
                server.login(mail.user, password)
        except smtplib.SMTPAuthenticationError:
            raise CannotSend(f"the mail server {where} refused the user {mail.user} and "
                             "its password; nothing was sent") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise CannotSend(f"the mail server {where} did not answer ({_why(exc)}); "
                             "nothing was sent") from None
        self.server = server
        return server

    def __exit__(self, *_exc: object) -> None:
        if self.server is not None:
            try:
                self.server.quit()
            except (OSError, smtplib.SMTPException):
                self.server.close()


def _email(server: smtplib.SMTP, mail: MailServer | None, notice: Due) -> str:
    assert mail is not None and notice.to
    return _send_email(server, mail, notice.to, notice.subject, notice.text)


def _send_email(server: smtplib.SMTP, mail: MailServer, to: str, subject: str,
                text: str) -> str:
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=mail.sender.rpartition("@")[2] or None)
    message.set_content(text)
    try:
        server.send_message(message)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused,
            smtplib.SMTPDataError) as exc:
        raise _NotSent(f"the mail server refused the message to {to} "
                       f"({_why(exc)})") from None
    except (OSError, smtplib.SMTPException) as exc:
        raise _Unsure(f"the mail server stopped answering ({_why(exc)})") from None
    return f"sent by email to {to}"


def _text(gateway: TextGateway | None, token: str, notice: Due) -> str:
    assert gateway is not None and notice.to
    return _post_text(gateway, token, notice.to, notice.text)


def _post_text(gateway: TextGateway, token: str, to: str, text: str) -> str:
    account = urllib.parse.quote(gateway.account, safe="")
    url = f"{gateway.url}/2010-04-01/Accounts/{account}/Messages.json"
    body = urllib.parse.urlencode({"To": _e164(to), "From": gateway.sender,
                                   "Body": text}).encode()
    request = urllib.request.Request(url, data=body, method="POST")
    login = base64.b64encode(f"{gateway.account}:{token}".encode()).decode()
    request.add_header("Authorization", f"Basic {login}")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise _NotSent(f"the text gateway refused the text to {to} "
                       f"(HTTP {exc.code})") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise _Unsure("the text gateway stopped answering") from None
        raise _NotSent(f"the text gateway {gateway.url} did not answer "
                       f"({_why(exc.reason)})") from None
    except (OSError, ValueError) as exc:
        raise _Unsure(f"the text gateway stopped answering ({_why(exc)})") from None
    sid = answer.get("sid") if isinstance(answer, dict) else None
    return f"sent by text to {to}" + (f" ({sid})" if sid else "")


def _e164(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return phone if phone.strip().startswith("+") else f"+1{digits}" if len(digits) == 10 \
        else f"+{digits}"


def _why(exc: object) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "no answer in time"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def mark_done(db: Database, notice: Due, by: Actor, outcome: str = "") -> None:
    """A call made or a letter posted by a person: on record like a message sent."""
    what = outcome.strip() or ("letter printed and posted" if notice.channel == Channel.LETTER
                               else "called")
    rows = _queue(db, notice, by, None)
    _mark(db, rows, by, notice, datetime.now(), what)


# --- a test message, from Settings: the same server and gateway the notices go through ---

TEST_SUBJECT = "A test message from JewelDesk"


def send_test_email(db: Database, to: str) -> str:
    """One message to ``to`` through the store's mail server; CannotSend says in one line
    why it did not go."""
    settings = telling_settings(db)
    if settings.mail is None:
        raise CannotSend("no mail server is set yet: fill it in and save it first")
    mail = settings.mail
    address = _address(db, to, "email")
    with _mail_connection(mail) as server:
        try:
            return _send_email(server, mail, address, TEST_SUBJECT, _test_words(db))
        except (_NotSent, _Unsure) as exc:
            raise CannotSend(str(exc)) from None


def send_test_text(db: Database, to: str) -> str:
    settings = telling_settings(db)
    if settings.sms is None:
        raise CannotSend("no text gateway is set yet: fill it in and save it first")
    gateway = settings.sms
    token = secret_for(gateway.secret_name, ENV_SMS_TOKEN) or ""
    try:
        return _post_text(gateway, token, _address(db, to, "phone"), _test_words(db))
    except (_NotSent, _Unsure) as exc:
        raise CannotSend(str(exc)) from None


def _address(db: Database, to: str, kind: str) -> str:
    with db.session(write=False) as session:
        country = get_store(session).country
    try:
        found = normalise_email(to) if kind == "email" else normalise_phone(to, country)
    except DetailError as exc:
        raise Invalid({"to": str(exc)}) from None
    if not found:
        raise Invalid({"to": f"say the {kind} the test goes to"})
    return found


def _test_words(db: Database) -> str:
    with db.session(write=False) as session:
        store = get_store(session).name
    return (f"This is a test from {store}'s JewelDesk: the notices to your customers go out "
            "this way. Nothing needs doing.")
