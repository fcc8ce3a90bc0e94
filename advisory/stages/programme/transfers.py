"""Which region's practice answers another region's weakness: the transfer rule of the programme report.

For every topic (a framework condition, cross-sectoral collaboration, structural change) and every
ordered pair of regions, a provider P and a receiver R, P can show R something when

- measured: P's condition stands at the 60th EU percentile or above and R's below the 40th, or R's
  respondents name it among the survey's three largest bottlenecks (importance at least half a point
  above satisfaction) and P stands at least 20 percentiles above R;
  strength of the pairing = P's percentile minus R's, plus 10 where R's survey names the bottleneck;
- self-assessed (cross-sectoral collaboration, structural change): P's policy self-assessment rates it
  2 or 3 of 3 and R's 0 or 1; strength = 20 points per step between the two ratings.

Each receiver keeps its strongest pairings (at most `PER_RECEIVER`). A region that takes part in
no pairing by these thresholds gets its one strongest difference either way (the closest match,
said as such), so every region of the programme appears with at least one transfer, each backed by
evidence from both regions.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisory.domain.excellence import LEVEL_NAMES
from advisory.domain.text import Msg, Text, _
from advisory.stages.assessment.conditions import STRENGTH_ABOVE, WEAKNESS_BELOW
from advisory.stages.briefing.recommendations import MIN_GAP
from advisory.stages.programme.models import RegionDossier, Transfer

STRONG_FROM = float(STRENGTH_ABOVE)  # the assessment's own thresholds, so the report's labels agree with it
WEAK_BELOW = float(WEAKNESS_BELOW)
FELT_MARGIN = 20.0
FELT_BONUS = 10.0
STEP_POINTS = 20.0
PER_RECEIVER = 2
SELF_ASSESSED = ("cross-sectoral", "structural change")
FELT_GAP = MIN_GAP  # the briefing's: importance minus satisfaction below half a point is noise
FELT_TOP = 3  # the survey's largest bottlenecks that count as felt


@dataclass(frozen=True)
class Standing:
    """One region on one topic: what it measures (percentile, year) or rates itself (0-3), and what it feels."""

    region: RegionDossier
    topic: str
    label: Text
    percentile: float | None = None
    year: int | None = None
    rating: int | None = None
    felt_gap: float | None = None
    felt_n: int = 0

    @property
    def name(self) -> str:
        return self.region.profile.name


def standings(region: RegionDossier, topics: dict[str, Msg]) -> dict[str, Standing]:
    """The region's standing on every topic it has a figure for."""
    felt = {b.condition: b for b in felt_bottlenecks(region)}
    years: dict[str, int] = {}
    for indicator in region.assessment.indicators:
        years[indicator.condition] = max(indicator.year, years.get(indicator.condition, 0))
    found: dict[str, Standing] = {}
    for condition in region.assessment.conditions:
        if condition.percentile is None:
            continue
        bottleneck = felt.get(condition.condition)
        found[condition.condition] = Standing(
            region=region,
            topic=condition.condition,
            label=topics.get(condition.condition, condition.label),
            percentile=condition.percentile,
            year=years.get(condition.condition),
            felt_gap=bottleneck.gap if bottleneck else None,
            felt_n=bottleneck.n if bottleneck else 0,
        )
    ratings = region.assessment.stress_test
    for topic, rating in zip(SELF_ASSESSED, (ratings.cross_sectoral, ratings.structural_change), strict=True):
        found[topic] = Standing(region=region, topic=topic, label=topics[topic], rating=rating)
    return found


def felt_bottlenecks(region: RegionDossier) -> list:
    """The survey's largest bottlenecks (at most FELT_TOP, each a gap of at least FELT_GAP)."""
    found = sorted(region.survey.bottlenecks if region.survey else [], key=lambda b: -b.gap)
    return [b for b in found if b.gap >= FELT_GAP][:FELT_TOP]


def pairing(provider: Standing, receiver: Standing) -> float | None:
    """The rule's strength of P showing R this topic, or None where the rule does not pair them."""
    if provider.rating is not None and receiver.rating is not None:
        if provider.rating >= 2 and receiver.rating <= 1:
            return STEP_POINTS * (provider.rating - receiver.rating)
        return None
    if provider.percentile is None or receiver.percentile is None or provider.percentile < STRONG_FROM:
        return None
    difference = provider.percentile - receiver.percentile
    felt = receiver.felt_gap is not None
    if receiver.percentile < WEAK_BELOW or (felt and difference >= FELT_MARGIN):
        return difference + (FELT_BONUS if felt else 0.0)
    return None


def closest(provider: Standing, receiver: Standing) -> float:
    """How far apart two regions stand on a topic, P ahead of R (for the closest match)."""
    if provider.rating is not None and receiver.rating is not None:
        return STEP_POINTS * (provider.rating - receiver.rating)
    if provider.percentile is None or receiver.percentile is None:
        return float("-inf")
    return provider.percentile - receiver.percentile


