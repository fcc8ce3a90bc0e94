"""What the observatory tells people, message by message, as language-neutral text (translated when composed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from advisory.domain.text import Msg, _, ngettext


@dataclass(frozen=True)
class Body:
    """A message's subject and paragraphs, a link where one applies, and what the link is called."""

    subject: Msg
    paragraphs: list[Msg] = field(default_factory=list)
    link: str | None = None
    link_label: Msg | None = None


def role_duties(role: str, region_name: str) -> Msg:
    """What the portal lets this person do, in one sentence."""
    if role == "reviewer":
        return _(
            "With it you read the meeting pack of the peer review of {region} and send your review, in the form "
            "or as the review workbook.",
            region=region_name,
        )
    if role == "expert":
        return _("With it you advance the engagements, close surveys and reviews, edit and approve the documents.")
    if role == "coordinator":
        return _("With it you follow every region's stages, deadlines and overdue items, and export the status.")
    return _(
        "With it you fill in the regional survey for {region} (or upload its workbook), send the policy "
        "self-assessment, and follow the engagement's progress and documents.",
        region=region_name,
    )


def invitation(role: str, region_name: str, link: str, expires: dt.date) -> Body:
    return Body(
        subject=_("Your personal link to the Cluster Observatory portal"),
        paragraphs=[
            _("The Cluster Observatory has opened the portal for you."),
            role_duties(role, region_name),
            _(
                "The link below signs you in; it is personal, so please do not forward it. It works until {date}.",
                date=expires,
            ),
        ],
        link=link,
        link_label=_("Open the portal"),
    )


def survey_reminder(region_name: str, deadline: dt.date, responses: int, needed: int, link: str) -> Body:
    return Body(
        subject=_("The regional survey for {region} closes on {date}", region=region_name, date=deadline),
        paragraphs=[
            _("The regional survey for {region} closes on {date}.", region=region_name, date=deadline),
            ngettext(
                "So far {n} response has been received; at least {needed} are needed.",
                "So far {n} responses have been received; at least {needed} are needed.",
                responses,
                needed=needed,
            ),
            _("If your organisation has not answered yet, please fill in the survey in the portal."),
        ],
        link=link,
        link_label=_("Fill in the survey"),
    )


def review_reminder(region_name: str, due: dt.date, link: str) -> Body:
    return Body(
        subject=_("Your peer review of {region} is due on {date}", region=region_name, date=due),
        paragraphs=[
            _("Thank you for taking part in the peer review of {region}.", region=region_name),
            _("Your review is due on {date}; please send it in the portal.", date=due),
        ],
        link=link,
        link_label=_("Send your review"),
    )


def overdue_notice(region_name: str, stage_title: Msg, due: dt.date, missing: str, link: str) -> Body:
    return Body(
        subject=_("Overdue: {stage} of {region}", stage=stage_title, region=region_name),
        paragraphs=[
            _(
                "The {stage} of {region} was due on {date} and is still waiting.",
                stage=stage_title,
                region=region_name,
                date=due,
            ),
            _("It waits for: {missing}", missing=missing),
        ],
        link=link,
        link_label=_("Open the dashboard"),
    )


def approval_needed(region_name: str, stage_title: Msg, version: int, due: dt.date, link: str) -> Body:
    return Body(
        subject=_(
            "To approve: {stage} of {region}, version {version}", stage=stage_title, region=region_name, version=version
        ),
        paragraphs=[
            _(
                "Version {version} of the {stage} of {region} is ready for your approval.",
                version=version,
                stage=stage_title,
                region=region_name,
            ),
            _("Please read it and approve it by {date}, or record your edits.", date=due),
        ],
        link=link,
        link_label=_("Open the region's page"),
    )


def approved(region_name: str, stage_title: Msg, version: int, link: str) -> Body:
    return Body(
        subject=_("Approved: {stage} of {region}", stage=stage_title, region=region_name),
        paragraphs=[
            _(
                "Version {version} of the {stage} of {region} has been approved by the observatory.",
                version=version,
                stage=stage_title,
                region=region_name,
            ),
            _("You can read and download it in the portal."),
        ],
        link=link,
        link_label=_("Open the region's page"),
    )


def outdated_notice(region_name: str, changed: Msg, stages: list[Msg], link: str) -> Body:
    return Body(
        subject=_("New input for {region}: later stages will be redone", region=region_name),
        paragraphs=[
            _(
                "{region} received a new {input} after later stages had used the earlier one.",
                region=region_name,
                input=changed,
            ),
            ngettext(
                "This stage will be redone and its new version will wait for approval: {stages}.",
                "These stages will be redone and their new versions will wait for approval: {stages}.",
                len(stages),
                stages=_list(stages),
            ),
        ],
        link=link,
        link_label=_("Open the dashboard"),
    )


def meeting_invitation(region_name: str, first_day: dt.date, last_day: dt.date, link: str) -> Body:
    return Body(
        subject=_(
            "Peer review meeting in {region}, {start} to {end}", region=region_name, start=first_day, end=last_day
        ),
        paragraphs=[
            _(
                "The two-day peer review meeting of {region} takes place from {start} to {end}.",
                region=region_name,
                start=first_day,
                end=last_day,
            ),
            _("The calendar invitation is attached; the meeting pack with the agenda is in the portal."),
        ],
        link=link,
        link_label=_("Open the meeting pack"),
    )


def digest(lines: list[Msg], link: str) -> Body:
    return Body(
        subject=ngettext(
            "Weekly digest: {n} item needs attention", "Weekly digest: {n} items need attention", len(lines)
        ),
        paragraphs=[_("This week's overdue and waiting items across the programme:"), *lines],
        link=link,
        link_label=_("Open the dashboard"),
    )


def _list(items: list[Msg]) -> Msg:
    """Items joined as a sentence's list ("a, b and c"), each translated."""
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}", items=_join(items[:-1]), last=items[-1])


def _join(items: list[Msg]) -> Msg:
    if len(items) == 1:
        return items[0]
    return _("{first}, {rest}", first=items[0], rest=_join(items[1:]))
