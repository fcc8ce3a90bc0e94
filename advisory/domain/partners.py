"""Partner search: which regions suit a region for joint projects or a European Strategic Cluster Partnership, and why.

The rule, one number per candidate region (higher is better):

    score = 2 x focus points + shared points + complementary domains

- focus points: the candidate's cluster stars (0-3 each) in the NACE divisions of the home region's
  focus industries (what the home region wants to grow; the candidate is strong there);
- shared points: for every other division, the smaller of the two regions' star counts
  (specialisations both hold: the ground for joint projects);
- complementary domains: the benchmarking domains (normalised indicators) where one region is
  strong and the other weak; strong = in the top third of the regions with a value, weak = in the
  bottom third (the one can learn from the other, in either direction).

Ties are broken by focus points, then shared points, then complementary domains, then the region
code. A region is never its own partner, and a candidate with a score of 0 is not listed. With a
sector chosen, its divisions replace the focus industries, shared points are not counted, and only
candidates with at least one star in the sector are listed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from advisory.domain.clusters import SectorStars, sector_name
from advisory.domain.text import Msg, Text, _, ngettext

FOCUS_WEIGHT = 2
Level = Literal["strong", "middle", "weak"]


@dataclass(frozen=True)
class Standing:
    """A region's place in one benchmarking domain: the normalised value (0-1, 1 best) and its third."""

    value: float
    level: Level


@dataclass(frozen=True)
class RegionStrengths:
    """What the partner search knows of one region: its starred sectors and its standing per domain."""

    code: str
    name: str
    sectors: Mapping[str, SectorStars] = field(default_factory=dict)  # starred sectors only
    standing: Mapping[str, Standing] = field(default_factory=dict)

    def stars(self, sector: str) -> int:
        found = self.sectors.get(sector)
        return found.stars if found else 0


@dataclass(frozen=True)
class Complement:
    """One benchmarking domain where one region is strong and the other weak."""

    domain: str
    home: Standing
    candidate: Standing

    @property
    def candidate_leads(self) -> bool:
        return self.candidate.level == "strong"


@dataclass(frozen=True)
class Match:
    """One candidate partner: its score, the parts of it, and the evidence behind each part."""

    code: str
    name: str
    focus_sectors: tuple[SectorStars, ...]  # the candidate's starred focus divisions
    shared_sectors: tuple[tuple[SectorStars, SectorStars], ...]  # (home, candidate) in other divisions
    complements: tuple[Complement, ...]

    @property
    def focus_points(self) -> int:
        return sum(s.stars for s in self.focus_sectors)

    @property
    def shared_points(self) -> int:
        return sum(min(home.stars, candidate.stars) for home, candidate in self.shared_sectors)

    @property
    def complementary_domains(self) -> int:
        return len(self.complements)

    @property
    def score(self) -> int:
        return FOCUS_WEIGHT * self.focus_points + self.shared_points + self.complementary_domains

    def order(self) -> tuple:
        """The sort key of the stated rule: best first."""
        return (-self.score, -self.focus_points, -self.shared_points, -self.complementary_domains, self.code)


def compare(home: RegionStrengths, candidate: RegionStrengths, focus: Iterable[str], only_focus: bool = False) -> Match:
    """The candidate's match with the home region under the stated rule."""
    focus = tuple(dict.fromkeys(focus))
    focus_sectors = tuple(candidate.sectors[d] for d in focus if d in candidate.sectors)
    shared: tuple[tuple[SectorStars, SectorStars], ...] = ()
    if not only_focus:
        shared = tuple(
            (home.sectors[d], candidate.sectors[d])
            for d in sorted(home.sectors.keys() & candidate.sectors.keys())
            if d not in focus
        )
    complements = tuple(
        Complement(domain, home.standing[domain], candidate.standing[domain])
        for domain in sorted(home.standing.keys() & candidate.standing.keys())
        if {home.standing[domain].level, candidate.standing[domain].level} == {"strong", "weak"}
    )
    return Match(candidate.code, candidate.name, focus_sectors, shared, complements)


def rank_partners(
    home: RegionStrengths,
    candidates: Iterable[RegionStrengths],
    focus: Iterable[str],
    only_focus: bool = False,
    top: int | None = None,
) -> list[Match]:
    """Candidates ranked by the stated rule, best first; never the home region, never a score of 0."""
    focus = tuple(focus)
    matches = []
    for candidate in candidates:
        if candidate.code == home.code:
            continue
        match = compare(home, candidate, focus, only_focus)
        if match.score <= 0 or (only_focus and not match.focus_sectors):
            continue
        matches.append(match)
    matches.sort(key=Match.order)
    return matches if top is None else matches[:top]


