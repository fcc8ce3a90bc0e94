"""A peer reviewer's structured review: scores 1-5 per assessment dimension, findings and recommendations."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

DIMENSIONS: dict[str, str] = {
    "relevance": "Relevance of the cluster policy to the challenge",
    "strategic_focus": "Strategic focus (smart specialisation)",
    "cross_sectoral": "Cross-sectoral collaboration",
    "sme_participation": "SME participation",
    "internationalisation": "Internationalisation",
    "governance": "Governance & partnership",
}
OTHER_THEME = "other"
THEMES: dict[str, str] = DIMENSIONS | {OTHER_THEME: "Other recommendations"}


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="forbid")
    theme: str = Field(description="an assessment dimension code, or 'other'")
    text: str = Field(min_length=3)

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}; use one of {', '.join(THEMES)}")
        return value


class PeerReview(BaseModel):
    """One reviewer's review of one host region; the record key is `reviewer_id`."""

    model_config = ConfigDict(extra="forbid")
    reviewer_id: str
    region: str
    scores: dict[str, int | None] = Field(description="dimension code -> 1..5, or null when unable to judge")
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(min_length=1)
    comments: str = ""

    @field_validator("scores")
    @classmethod
    def _every_dimension_scored(cls, scores: dict[str, int | None]) -> dict[str, int | None]:
        unknown = sorted(set(scores) - set(DIMENSIONS))
        missing = [code for code in DIMENSIONS if code not in scores]
        wrong = [f"{code}={value}" for code, value in scores.items() if value is not None and not 1 <= value <= 5]
        empty = ["no dimension is scored"] if scores and all(v is None for v in scores.values()) else []
        if unknown or missing or wrong or empty:
            raise ValueError(
                "; ".join(
                    part
                    for part in (
                        f"unknown dimensions {', '.join(unknown)}" if unknown else "",
                        f"missing scores for {', '.join(missing)}" if missing else "",
                        f"scores must be 1 to 5 (or empty): {', '.join(wrong)}" if wrong else "",
                        *empty,
                    )
                    if part
                )
            )
        return scores
