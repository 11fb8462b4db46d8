"""`jeweldesk notices [send]` and `jeweldesk settings mail|sms|reminders`."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import TYPE_CHECKING

from jeweldesk.cli.common import CommandError
from jeweldesk.cli.risk import parse_moment
from jeweldesk.domain import writing

if TYPE_CHECKING:
    from jeweldesk.domain.notices import Notice
    from jeweldesk.services.sending import Sent
    from jeweldesk.storage.engine import Database

# The services load when a command of theirs runs: every other command starts sooner.
ENV_MAIL_PASSWORD = "JEWELDESK_MAIL_PASSWORD"
ENV_SMS_TOKEN = "JEWELDESK_SMS_TOKEN"
SECURITIES = ("none", "starttls", "ssl")

AS_OF_HELP = ("what the store knew then: YYYY-MM-DD (start of that day) or "
              "YYYY-MM-DDTHH:MM:SS (default: now, store-local time)")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    register_estimates(commands)
    notices = commands.add_parser(
        "notices", help="the notices due: ready, delayed, unclaimed, estimate, cleaning due, "
        "not heard from")
    notices.add_argument("--as-of", metavar="DATE|TIMESTAMP", help=AS_OF_HELP)
    notices.add_argument("--json", action="store_true", help="print the notices as JSON")
    notices.set_defaults(run=_notices)
    sub = notices.add_subparsers(dest="notices_command", metavar="ACTION")
    send = sub.add_parser("send", help="send the email and text notices due, each once")
    send.add_argument("--as-of", metavar="DATE|TIMESTAMP", help=AS_OF_HELP)
    send.add_argument("--by", metavar="CODE",
                      help="who sends them, for the ticket's log (default: the store's "
                      "first manager)")
    send.set_defaults(run=_send)

    settings = commands.add_parser("settings", help="the store's settings for telling "
                                   "customers")
    what = settings.add_subparsers(dest="settings_command", metavar="WHAT")
    mail = what.add_parser("mail", help="the store's mail server (the password from a "
                           f"prompt or {ENV_MAIL_PASSWORD}, kept in this PC's keyring)")
    mail.add_argument("--host", required=True)
    mail.add_argument("--port", type=int, required=True)
    mail.add_argument("--security", choices=SECURITIES, default="starttls")
    mail.add_argument("--user")
    mail.add_argument("--from", dest="sender", required=True, metavar="ADDRESS")
    mail.set_defaults(run=_mail)
    sms = what.add_parser("sms", help="the text gateway, Twilio's REST API (the token from a "
                          f"prompt or {ENV_SMS_TOKEN}, kept in this PC's keyring)")
    sms.add_argument("--url", default="https://api.twilio.com",
                     help="the gateway's base URL (default: Twilio's)")
    sms.add_argument("--account", required=True, help="the Account SID")
    sms.add_argument("--from", dest="sender", required=True, metavar="NUMBER")
    sms.set_defaults(run=_sms)
    reminders = what.add_parser("reminders", help="when unclaimed pieces are reminded of, and "
                                "who is listed for a personal call")
    reminders.add_argument("--days", required=True, metavar="30,60",
                           help="days after ready; the final letter comes at the policy's "
                           "unclaimed days")
    reminders.add_argument("--not-heard-from", type=int, metavar="DAYS",
                           help="list customers silent this long (default: nobody)")
    reminders.set_defaults(run=_reminders)


def _notices(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.notices import notices_due

    wanted = parse_moment(args.as_of) if args.as_of is not None else None
    moment, due = notices_due(db, wanted)
    if args.json:
        print(json.dumps({"as_of": moment.isoformat(), "notices": [n.as_json() for n in due]},
                         indent=2, ensure_ascii=False))
        return 0
    when = writing.long_day(moment.date(), year=True)
    if not due:
        print(f"Notices due as of {when}: none.")
        return 0
    print(f"Notices due as of {when}: {len(due)}")
    for notice in due:
        print(f"\n{_line(notice)}\n    {notice.subject}")
    return 0


def _line(notice: Notice) -> str:
    to = f" to {notice.to}" if notice.to else ""
    return (f"{', '.join(notice.tickets)}  {notice.customer}  {notice.kind.value}  "
            f"{notice.channel.value}{to}")


def _send(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.sending import CannotSend, first_manager, send_due

    wanted = parse_moment(args.as_of) if args.as_of is not None else None
    by = args.by or first_manager(db)

    def said(sent: Sent) -> None:
        print(f"Sent {', '.join(sent.notice.tickets)} {sent.notice.kind.value}: "
              f"{sent.outcome}", flush=True)

    try:
        sent = send_due(db, by, wanted, on_sent=said)
    except CannotSend as exc:
        raise CommandError(str(exc)) from None
    if not sent:
        print("Nothing to send: every email and text due has gone out.")
    return 0


def _secret(env: str, prompt: str) -> str | None:
    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt) or None


def _mail(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.telling import MailServer, save_mail_server
    from jeweldesk.storage.door import THE_STORE

    mail = MailServer(args.host, args.port, args.security, args.user, args.sender)
    password = _secret(ENV_MAIL_PASSWORD, f"Password for {args.user} at {args.host}: ") \
        if args.user else None
    where = save_mail_server(db, mail, THE_STORE, password)
    print(f"Notices go out through {args.host}:{args.port} ({args.security}) from "
          f"{args.sender}.")
    _said_where(where, password is not None or not args.user, ENV_MAIL_PASSWORD)
    return 0


def _sms(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.telling import TextGateway, save_text_gateway
    from jeweldesk.storage.door import THE_STORE

    gateway = TextGateway(args.url, args.account, args.sender)
    token = _secret(ENV_SMS_TOKEN, f"Auth token for {args.account}: ")
    where = save_text_gateway(db, gateway, THE_STORE, token)
    print(f"Texts go out through {gateway.url.rstrip('/')} from {args.sender}.")
    _said_where(where, token is not None, ENV_SMS_TOKEN)
    return 0


def _said_where(where: str | None, given: bool, env: str) -> None:
    if not given:
        print(f"No password was given: set {env} when sending, or run this again at a "
              "terminal to be asked.")
    elif where:
        print(f"This PC has no keyring: the password is kept in {where}, readable only by "
              "you.")
    else:
        print("The password is kept in this PC's keyring.")


def _reminders(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.telling import save_reminders
    from jeweldesk.storage.door import THE_STORE

    try:
        days = tuple(int(d) for d in args.days.split(",") if d.strip())
    except ValueError:
        raise CommandError(f"--days {args.days!r} is not a list of days like 30,60",
                           exit_status=2) from None
    save_reminders(db, days, args.not_heard_from, THE_STORE)
    print("Reminders at " + ", ".join(f"{d} days" for d in days) + " after ready.")
    return 0


def register_estimates(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    estimate = commands.add_parser("estimate", help="work waiting for the customer's yes")
    sub = estimate.add_subparsers(dest="estimate_command", metavar="ACTION")
    ask = sub.add_parser("ask", help="a ticket (or work found at the bench) waits for a yes")
    ask.add_argument("ticket")
    ask.add_argument("--what", required=True, help='what to agree to: "Re-shank the ring"')
    ask.add_argument("--price", help="what it costs, e.g. 180.00")
    ask.add_argument("--whole", action="store_true",
                     help="the ticket's whole estimate, not a line found at the bench")
    ask.add_argument("--by", required=True, metavar="CODE", help="who asks")
    ask.set_defaults(run=_ask)
    answer = sub.add_parser("answer", help="the customer's yes or no")
    answer.add_argument("ticket")
    answer.add_argument("answer", choices=("yes", "no"))
    answer.add_argument("--how", required=True, help="phone, sms, email, in_person, letter")
    answer.add_argument("--ends", choices=("line", "ticket"), default="line",
                        help="after a no: only that line, or the whole ticket goes back as "
                        "it is (default: line)")
    answer.add_argument("--by", required=True, metavar="CODE", help="who took the answer")
    answer.set_defaults(run=_answer)
    waiting = sub.add_parser("list", help="what waits for a yes, the longest first")
    waiting.set_defaults(run=_waiting)


def _ask(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.estimates import ask_approval

    ask_approval(db, args.ticket, args.what, args.by, args.price, args.whole)
    print(f"{args.ticket.upper()} waits for the customer's yes; its promise waits with it.")
    return 0


def _answer(args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.estimates import answer_approval

    answer_approval(db, args.ticket, args.answer == "yes", args.how, args.by, args.ends)
    print(f"{args.ticket.upper()}: the customer said {args.answer}.")
    return 0


def _waiting(_args: argparse.Namespace, db: Database) -> int:
    from jeweldesk.services.estimates import waiting_for_approval

    found = waiting_for_approval(db)
    if not found:
        print("Nothing waits for a customer's yes.")
    for w in found:
        price = f" {writing.money(w.price)}" if w.price is not None else ""
        print(f"{w.ticket}  {w.customer}  {w.what}{price}  asked "
              f"{writing.short_day(w.asked_at.date())}")
    return 0