# --- the reasons, in words with the figures behind them ---------------------------------------------
def sector_figures(stars: SectorStars) -> Msg:
    """'2 stars (specialisation, focus): 0.6 % of European employment, location quotient 2.9, 8.1 % of the region's'."""
    measures = listing([MEASURE_WORDS[m] for m in stars.starred])
    return ngettext(
        "{n} star ({measures}): {size:.1f} % of European employment, location quotient {lq:.1f}, "
        "{focus:.1f} % of the region's employment",
        "{n} stars ({measures}): {size:.1f} % of European employment, location quotient {lq:.1f}, "
        "{focus:.1f} % of the region's employment",
        stars.stars,
        measures=measures,
        size=100 * stars.size,
        lq=stars.specialisation if stars.specialisation is not None else float("nan"),
        focus=100 * stars.focus,
    )


def listing(items: list[Msg]) -> Msg | str:
    """Up to three words as one comma-separated message (the measures a sector is starred for)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return _("{first}, {second}", first=items[0], second=items[1])
    return _("{first}, {second}, {third}", first=items[0], second=items[1], third=items[2])


MEASURE_WORDS: dict[str, Msg] = {
    "size": _("size"),
    "specialisation": _("specialisation"),
    "focus": _("focus"),
}


def short_figures(stars: SectorStars) -> Msg:
    """'2 stars (specialisation, focus; location quotient 2.3)'."""
    return ngettext(
        "{n} star ({measures}; location quotient {lq:.1f})",
        "{n} stars ({measures}; location quotient {lq:.1f})",
        stars.stars,
        measures=listing([MEASURE_WORDS[m] for m in stars.starred]),
        lq=stars.specialisation if stars.specialisation is not None else float("nan"),
    )


def reasons(match: Match, home_name: str, domain_names: Mapping[str, Text], searched: bool = False) -> list[Msg]:
    """Why the candidate is listed: one sentence per starred focus sector, shared sector and complementary domain.

    `searched` says the focus sectors are the sector the user searched for, not the region's focus industries.
    """
    said: list[Msg] = []
    for stars in match.focus_sectors:
        sector, figures = sector_name(stars.sector), sector_figures(stars)
        if searched:
            said.append(_("Stars in {sector}, the sector searched for: {figures}", sector=sector, figures=figures))
        else:
            said.append(
                _(
                    "Stars in {sector}, a focus industry of {home}: {figures}",
                    sector=sector,
                    home=home_name,
                    figures=figures,
                )
            )
    for home, candidate in match.shared_sectors:
        said.append(
            _(
                "Both have stars in {sector}: {candidate} {candidate_stars}, {home} {home_stars}",
                sector=sector_name(candidate.sector),
                candidate=match.name,
                candidate_stars=short_figures(candidate),
                home=home_name,
                home_stars=short_figures(home),
            )
        )
    for complement in match.complements:
        leader, follower = (match.name, home_name) if complement.candidate_leads else (home_name, match.name)
        strong, weak = (
            (complement.candidate, complement.home)
            if complement.candidate_leads
            else (complement.home, complement.candidate)
        )
        said.append(
            _(
                "{domain}: {leader} strong ({strong:.2f}), {follower} weak ({weak:.2f}) on the 0-1 benchmarking scale",
                domain=domain_names.get(complement.domain, complement.domain),
                leader=leader,
                strong=strong.value,
                follower=follower,
                weak=weak.value,
            )
        )
    return said


def thirds(values: Mapping[str, float]) -> dict[str, Standing]:
    """Each region's standing in one domain: strong in the top third of the values, weak in the bottom third.

    A value at or above the two-thirds point of the sorted values (by position) is strong, at or
    below the one-third point weak; with fewer than three values nobody is strong or weak.
    """
    ordered = sorted(values.values())
    n = len(ordered)
    if n < 3:
        return {code: Standing(value, "middle") for code, value in values.items()}
    low, high = ordered[(n - 1) // 3], ordered[n - 1 - (n - 1) // 3]
    result = {}
    for code, value in values.items():
        level: Level = (
            "strong" if value >= high and value > low else "weak" if value <= low and value < high else "middle"
        )
        result[code] = Standing(value, level)
    return result
