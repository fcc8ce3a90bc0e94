"""Review aggregation, meeting dates, review intake and the report's wait for reviews."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from advisory.adapters.region_profiles import load_regions
from advisory.domain.errors import UploadRejected
from advisory.domain.stages import Waiting
from advisory.stages.peer_review.agenda import meeting_days
from advisory.stages.peer_review.aggregation import score_dimension
from advisory.stages.peer_review.assignment import ReviewerAssignment
from advisory.stages.peer_review.build import build_peer_review_report
from advisory.stages.peer_review.gather import gather_peer_review_report
from advisory.stages.peer_review.models import DIMENSIONS, PeerReview, ReportInputs
from advisory.stages.peer_review.parse import parse_review
from advisory.stages.peer_review.pool import load_reviewers
from advisory.stages.peer_review.workbook import review_template
from tests.fakes import FakeStageContext

ROOT = Path(__file__).resolve().parents[2]
REGION = load_regions(ROOT / "regions")["ES61"]


def review(rid: str, score: int, **changes) -> PeerReview:
    data = {
        "reviewer_id": rid,
        "region": "ES61",
        "scores": dict.fromkeys(DIMENSIONS, score),
        "recommendations": [{"theme": "internationalisation", "text": "Pool export desks"}],
    } | changes
    return PeerReview.model_validate(data)


def assigned(*ids: str) -> list[ReviewerAssignment]:
    return [ReviewerAssignment(reviewer_id=i, name=i.title(), organisation="O", country="PT", reasons=[]) for i in ids]


def test_mean_and_spread_per_dimension_flag_a_two_point_disagreement():
    reviews = [review("aa", 2), review("bb", 4), review("cc", 3)]
    score = score_dimension("relevance", reviews)
    assert (score.mean, score.spread, score.n, score.disagreement) == (3.0, 2, 3, True)


def test_a_one_point_difference_is_not_a_disagreement_and_unjudged_scores_are_left_out():
    unjudged = review("cc", 3, scores=dict.fromkeys(DIMENSIONS, 3) | {"governance": None})
    score = score_dimension("governance", [review("aa", 3), review("bb", 4), unjudged])
    assert (score.mean, score.spread, score.n, score.disagreement) == (3.5, 1, 2, False)


def test_recommendations_are_grouped_by_theme_and_repeated_ones_kept_once():
    other = [
        {"theme": "other", "text": "Follow up in six months"},
        {"theme": "internationalisation", "text": "pool  export desks"},
    ]
    report = build_peer_review_report(
        ReportInputs(
            region=REGION,
            assignments=assigned("aa", "bb"),
            reviews=[review("aa", 3), review("bb", 4, recommendations=other)],
        )
    )
    grouped = [(str(g.theme), [(i.text.text, i.reviewers, i.of) for i in g.advice]) for g in report.recommendations]
    assert grouped == [
        ("Internationalisation", [("Pool export desks", ["Aa", "Bb"], 2)]),
        ("Other recommendations", [("Follow up in six months", ["Bb"], 2)]),
    ]
    assert str(report.recommendations[0].advice[0].raised_by) == "raised by 2 of 2 reviewers"
    assert report.reviews_received == 2 and report.score_chart.categories[0] == DIMENSIONS["relevance"]


def test_the_meeting_is_the_first_tuesday_and_wednesday_at_least_three_weeks_ahead():
    assert meeting_days(dt.date(2026, 11, 1)) == (dt.date(2026, 11, 24), dt.date(2026, 11, 25))  # +21 days, Tuesday
    assert meeting_days(dt.date(2026, 11, 4)) == (dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    # Christmas and New Year weeks are left out: 22 December is not a meeting day, 12 January is the next.
    assert meeting_days(dt.date(2026, 12, 1)) == (dt.date(2027, 1, 12), dt.date(2027, 1, 13))


def test_the_regions_meetings_are_spread_one_week_apart_over_the_programme():
    days = [meeting_days(dt.date(2026, 11, 1), slot)[0] for slot in range(6)]
    assert days == [
        dt.date(2026, 11, 24),
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 15),
        dt.date(2027, 1, 12),
        dt.date(2027, 1, 19),
    ]


def test_a_yaml_review_with_tricky_text_is_read_verbatim():
    text = 'Seed capital < 50 000 € & "quotes": čž ő ß'
    data = review("ana-ferreira", 4, comments=text).model_dump(mode="json")
    parsed = parse_review(yaml.safe_dump(data, allow_unicode=True).encode(), "r.yaml", REGION, {"ana-ferreira"})
    assert parsed.comments == text


def test_a_review_from_an_unassigned_reviewer_with_bad_scores_lists_every_problem():
    raw = b"reviewer_id: intruder\nregion: SK04\nscores: {relevance: 7}\nrecommendations: []\n"
    with pytest.raises(UploadRejected) as rejected:
        parse_review(raw, "r.yaml", REGION, {"ana-ferreira"})
    fields = {p.field for p in rejected.value.problems}
    assert {"region", "reviewer_id", "scores", "recommendations"} <= fields


def test_an_excel_review_is_read_from_field_value_theme_rows():
    book = Workbook()
    sheet = book.active
    sheet.title = "Review"
    sheet.append(["field", "value", "theme"])
    sheet.append(["reviewer_id", "ana-ferreira"])
    sheet.append(["region", "ES61"])
    for code in DIMENSIONS:
        sheet.append([f"score:{code}", 4])
    sheet.append(["strength", "Strong agri-food & aerospace clusters"])
    sheet.append(["recommendation", "Open an export desk in Córdoba", "internationalisation"])
    buffer = io.BytesIO()
    book.save(buffer)
    parsed = parse_review(buffer.getvalue(), "review.xlsx", REGION, {"ana-ferreira"})
    assert parsed.scores["governance"] == 4 and parsed.strengths == ["Strong agri-food & aerospace clusters"]


def test_a_blank_review_template_is_refused_until_filled_in():
    pool = {r.id: r for r in load_reviewers(ROOT / "regions" / "reviewers.yaml")}
    blank = review_template(REGION, pool["ana-ferreira"]).encode()
    with pytest.raises(UploadRejected, match="no dimension is scored"):
        parse_review(blank, "blank.yaml", REGION, {"ana-ferreira"})


def report_context(reviews: list[dict], closed: bool = False) -> FakeStageContext:
    pack = {
        "pack_date": "2026-12-01",
        "meeting_start": "2026-12-22",
        "meeting_end": "2026-12-23",
        "reviews_due": "2027-01-12",
        "assignments": [a.model_dump() for a in assigned("aa", "bb", "cc")],
        "agenda": [],
        "key_figures": [],
        "questions": [],
        "bottleneck_chart": None,
        "sources": [],
    }
    closing = [{"stage": "peer_review", "by": "expert", "at": "2027-01-13T09:00"}] if closed else []
    return FakeStageContext(
        region=REGION,
        today=dt.date(2026, 12, 1),
        results={"peer_review_pack": pack},
        recorded={"peer_review": reviews, "stage_closed": closing},
    )


def test_the_report_waits_saying_how_many_reviews_are_in_and_when_they_are_due():
    waiting = gather_peer_review_report(report_context([review("aa", 3).model_dump(), review("bb", 4).model_dump()]))
    assert waiting == Waiting(missing="2 of 3 reviews received, due 12 January 2027", due=dt.date(2027, 1, 12))


def test_the_expert_closing_the_stage_releases_the_report_once_one_review_is_in():
    assert isinstance(gather_peer_review_report(report_context([], closed=True)), Waiting)
    inputs = gather_peer_review_report(report_context([review("aa", 3).model_dump()], closed=True))
    assert isinstance(inputs, ReportInputs) and build_peer_review_report(inputs).closed_early
