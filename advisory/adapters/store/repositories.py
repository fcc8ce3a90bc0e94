"""The repositories behind the unit of work: the only code that queries the project database.

One repository per aggregate: engagements (stages, uploads, inputs, documents, events), portal
access (tokens, the sessions they open, failed sign-ins), the survey drafts contacts save as they
go, and form posts by idempotency key. Every time they write comes from the project's clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from advisory.adapters.store.models import (
    AccessToken,
    DocumentVersion,
    Engagement,
    Event,
    FormDraft,
    FormPost,
    OutboxMessage,
    PortalSession,
    ProgrammeDocument,
    RecordedInput,
    SignInAttempt,
    StageState,
    Upload,
)
from advisory.domain.access import (
    Grant,
    IssuedToken,
    Role,
    SessionTimes,
    TokenRow,
    session_usable,
    token_digest,
    usable,
)
from advisory.domain.errors import AccessRefused

Now = Callable[[], dt.datetime]
SIGNIN_TOKEN = re.compile(r"token=[A-Za-z0-9_-]{16,}")
# Ids are 32-bit integers in both databases; a larger number names no row (and would overflow the query).
LARGEST_ID = 2**31 - 1
# How often a session's last use is written: once a minute is enough for the idle timeout.
LAST_USE_STEP = dt.timedelta(minutes=1)


def row_id(value: int) -> bool:
    """Whether `value` can be the id of a row at all."""
    return 0 < value <= LARGEST_ID


def payload_hash(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


class EngagementRepository:
    """Reads and writes one session's view of engagements; commits belong to the unit of work."""

    def __init__(self, session: Session, now: Now) -> None:
        self.session = session
        self.now = now

    # --- engagements and stages --------------------------------------------------------------
    def engagement(self, region: str) -> Engagement:
        query = select(Engagement).where(Engagement.region == region)
        found = self.session.scalar(query)
        if found is None:
            try:
                with self.session.begin_nested():  # two first inputs at once: one insert wins
                    found = Engagement(region=region, started_at=self.now())
                    self.session.add(found)
            except IntegrityError:
                found = self.session.scalar(query)
        return found

    def lock_engagement(self, region: str) -> Engagement:
        """Hold the engagement's row until commit, so its inputs are recorded one submission at a time."""
        self.engagement(region)
        return self.session.scalar(select(Engagement).where(Engagement.region == region).with_for_update())

    def engagements(self) -> list[Engagement]:
        return list(self.session.scalars(select(Engagement).order_by(Engagement.region)))

    def stage_state(self, region: str, stage: str) -> StageState:
        engagement = self.engagement(region)
        found = self.session.scalar(
            select(StageState).where(StageState.engagement_id == engagement.id, StageState.stage == stage)
        )
        if found is None:
            try:
                with self.session.begin_nested():
                    found = StageState(
                        engagement_id=engagement.id, stage=stage, status="pending", missing="", updated_at=self.now()
                    )
                    self.session.add(found)
            except IntegrityError:
                found = self.session.scalar(
                    select(StageState).where(StageState.engagement_id == engagement.id, StageState.stage == stage)
                )
        return found

    def stage_states(self) -> list[tuple[str, StageState]]:
        rows = self.session.execute(
            select(Engagement.region, StageState).join(StageState, StageState.engagement_id == Engagement.id)
        )
        return [(region, state) for region, state in rows]

    def set_stage(
        self,
        region: str,
        stage: str,
        status: str,
        *,
        missing: str = "",
        due: dt.date | None = None,
        actor: str = "engine",
    ) -> StageState:
        state = self.stage_state(region, stage)
        if (state.status, state.missing) != (status, missing):
            self.log(region, actor, "stage_status", stage=stage, status=status, missing=missing, previous=state.status)
            state.status, state.missing, state.due, state.updated_at = status, missing, due, self.now()
            if status == "running" and state.started_at is None:
                state.started_at = state.updated_at
        if status in ("pending", "running", "failed"):
            state.fingerprint = None  # no settled outcome that a later run could keep
        return state

    def settled_states(self, region: str) -> dict[str, StageState]:
        """The region's stage states by stage, read only (no engagement or state is created)."""
        rows = self.session.execute(
            select(StageState.stage, StageState)
            .join(Engagement, StageState.engagement_id == Engagement.id)
            .where(Engagement.region == region)
        )
        return dict(rows.all())

    def stage_started_on(self, region: str, stage: str) -> dt.date | None:
        """The day the stage first ran (dates derived from it stay stable across re-runs)."""
        started = self.stage_state(region, stage).started_at
        return started.date() if started else None

    # --- uploads and inputs ------------------------------------------------------------------
    def add_upload(
        self,
        region: str,
        kind: str,
        filename: str,
        content: bytes,
        uploaded_by: str,
        *,
        sha256: str | None = None,
        size: int | None = None,
        outcome: str = "received",
    ) -> Upload | None:
        """Store a file as received; None when the sender's same file is live already (sent at this moment)."""
        upload = Upload(
            engagement_id=self.engagement(region).id,
            kind=kind,
            filename=filename,
            sha256=sha256 or hashlib.sha256(content).hexdigest(),
            size=len(content) if size is None else size,
            content=content,
            uploaded_by=uploaded_by,
            received_at=self.now(),
            outcome=outcome,
            problems=[],
        )
        try:
            with self.session.begin_nested():
                self.session.add(upload)
        except IntegrityError:  # uq_upload_live: the other copy won
            return None
        return upload

    def live_upload(self, region: str, kind: str, sha256: str, uploaded_by: str) -> Upload | None:
        """This sender's received or accepted copy of the same file, if any (there is at most one)."""
        return self.session.scalar(
            select(Upload).where(
                Upload.engagement_id == self.engagement(region).id,
                Upload.kind == kind,
                Upload.sha256 == sha256,
                Upload.uploaded_by == uploaded_by,
                Upload.outcome.in_(("received", "accepted")),
            )
        )

    def sent_since(self, uploaded_by: str, since: dt.datetime) -> tuple[int, int]:
        """How many files this sender sent since `since`, and how many bytes of them were refused."""
        count, refused = self.session.execute(
            select(
                func.count(Upload.id),
                func.coalesce(func.sum(Upload.size).filter(Upload.outcome == "rejected"), 0),
            ).where(Upload.uploaded_by == uploaded_by, Upload.received_at >= since)
        ).one()
        return int(count), int(refused)

    def accepted_upload(self, region: str, kind: str, sha256: str) -> Upload | None:
        return self.session.scalar(
            select(Upload).where(
                Upload.engagement_id == self.engagement(region).id,
                Upload.kind == kind,
                Upload.sha256 == sha256,
                Upload.outcome == "accepted",
            )
        )

    def upload(self, upload_id: int) -> Upload | None:
        return self.session.get(Upload, upload_id) if row_id(upload_id) else None

    def uploads(self, region: str, limit: int = 50, *, uploaded_by: str | None = None) -> list[Upload]:
        """The region's uploads (or one sender's among them), newest first."""
        query = (
            select(Upload)
            .join(Engagement, Upload.engagement_id == Engagement.id)
            .where(Engagement.region == region)
            .order_by(Upload.id.desc())
            .limit(limit)
        )
        if uploaded_by is not None:
            query = query.where(Upload.uploaded_by == uploaded_by)
        return list(self.session.scalars(query))

    def upload_of(self, region: str, upload_id: int) -> Upload | None:
        """The upload only when it belongs to this region, so an id from elsewhere reveals nothing."""
        found = self.upload(upload_id)
        engagement = self.session.get(Engagement, found.engagement_id) if found else None
        return found if engagement is not None and engagement.region == region else None

    def record_input(
        self,
        region: str,
        kind: str,
        key: str,
        payload: dict[str, Any],
        *,
        recorded_by: str,
        upload_id: int | None = None,
    ) -> RecordedInput | None:
        """Record one input; a same-key input is superseded. Returns None when nothing changed."""
        current = self._current(region, kind, key)
        digest = payload_hash(payload)
        if current is not None and current.sha256 == digest:
            return None
        if current is not None:
            # The schema allows one current input per key (uq_input_current): the current one is
            # retired first (pointing at itself for a moment), then at its successor once that has an id.
            current.superseded_by = current.id
            self.session.flush()
        new = RecordedInput(
            engagement_id=self.engagement(region).id,
            kind=kind,
            key=key,
            payload=payload,
            sha256=digest,
            upload_id=upload_id,
            recorded_by=recorded_by,
            recorded_at=self.now(),
        )
        self.session.add(new)
        self.session.flush()
        if current is not None:
            current.superseded_by = new.id
        return new

    def _inputs(self, region: str, kind: str) -> Select[tuple[RecordedInput]]:
        return select(RecordedInput).where(
            RecordedInput.engagement_id == self.engagement(region).id, RecordedInput.kind == kind
        )

    def _current(self, region: str, kind: str, key: str) -> RecordedInput | None:
        return self.session.scalar(
            self._inputs(region, kind).where(RecordedInput.key == key, RecordedInput.superseded_by.is_(None))
        )

    def current_inputs(self, region: str, kind: str) -> list[RecordedInput]:
        """The accepted inputs of this kind that no newer one superseded, by key."""
        query = self._inputs(region, kind).where(RecordedInput.superseded_by.is_(None))
        return list(self.session.scalars(query.order_by(RecordedInput.key)))

    def current_input_ids(self, region: str, kinds: list[str]) -> dict[str, list[int]]:
        """Ids of the current inputs of each kind: they change whenever an input is added or superseded."""
        query = (
            select(RecordedInput.kind, RecordedInput.id)
            .join(Engagement, RecordedInput.engagement_id == Engagement.id)
            .where(Engagement.region == region, RecordedInput.kind.in_(kinds), RecordedInput.superseded_by.is_(None))
            .order_by(RecordedInput.id)
        )
        found: dict[str, list[int]] = {kind: [] for kind in kinds}
        for kind, input_id in self.session.execute(query):
            found[kind].append(input_id)
        return found

    def input_history(self, region: str, kind: str, key: str) -> list[RecordedInput]:
        """Every version of one input, oldest first (superseded ones included)."""
        query = self._inputs(region, kind).where(RecordedInput.key == key)
        return list(self.session.scalars(query.order_by(RecordedInput.id)))

    # --- documents ---------------------------------------------------------------------------
    def latest_document(self, region: str, document: str) -> DocumentVersion | None:
        return self.session.scalar(
            select(DocumentVersion)
            .where(DocumentVersion.engagement_id == self.engagement(region).id, DocumentVersion.document == document)
            .order_by(DocumentVersion.version.desc())
            .limit(1)
        )

    def unapproved_latest(self, region: str, stage: str) -> list[DocumentVersion]:
        """The latest version of each document of the stage, where that version is not approved yet."""
        rows = self.session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.engagement_id == self.engagement(region).id, DocumentVersion.stage == stage)
            .order_by(DocumentVersion.document, DocumentVersion.version.desc())
        )
        latest: dict[str, DocumentVersion] = {}
        for row in rows:
            latest.setdefault(row.document, row)
        return [row for row in latest.values() if row.approved_at is None]

    def latest_results(self, document: str) -> dict[str, dict[str, Any]]:
        rows = self.session.execute(
            select(Engagement.region, DocumentVersion)
            .join(DocumentVersion, DocumentVersion.engagement_id == Engagement.id)
            .where(DocumentVersion.document == document)
            .order_by(DocumentVersion.version)
        )
        return {region: version.result for region, version in rows}

    def approved_documents(self, document: str) -> dict[str, DocumentVersion]:
        """Region -> the latest approved version of this document (a newer version waiting for approval aside)."""
        rows = self.session.execute(
            select(Engagement.region, DocumentVersion)
            .join(DocumentVersion, DocumentVersion.engagement_id == Engagement.id)
            .where(DocumentVersion.document == document, DocumentVersion.approved_at.is_not(None))
            .order_by(DocumentVersion.version)
        )
        return {region: version for region, version in rows}  # noqa: C416 (rows are Row objects, not pairs)

    def latest_document_ids(self, documents: list[str], region: str | None = None) -> dict[str, dict[str, int]]:
        """Document -> region -> id of its latest version (one region's, or every region's)."""
        query = (
            select(DocumentVersion.document, Engagement.region, func.max(DocumentVersion.id))
            .join(Engagement, DocumentVersion.engagement_id == Engagement.id)
            .where(DocumentVersion.document.in_(documents))
            .group_by(DocumentVersion.document, Engagement.region)
        )
        if region:
            query = query.where(Engagement.region == region)
        found: dict[str, dict[str, int]] = {document: {} for document in documents}
        for document, code, latest in self.session.execute(query):
            found[document][code] = latest
        return found

    def documents(self, region: str | None = None) -> list[tuple[str, DocumentVersion]]:
        query = select(Engagement.region, DocumentVersion).join(
            DocumentVersion, DocumentVersion.engagement_id == Engagement.id
        )
        if region:
            query = query.where(Engagement.region == region)
        rows = self.session.execute(query.order_by(Engagement.region, DocumentVersion.id))
        return [(code, version) for code, version in rows]

    def document(self, document_id: int) -> tuple[str, DocumentVersion] | None:
        if not row_id(document_id):
            return None
        row = self.session.execute(
            select(Engagement.region, DocumentVersion)
            .join(DocumentVersion, DocumentVersion.engagement_id == Engagement.id)
            .where(DocumentVersion.id == document_id)
        ).first()
        return (row[0], row[1]) if row else None

    def add_document(self, region: str, **fields: Any) -> DocumentVersion:
        version = DocumentVersion(engagement_id=self.engagement(region).id, created_at=self.now(), **fields)
        self.session.add(version)
        self.session.flush()
        return version

    # --- event log ---------------------------------------------------------------------------
    def log(self, region: str | None, actor: str, action: str, **detail: Any) -> None:
        engagement_id = self.engagement(region).id if region else None
        self.session.add(Event(engagement_id=engagement_id, actor=actor, action=action, detail=detail, at=self.now()))

    def events(self, region: str | None = None, limit: int = 200) -> list[tuple[str | None, Event]]:
        query = select(Engagement.region, Event).outerjoin(Engagement, Event.engagement_id == Engagement.id)
        if region:
            query = query.where(Engagement.region == region)
        rows = self.session.execute(query.order_by(Event.id.desc()).limit(limit))
        return [(code, event) for code, event in rows]


