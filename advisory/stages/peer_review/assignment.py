"""Who reviews whom: a conflict-free, load-balanced assignment of peer reviewers to host regions.

Every host is solved at once as one small integer programme (scipy's HiGHS `milp`), so the
rules hold exactly and load is balanced across all engagements:
- no reviewer from the host region itself;
- reviewers from at least two countries other than the host's;
- each reviewer shares a working language with the host (`en` or the region's language),
  shares some expertise with the host's focus industries, policy themes or challenge,
  and is available on the meeting day;
- nobody takes more engagements than their `max_assignments`.
Each reviewer's k-th assignment costs more than their (k-1)-th (a convex cost), which spreads
the load; more shared expertise costs less. A tiny deterministic tie-break per (host, reviewer)
makes the optimum unique, so the same inputs always give the same assignment.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
from pydantic import BaseModel, Field

from advisory.domain.countries import country_name, language_name
from advisory.domain.errors import AdvisoryError
from advisory.domain.regions import RegionProfile
from advisory.domain.text import Text, _, ngettext
from advisory.stages.peer_review.pool import Reviewer

MIN_FOREIGN_COUNTRIES = 2
MIN_REVIEWERS, MAX_REVIEWERS = 2, 6


class Host(BaseModel):
    """What the assignment needs to know about a host region."""

    code: str
    country: str
    languages: list[str]
    sectors: list[str]
    themes: list[str] = Field(default_factory=list)
    challenge: str = ""
    meeting: dt.date | None = None

    @classmethod
    def from_region(cls, region: RegionProfile, meeting: dt.date | None = None) -> Host:
        return cls(
            code=region.code,
            country=region.country,
            languages=sorted({"en", region.language}),
            sectors=list(region.focus_industries),
            themes=list(region.policy_themes),
            challenge=region.challenge,
            meeting=meeting,
        )


class ReviewerAssignment(BaseModel):
    """One reviewer chosen for one host, with the reasons an expert reads."""

    reviewer_id: str
    name: str
    organisation: str
    country: str
    reasons: list[Text]


class AssignmentImpossible(AdvisoryError):
    """No assignment satisfies the rules; `problems` names each rule that cannot be met, per host."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def shared_expertise(host: Host, reviewer: Reviewer) -> list[str]:
    """The reviewer's sectors and themes that the host's focus, themes or challenge text mention."""
    wanted = {term.casefold() for term in host.sectors + host.themes}
    challenge = host.challenge.casefold()
    terms = reviewer.sectors + reviewer.themes
    return [term for term in terms if term.casefold() in wanted or term.casefold() in challenge]


def shared_languages(host: Host, reviewer: Reviewer) -> list[str]:
    return [language for language in host.languages if language in reviewer.languages]


def ineligibility(host: Host, reviewer: Reviewer) -> str | None:
    """Why this reviewer may not review this host, or None if they may."""
    if reviewer.home_region == host.code:
        return f"comes from the host region {host.code}"
    if not shared_languages(host, reviewer):
        return f"shares no working language with {host.code} ({', '.join(host.languages)})"
    if not shared_expertise(host, reviewer):
        return f"has no expertise in {host.code}'s focus industries, themes or challenge"
    if reviewer.max_assignments == 0 or not reviewer.available_on(host.meeting):
        return "is not available for the meeting"
    return None


def assign_reviewers(
    hosts: list[Host],
    pool: list[Reviewer],
    per_host: int = 3,
    pinned: dict[str, list[str]] | None = None,
) -> dict[str, list[ReviewerAssignment]]:
    """Reviewers for every host not in `pinned` (host -> reviewer ids already assigned and kept).

    Raises AssignmentImpossible naming the rule that cannot be met.
    """
    if not MIN_REVIEWERS <= per_host <= MAX_REVIEWERS:
        raise AssignmentImpossible(
            [f"a peer review brings {MIN_REVIEWERS} to {MAX_REVIEWERS} reviewers, not {per_host}"]
        )
    pinned = pinned or {}
    hosts = sorted((h for h in hosts if h.code not in pinned), key=lambda h: h.code)
    pool = sorted(pool, key=lambda r: r.id)
    load = _pinned_load(pool, pinned)
    eligible = {
        h.code: [r for r in pool if load[r.id] < r.max_assignments and ineligibility(h, r) is None] for h in hosts
    }
    _check_each_host(hosts, eligible, pool, per_host, load)
    if not hosts:
        return {}
    chosen = _solve(hosts, eligible, pool, per_host, load)
    totals = load | {r: load.get(r, 0) + sum(ids.count(r) for ids in chosen.values()) for r in load}
    by_id = {r.id: r for r in pool}
    return {h.code: [_explain(h, by_id[r], totals[r]) for r in chosen[h.code]] for h in hosts}


def _pinned_load(pool: list[Reviewer], pinned: dict[str, list[str]]) -> dict[str, int]:
    load = {r.id: 0 for r in pool}
    for ids in pinned.values():
        for reviewer_id in ids:
            if reviewer_id in load:
                load[reviewer_id] += 1
    return load


def _check_each_host(hosts, eligible_by_host, pool, per_host, load) -> None:
    """Name every host whose own rules fail, before asking the solver about the whole programme."""
    problems = []
    for host in hosts:
        eligible = eligible_by_host[host.code]
        if len(eligible) < per_host:
            problems.append(
                f"{host.code}: only {len(eligible)} eligible reviewers (outside {host.code}, speaking "
                f"{' or '.join(host.languages)}, with matching expertise, free on the meeting day); need {per_host}"
            )
        countries = {r.country for r in eligible} - {host.country}
        if len(countries) < MIN_FOREIGN_COUNTRIES:
            problems.append(
                f"{host.code}: only {len(countries)} eligible reviewer "
                f"{'country' if len(countries) == 1 else 'countries'} other than {host.country}; "
                f"need {MIN_FOREIGN_COUNTRIES}"
            )
    free = sum(max(r.max_assignments - load[r.id], 0) for r in pool)
    if free < per_host * len(hosts):
        problems.append(
            f"maximum assignments: the pool has {free} free review places, "
            f"{len(hosts)} hosts need {per_host * len(hosts)}"
        )
    if problems:
        raise AssignmentImpossible(problems)


