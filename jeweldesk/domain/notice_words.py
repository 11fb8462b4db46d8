"""The words of the notices the store sends, in the voice of its thank-you note.

Each kind has a subject and a text with placeholders (``$customer``, ``$piece`` …); the
store may put its own wording in place of any of these (Settings), and a placeholder it
leaves out is simply not said. A placeholder with no value is filled with nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from string import Template


class NoticeKind(enum.StrEnum):
    READY = "ready"
    DELAYED = "delayed"
    UNCLAIMED = "unclaimed"
    ESTIMATE = "estimate"
    CLEANING_DUE = "cleaning_due"
    NOT_HEARD_FROM = "not_heard_from"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    NoticeKind.READY: "Ready for pickup",
    NoticeKind.DELAYED: "A new date",
    NoticeKind.UNCLAIMED: "Waiting to be collected",
    NoticeKind.ESTIMATE: "Waiting for a yes",
    NoticeKind.CLEANING_DUE: "Time for a cleaning",
    NoticeKind.NOT_HEARD_FROM: "Not heard from",
}

# The wordings the store edits: one per kind, and the unclaimed piece's last notice, the
# letter, apart from the reminders before it.
UNCLAIMED_FINAL = "unclaimed_final"
WORDING_KEYS = (*(k.value for k in NoticeKind), UNCLAIMED_FINAL)
WORDING_LABELS = {**{k.value: k.label for k in NoticeKind},
                  UNCLAIMED_FINAL: "Unclaimed: the final letter"}

PLACEHOLDERS = {
    "customer": "the customer's name",
    "piece": "the piece, or the pieces of one visit (\"ring and bracelet\")",
    "is": "\"is\" for one piece, \"are\" for several",
    "ticket": "the claim number(s)",
    "work": "what was done or is to do (\"resized it\")",
    "store": "the store's name",
    "store_phone": "the store's phone",
    "old_date": "the promise that will be missed",
    "new_date": "the new promise",
    "reason": "why, in plain words",
    "ready_since": "the day the piece was ready",
    "dispose_after": "the date after which the store may dispose of the piece",
    "policy_days": "the days of the unclaimed-item policy",
    "month": "the month the thank-you note named",
    "price": "the price waiting for a yes",
    "last_seen": "when the customer was last in touch",
}


@dataclass(frozen=True)
class Wording:
    subject: str
    text: str


_SIGN_OFF = "\n\nWith warm wishes,\n$store\n$store_phone"

BUILT_IN: dict[str, Wording] = {
    NoticeKind.READY: Wording(
        "Your $piece $is ready",
        "Dear $customer,\n\nGood news: your $piece $is ready and waiting for you at $store. "
        "We have taken real care over it, and we think you will be pleased.\n\n"
        "Bring your claim receipt ($ticket) when you come. If someone else will collect "
        "it for you, just let us know." + _SIGN_OFF),
    NoticeKind.DELAYED: Wording(
        "A new date for your $piece",
        "Dear $customer,\n\nWe wanted you to hear it from us first: your $piece will not "
        "be ready on $old_date as we promised. $reason\n\nWe now expect to have it ready "
        "by $new_date, and we will tell you the moment it is. We are sorry for the wait. "
        "If the new date does not suit you, call us and we will find a way." + _SIGN_OFF),
    NoticeKind.UNCLAIMED: Wording(
        "Your $piece $is waiting for you",
        "Dear $customer,\n\nYour $piece has been ready for you since $ready_since, and we "
        "are keeping it safe at $store. Whenever it suits you, bring your claim receipt "
        "($ticket) and we will have it ready at the counter. If you cannot come in "
        "yourself, call us and we will work something out." + _SIGN_OFF),
    UNCLAIMED_FINAL: Wording(
        "Please collect your $piece by $dispose_after",
        "Dear $customer,\n\nYour $piece (claim $ticket) has been ready for you since "
        "$ready_since, and we have written before to remind you. As the terms on your "
        "claim receipt say, a piece left with us more than $policy_days days after it is "
        "ready may be disposed of as the law allows.\n\nPlease collect it, or call us, by "
        "$dispose_after. After that date we may dispose of it as the law allows, and we "
        "would much rather hand it back to you." + _SIGN_OFF),
    NoticeKind.ESTIMATE: Wording(
        "Your $piece: may we go ahead?",
        "Dear $customer,\n\nWhile working on your $piece, our jeweler found more that "
        "needs doing: $work, for $price. May we go ahead? Reply to this message or call "
        "us, and we will carry on the moment we hear from you. Until then the work "
        "waits, and so does the date we promised." + _SIGN_OFF),
    NoticeKind.CLEANING_DUE: Wording(
        "Time for a check and a cleaning",
        "Dear $customer,\n\nWhen you collected your $piece, we said we would love to see "
        "it again around $month. This is that time: bring it in for a free check and "
        "cleaning. It takes only a few minutes, and we do it while you wait." + _SIGN_OFF),
    NoticeKind.NOT_HEARD_FROM: Wording(
        "A call to $customer",
        "We have not heard from $customer since $last_seen (their $piece, $ticket). "
        "Call to say hello and ask how the piece is wearing: no sale, just care."),
}


def wording_for(key: str, edited: dict[str, Wording]) -> Wording:
    return edited.get(key) or BUILT_IN[key]


def filled(wording: Wording, values: dict[str, str]) -> tuple[str, str]:
    """The subject and the text with the values in; an empty value leaves no double space."""
    subject = Template(wording.subject).safe_substitute(values)
    text = Template(wording.text).safe_substitute(values)
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n")]
    return " ".join(subject.split()), "\n".join(lines).strip()


def wording_problem(wording: Wording) -> str | None:
    """What is wrong with a wording the store typed, or None."""
    if not wording.subject.strip():
        return "the subject is empty"
    if not wording.text.strip():
        return "the text is empty"
    for part in (wording.subject, wording.text):
        try:
            names = {m.group("named") or m.group("braced")
                     for m in Template.pattern.finditer(part)
                     if m.group("named") or m.group("braced")}
            invalid = [m for m in Template.pattern.finditer(part) if m.group("invalid")]
        except (TypeError, ValueError):  # pragma: no cover - the pattern is fixed
            return "the wording could not be read"
        if invalid:
            return "a $ must start a placeholder ($customer …); write $$ for a dollar sign"
        unknown = sorted(names - set(PLACEHOLDERS))
        if unknown:
            return (f"${unknown[0]} is not a placeholder; the placeholders are "
                    + ", ".join(f"${p}" for p in PLACEHOLDERS))
    return None


def pieces_said(pieces: list[str]) -> str:
    """ "ring", "ring and bracelet", "ring, bracelet and chain"."""
    if len(pieces) <= 1:
        return pieces[0] if pieces else "piece"
    return ", ".join(pieces[:-1]) + " and " + pieces[-1]
