"""Recording what people send: files (stored as received, then validated) and inputs entered directly.

Every channel (CLI, portal, demo) records inputs through these functions, so the same validation,
storage, quotas and event log apply whoever sends them. Nothing is doubled: a sender's second copy
of a file while the first is live gets the first one's receipt (a unique index says so, and on
SQLite an immediate transaction keeps the check and the insert together), and inputs are recorded
one submission at a time per engagement. Nothing stays "received": a file is accepted or rejected
before its request ends, whatever happens while it is read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
import unicodedata

from pydantic import BaseModel

from advisory.domain.errors import ActionRefused, Problem, QuotaExceeded, UploadRejected
from advisory.domain.stages import InputKind, StageStatus
from advisory.services.project import Project, StoredStageContext

log = logging.getLogger("advisory.intake")

# What a refused file keeps once its problems are recorded: enough to see what it was, not to fill a disk.
KEPT_BYTES = 1024
# A copy still being read by another request is waited for this long before answering "already received".
WAIT_FOR_EARLIER = dt.timedelta(seconds=60)
# A copy "received" for longer than this was cut off (a stopped server): it no longer blocks a new copy.
INTERRUPTED_AFTER = dt.timedelta(minutes=10)


class Receipt(BaseModel):
    """What the sender is told: stored as upload N, accepted or rejected, and why."""

    upload_id: int | None
    region: str
    kind: str
    filename: str
    sha256: str
    outcome: str  # accepted, rejected, duplicate
    recorded: int = 0
    superseded: int = 0
    unchanged: int = 0
    problems: list[Problem] = []

    @property
    def accepted(self) -> bool:
        return self.outcome in {"accepted", "duplicate"}


def shown_filename(filename: str) -> str:
    """The sender's file name as it is stored and shown: no folders, no control characters, at most 200 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip() or "upload"
    if len(name) > 200:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 190 - len(suffix)] + "…" + dot + suffix) if dot and len(suffix) <= 10 else name[:200]
    return name


def submit_file(
    project: Project,
    kinds: dict[str, InputKind],
    region_code: str,
    kind: str,
    filename: str,
    data: bytes,
    uploaded_by: str,
    *,
    language: str | None = None,
    daily_limits: bool = False,
) -> Receipt:
    """Store the file as received, validate it, and record its inputs all together or not at all.

    `language` is the language of the problems listed on a refusal (the region's by default).
    `daily_limits`: the sender's files and refused bytes per day are limited (settings), as for
    everyone on the portal; the command line, run by the observatory itself, is not limited.
    """
    region = project.region(region_code)
    spec = kinds.get(kind)
    if spec is None:
        raise ActionRefused(f"unknown kind of input {kind!r}; the kinds are {', '.join(sorted(kinds))}")
    filename = shown_filename(filename)
    sha = hashlib.sha256(data).hexdigest()
    stored = _store(project, region.code, kind, filename, data, uploaded_by, sha, daily_limits)
    if isinstance(stored, Receipt):
        return stored
    try:
        records = spec.parse(data, filename, region, StoredStageContext(project, region, language=language))
    except UploadRejected as rejected:
        return _reject(project, region.code, stored, kind, filename, sha, uploaded_by, rejected.problems)
    except Exception:  # a bug in a parser must not leave the upload "received" nor show a traceback
        log.exception("reading upload %s (%s, %s) failed", stored, region.code, kind)
        problem = Problem(file=filename, reason="the file could not be read; the observatory has been told")
        return _reject(project, region.code, stored, kind, filename, sha, uploaded_by, [problem])
    return _accept(project, region.code, stored, spec, filename, sha, uploaded_by, records)


def _store(
    project: Project, region: str, kind: str, filename: str, data: bytes, by: str, sha: str, daily_limits: bool
) -> int | Receipt:
    """The id of the stored upload to read, or the receipt already due (too large, a copy that is live)."""
    now = project.clock.now()
    with project.unit_of_work(immediate=True) as uow:
        if daily_limits:
            _check_quota(uow, project, by, now)
        if len(data) > project.settings.max_upload_bytes:
            return _too_large(uow, project, region, kind, filename, data, by, sha)
        earlier = uow.engagements.live_upload(region, kind, sha, by)
        if earlier is not None and earlier.outcome == "received" and now - earlier.received_at > INTERRUPTED_AFTER:
            earlier.outcome = "rejected"
            earlier.problems = [Problem(file=earlier.filename, reason="reading was interrupted").model_dump()]
            uow.session.flush()
            earlier = None
        upload = None
        if earlier is None:
            upload = uow.engagements.add_upload(region, kind, filename, data, by, sha256=sha)
        if upload is None:
            earlier = earlier or uow.engagements.live_upload(region, kind, sha, by)
            uow.commit()
            return _earlier_copy(project, region, earlier.id)
        uow.engagements.log(region, by, "upload_received", kind=kind, filename=filename, sha256=sha)
        duplicate = uow.engagements.accepted_upload(region, kind, sha)
        if duplicate is not None:
            upload.outcome = "duplicate"
        uow.commit()
        if duplicate is not None:
            return Receipt(
                upload_id=upload.id, region=region, kind=kind, filename=filename, sha256=sha, outcome="duplicate"
            )
        return upload.id


