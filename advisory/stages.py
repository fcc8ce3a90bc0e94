"""The five advisory stages and the statuses a stage moves through."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class StageStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    AWAITING_INPUT = "awaiting_input"
    READY_FOR_APPROVAL = "ready_for_approval"
    COMPLETED = "completed"
    FAILED = "failed"


class StageKey(StrEnum):
    ASSESSMENT = "assessment"
    SURVEY = "survey"
    BENCHMARKING = "benchmarking"
    PEER_REVIEW = "peer_review"
    BRIEFING = "briefing"


class Stage(BaseModel):
    key: StageKey
    number: int
    title: str
    documents: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage(key=StageKey.ASSESSMENT, number=1, title="Assessment report", documents=("assessment_report",)),
    Stage(key=StageKey.SURVEY, number=2, title="Regional survey", documents=("survey_report",)),
    Stage(key=StageKey.BENCHMARKING, number=3, title="Benchmarking", documents=("benchmarking_report",)),
    Stage(
        key=StageKey.PEER_REVIEW,
        number=4,
        title="Peer review",
        documents=("peer_review_pack", "peer_review_report"),
    ),
    Stage(key=StageKey.BRIEFING, number=5, title="Final policy briefing", documents=("policy_briefing",)),
)


# Stage names on the cover of documents written in a region's language (English otherwise).
STAGE_LABELS = {
    "de": ("Stufe {n} von 5", ("Bewertungsbericht", "Regionale Umfrage", "Benchmarking", "Peer-Review",
                               "Abschließendes Policy Briefing")),
    "sl": ("Faza {n} od 5", ("Poročilo o oceni", "Regionalna anketa", "Primerjalna analiza", "Medsebojni pregled",
                             "Končno priporočilo za politiko")),
}


def stage_label(each: Stage, language: str = "en") -> str:
    """'Stage 2 of 5: Regional survey', in the document's language where one is known."""
    if language not in STAGE_LABELS:
        return f"Stage {each.number} of {len(STAGES)}: {each.title}"
    prefix, titles = STAGE_LABELS[language]
    return f"{prefix.format(n=each.number)}: {titles[each.number - 1]}"


def stage(key: str | StageKey) -> Stage:
    """The stage with this key; accepts the key in any case ("Survey", "peer_review")."""
    wanted = str(key).lower().replace("-", "_")
    for candidate in STAGES:
        if candidate.key == wanted:
            return candidate
    raise KeyError(f"unknown stage {key!r}; stages are {', '.join(s.key for s in STAGES)}")