def _tie_break(host: str, reviewer: str) -> float:
    """A stable, tiny cost in [0, 1e-3) so no two assignments cost exactly the same."""
    digest = hashlib.sha256(f"{host}|{reviewer}".encode()).digest()
    return int.from_bytes(digest[:6], "big") / 2**48 * 1e-3


def _pair_cost(host: Host, reviewer: Reviewer) -> float:
    overlap = min(len({term.casefold() for term in shared_expertise(host, reviewer)}), 4)
    speaks_regional = any(language != "en" for language in shared_languages(host, reviewer))
    return 10.0 - 2.0 * overlap - (1.0 if speaks_regional else 0.0) + _tie_break(host.code, reviewer.id)


class _Programme:
    """Column and row bookkeeping for the integer programme."""

    def __init__(self) -> None:
        self.costs: list[float] = []
        self.integral: list[int] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def variable(self, cost: float, integral: bool) -> int:
        self.costs.append(cost)
        self.integral.append(1 if integral else 0)
        return len(self.costs) - 1

    def constraint(self, terms: list[tuple[int, float]], lower: float, upper: float) -> None:
        row = len(self.lower)
        for col, val in terms:
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.lower.append(lower)
        self.upper.append(upper)

    def solve(self) -> np.ndarray | None:
        from scipy.optimize import Bounds, LinearConstraint, milp  # scipy loads only when reviewers are assigned
        from scipy.sparse import coo_array

        matrix = coo_array((self.vals, (self.rows, self.cols)), shape=(len(self.lower), len(self.costs)))
        result = milp(
            np.array(self.costs),
            integrality=np.array(self.integral),
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(matrix.tocsr(), self.lower, self.upper),
        )
        return None if result.status != 0 else np.round(result.x).astype(int)


def _solve(hosts, eligible, pool, per_host, load) -> dict[str, list[str]]:
    programme = _Programme()
    pairs: dict[tuple[str, str], int] = {}
    for host in hosts:
        for reviewer in eligible[host.code]:
            pairs[host.code, reviewer.id] = programme.variable(_pair_cost(host, reviewer), integral=True)
    _each_host_gets_its_reviewers(programme, pairs, hosts, pool, per_host)
    _load_is_capped_and_spread(programme, pairs, pool, load)
    solution = programme.solve()
    if solution is None:
        raise AssignmentImpossible(
            [
                "maximum assignments: the reviewers' maximum assignments cannot cover "
                f"{', '.join(h.code for h in hosts)} at once under the country and conflict rules"
            ]
        )
    return {
        h.code: [r.id for r in pool if (h.code, r.id) in pairs and solution[pairs[h.code, r.id]] == 1] for h in hosts
    }


def _each_host_gets_its_reviewers(programme, pairs, hosts, pool, per_host) -> None:
    """Exactly `per_host` reviewers, from at least two countries other than the host's."""
    for host in hosts:
        mine = [(r, pairs[host.code, r.id]) for r in pool if (host.code, r.id) in pairs]
        programme.constraint([(col, 1.0) for _, col in mine], per_host, per_host)
        # y[c] <= number chosen from country c, y[c] <= 1, sum y >= 2: two countries at least
        covered = []
        for country in sorted({r.country for r, _col in mine} - {host.country}):
            y = programme.variable(0.0, integral=False)
            programme.constraint([(y, 1.0)] + [(col, -1.0) for r, col in mine if r.country == country], -np.inf, 0)
            covered.append((y, 1.0))
        programme.constraint(covered, MIN_FOREIGN_COUNTRIES, np.inf)


def _load_is_capped_and_spread(programme, pairs, pool, load) -> None:
    """Each reviewer's assignments fill numbered slots whose cost grows with the slot number."""
    columns: dict[str, list[int]] = {}
    for (_host, reviewer_id), col in pairs.items():
        columns.setdefault(reviewer_id, []).append(col)
    for reviewer in pool:
        mine = columns.get(reviewer.id, [])
        if not mine:
            continue
        slots = [
            programme.variable(4.0 * slot / reviewer.max_assignments, integral=False)
            for slot in range(load[reviewer.id] + 1, reviewer.max_assignments + 1)
        ]
        programme.constraint([(col, 1.0) for col in mine] + [(s, -1.0) for s in slots], 0, 0)


def _explain(host: Host, reviewer: Reviewer, total_load: int) -> ReviewerAssignment:
    expertise = list({term.casefold(): term for term in shared_expertise(host, reviewer)}.values())
    regional = [language for language in shared_languages(host, reviewer) if language != "en"]
    reasons = [
        _("shares {topics}", topics=expertise[:3]),
        _("speaks {languages}", languages=[language_name(code) for code in regional])
        if regional
        else _("works in English"),
        _("from {country}, outside the host region", country=country_name(reviewer.country)),
        ngettext("{load} of {n} assignment", "{load} of {n} assignments", reviewer.max_assignments, load=total_load),
    ]
    return ReviewerAssignment(
        reviewer_id=reviewer.id,
        name=reviewer.name,
        organisation=reviewer.organisation,
        country=reviewer.country,
        reasons=reasons,
    )


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
