"""A peer review meeting as a calendar invitation (iCalendar, RFC 5545) that mail programs add to a calendar."""

from __future__ import annotations

import datetime as dt


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def meeting_invitation(
    *,
    uid: str,
    summary: str,
    description: str,
    location: str,
    first_day: dt.date,
    last_day: dt.date,
    organiser: str,
    attendees: list[tuple[str, str]],
    stamp: dt.datetime,
    sequence: int = 0,
) -> bytes:
    """An all-day event over the meeting's days, as a REQUEST from the observatory to the attendees."""
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Cluster Observatory//Advisory engine//EN",
        "VERSION:2.0",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{first_day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last_day + dt.timedelta(days=1):%Y%m%d}",  # DTEND of a date is exclusive
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"LOCATION:{_escape(location)}",
        f"ORGANIZER:mailto:{organiser}",
        *(f'ATTENDEE;CN="{name}";ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{email}' for name, email in attendees),
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
