"""Step definitions for features/peer_review.feature, driving the peer review functions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from advisory.adapters.region_profiles import load_regions
from advisory.domain.errors import UploadRejected
from advisory.domain.stages import Waiting
from advisory.stages.peer_review.assignment import Host, assign_reviewers
from advisory.stages.peer_review.build import build_peer_review_pack, build_peer_review_report
from advisory.stages.peer_review.gather import assigned_reviewer_ids, gather_peer_review_report
from advisory.stages.peer_review.models import AssessmentSeen, BenchmarkingSeen, PackInputs, SurveySeen
from advisory.stages.peer_review.parse import parse_review
from advisory.stages.peer_review.pool import load_reviewers

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "demo" / "reviews"

scenarios("peer_review.feature")


class Engagement:
    """The recorded inputs and results of one host's engagement, as the engine's StageContext offers them."""

    def __init__(self, region, pack) -> None:
        self.region, self.today = region, dt.date(2026, 12, 1)
        self.pack = pack.model_dump(mode="json")
        self.recorded: dict[str, list[dict]] = {"peer_review": [], "stage_closed": []}

    def inputs(self, kind):
        return self.recorded.get(kind, [])

    def result(self, document):
        return self.pack if document == "peer_review_pack" else None


@given("the six demonstrator regions and the observatory's reviewer pool", target_fixture="programme")
def programme():
    return load_regions(ROOT / "regions"), load_reviewers(ROOT / "regions" / "reviewers.yaml")


@when("the expert assigns reviewers to every region", target_fixture="assignment")
def assignment(programme):
    regions, pool = programme
    return assign_reviewers([Host.from_region(r) for r in regions.values()], pool)


@then(parsers.parse("each region gets {count:d} reviewers from at least two countries other than its own"))
def reviewers_per_region(assignment, programme, count):
    regions, _ = programme
    for code, chosen in assignment.items():
        assert len(chosen) == count
        assert len({a.country for a in chosen} - {regions[code].country}) >= 2


@then(
    parsers.parse(
        'every reviewer chosen for "{code}" comes with the expertise, language, origin and load behind the choice'
    )
)
def reasons_given(assignment, code):
    for chosen in assignment[code]:
        shares, language, origin, load = chosen.reasons
        shares, origin, load = str(shares), str(origin), str(load)
        assert (
            shares.startswith("shares ") and language and "outside the host region" in origin and "assignment" in load
        )


@then(parsers.parse('"{reviewer_id}" from {home} does not review "{code}"'))
def conflicted_not_chosen(assignment, reviewer_id, home, code):
    assert reviewer_id not in {a.reviewer_id for a in assignment[code]}


@given(parsers.parse('the peer review pack for "{code}" has been prepared'), target_fixture="engagement")
def engagement(programme, code):
    regions, pool = programme
    chosen = assign_reviewers([Host.from_region(r) for r in regions.values()], pool)[code]
    inputs = PackInputs(
        region=regions[code],
        today=dt.date(2026, 12, 1),
        assignments=chosen,
        assessment=AssessmentSeen(),
        survey=SurveySeen(),
        benchmarking=BenchmarkingSeen(),
    )
    return Engagement(regions[code], build_peer_review_pack(inputs))


@when(parsers.parse('"{reviewer_id}" submits her review of "{code}"'), target_fixture="accepted")
def submit(engagement, reviewer_id, code):
    data = (DEMO / code / f"{reviewer_id}.yaml").read_bytes()
    return parse_review(data, f"{reviewer_id}.yaml", engagement.region, assigned_reviewer_ids(engagement.pack))


@then("the review is accepted with her scores")
def accepted_review(accepted):
    assert accepted.reviewer_id == "ana-ferreira" and all(1 <= s <= 5 for s in accepted.scores.values())


@then(parsers.parse('a review of "{code}" by "{reviewer_id}" is refused because he is not assigned to it'))
def refused(engagement, code, reviewer_id):
    data = (DEMO / code / "ana-ferreira.yaml").read_text(encoding="utf-8").replace("ana-ferreira", reviewer_id)
    with pytest.raises(UploadRejected, match="not assigned"):
        parse_review(data.encode(), "review.yaml", engagement.region, assigned_reviewer_ids(engagement.pack))


@given(parsers.parse("{received:d} of its reviews have been submitted"))
def reviews_submitted(engagement, received):
    for path in sorted((DEMO / engagement.region.code).glob("*.yaml"))[:received]:
        review = parse_review(path.read_bytes(), path.name, engagement.region, assigned_reviewer_ids(engagement.pack))
        engagement.recorded["peer_review"].append(review.model_dump(mode="json"))


@given(parsers.parse("the expert {closed} the stage"))
def expert_closes(engagement, closed):
    if closed == "has closed":
        engagement.recorded["stage_closed"].append(
            {"stage": "peer_review", "by": "expert", "at": "2027-01-13T09:00:00"}
        )


@then(parsers.parse('the peer review report is waiting with "{message}"'))
def report_waits(engagement, message):
    assert gather_peer_review_report(engagement) == Waiting(missing=message, due=dt.date(2027, 1, 27))


@then(parsers.parse("the peer review report is ready with {count:d} reviews"))
def report_ready(engagement, count):
    report = build_peer_review_report(gather_peer_review_report(engagement))
    assert report.reviews_received == count