class AccessTokenRepository:
    """Personal links (stored as sha256 only), the portal sessions they open, and failed sign-ins per address."""

    def __init__(self, session: Session, now: Now) -> None:
        self.session = session
        self.now = now

    # --- personal links ----------------------------------------------------------------------
    def issue(
        self,
        *,
        role: Role,
        email: str,
        region: str | None,
        reviewer_id: str | None,
        days: int,
        issued_by: str,
        name: str | None = None,
    ) -> IssuedToken:
        if role in (Role.CONTACT, Role.REVIEWER) and not region:
            raise AccessRefused(f"a {role} link is bound to one region")
        if role == Role.REVIEWER and not reviewer_id:
            raise AccessRefused("a reviewer link needs the reviewer id from the reviewer pool (--reviewer-id)")
        raw = secrets.token_urlsafe(32)
        now = self.now()
        row = AccessToken(
            token_sha256=token_digest(raw),
            role=role.value,
            email=email,
            name=name or None,
            region=region,
            reviewer_id=reviewer_id if role == Role.REVIEWER else None,
            issued_by=issued_by,
            issued_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
        self.session.add(row)
        self.session.flush()
        return IssuedToken(token=raw, token_id=row.id, expires_at=row.expires_at)

    def _usable_token(self, raw: str | None) -> AccessToken | None:
        if not raw or len(raw) > 200:
            return None
        row = self.session.scalar(select(AccessToken).where(AccessToken.token_sha256 == token_digest(raw)))
        return row if row is not None and usable(row, self.now()) else None

    def peek(self, raw: str | None) -> Grant | None:
        """Whom a usable personal link would sign in, without using it."""
        row = self._usable_token(raw)
        return None if row is None else _grant(row)

    def revoke(self, token_id: int) -> bool:
        """Withdraw a link; every session it opened ends at once."""
        row = self.session.get(AccessToken, token_id) if row_id(token_id) else None
        if row is None or row.revoked_at is not None:
            return False
        row.revoked_at = self.now()
        self.session.execute(
            update(PortalSession)
            .where(PortalSession.token_id == token_id, PortalSession.ended_at.is_(None))
            .values(ended_at=row.revoked_at)
        )
        return True

    def listing(self, region: str | None = None) -> list[TokenRow]:
        query = select(AccessToken).order_by(AccessToken.id)
        if region:
            query = query.where(AccessToken.region == region)
        return [TokenRow.model_validate(row, from_attributes=True) for row in self.session.scalars(query)]

    # --- sessions ----------------------------------------------------------------------------
    def start_session(self, raw_token: str | None, times: SessionTimes) -> tuple[str, Grant] | None:
        """Exchange a usable personal link for a new random session id (returned once; stored as sha256)."""
        row = self._usable_token(raw_token)
        if row is None:
            return None
        raw = secrets.token_urlsafe(32)
        now = self.now()
        self.session.add(
            PortalSession(
                session_sha256=token_digest(raw),
                token_id=row.id,
                started_at=now,
                expires_at=min(now + times.lifetime, row.expires_at),
                last_used_at=now,
            )
        )
        row.last_used_at = now
        self.session.flush()
        return raw, _grant(row)

    def resolve_session(self, raw: str | None, times: SessionTimes) -> Grant | None:
        """Who a session id belongs to while it is usable (and its link too); notes its use."""
        if not raw or len(raw) > 200:
            return None
        found = self.session.execute(
            select(PortalSession, AccessToken)
            .join(AccessToken, PortalSession.token_id == AccessToken.id)
            .where(PortalSession.session_sha256 == token_digest(raw))
        ).first()
        now = self.now()
        if found is None or not session_usable(found[0], found[1], now, times):
            return None
        browser, row = found
        if now - browser.last_used_at >= LAST_USE_STEP:
            browser.last_used_at = row.last_used_at = now
        return _grant(row)

    def end_session(self, raw: str | None) -> None:
        if raw and len(raw) <= 200:
            self.session.execute(
                update(PortalSession)
                .where(PortalSession.session_sha256 == token_digest(raw), PortalSession.ended_at.is_(None))
                .values(ended_at=self.now())
            )

    # --- failed sign-ins ---------------------------------------------------------------------
    def failed_sign_in(self, address: str) -> None:
        now = self.now()
        # Only the last day matters for the limit; older attempts are dropped as new ones come.
        self.session.execute(delete(SignInAttempt).where(SignInAttempt.at < now - dt.timedelta(days=1)))
        self.session.add(SignInAttempt(address=address[:64], at=now))

    def failed_sign_ins(self, address: str, since: dt.datetime) -> int:
        return int(
            self.session.scalar(
                select(func.count(SignInAttempt.id)).where(
                    SignInAttempt.address == address[:64], SignInAttempt.at >= since
                )
            )
        )


def _grant(row: AccessToken) -> Grant:
    return Grant(
        token_id=row.id,
        role=Role(row.role),
        email=row.email,
        name=row.name,
        region=row.region,
        reviewer_id=row.reviewer_id,
    )


class DraftRepository:
    """Forms people are still filling in on the portal (the survey, the stress test, findings): one draft per
    person and form."""

    def __init__(self, session: Session, now: Now) -> None:
        self.session = session
        self.now = now

    def _of(self, token_id: int, form: str) -> FormDraft | None:
        return self.session.scalar(select(FormDraft).where(FormDraft.token_id == token_id, FormDraft.form == form))

    def draft(self, token_id: int, region: str, form: str = "survey") -> dict[str, Any]:
        found = self._of(token_id, form)
        return dict(found.answers) if found is not None and found.region == region else {}

    def save(self, token_id: int, region: str, answers: dict[str, Any], form: str = "survey") -> None:
        found = self._of(token_id, form)
        if found is None:
            found = FormDraft(token_id=token_id, form=form, region=region, answers={}, updated_at=self.now())
            self.session.add(found)
        found.region, found.answers, found.updated_at = region, answers, self.now()

    def drop(self, token_id: int, form: str = "survey") -> None:
        found = self._of(token_id, form)
        if found is not None:
            self.session.delete(found)


class FormPostRepository:
    """Portal form posts by their idempotency key: the first post with a key is handled, repeats get its result."""

    def __init__(self, session: Session, now: Now) -> None:
        self.session = session
        self.now = now

    def claim(self, key: str, token_id: int, action: str, fingerprint: str) -> FormPost | None:
        """None when this is the first post with `key` (now claimed); the earlier post with it otherwise."""
        # A key answers repeats for minutes; posts older than two days are dropped as new ones come.
        self.session.execute(delete(FormPost).where(FormPost.posted_at < self.now() - dt.timedelta(days=2)))
        try:
            with self.session.begin_nested():
                self.session.add(
                    FormPost(
                        key=key, token_id=token_id, action=action[:255], fingerprint=fingerprint, posted_at=self.now()
                    )
                )
            return None
        except IntegrityError:  # the key is unique: a post with it came first
            return self.session.scalar(select(FormPost).where(FormPost.key == key))

    def earlier(self, key: str) -> FormPost | None:
        return self.session.scalar(select(FormPost).where(FormPost.key == key))

    def finish(self, key: str, result: dict[str, Any]) -> None:
        self.session.execute(update(FormPost).where(FormPost.key == key).values(result=result))

    def forget(self, key: str) -> None:
        """The first post failed: a repeat is handled afresh."""
        self.session.execute(delete(FormPost).where(FormPost.key == key, FormPost.result.is_(None)))


class OutboxRepository:
    """The outbox: messages queued once per dedupe key, claimed by one sender at a time, marked sent once."""

    def __init__(self, session: Session, now: Now) -> None:
        self.session = session
        self.now = now

    def queue(self, *, dedupe_key: str, region: str | None, **fields: Any) -> OutboxMessage | None:
        """Queue a message unless one with this key exists (a second tick on the same day queues nothing)."""
        existing = self.session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key))
        if existing is not None:
            return None
        engagement_id = EngagementRepository(self.session, self.now).engagement(region).id if region else None
        now = self.now()
        message = OutboxMessage(
            dedupe_key=dedupe_key,
            engagement_id=engagement_id,
            created_at=now,
            next_attempt_at=now,
            status="queued",
            attempts=0,
            last_error="",
            **fields,
        )
        try:
            with self.session.begin_nested():  # two ticks at once: the unique key lets one insert win
                self.session.add(message)
        except IntegrityError:
            return None
        return message

    def claim(self, sender: str, lease: dt.timedelta) -> OutboxMessage | None:
        """The next message due, claimed for `sender` with a compare-and-set, so two senders never share one."""
        now = self.now()
        candidates = (
            select(OutboxMessage.id)
            .where(
                ((OutboxMessage.status == "queued") & (OutboxMessage.next_attempt_at <= now))
                | ((OutboxMessage.status == "sending") & (OutboxMessage.lease_until < now))
            )
            .order_by(OutboxMessage.id)
            .limit(5)
        )
        for message_id in self.session.scalars(candidates).all():
            claimed = self.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .where(
                    ((OutboxMessage.status == "queued") & (OutboxMessage.next_attempt_at <= now))
                    | ((OutboxMessage.status == "sending") & (OutboxMessage.lease_until < now))
                )
                .values(
                    status="sending", claimed_by=sender, lease_until=now + lease, attempts=OutboxMessage.attempts + 1
                )
            )
            if claimed.rowcount == 1:
                return self.session.get(OutboxMessage, message_id, populate_existing=True)
        return None

    def mark_sent(self, message_id: int, sender: str) -> bool:
        """Sent, recorded once: only the sender holding the claim can mark it."""
        done = self.session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == message_id, OutboxMessage.status == "sending", OutboxMessage.claimed_by == sender
            )
            .values(status="sent", sent_at=self.now(), lease_until=None, last_error="")
        )
        message = self.session.get(OutboxMessage, message_id, populate_existing=True)
        if done.rowcount == 1 and message is not None and message.kind == "invitation":
            # A sign-in link is a secret: once it has gone out, the outbox keeps the message without it.
            message.body_text = SIGNIN_TOKEN.sub("token=(sent)", message.body_text)
            message.body_html = SIGNIN_TOKEN.sub("token=(sent)", message.body_html)
        return done.rowcount == 1

    def mark_failed(self, message_id: int, sender: str, error: str, retry_in: dt.timedelta | None) -> None:
        """A failed attempt: back in the queue after `retry_in`, or `failed` for good when there are no retries left."""
        values: dict[str, Any] = {"last_error": error[:2000], "lease_until": None, "claimed_by": None}
        if retry_in is None:
            values["status"] = "failed"
        else:
            values.update(status="queued", next_attempt_at=self.now() + retry_in)
        self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == sender)
            .values(**values)
        )

    def messages(self, region: str | None = None, limit: int = 200) -> list[tuple[str | None, OutboxMessage]]:
        query = select(Engagement.region, OutboxMessage).outerjoin(
            Engagement, OutboxMessage.engagement_id == Engagement.id
        )
        if region:
            query = query.where(Engagement.region == region)
        rows = self.session.execute(query.order_by(OutboxMessage.id.desc()).limit(limit))
        return [(code, message) for code, message in rows]

    def sent_keys(self, prefix: str) -> set[str]:
        """The dedupe keys with this prefix already queued (whatever became of them)."""
        query = select(OutboxMessage.dedupe_key).where(OutboxMessage.dedupe_key.startswith(prefix))
        return set(self.session.scalars(query))


class ProgrammeDocumentRepository:
    """Documents of the whole programme: versions and approvals, like a region's documents."""

    def __init__(self, session: Session, now: Now) -> None:
        self.session = session
        self.now = now

    def latest(self, document: str) -> ProgrammeDocument | None:
        return self.session.scalar(
            select(ProgrammeDocument)
            .where(ProgrammeDocument.document == document)
            .order_by(ProgrammeDocument.version.desc())
            .limit(1)
        )

    def versions(self, document: str) -> list[ProgrammeDocument]:
        query = select(ProgrammeDocument).where(ProgrammeDocument.document == document)
        return list(self.session.scalars(query.order_by(ProgrammeDocument.version)))

    def add(self, **fields: Any) -> ProgrammeDocument:
        row = ProgrammeDocument(created_at=self.now(), **fields)
        self.session.add(row)
        self.session.flush()
        return row
