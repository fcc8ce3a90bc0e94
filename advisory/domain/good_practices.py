"""The good-practice library: short cases, with sources, that recommendations cite by theme."""

from __future__ import annotations

from pydantic import BaseModel, Field


class GoodPractice(BaseModel):
    id: str
    title: str
    where: str
    themes: list[str] = Field(min_length=1)
    summary: str
    source: str
    year: str


class GoodPracticeLibrary(BaseModel):
    practices: list[GoodPractice]


def cite(practices: list[GoodPractice], theme: str, limit: int = 2) -> list[GoodPractice]:
    """The practices filed under `theme`, best fit first (fewest other themes = most specific)."""
    matching = [p for p in practices if theme in p.themes]
    return sorted(matching, key=lambda p: (p.themes.index(theme), len(p.themes), p.id))[:limit]
