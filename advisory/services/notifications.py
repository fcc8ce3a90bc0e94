"""Telling people: messages composed in the recipient's language, queued in the outbox, sent once with retries.

Every message is a row first (`uow.outbox.queue`, in the transaction of what caused it, with a
dedupe key so that queuing again changes nothing); `send_outbox` then claims, sends and marks each
one. A failed attempt is retried with exponential back-off until `settings.send_attempts`, then the
message is marked failed and shows so to coordinators.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import socket
import time

from pydantic import BaseModel

from advisory.adapters.i18n import translator
from advisory.adapters.mail import Attachment, Letter, attachment_row, attachments_from_rows, deliver
from advisory.adapters.store.unit_of_work import UnitOfWork
from advisory.domain.messages import Body
from advisory.domain.text import _
from advisory.services.project import Project

LEASE = dt.timedelta(minutes=5)
FIRST_RETRY = dt.timedelta(minutes=1)


class Recipient(BaseModel):
    """Someone the observatory writes to: address, name, language, and why (contact, reviewer, expert...)."""

    email: str
    name: str = ""
    language: str = "en"
    role: str = "contact"
    reviewer_id: str | None = None


class Composed(BaseModel):
    """A message in its recipient's words, ready for the outbox."""

    subject: str
    text: str
    html: str


def compose(body: Body, recipient: Recipient) -> Composed:
    """The message in the recipient's language: plain text and the same as simple HTML."""
    words = translator(recipient.language)
    greeting = words.text(_("Dear {name},", name=recipient.name) if recipient.name else _("Hello,"))
    paragraphs = [words.text(p) for p in body.paragraphs]
    closing = words.text(_("With kind regards,\nThe Cluster Observatory team"))
    lines = [greeting, "", *sum(([p, ""] for p in paragraphs), [])]
    html_parts = [f"<p>{html.escape(greeting)}</p>", *(f"<p>{html.escape(p)}</p>" for p in paragraphs)]
    if body.link:
        label = words.text(body.link_label or _("Open the portal"))
        lines += [f"{label}: {body.link}", ""]
        html_parts.append(f'<p><a href="{html.escape(body.link, quote=True)}">{html.escape(label)}</a></p>')
    lines.append(closing)
    html_parts.append("<p>" + html.escape(closing).replace("\n", "<br>") + "</p>")
    page = f'<!DOCTYPE html><html lang="{recipient.language}"><body>{"".join(html_parts)}</body></html>'
    return Composed(subject=words.text(body.subject), text="\n".join(lines), html=page)


def queue(
    uow: UnitOfWork,
    *,
    key: str,
    kind: str,
    recipient: Recipient,
    body: Body,
    region: str | None = None,
    stage: str | None = None,
    due: dt.date | None = None,
    attachments: list[Attachment] | None = None,
) -> bool:
    """Queue one message in the caller's transaction; False when one with this key was queued before."""
    composed = compose(body, recipient)
    row = uow.outbox.queue(
        dedupe_key=key,
        region=region,
        stage=stage,
        kind=kind,
        recipient=recipient.email,
        recipient_name=recipient.name,
        language=recipient.language,
        subject=composed.subject,
        body_text=composed.text,
        body_html=composed.html,
        attachments=[attachment_row(a) for a in attachments or []],
        due=due,
    )
    return row is not None


class SendReport(BaseModel):
    sent: int = 0
    failed: int = 0
    retrying: int = 0


def send_outbox(
    project: Project, sender: str | None = None, limit: int | None = None, pause: float = 0.0
) -> SendReport:
    """Send what is due, one message per transaction: claim, deliver, mark sent (or schedule a retry).

    Two senders never send the same message (the claim is a compare-and-set); a sender that dies
    leaves a claim whose lease runs out, and the next sender takes the message over.
    """
    sender = sender or f"{socket.gethostname()}:{time.monotonic_ns()}"
    settings = project.settings
    report = SendReport()
    while limit is None or report.sent + report.failed + report.retrying < limit:
        with project.unit_of_work() as uow:
            message = uow.outbox.claim(sender, LEASE)
            uow.commit()
            if message is None:
                break
            letter = Letter(
                message_id=message.id,
                key_digest=hashlib.sha256(message.dedupe_key.encode()).hexdigest()[:12],
                kind=message.kind,
                recipient=message.recipient,
                recipient_name=message.recipient_name,
                subject=message.subject,
                text=message.body_text,
                html=message.body_html,
                attachments=attachments_from_rows(message.attachments),
            )
            attempts = message.attempts
        try:
            deliver(letter, smtp_url=settings.smtp_url, sender=settings.mail_from, outbox_dir=settings.outbox_dir)
        except (OSError, ValueError) as exc:  # smtplib's errors are OSErrors; a bad address a ValueError
            retry = None if attempts >= settings.send_attempts else FIRST_RETRY * 2 ** (attempts - 1)
            with project.unit_of_work() as uow:
                uow.outbox.mark_failed(letter.message_id, sender, f"{type(exc).__name__}: {exc}", retry)
                uow.commit()
            report.retrying += retry is not None
            report.failed += retry is None
            continue
        with project.unit_of_work() as uow:
            uow.outbox.mark_sent(letter.message_id, sender)
            uow.commit()
        report.sent += 1
        if pause:
            time.sleep(pause)
    return report


def tell_outdated(project, uow: UnitOfWork, region: str, changed, version: int, stages: list) -> None:
    """Coordinators hear that a late change makes later stages run again (queued in the caller's transaction)."""
    from advisory.domain import messages
    from advisory.services import people

    profile = project.region(region)
    link = f"{project.settings.portal_url.rstrip('/')}/regions/{region}"
    body = messages.outdated_notice(profile.name, changed.title, [each.title for each in stages], link)
    for person in people.staff(project, "coordinator"):
        queue(
            uow,
            key=f"outdated:{region}:{changed.key}:v{version}:{person.email}",
            kind="outdated",
            recipient=person,
            body=body,
            region=region,
            stage=changed.key,
        )
