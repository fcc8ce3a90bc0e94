"""The European Stress Test for Cluster Policy: a region's policy self-assessment and its YAML parser."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisory.problems import Problem, UploadRejected
from advisory.regions import RegionProfile
from advisory.uploaded_files import load_uploaded_yaml

CONDITIONS: dict[str, str] = {
    "industrial": "Industrial conditions",
    "market": "Market conditions",
    "cultural": "Cultural conditions",
    "knowledge": "Knowledge conditions",
    "regulatory": "Regulatory and policy conditions",
    "financial": "Financial conditions",
    "support": "Business support conditions",
}
PRIORITY_LEVELS = {0: "no priority", 1: "low", 2: "medium", 3: "high"}


class StressTestAnswers(BaseModel):
    """What the region's policy makers say their current cluster policy prioritises (0 = none, 3 = high)."""

    model_config = ConfigDict(extra="forbid")
    region: str
    respondent: str = Field(min_length=2)
    organisation: str = ""
    priorities: dict[str, int] = Field(description="framework condition -> priority 0-3")
    cross_sectoral: int = Field(ge=0, le=3, description="does the policy foster cross-sectoral collaboration?")
    structural_change: int = Field(ge=0, le=3, description="does it support structural change into new activities?")
    comment: str = ""


def _priority_problems(filename: str, priorities: Any) -> list[Problem]:
    if not isinstance(priorities, dict):
        return [Problem(file=filename, field="priorities", reason="must map each framework condition to 0-3")]
    problems = [
        Problem(file=filename, field=f"priorities.{code}", reason="priority missing (0-3 expected)")
        for code in CONDITIONS
        if code not in priorities
    ]
    for code, level in priorities.items():
        if code not in CONDITIONS:
            problems.append(Problem(file=filename, field=f"priorities.{code}", value=str(code),
                                    reason=f"unknown framework condition; expected one of {', '.join(CONDITIONS)}"))
        elif not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 3:
            problems.append(Problem(file=filename, field=f"priorities.{code}", value=str(level),
                                    reason="priority must be a whole number from 0 (none) to 3 (high)"))
    return problems


def _load_yaml(data: bytes, filename: str) -> Any:
    return load_uploaded_yaml(data, filename)


def _validation_problems(filename: str, error: ValidationError, skip: str = "") -> list[Problem]:
    return [
        Problem(file=filename, field=".".join(str(p) for p in err["loc"]), reason=err["msg"],
                value=None if isinstance(err.get("input"), dict) else str(err.get("input")))
        for err in error.errors()
        if not skip or str(err["loc"][0]) != skip
    ]


def parse_stress_test(data: bytes, filename: str, region: RegionProfile) -> StressTestAnswers:
    """The stress-test YAML as answers for `region`; raises UploadRejected listing every problem."""
    raw = _load_yaml(data, filename)
    if not isinstance(raw, dict):
        raise UploadRejected([Problem(file=filename, reason="expected a YAML mapping with respondent and priorities")])
    raw.setdefault("region", region.code)
    problems = _priority_problems(filename, raw.get("priorities"))
    if str(raw["region"]).upper() != region.code:
        problems.append(Problem(file=filename, field="region", value=str(raw["region"]),
                                reason=f"answers are for another region; this upload is for {region.code}"))
    try:
        answers = StressTestAnswers.model_validate(raw | {"region": region.code})
    except ValidationError as exc:
        problems += _validation_problems(filename, exc, skip="priorities")
        answers = None
    if problems or answers is None:
        raise UploadRejected(problems)
    return answers
