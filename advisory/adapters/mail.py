"""Sending a message: over SMTP when a server is configured, else as an .eml file a mail client opens.

`ADVISORY_SMTP_URL` names the server: `smtp://host:25`, `smtp://user:password@host:587?starttls=1`
or `smtps://user:password@host:465`. Without it (the embedded default) every message is written to
`<data_dir>/outbox/<id>-<kind>.eml`, so the demo shows what people would receive.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from advisory.domain.errors import InvalidData

TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str  # e.g. "text/calendar; method=REQUEST"
    content: bytes


@dataclass(frozen=True)
class Letter:
    """One message as it leaves the project: who to, in which words, with what attached."""

    message_id: int
    key_digest: str  # a hash of the outbox row's dedupe key: with the id, unique across projects
    kind: str
    recipient: str
    recipient_name: str
    subject: str
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)


def email_message(letter: Letter, sender: str, sent_on: float | None = None) -> EmailMessage:
    """The letter as a MIME message: plain text and HTML alternatives, attachments, a stable Message-ID.

    The Message-ID is the outbox row's, so a message sent twice (a sender killed just after the server
    accepted it) shows once in a mail client.
    """
    message = EmailMessage()
    message["From"] = sender
    message["To"] = formataddr((letter.recipient_name, letter.recipient)) if letter.recipient_name else letter.recipient
    message["Subject"] = letter.subject
    message["Date"] = formatdate(sent_on, localtime=False)
    domain = sender.rsplit("@", 1)[-1].rstrip(">").strip() or "localhost"
    message["Message-ID"] = f"<{letter.message_id}.{letter.key_digest}@{domain}>"
    message.set_content(letter.text)
    message.add_alternative(letter.html, subtype="html")
    for attachment in letter.attachments:
        maintype, _, rest = attachment.content_type.partition("/")
        subtype, _, parameters = rest.partition(";")
        params = dict(item.strip().split("=", 1) for item in parameters.split(";") if "=" in item)
        message.add_attachment(
            attachment.content, maintype=maintype, subtype=subtype.strip(), filename=attachment.filename, params=params
        )
    return message


def deliver(letter: Letter, *, smtp_url: str | None, sender: str, outbox_dir: Path) -> str:
    """Send the letter; returns where it went (the server, or the .eml file)."""
    message = email_message(letter, sender)
    if not smtp_url:
        outbox_dir.mkdir(parents=True, exist_ok=True)
        path = outbox_dir / f"{letter.message_id:06d}-{letter.kind}.eml"
        temporary = path.with_suffix(".eml.tmp")
        temporary.write_bytes(bytes(message))
        temporary.replace(path)
        return str(path)
    server = _server(smtp_url)
    with server.connect() as connection:
        connection.send_message(message)
    return f"{server.host}:{server.port}"


@dataclass(frozen=True)
class _Server:
    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    user: str | None
    password: str | None

    def connect(self) -> smtplib.SMTP:
        if self.implicit_tls:
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                self.host, self.port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=TIMEOUT_SECONDS)
            if self.starttls:
                connection.starttls(context=ssl.create_default_context())
        if self.user:
            connection.login(self.user, self.password or "")
        return connection


def _server(url: str) -> _Server:
    parsed = urlparse(url)
    if parsed.scheme not in {"smtp", "smtps"} or not parsed.hostname:
        raise InvalidData(f"ADVISORY_SMTP_URL {url!r} is not smtp://host:port or smtps://host:port")
    query = parse_qs(parsed.query)
    return _Server(
        host=parsed.hostname,
        port=parsed.port or (465 if parsed.scheme == "smtps" else 25),
        implicit_tls=parsed.scheme == "smtps",
        starttls=query.get("starttls", ["0"])[0] in {"1", "true", "yes"},
        user=unquote(parsed.username) if parsed.username else None,
        password=unquote(parsed.password) if parsed.password else None,
    )


def attachments_from_rows(rows: list[dict]) -> list[Attachment]:
    """Attachments as the outbox stores them (base64 content) back to bytes."""
    return [Attachment(row["filename"], row["content_type"], base64.b64decode(row["content"])) for row in rows]


def attachment_row(attachment: Attachment) -> dict:
    return {
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "content": base64.b64encode(attachment.content).decode(),
    }
