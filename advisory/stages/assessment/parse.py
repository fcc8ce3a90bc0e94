"""What people send for the assessment: the policy self-assessment (stress test) and the expert's findings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from advisory.adapters.uploaded_files import load_uploaded_yaml, validation_problems
from advisory.domain.errors import FileRefused, Problem, UploadRejected
from advisory.domain.regions import RegionProfile
from advisory.domain.stages import StageContext
from advisory.stages.assessment.conditions import CONDITIONS
from advisory.stages.assessment.models import ExpertFinding, StressTestAnswers
from advisory.stages.assessment.workbook import (
    FINDINGS_SHEET,
    SHEET,
    read_findings_workbook,
    read_stress_test_workbook,
)


def stress_test(data: bytes, filename: str, region: RegionProfile, ctx: StageContext) -> list[tuple[str, BaseModel]]:
    """Input kind `stress_test`: one current self-assessment per region."""
    return [("policy", parse_stress_test(data, filename, region))]


def expert_findings(
    data: bytes, filename: str, region: RegionProfile, ctx: StageContext
) -> list[tuple[str, BaseModel]]:
    """Input kind `expert_findings`: a finding with the same id replaces the earlier one."""
    return [(finding.id, finding) for finding in parse_findings(data, filename, region)]


WORKBOOK_REFUSALS = {
    "encrypted_workbook": "the workbook is password-protected; save it without a password",
    "corrupt_workbook": "not a readable Excel .xlsx file",
    "zip_bomb": "the workbook unpacks to far more than a self-assessment can hold",
    "no_metadata": "not the observatory's self-assessment workbook (its hidden sheet is missing); download a new one",
    "bad_metadata": "the workbook's hidden sheet was changed; download a new one",
    "wrong_form": "this workbook is another form, not the policy self-assessment",
}


def parse_stress_test(data: bytes, filename: str, region: RegionProfile) -> StressTestAnswers:
    """The stress test (YAML, or the workbook) as answers for `region`; raises UploadRejected listing every
    problem, each naming the field (the question) it is about."""
    rows: dict[str, int] = {}
    if filename.lower().endswith(".xlsx"):
        try:
            raw, rows = read_stress_test_workbook(data, filename)
        except FileRefused as refused:
            reason = WORKBOOK_REFUSALS.get(refused.code, "not a readable Excel .xlsx file")
            raise UploadRejected([Problem(file=filename, reason=reason)]) from None
    else:
        raw = load_uploaded_yaml(data, filename)
    try:
        return _stress_test_answers(raw, filename, region)
    except UploadRejected as rejected:
        if not rows:
            raise
        located = [
            p.model_copy(update={"sheet": SHEET, "row": rows.get(p.field or ""), "column": "C"})
            for p in rejected.problems
        ]
        raise UploadRejected(located) from None


def _stress_test_answers(raw: Any, filename: str, region: RegionProfile) -> StressTestAnswers:
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
    """`findings:` list (or a bare list) of findings for `region`, or the findings workbook's rows; raises
    UploadRejected listing every problem with its row."""
    sheet, rows = None, None
    if filename.lower().endswith(".xlsx"):
        try:
            items, rows, meant_for = read_findings_workbook(data)
        except FileRefused as refused:
            reason = WORKBOOK_REFUSALS.get(refused.code, "not a readable Excel .xlsx file")
            raise UploadRejected([Problem(file=filename, reason=reason)]) from None
        sheet = FINDINGS_SHEET
        if meant_for.upper() != region.code:
            raise UploadRejected(
                [
                    Problem(
                        file=filename,
                        field="region",
                        value=meant_for,
                        reason=f"the workbook is for another region; this upload is for {region.code}",
                    )
                ]
            )
    else:
        raw = load_uploaded_yaml(data, filename)
        items = raw.get("findings") if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise UploadRejected([Problem(file=filename, field="findings", reason="expected a non-empty list of findings")])
    findings, problems, seen = [], [], set()
    for index, item in enumerate(items, start=1):
        row = rows[index - 1] if rows else index  # a workbook's row as the sender sees it, else the list entry
        try:
            finding = ExpertFinding.model_validate(item)
        except ValidationError as exc:
            problems += [p.model_copy(update={"row": row, "sheet": sheet}) for p in validation_problems(filename, exc)]
            continue
        if finding.id in seen:
            problems.append(
                Problem(
                    file=filename, sheet=sheet, row=row, field="id", value=finding.id, reason="duplicate finding id"
                )
            )
        seen.add(finding.id)
        findings.append(finding)
    if problems:
        raise UploadRejected(problems)
    return findings