def transfers(regions: list[RegionDossier], topics: dict[str, Msg]) -> list[Transfer]:
    """Every region's strongest pairings as receiver, then the closest match for any region left out."""
    table = {region.profile.code: standings(region, topics) for region in regions}
    chosen: list[Transfer] = []
    for receiver in regions:
        offers = [
            (strength, provider_standing, receiver_standing)
            for provider in _others(regions, receiver)
            for receiver_standing, provider_standing in _side_by_side(table, receiver, provider)
            if (strength := pairing(provider_standing, receiver_standing)) is not None
        ]
        offers.sort(key=lambda o: (-o[0], o[1].region.profile.code, o[1].topic))
        chosen += [_transfer(p, r, strength, closest_match=False) for strength, p, r in _distinct(offers)]
    involved = {code for t in chosen for code in (t.provider_code, t.receiver_code)}
    for region in regions:
        if region.profile.code in involved:
            continue
        options = [
            option
            for other in _others(regions, region)
            for mine, theirs in _side_by_side(table, region, other)
            for option in ((closest(mine, theirs), mine, theirs), (closest(theirs, mine), theirs, mine))
            if option[0] > 0
        ]
        if options:
            strength, provider, receiver = max(options, key=lambda o: (o[0], o[1].region.profile.code, o[1].topic))
            chosen.append(_transfer(provider, receiver, strength, closest_match=True))
            involved |= {provider.region.profile.code, receiver.region.profile.code}
    return sorted(chosen, key=lambda t: (t.receiver, -t.score, t.provider))


def _others(regions: list[RegionDossier], region: RegionDossier) -> list[RegionDossier]:
    return [other for other in regions if other.profile.code != region.profile.code]


def _side_by_side(
    table: dict[str, dict[str, Standing]], region: RegionDossier, other: RegionDossier
) -> list[tuple[Standing, Standing]]:
    """The two regions' standings on every topic both have a figure for, topic by topic."""
    mine, theirs = table[region.profile.code], table[other.profile.code]
    return [(mine[topic], theirs[topic]) for topic in sorted(mine.keys() & theirs.keys())]


def _distinct(offers: list[tuple[float, Standing, Standing]]) -> list[tuple[float, Standing, Standing]]:
    """The strongest offers, no topic twice and no provider twice, at most PER_RECEIVER."""
    kept: list[tuple[float, Standing, Standing]] = []
    for offer in offers:
        if all(offer[1].topic != k[1].topic and offer[1].region is not k[1].region for k in kept):
            kept.append(offer)
        if len(kept) == PER_RECEIVER:
            break
    return kept


def _transfer(provider: Standing, receiver: Standing, strength: float, *, closest_match: bool) -> Transfer:
    statement = (
        _(
            "Closest match: {provider} is further ahead than {receiver} on {topic}; no pairing meets the programme's "
            "thresholds.",
            provider=provider.name,
            receiver=receiver.name,
            topic=receiver.label,
        )
        if closest_match
        else _(
            "{provider}'s practice in {topic} answers {receiver}'s weakness there.",
            provider=provider.name,
            receiver=receiver.name,
            topic=receiver.label,
        )
    )
    return Transfer(
        provider=provider.name,
        receiver=receiver.name,
        provider_code=provider.region.profile.code,
        receiver_code=receiver.region.profile.code,
        condition=provider.topic,
        label=provider.label,
        statement=statement,
        provider_evidence=evidence(provider),
        receiver_evidence=evidence(receiver),
        practice=practice(provider.region),
        score=round(strength, 1),
    )


def evidence(standing: Standing) -> Msg:
    """What a region's documents say on the topic: the measured position with its year, and what is felt."""
    if standing.rating is not None:
        return _(
            "{region}: the policy self-assessment rates it {rating} of 3 (assessment report, stress test)",
            region=standing.name,
            rating=standing.rating,
        )
    measured = _(
        "{region}: EU percentile {percentile:.0f} (Eurostat regional indicators, {year}; assessment report)",
        region=standing.name,
        percentile=standing.percentile,
        year=standing.year or _("latest year"),
    )
    if standing.felt_gap is None:
        return measured
    return _(
        "{measured}; the survey's {n} respondents rate it {gap:.1f} points less satisfying than important "
        "(regional survey)",
        measured=measured,
        n=standing.felt_n,
        gap=standing.felt_gap,
    )


def practice(region: RegionDossier) -> Msg:
    """What the provider can show its peers: its cluster organisations (with a documented label) and policy themes."""
    organisations = [
        _(
            "{name} (cluster management excellence label {level}, {year})",
            name=o.name,
            level=LEVEL_NAMES[o.label.level],
            year=o.label.year,
        )
        if o.label and o.label.year
        else o.name
        for o in region.profile.cluster_organisations
    ]
    themes = list(region.profile.policy_themes)
    if organisations and themes:
        return _(
            "Cluster organisations: {organisations}; policy themes: {themes}",
            organisations=organisations,
            themes=themes,
        )
    if organisations:
        return _("Cluster organisations: {organisations}", organisations=organisations)
    return _("Policy themes: {themes}", themes=themes) if themes else _("The region's cluster policy")
