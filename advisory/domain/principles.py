"""The eight Do's and Don'ts of modern cluster policy (Smart Guide to Cluster Policy, 2016), and the check of a
recommendation against them.

A recommendation "supports" a principle when the kind of instrument it recommends does (its theme:
every instrument of the briefing works through groups of firms; a cross-cluster project is cross-sectoral
by design), or when its wording takes the principle up; it is "at risk" when its wording leans towards
the Don't, in English, German, Slovenian, Spanish, Polish, Slovak or Hungarian, so an expert's rewrite in
the region's language is checked too. Everything else is left "not addressed".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from advisory.domain.text import Msg, _

Verdict = Literal["supports", "at risk", "not addressed"]


class Principle(BaseModel):
    number: int
    do: Msg
    dont: Msg
    supporting_words: tuple[str, ...]
    risky_words: tuple[str, ...]


PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        number=1,
        do=_("Support new activities by groups or networks of related industries"),
        dont=_("Support individual firms"),
        supporting_words=("cluster", "network", "group of", "consorti", "members"),
        risky_words=(
            "individual firm",
            "single firm",
            "single company",
            "one company",
            "individual compan",
            "einzelne unternehmen",
            "einzelunternehmen",
            "posamezna podjetja",
            "posameznim podjetjem",
            "empresas individuales",
            "pojedyncze firmy",
            "jednotlivé firmy",
            "egyes vállalkozások",
        ),
    ),
    Principle(
        number=2,
        do=_("Build on existing strengths"),
        dont=_("Create clusters from scratch"),
        supporting_words=("existing", "strength", "build on"),
        risky_words=("from scratch", "new cluster", "create a cluster"),
    ),
    Principle(
        number=3,
        do=_("Fund strategic initiatives in line with smart specialisation"),
        dont=_("Fund many varied clusters"),
        supporting_words=("smart specialisation", "s3", "strategic"),
        risky_words=("every sector", "all sectors", "many clusters", "each cluster equally"),
    ),
    Principle(
        number=4,
        do=_("Diversify into new activity areas and emerging industries"),
        dont=_("Follow growth trends without reflection"),
        supporting_words=("emerging", "diversif", "new activit", "new value chain"),
        risky_words=("follow the trend", "fashionable", "whatever grows"),
    ),
    Principle(
        number=5,
        do=_("Take a systemic, cross-sectoral approach"),
        dont=_("Take a narrow sectoral approach"),
        supporting_words=("cross-sector", "across sectors", "between sectors", "other sectors", "systemic"),
        risky_words=("single sector", "one sector only", "sector-specific only"),
    ),
    Principle(
        number=6,
        do=_("Be inclusive and participatory"),
        dont=_("Stay isolated from other policy areas"),
        supporting_words=("stakeholder", "participat", "universit", "co-design", "authorities", "together"),
        risky_words=("without consulting", "in isolation", "behind closed doors"),
    ),
    Principle(
        number=7,
        do=_("Support an international perspective on value chains"),
        dont=_("Run inward-looking initiatives"),
        supporting_words=("international", "european", "export", "value chain", "abroad"),
        risky_words=("domestic only", "local market only", "inward-looking"),
    ),
    Principle(
        number=8,
        do=_("Build regional partnerships as a basis for European Strategic Cluster Partnerships"),
        dont=_("Go it alone"),
        supporting_words=("partnership", "escp", "interregional", "partner regions"),
        risky_words=("go it alone", "on its own", "without partners"),
    ),
)


THEME_PRINCIPLES: dict[str, frozenset[int]] = {
    "industrial": frozenset({1, 2}),
    "market": frozenset({1, 7, 8}),
    "cultural": frozenset({1, 6}),
    "knowledge": frozenset({1, 6}),
    "regulatory": frozenset({1, 3, 6}),
    "financial": frozenset({1}),
    "support": frozenset({1, 2}),
    "cross-sectoral": frozenset({1, 5}),
    "structural change": frozenset({1, 4}),
}


def verdict(principle: Principle, text: str, theme: str | None = None, design: Verdict | None = None) -> Verdict:
    """Risky wording wins over everything: one 'individual firms' outweighs 'cluster' (an expert's rewrite that
    turns to a Don't is caught in any of the catalog's languages); then the design of the recommended
    instrument (`design`, from its attributes in the toolkit), or, without one, its theme; then the wording."""
    lowered = text.lower()
    if any(word in lowered for word in principle.risky_words):
        return "at risk"
    if design is not None:
        return design
    if theme is not None and principle.number in THEME_PRINCIPLES.get(theme, frozenset()):
        return "supports"
    if any(word in lowered for word in principle.supporting_words):
        return "supports"
    return "not addressed"
