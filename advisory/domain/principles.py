"""The eight Do's and Don'ts of modern cluster policy (Smart Guide to Cluster Policy, 2016), and the check of a
recommendation against them.

The check is a reading aid for the expert, not a verdict: a recommendation "supports" a principle
when its wording takes that principle up, and is "at risk" when its wording leans towards the
Don't. Everything else is left "not addressed".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Verdict = Literal["supports", "at risk", "not addressed"]


class Principle(BaseModel):
    number: int
    do: str
    dont: str
    supporting_words: tuple[str, ...]
    risky_words: tuple[str, ...]


PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        number=1,
        do="Support new activities by groups or networks of related industries",
        dont="Support individual firms",
        supporting_words=("cluster", "network", "group of", "consorti", "members"),
        risky_words=("individual firm", "single firm", "single company", "one company", "individual compan"),
    ),
    Principle(
        number=2,
        do="Build on existing strengths",
        dont="Create clusters from scratch",
        supporting_words=("existing", "strength", "build on"),
        risky_words=("from scratch", "new cluster", "create a cluster"),
    ),
    Principle(
        number=3,
        do="Fund strategic initiatives in line with smart specialisation",
        dont="Fund many varied clusters",
        supporting_words=("smart specialisation", "s3", "strategic"),
        risky_words=("every sector", "all sectors", "many clusters", "each cluster equally"),
    ),
    Principle(
        number=4,
        do="Diversify into new activity areas and emerging industries",
        dont="Follow growth trends without reflection",
        supporting_words=("emerging", "diversif", "new activit", "new value chain"),
        risky_words=("follow the trend", "fashionable", "whatever grows"),
    ),
    Principle(
        number=5,
        do="Take a systemic, cross-sectoral approach",
        dont="Take a narrow sectoral approach",
        supporting_words=("cross-sector", "across sectors", "between sectors", "other sectors", "systemic"),
        risky_words=("single sector", "one sector only", "sector-specific only"),
    ),
    Principle(
        number=6,
        do="Be inclusive and participatory",
        dont="Stay isolated from other policy areas",
        supporting_words=("stakeholder", "participat", "universit", "co-design", "authorities", "together"),
        risky_words=("without consulting", "in isolation", "behind closed doors"),
    ),
    Principle(
        number=7,
        do="Support an international perspective on value chains",
        dont="Run inward-looking initiatives",
        supporting_words=("international", "european", "export", "value chain", "abroad"),
        risky_words=("domestic only", "local market only", "inward-looking"),
    ),
    Principle(
        number=8,
        do="Build regional partnerships as a basis for European Strategic Cluster Partnerships",
        dont="Go it alone",
        supporting_words=("partnership", "escp", "interregional", "partner regions"),
        risky_words=("go it alone", "on its own", "without partners"),
    ),
)


def verdict(principle: Principle, text: str) -> Verdict:
    """Risky wording wins over supporting wording: one 'individual firms' outweighs 'cluster'."""
    lowered = text.lower()
    if any(word in lowered for word in principle.risky_words):
        return "at risk"
    if any(word in lowered for word in principle.supporting_words):
        return "supports"
    return "not addressed"
