"""The world of the portal tests: the real project played up to a stage with the demo inputs, people with
tokens, a reviewer assigned without a peer review stage, and a two-question survey for the form's pure pieces."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from advisory.adapters.store.models import AccessToken
from advisory.domain.access import Role, csrf_token, token_digest
from advisory.domain.stages import STAGES, StageStatus
from advisory.entrypoints.web.pages import LANGUAGE_COOKIE
from advisory.services.approvals import approve, close_stage
from advisory.services.demo import demo_files
from advisory.services.engine import StageOutcome, advance_directly
from advisory.services.project import Project
from advisory.services.submissions import submit_file
from advisory.stages.table import INPUT_KINDS


def assign_reviewer(project: Project, region: str, reviewer_id: str) -> int:
    """Records a peer review pack for `region` that assigns `reviewer_id`; returns the document id."""
    path = project.settings.output_dir / region / "peer_review_pack_v1.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK pack")
    result: dict[str, Any] = {"assignments": [{"reviewer_id": reviewer_id, "name": "Dr. Ana Žnidarič"}]}
    with project.unit_of_work() as uow:
        doc = uow.engagements.add_document(
            region,
            stage="peer_review",
            document="peer_review_pack",
            version=1,
            path=str(path),
            sha256="0" * 64,
            template="t",
            template_sha256="0" * 64,
            inputs_hash="0" * 64,
            result=result,
        )
        uow.commit()
        return doc.id


def issue(
    project: Project,
    role: Role,
    region: str | None = None,
    reviewer_id: str | None = None,
    days: int = 30,
    email: str = "person@example.eu",
    name: str | None = None,
) -> str:
    with project.unit_of_work() as uow:
        issued = uow.tokens.issue(
            role=role, email=email, region=region, reviewer_id=reviewer_id, days=days, issued_by="test", name=name
        )
        uow.commit()
    return issued.token


def nonce_of(html: str) -> str:
    return re.search(r'name="nonce" value="([^"]+)"', html).group(1)


def follow_link(client, token: str, confirm: bool = False, language: str | None = "en") -> str:
    """What a browser does with a personal link: opens its page, which posts the code; returns the form token.
    The pages read in `language` (None: the portal chooses, e.g. the region's language for a contact)."""
    if language:
        client.cookies.set(LANGUAGE_COOKIE, language)
    opened = client.get(f"/signin?token={token}")
    assert opened.status_code == 200, opened.text
    sent = {"token": token, "nonce": nonce_of(opened.text), **({"confirm": "yes"} if confirm else {})}
    response = client.post("/signin", data=sent, follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_token(client.cookies["advisory_session"])


def sign_in(
    client,
    project: Project,
    role: Role,
    region: str | None = None,
    reviewer_id: str | None = None,
    name: str | None = None,
    language: str | None = "en",
) -> str:
    """Signs the client in through the invite link; returns the form token for its POSTs. The pages then read
    in `language` (English unless told: these tests check what the portal does, test_portal_language.py in
    which language); None leaves the choice to the portal (the region's language for a contact)."""
    client.cookies.clear()
    return follow_link(client, issue(project, role, region, reviewer_id, name=name), language=language)


def expire(project: Project, token: str) -> None:
    with project.unit_of_work() as uow:
        row = uow.session.query(AccessToken).filter_by(token_sha256=token_digest(token)).one()
        row.expires_at = project.clock.now() - dt.timedelta(minutes=1)
        uow.commit()


def run_stages(project: Project, region: str) -> StageOutcome:
    """What the advance_engagement flow does, without Prefect; the last stage's outcome."""
    return advance_directly(project, region)[-1]


def advance_now(project: Project):
    """The portal's background advance, synchronous and without Prefect."""

    def advance(region: str) -> None:
        run_stages(project, region)

    return advance


# --- the real project, played with the demo inputs ---------------------------------------------
EXPERT = "expert:demo@observatory.eu"


def real_project(settings) -> Project:
    """The project with the real stage table, templates, survey instrument and regions."""
    return Project(settings)


def play_until(project: Project, region: str, stage: str) -> StageOutcome:
    """Every stage before `stage` gets its demo inputs, is closed if still waiting and approved; `stage` then runs."""
    for each in STAGES:
        outcome = run_stages(project, region)
        if each.key == stage:
            return outcome
        for kind, path in demo_files(each.key, region):
            receipt = submit_file(project, INPUT_KINDS, region, kind, path.name, path.read_bytes(), EXPERT)
            assert receipt.outcome == "accepted", receipt.problems
        if run_stages(project, region).status == StageStatus.AWAITING_INPUT:
            close_stage(project, region, each.key, EXPERT)
            run_stages(project, region)
        approve(project, region, each.key, EXPERT)
    raise KeyError(stage)
