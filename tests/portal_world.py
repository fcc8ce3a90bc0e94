"""A small world for portal tests: a toy stage table, toy input kinds, a two-question survey, people with tokens."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from advisory.access import AccessTokens, Role, csrf_token
from advisory.documents.house_style import TemplateBuilder
from advisory.intake import InputKind
from advisory.pipeline import Step, Waiting
from advisory.problems import Problem, UploadRejected
from advisory.project import Project
from advisory.sources import Source
from advisory.stages import STAGES
from advisory.store.models import utcnow

SURVEY_TARGET = 2


# --- a two-question survey instrument, shaped like surveys.instrument.Instrument ---------------
class Option(BaseModel):
    code: str
    label: dict[str, str]


class Question(BaseModel):
    code: str
    kind: str
    text: dict[str, str]
    help: dict[str, str] = {}
    required: bool = False
    options: list[Option] = []
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    max_length: int = 2000

    @property
    def columns(self) -> list[str]:
        return [f"{self.code}_importance", f"{self.code}_satisfaction"] if self.kind == "likert_pair" else [self.code]


class Section(BaseModel):
    code: str
    title: dict[str, str]
    help: dict[str, str] = {}
    questions: list[Question]


class Instrument(BaseModel):
    id: str = "toy"
    version: str = "1"
    title: dict[str, str] = {"en": "Regional survey", "es": "Encuesta regional"}
    instructions: dict[str, list[str]] = {"en": ["One organisation per form."]}
    labels: dict[str, dict[str, str]] = {
        "respondent_id": {"en": "Respondent reference", "es": "Referencia del encuestado"},
        "importance": {"en": "importance", "es": "importancia"},
        "satisfaction": {"en": "satisfaction", "es": "satisfacción"},
        "instructions": {"en": "Instructions"},
        "version": {"en": "Instrument version"},
    }
    sections: list[Section]

    @property
    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    @property
    def answer_columns(self) -> list[str]:
        return ["respondent_id", *(c for q in self.questions for c in q.columns)]

    def label(self, key: str, language: str) -> str:
        texts = self.labels.get(key, {"en": key})
        return texts.get(language) or texts["en"]


def toy_instrument() -> Instrument:
    market = Question(code="market", kind="likert_pair", required=True,
                      text={"en": "Market conditions", "es": "Condiciones de mercado"})
    channels = Question(code="channels", kind="multiple", text={"en": "Support used"},
                        options=[Option(code="cluster", label={"en": "Cluster organisation"}),
                                 Option(code="agency", label={"en": "Regional agency"})])
    remarks = Question(code="remarks", kind="text", text={"en": "Remarks", "es": "Observaciones"})
    return Instrument(sections=[Section(code="conditions", title={"en": "Framework conditions"},
                                        questions=[market, channels, remarks])])


# --- toy input kinds ----------------------------------------------------------------------------
class ToyResponse(BaseModel):
    respondent_id: str
    market_importance: int
    market_satisfaction: int
    channels: list[str] = []
    remarks: str | None = None


class ToyReview(BaseModel):
    reviewer_id: str
    region: str
    text: str


def parse_survey(data: bytes, filename: str, region, ctx) -> list[tuple[str, BaseModel]]:
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    problems, records = [], []
    for number, row in enumerate(rows, start=2):
        if row.get("region") != region.code:
            problems.append(Problem(file=filename, row=number, field="region", value=row.get("region"),
                                    reason=f"this file is for {row.get('region')}, not {region.code}"))
        for column in ("market_importance", "market_satisfaction"):
            if row.get(column, "") not in {"1", "2", "3", "4", "5"}:
                problems.append(Problem(file=filename, row=number, field=column, value=row.get(column),
                                        reason="a rating from 1 to 5 is required"))
        if not problems:
            records.append((row["respondent_id"], ToyResponse(
                respondent_id=row["respondent_id"], market_importance=int(row["market_importance"]),
                market_satisfaction=int(row["market_satisfaction"]),
                channels=[c for c in row.get("channels", "").split("|") if c], remarks=row.get("remarks") or None)))
    if problems:
        raise UploadRejected(problems)
    return records


def parse_review(data: bytes, filename: str, region, ctx) -> list[tuple[str, BaseModel]]:
    raw = yaml.safe_load(data.decode("utf-8"))
    pack = ctx.result("peer_review_pack") or {}
    assigned = {a["reviewer_id"] for a in pack.get("assignments", [])}
    if raw.get("reviewer_id") not in assigned:
        raise UploadRejected([Problem(file=filename, field="reviewer_id", value=str(raw.get("reviewer_id")),
                                      reason="this reviewer is not assigned to the region")])
    text = "; ".join(r["text"] for r in raw.get("recommendations", [])) or raw.get("text", "")
    return [(raw["reviewer_id"], ToyReview(reviewer_id=raw["reviewer_id"], region=region.code, text=text))]


def parse_anything(data: bytes, filename: str, region, ctx) -> list[tuple[str, BaseModel]]:
    return [(filename, ToyReview(reviewer_id="-", region=region.code, text=data.decode("utf-8", "replace")[:200]))]


INPUT_KINDS = {
    "survey_response": InputKind("survey_response", "survey", parse_survey, "survey responses"),
    "stress_test": InputKind("stress_test", "assessment", parse_anything, "policy self-assessment"),
    "peer_review": InputKind("peer_review", "peer_review", parse_review, "a peer review"),
}


# --- a toy stage table: the survey waits for responses, the rest is ready at once ------------------
class Count(BaseModel):
    region: str
    count: int


class Counted(BaseModel):
    count: int
    sources: list[Source]


def gather_ready(ctx) -> Count:
    return Count(region=ctx.region.code, count=1)


def gather_survey(ctx) -> Count | Waiting:
    got = len(ctx.inputs("survey_response"))
    closed = any(c["stage"] == "survey" for c in ctx.inputs("stage_closed"))
    if got < SURVEY_TARGET and not closed:
        return Waiting(missing=f"{got} of {SURVEY_TARGET} responses")
    return Count(region=ctx.region.code, count=got)


def build(inputs: Count) -> Counted:
    return Counted(count=inputs.count, sources=[Source(key="toy", dataset="Toy inputs", year="2026", computation="n")])


def toy_project(settings, tmp_path: Path) -> Project:
    templates = tmp_path / "templates"
    steps = {}
    for each in STAGES:
        builder = TemplateBuilder(each.title)
        builder.paragraph("{{ result.count }} inputs for {{ region.name }}")
        builder.save(templates / f"{each.key}_doc.docx")
        gather = gather_survey if each.key == "survey" else gather_ready
        steps[each.key] = (Step(document=f"{each.key}_doc", gather=gather, build=build),)
    return Project(settings.model_copy(update={"templates_dir": templates}), stage_steps=steps)


def assign_reviewer(project: Project, region: str, reviewer_id: str) -> int:
    """Records a peer review pack for `region` that assigns `reviewer_id`; returns the document id."""
    path = project.settings.output_dir / region / "peer_review_pack_v1.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK pack")
    result: dict[str, Any] = {"assignments": [{"reviewer_id": reviewer_id, "name": "Dr. Ana Žnidarič"}]}
    with project.unit_of_work() as uow:
        doc = uow.engagements.add_document(
            region, stage="peer_review", document="peer_review_pack", version=1, path=str(path), sha256="0" * 64,
            template="t", template_sha256="0" * 64, inputs_hash="0" * 64, result=result)
        uow.commit()
        return doc.id


def issue(project: Project, role: Role, region: str | None = None, reviewer_id: str | None = None,
          days: int = 30, email: str = "person@example.eu") -> str:
    with project.unit_of_work() as uow:
        issued = AccessTokens(uow.session).issue(role=role, email=email, region=region, reviewer_id=reviewer_id,
                                                 days=days, issued_by="test")
        uow.commit()
    return issued.token


def sign_in(client, project: Project, role: Role, region: str | None = None, reviewer_id: str | None = None) -> str:
    """Signs the client in through the invite link; returns the form token for its POSTs."""
    client.cookies.clear()
    token = issue(project, role, region, reviewer_id)
    response = client.get(f"/signin?token={token}", follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_token(token)


def expire(project: Project, token: str) -> None:
    from advisory.access import token_digest
    from advisory.store.models import AccessToken
    import datetime as dt

    with project.unit_of_work() as uow:
        row = uow.session.query(AccessToken).filter_by(token_sha256=token_digest(token)).one()
        row.expires_at = utcnow() - dt.timedelta(minutes=1)
        uow.commit()


def advance_now(project: Project):
    """A synchronous stand-in for the advance_engagement flow: the same stage runs, without Prefect."""
    from advisory.progress import run_stage
    from advisory.stages import StageStatus

    def advance(region: str) -> None:
        for each in STAGES:
            if run_stage(project, region, each).status != StageStatus.COMPLETED:
                break

    return advance