def _check_quota(uow, project: Project, by: str, now: dt.datetime) -> None:
    settings = project.settings
    sent, refused = uow.engagements.sent_since(by, dt.datetime.combine(now.date(), dt.time()))
    if sent >= settings.uploads_per_day:
        raise QuotaExceeded(
            f"you have sent {sent} files today, the most one person may send in a day; sending opens again at 00:00 UTC"
        )
    if refused >= settings.rejected_bytes_per_day:
        raise QuotaExceeded(
            f"files of yours refused today add up to {refused / 1024 / 1024:.1f} MB, the most one person may "
            "send in a day; please check the files against the template and send them again from 00:00 UTC"
        )


def _earlier_copy(project: Project, region: str, upload_id: int) -> Receipt:
    """The receipt for a copy of a file its sender sent before: waits while the first copy is still being read."""
    deadline = time.monotonic() + WAIT_FOR_EARLIER.total_seconds()
    while True:
        with project.unit_of_work() as uow:
            earlier = uow.engagements.upload(upload_id)
        if earlier.outcome != "received" or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    outcome = "rejected" if earlier.outcome == "rejected" else "duplicate"
    return Receipt(
        upload_id=earlier.id,
        region=region,
        kind=earlier.kind,
        filename=earlier.filename,
        sha256=earlier.sha256,
        outcome=outcome,
        problems=[Problem.model_validate(p) for p in earlier.problems] if outcome == "rejected" else [],
    )


def _reject(
    project: Project, region: str, upload_id: int, kind: str, filename: str, sha: str, by: str, problems: list[Problem]
) -> Receipt:
    with project.unit_of_work() as uow:
        upload = uow.engagements.upload(upload_id)
        upload.outcome = "rejected"
        upload.problems = [p.model_dump() for p in problems]
        upload.content = upload.content[:KEPT_BYTES]  # the problems are recorded; the rest is not kept
        uow.engagements.log(region, by, "upload_rejected", kind=kind, filename=filename, problems=len(problems))
        uow.commit()
    return Receipt(
        upload_id=upload_id,
        region=region,
        kind=kind,
        filename=filename,
        sha256=sha,
        outcome="rejected",
        problems=problems,
    )


def _accept(
    project: Project,
    region: str,
    upload_id: int,
    spec: InputKind,
    filename: str,
    sha: str,
    by: str,
    records: list[tuple[str, BaseModel]],
) -> Receipt:
    recorded = superseded = unchanged = 0
    with project.unit_of_work(immediate=True) as uow:
        uow.engagements.lock_engagement(region)
        if uow.engagements.accepted_upload(region, spec.name, sha) is not None:
            # The same file arrived twice at once: the other copy was accepted while this one was parsed.
            uow.engagements.upload(upload_id).outcome = "duplicate"
            uow.commit()
            return Receipt(
                upload_id=upload_id, region=region, kind=spec.name, filename=filename, sha256=sha, outcome="duplicate"
            )
        for key, model in records:
            previous = {r.key for r in uow.engagements.current_inputs(region, spec.name)}
            row = uow.engagements.record_input(
                region, spec.name, key, model.model_dump(mode="json"), recorded_by=by, upload_id=upload_id
            )
            if row is None:
                unchanged += 1
            else:
                recorded += 1
                superseded += key in previous
        upload = uow.engagements.upload(upload_id)
        upload.outcome = "accepted"
        uow.engagements.log(
            region, by, "upload_accepted", kind=spec.name, filename=filename, recorded=recorded, superseded=superseded
        )
        if recorded:
            reopen_for_late_input(uow, region, spec)
        uow.commit()
    return Receipt(
        upload_id=upload_id,
        region=region,
        kind=spec.name,
        filename=filename,
        sha256=sha,
        outcome="accepted",
        recorded=recorded,
        superseded=superseded,
        unchanged=unchanged,
    )


def _too_large(uow, project: Project, region: str, kind: str, filename: str, data: bytes, by: str, sha: str) -> Receipt:
    limit = project.settings.max_upload_bytes
    problem = Problem(file=filename, reason=f"file is {len(data):,} bytes; the limit is {limit:,} bytes")
    # The bytes over the limit are not kept: storing them is what the limit prevents.
    upload = uow.engagements.add_upload(
        region, kind, filename, data[:KEPT_BYTES], by, sha256=sha, size=len(data), outcome="rejected"
    )
    upload.problems = [problem.model_dump()]
    uow.engagements.log(region, by, "upload_rejected", kind=kind, filename=filename, reason="too large")
    uow.commit()
    return Receipt(
        upload_id=upload.id,
        region=region,
        kind=kind,
        filename=filename,
        sha256=sha,
        outcome="rejected",
        problems=[problem],
    )


def record_input(project: Project, region_code: str, kind: str, key: str, payload: BaseModel, by: str) -> bool:
    """Record one input entered directly (portal form, expert action); False when it changed nothing."""
    region = project.region(region_code)
    with project.unit_of_work(immediate=True) as uow:
        uow.engagements.lock_engagement(region.code)
        row = uow.engagements.record_input(region.code, kind, key, payload.model_dump(mode="json"), recorded_by=by)
        uow.engagements.log(region.code, by, "input_recorded", kind=kind, key=key, changed=row is not None)
        uow.commit()
    return row is not None


def reopen_for_late_input(uow, region: str, spec: InputKind) -> None:
    """An input for a stage already done (or waiting for approval) is kept, and the stage says what it changes:
    it runs again, its new version waits for approval, and the stages after it become outdated then."""
    state = uow.engagements.stage_state(region, spec.stage)
    if state.status in (StageStatus.COMPLETED, StageStatus.READY_FOR_APPROVAL):
        reason = f"new input received ({spec.description}): a new version follows and waits for approval"
        uow.engagements.set_stage(region, spec.stage, StageStatus.OUTDATED, missing=reason)
