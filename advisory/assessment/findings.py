"""Expert findings from stakeholder interviews, entered by the expert as a YAML file, and their parser."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisory.problems import Problem, UploadRejected
from advisory.regions import RegionProfile
from advisory.stress_test import _load_yaml, _validation_problems


class ExpertFinding(BaseModel):
    """One finding, rendered as its own section of the assessment report."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    title: str = Field(min_length=3)
    text: str = Field(min_length=10)
    theme: str = Field(min_length=2)
    interviewees: list[str] = Field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The text split at blank lines, so a long finding stays readable in Word."""
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", self.text) if p.strip()]


def parse_findings(data: bytes, filename: str, region: RegionProfile) -> list[ExpertFinding]:
    """`findings:` list (or a bare list) of findings for `region`; raises UploadRejected listing every problem."""
    raw = _load_yaml(data, filename)
    items = raw.get("findings") if isinstance(raw, dict) else raw
    if not isinstance(items, list) or not items:
        raise UploadRejected([Problem(file=filename, field="findings", reason="expected a non-empty list of findings")])
    findings, problems, seen = [], [], set()
    for index, item in enumerate(items, start=1):
        try:
            finding = ExpertFinding.model_validate(item)
        except ValidationError as exc:
            problems += [p.model_copy(update={"row": index}) for p in _validation_problems(filename, exc)]
            continue
        if finding.id in seen:
            problems.append(Problem(file=filename, row=index, field="id", value=finding.id, reason="duplicate finding id"))
        seen.add(finding.id)
        findings.append(finding)
    if problems:
        raise UploadRejected(problems)
    return findings
