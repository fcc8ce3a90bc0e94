"""Cluster management excellence labels (EUCLES: Bronze, Silver, Gold): what is on record, and the survey's check.

The European Cluster Excellence labels are awarded to cluster organisations after a benchmarking
(Bronze) or an assessment against quality indicators (Silver, Gold); EUCLES took the scheme over
from ESCA and the European Cluster Excellence Initiative, whose labels count as the same levels. A
region's profile names its cluster organisations and records a label only where a public source
documents it, with the year and the source; an organisation without a documented label is
*unknown*, never "no label".

The regional survey asks respondents from cluster organisations which label their organisation
holds, but not which organisation they speak for, so the check compares levels for the region as a
whole: a level reported by respondents and held by an organisation on record is confirmed; a level
reported but not on record (perhaps an organisation missing from the profile, a newer award or a
mistaken answer) is for the expert to look into; a level on record that nobody reported is noted.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisory.domain.text import Msg, _, ngettext

LabelLevel = Literal["bronze", "silver", "gold"]
LEVELS: tuple[LabelLevel, ...] = ("gold", "silver", "bronze")
LEVEL_NAMES: dict[str, Msg] = {"gold": _("Gold"), "silver": _("Silver"), "bronze": _("Bronze")}


class ExcellenceLabel(BaseModel):
    """A documented cluster management excellence label: level, the year of the (latest documented) award, source."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    level: LabelLevel
    year: int | None = Field(default=None, ge=2009, le=2100, description="None where the source gives no year")
    source: str = Field(min_length=10, description="the public page that documents it: title and address")
    history: str = Field(default="", description="earlier awards and renewals, as the sources give them")


class ClusterOrganisation(BaseModel):
    """A cluster organisation of the region; `label` is None where no label is documented (unknown, not 'none')."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=2)
    sectors: list[str] = Field(default_factory=list)
    label: ExcellenceLabel | None = None


Verdict = Literal["confirmed", "not on record", "not reported"]


class LevelCheck(BaseModel):
    """One label level: how many respondents reported it, which organisations on record hold it, the verdict."""

    level: LabelLevel
    reported: int = Field(ge=0)
    on_record: list[str] = Field(description="names of the organisations holding this level")
    verdict: Verdict


class LabelComparison(BaseModel):
    """Self-reported labels (cluster-organisation respondents) against the labels on record in the region's profile."""

    levels: list[LevelCheck] = Field(description="only levels reported or on record, Gold first")
    reported_none: int = Field(default=0, description="respondents saying their organisation holds no label")
    did_not_know: int = Field(default=0, description="respondents who did not know")
    unknown_on_record: list[str] = Field(default_factory=list, description="organisations without a documented label")

    @property
    def consistent(self) -> bool:
        """True when every level respondents reported is held by an organisation on record."""
        return all(check.verdict != "not on record" for check in self.levels)

    def summary(self) -> list[Msg]:
        """One sentence per level, in the words of the report."""
        said = []
        for check in self.levels:
            level = LEVEL_NAMES[check.level]
            if check.verdict == "confirmed":
                said.append(
                    ngettext(
                        "{level}: reported by {n} respondent and on record for {organisations}.",
                        "{level}: reported by {n} respondents and on record for {organisations}.",
                        check.reported,
                        level=level,
                        organisations=", ".join(check.on_record),
                    )
                )
            elif check.verdict == "not on record":
                said.append(
                    ngettext(
                        "{level}: reported by {n} respondent, but no cluster organisation in the region's profile "
                        "holds it on record; to be checked with the respondent.",
                        "{level}: reported by {n} respondents, but no cluster organisation in the region's profile "
                        "holds it on record; to be checked with the respondents.",
                        check.reported,
                        level=level,
                    )
                )
            else:
                said.append(
                    _(
                        "{level}: on record for {organisations}, reported by no respondent.",
                        level=level,
                        organisations=", ".join(check.on_record),
                    )
                )
        return said


def compare_labels(reported: dict[str, int], organisations: list[ClusterOrganisation]) -> LabelComparison | None:
    """Compare the survey's answers on the label (option code -> respondents) with the labels on record.

    `reported` counts the cluster-organisation respondents per answer of the survey question
    (`none`, `bronze`, `silver`, `gold`, `unknown`). Returns None unless both sides say something:
    at least one respondent named a level or said "no label", and at least one organisation on
    record has a documented label.
    """
    recorded = [o for o in organisations if o.label is not None]
    answered = sum(reported.get(level, 0) for level in LEVELS) + reported.get("none", 0)
    if not recorded or not answered:
        return None
    levels = []
    for level in LEVELS:
        count = reported.get(level, 0)
        holders = [o.name for o in recorded if o.label and o.label.level == level]
        if not count and not holders:
            continue
        verdict: Verdict = "confirmed" if count and holders else "not on record" if count else "not reported"
        levels.append(LevelCheck(level=level, reported=count, on_record=holders, verdict=verdict))
    return LabelComparison(
        levels=levels,
        reported_none=reported.get("none", 0),
        did_not_know=reported.get("unknown", 0),
        unknown_on_record=[o.name for o in organisations if o.label is None],
    )
