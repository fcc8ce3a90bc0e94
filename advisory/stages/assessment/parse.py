"""What people send for the assessment: the policy self-assessment (stress test) and the expert's findings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from advisory.adapters.uploaded_files import load_uploaded_yaml, validation_problems
from advisory.domain.errors import Problem, UploadRejected
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import StageContext
from advisory.stages.assessment.conditions import CONDITIONS
from advisory.stages.assessment.models import ExpertFinding, StressTestAnswers


def stress_test(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    """Input kind `stress_test`: one current self-assessment per region."""
    return [("policy", parse_stress_test(data, filename, region))]


def expert_findings(
    data: bytes, filename: str, region: RegionProfile, ctx: StageContext
) -> list[tuple[str, BaseModel]]:
    """Input kind `expert_findings`: a finding with the same id replaces the earlier one."""
    return [(finding.id, finding) for finding in parse_findings(data, filename, region)]


def parse_stress_test(data: bytes, filename: str, region: RegionProfile) -> StressTestAnswers:
    """The stress-test YAML as answers for `region`; raises UploadRejected listing every problem."""
    raw = load_uploaded_yaml(data, filename)
    if not isinstance(raw, dict):
        raise UploadRejected([Problem(file=filename, reason="expected a YAML mapping with respondent and priorities")])
    raw.setdefault("region", region.code)
    problems = _priority_problems(filename, raw.get("priorities"))
    if str(raw["region"]).upper() != region.code:
        problems.append(
            Problem(
                file=filename,
                field="region",
                value=str(raw["region"]),
                reason=f"answers are for another region; this upload is for {region.code}",
            )
        )
    try:
        answers = StressTestAnswers.model_validate(raw | {"region": region.code})
    except ValidationError as exc:
        problems += validation_problems(filename, exc, skip="priorities")
        answers = None
    if problems or answers is None:
        raise UploadRejected(problems)
    return answers


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
            problems.append(
                Problem(
                    file=filename,
                    field=f"priorities.{code}",
                    value=str(code),
                    reason=f"unknown framework condition; expected one of {', '.join(CONDITIONS)}",
                )
            )
        elif not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 3:
            problems.append(
                Problem(
                    file=filename,
                    field=f"priorities.{code}",
                    value=str(level),
                    reason="priority must be a whole number from 0 (none) to 3 (high)",
                )
            )
    return problems


def parse_findings(data: bytes, filename: str, region: RegionProfile) -> list[ExpertFinding]:
    """`findings:` list (or a bare list) of findings for `region`; raises UploadRejected listing every problem."""
    raw = load_uploaded_yaml(data, filename)
    items = raw.get("findings") if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise UploadRejected([Problem(file=filename, field="findings", reason="expected a non-empty list of findings")])
    findings, problems, seen = [], [], set()
    for index, item in enumerate(items, start=1):
        try:
            finding = ExpertFinding.model_validate(item)
        except ValidationError as exc:
            problems += [p.model_copy(update={"row": index}) for p in validation_problems(filename, exc)]
            continue
        if finding.id in seen:
            problems.append(
                Problem(file=filename, row=index, field="id", value=finding.id, reason="duplicate finding id")
            )
        seen.add(finding.id)
        findings.append(finding)
    if problems:
        raise UploadRejected(problems)
    return findings
