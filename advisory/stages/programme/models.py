"""Inputs and result of the programme report: what each region's approved documents say, read leniently, and
the programme-level comparison built from them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from advisory.domain.charts import Chart
from advisory.domain.regions import RegionProfile
from advisory.domain.sources import Source
from advisory.domain.text import Msg, Quote, Text
from advisory.stages.briefing.evidence import Lenient, SurveyEvidence


class ConditionDigest(Lenient):
    condition: str
    label: Text
    percentile: float | None = None
    verdict: str = "not_measured"
    indicators: list[str] = Field(default_factory=list)


class IndicatorYear(Lenient):
    code: str
    condition: str
    year: int


class StressTestDigest(Lenient):
    cross_sectoral: int = 0
    structural_change: int = 0


class MismatchDigest(Lenient):
    condition: str
    text: Text


class AssessmentDigest(Lenient):
    conditions: list[ConditionDigest] = Field(default_factory=list)
    indicators: list[IndicatorYear] = Field(default_factory=list)
    mismatches: list[MismatchDigest] = Field(default_factory=list)
    stress_test: StressTestDigest = Field(default_factory=StressTestDigest)


class GapDigest(Lenient):
    name: Text
    value: float | None = None
    unit: Text = ""
    year: int | None = None
    gap: float = 0.0


class BenchmarkingDigest(Lenient):
    year: int | None = None
    first_year: int | None = None
    group_name: Text = ""
    relative_score: float | None = None
    rank: int | None = None
    regions_ranked: int = 0
    trend: float | None = None
    weaknesses_vs_eu: list[GapDigest] = Field(default_factory=list)


class RaisedDigest(Lenient):
    text: Quote
    reviewers: list[str] = Field(default_factory=list)
    of: int = 0


class PeerReviewDigest(Lenient):
    reviews_received: int = 0
    weaknesses: list[RaisedDigest] = Field(default_factory=list)


class RecommendationDigest(Lenient):
    theme: str
    title: Text


class PrincipleDigest(Lenient):
    number: int
    do: Text
    status: str = "not addressed"


class BriefingDigest(Lenient):
    recommendations: list[RecommendationDigest] = Field(default_factory=list)
    principles: list[PrincipleDigest] = Field(default_factory=list)


class DocumentReference(BaseModel):
    """An approved document a statement rests on: which one, which version, approved when."""

    title: Text
    version: int
    approved: dt.date


class RegionDossier(BaseModel):
    """One region's approved documents, as far as the region has come."""

    profile: RegionProfile
    documents: dict[str, DocumentReference] = Field(default_factory=dict)
    assessment: AssessmentDigest
    survey: SurveyEvidence | None = None
    benchmarking: BenchmarkingDigest | None = None
    peer_review: PeerReviewDigest | None = None
    briefing: BriefingDigest | None = None


class ProgrammeInputs(BaseModel):
    as_of: dt.date
    regions: list[RegionDossier]
    not_started: list[str] = Field(default_factory=list, description="regions with no approved assessment yet")


class RegionRow(BaseModel):
    """One region in the side-by-side table."""

    name: str
    country: Text
    stages: Text = Field(description="how far its approved documents go")
    group: Text
    relative_score: float | None
    trend: float | None
    top_gaps: list[Text]
    mismatches: list[Text]
    bottlenecks: list[Text]
    peer_findings: list[Text]


class Recurrence(BaseModel):
    """A framework condition weak (measured or felt) in several regions, or in just one."""

    condition: str
    label: Text
    regions: list[str]
    evidence: list[Text]


class Transfer(BaseModel):
    """One region's practice that answers another's weakness, with the evidence from both."""

    provider: str
    receiver: str
    provider_code: str
    receiver_code: str
    condition: str
    label: Text
    statement: Msg
    provider_evidence: Text
    receiver_evidence: Text
    practice: Text
    score: float = Field(description="the rule's strength of the pairing (transfers.py)")


class MatrixRow(BaseModel):
    """One region's line of the transfer matrix: whom it can learn from and whom it can show, on what."""

    region: str
    learns_from: list[Text]
    shows: list[Text]


class PrincipleAcross(BaseModel):
    number: int
    do: Text
    respected_in: list[str]
    at_risk_in: list[str]
    not_addressed_in: list[str]


class Reference(DocumentReference):
    region: str


class AgendaItem(BaseModel):
    title: Msg
    why: Msg


class ProgrammeReport(BaseModel):
    as_of: dt.date
    summary: list[Msg]
    regions: list[RegionRow]
    not_started: list[str]
    recurring: list[Recurrence]
    particular: list[Recurrence]
    transfers: list[Transfer]
    matrix: list[MatrixRow]
    principles: list[PrincipleAcross]
    agenda: list[AgendaItem]
    references: list[Reference] = Field(description="the approved documents every statement rests on")
    conditions_chart: Chart | None
    sources: list[Source]
