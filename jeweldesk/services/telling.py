"""The store's settings for telling customers: its mail server, its text gateway, the
unclaimed reminders, and the wording of each kind of notice."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path
from sqlalchemy import delete, select

from jeweldesk.config import APP
from jeweldesk.domain.errors import Invalid
from jeweldesk.domain.notice_words import BUILT_IN, WORDING_KEYS, Wording, wording_problem
from jeweldesk.domain.permissions import Act
from jeweldesk.storage.door import Actor, write
from jeweldesk.storage.engine import Database
from jeweldesk.storage.lookups import get_store
from jeweldesk.storage.tables import NoticeWording

SECURITIES = ("none", "starttls", "ssl")
ENV_MAIL_PASSWORD = "JEWELDESK_MAIL_PASSWORD"
ENV_SMS_TOKEN = "JEWELDESK_SMS_TOKEN"
KEYRING_SERVICE = APP


@dataclass(frozen=True)
class MailServer:
    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    sender: str = ""

    @property
    def secret_name(self) -> str:
        return f"mail {self.user or ''}@{self.host}:{self.port}"


@dataclass(frozen=True)
class TextGateway:
    url: str
    account: str
    sender: str

    @property
    def secret_name(self) -> str:
        return f"sms {self.account}@{self.url}"


@dataclass(frozen=True)
class Telling:
    mail: MailServer | None
    sms: TextGateway | None
    reminder_days: tuple[int, ...]
    unclaimed_days: int
    not_heard_from_days: int | None


def telling_settings(db: Database) -> Telling:
    with db.session(write=False) as session:
        s = get_store(session)
        mail = (MailServer(s.mail_host, s.mail_port or 25, s.mail_security, s.mail_user,
                           s.mail_from or "") if s.mail_host else None)
        sms = (TextGateway(s.sms_url, s.sms_account or "", s.sms_from or "")
               if s.sms_url else None)
        return Telling(mail, sms, tuple(s.reminders), s.unclaimed_days, s.not_heard_from_days)


def save_mail_server(db: Database, mail: MailServer, by: Actor,
                     password: str | None = None) -> str | None:
    """Keep the server's details in the store, the password in this PC's keyring; returns
    where the password went when it could not go into a keyring."""
    problems = {}
    if not mail.host.strip():
        problems["host"] = "say the mail server's name, e.g. smtp.example.com"
    if not 1 <= mail.port <= 65535:
        problems["port"] = f"{mail.port} is not a port (1 to 65535)"
    if mail.security not in SECURITIES:
        problems["security"] = f"{mail.security!r} is not one of {', '.join(SECURITIES)}"
    if "@" not in mail.sender or " " in mail.sender.strip():
        problems["from"] = f"{mail.sender!r} is not an e-mail address"
    if problems:
        raise Invalid(problems)
    with write(db, by, Act.SETTINGS, "the mail server") as w:
        store = get_store(w.session)
        store.mail_host, store.mail_port = mail.host.strip(), mail.port
        store.mail_security, store.mail_user = mail.security, (mail.user or "").strip() or None
        store.mail_from = mail.sender.strip()
    return keep_secret(mail.secret_name, password) if password else None


def save_text_gateway(db: Database, gateway: TextGateway, by: Actor,
                      token: str | None = None) -> str | None:
    problems = {}
    if not gateway.url.startswith(("http://", "https://")):
        problems["url"] = f"{gateway.url!r} is not a web address (https://…)"
    if not gateway.account.strip():
        problems["account"] = "say the gateway account (Twilio's Account SID)"
    if not gateway.sender.strip():
        problems["from"] = "say the number texts come from"
    if problems:
        raise Invalid(problems)
    with write(db, by, Act.SETTINGS, "the text gateway") as w:
        store = get_store(w.session)
        store.sms_url = gateway.url.rstrip("/")
        store.sms_account, store.sms_from = gateway.account.strip(), gateway.sender.strip()
    return keep_secret(gateway.secret_name, token) if token else None


def save_reminders(db: Database, reminder_days: tuple[int, ...], not_heard_from_days: int | None,
                   by: Actor) -> None:
    with write(db, by, Act.SETTINGS, "the reminders") as w:
        store = get_store(w.session)
        wrong = [d for d in reminder_days if not 0 < d < store.unclaimed_days]
        if wrong:
            raise Invalid({"reminder_days": f"{wrong[0]} is not between 1 and "
                           f"{store.unclaimed_days - 1} (the final letter comes at "
                           f"{store.unclaimed_days} days)"})
        if not_heard_from_days is not None and not_heard_from_days < 30:
            raise Invalid({"not_heard_from_days": "a month at least: a customer seen lately "
                           "has heard from the store"})
        store.reminder_days = ",".join(str(d) for d in sorted(set(reminder_days)))
        store.not_heard_from_days = not_heard_from_days


def notice_wording(db: Database) -> dict[str, Wording]:
    """The wording of every kind as the store uses it: its own, else the built-in."""
    with db.session(write=False) as session:
        edited = {r.kind: Wording(r.subject, r.text) for r in session.scalars(
            select(NoticeWording))}
    return {key: edited.get(key, BUILT_IN[key]) for key in WORDING_KEYS}


def save_notice_wording(db: Database, key: str, wording: Wording | None, by: Actor) -> None:
    """The store's own wording for one kind; None (or the built-in) puts the built-in back."""
    if key not in WORDING_KEYS:
        raise Invalid({"kind": f"{key!r} is not one of {', '.join(WORDING_KEYS)}"})
    if wording is not None and (problem := wording_problem(wording)):
        raise Invalid({key: problem})
    with write(db, by, Act.SETTINGS, "the notices' wording") as w:
        w.session.execute(delete(NoticeWording).where(NoticeWording.kind == key))
        if wording is not None and wording != BUILT_IN[key]:
            w.session.add(NoticeWording(kind=key, subject=wording.subject.strip(),
                                        text=wording.text.strip()))


# --- the passwords: this PC's keyring, or a file only its user can read ---------------

def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def fallback_file() -> Path:
    return user_config_path(APP, appauthor=False) / "secrets"


def keep_secret(name: str, secret: str) -> str | None:
    """Into the keyring; where this PC has none, into a file readable only by this user,
    whose path is returned so the person is told where it went."""
    if _keyring_usable():
        import keyring

        keyring.set_password(KEYRING_SERVICE, name, secret)
        return None
    path = fallback_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = _read_fallback(path)
    kept[name] = secret
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.writelines(f"{k}\t{v}\n" for k, v in kept.items())
    os.chmod(path, 0o600)
    return str(path)


def secret_for(name: str, env: str) -> str | None:
    """The environment's, else the keyring's, else the fallback file's."""
    if os.environ.get(env):
        return os.environ[env]
    if _keyring_usable():
        import keyring

        return keyring.get_password(KEYRING_SERVICE, name)
    return _read_fallback(fallback_file()).get(name)


def _read_fallback(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if "\t" in line)
