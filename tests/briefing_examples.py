"""Examples shared by the assessment and briefing tests: a stage context over the demo inputs, and stage 2-4 results."""

from __future__ import annotations

from typing import Any

from advisory.settings import PROJECT_ROOT
from tests.fakes import REGIONS, FakeStageContext

DEMO = PROJECT_ROOT / "demo"


def demo_bytes(folder: str, code: str) -> bytes:
    return (DEMO / folder / f"{code}.yaml").read_bytes()


def survey_result() -> dict[str, Any]:
    rows = [
        ("financial", "Financial conditions", 4.4, 2.6),
        ("market", "Market conditions", 4.1, 2.7),
        ("cultural", "Cultural conditions", 3.6, 2.9),
        ("knowledge", "Knowledge conditions", 4.0, 3.5),
        ("support", "Business support", 3.5, 3.2),
        ("industrial", "Industrial conditions", 3.3, 3.1),
        ("regulatory", "Regulatory & policy conditions", 3.0, 2.9),
    ]
    bottlenecks = [
        {"condition": c, "label": label, "importance": i, "satisfaction": s, "gap": round(i - s, 2), "n": 14}
        for c, label, i, s in rows
    ]
    return {
        "responses": 14,
        "invited": 20,
        "bottlenecks": sorted(bottlenecks, key=lambda b: -b["gap"]),
        "crosstabs": ["ignored by the briefing"],
        "further_gaps": [
            {
                "condition": "cross_sectoral",
                "label": "Cross-sectoral collaboration",
                "importance": 4.2,
                "satisfaction": 2.9,
                "gap": 1.3,
                "n": 14,
            }
        ],
        "free_text": [
            {
                "question": "suggestions",
                "themes": [
                    {"quote": {"text": "Offene Projektformate für KMU aus anderen Branchen"}, "count": 6},
                    {"quote": {"text": "Weniger Bürokratie"}, "count": 1},
                ],
            }
        ],
    }


def benchmarking_result() -> dict[str, Any]:
    weak = {
        "code": "rd_business",
        "name": "Business R&D expenditure",
        "dimension": "Innovation activities",
        "value": 0.41,
        "unit": "% of GDP",
        "year": 2016,
        "normalised": 0.12,
        "peer_median": 0.35,
    }
    return {
        "composite": 0.38,
        "relative_score": 81.5,
        "group": "Moderate",
        "indicators": [weak],
        "strengths": [],
        "weaknesses": [weak],
        "peers": [{"code": "SK02", "name": "Západné Slovensko", "distance": 0.1}],
        "peer_reason": "closest on the structural indicators",
    }


def peer_review_result() -> dict[str, Any]:
    return {
        "reviews_received": 5,
        "dimension_scores": [{"dimension": "Governance", "mean": 2.8, "spread": 1.3, "n": 5, "disagreement": True}],
        "recommendations": [
            {
                "theme": "International value chains",
                "advice": [
                    {
                        "text": {"text": "Join a European Strategic Cluster Partnership with clusters abroad"},
                        "reviewers": ["Ivana Horvat", "Marek Nowak"],
                    },
                    {
                        "text": {"text": "Offer export services to groups of SMEs & start-ups"},
                        "reviewers": ["Lena Berg"],
                    },
                ],
            }
        ],
    }


def context_with_assessment(code: str) -> FakeStageContext:
    """The stress test and findings recorded as the demo submits them; stages 2-4 done."""
    from advisory.stages.assessment.parse import parse_findings, parse_stress_test

    region = REGIONS[code]
    answers = parse_stress_test(demo_bytes("stress_tests", code), f"{code}.yaml", region)
    findings = parse_findings(demo_bytes("findings", code), f"{code}.yaml", region)
    return FakeStageContext(
        region=region,
        recorded={
            "stress_test": [answers.model_dump(mode="json")],
            "expert_findings": [f.model_dump(mode="json") for f in findings],
        },
        results={
            "survey_report": survey_result(),
            "benchmarking_report": benchmarking_result(),
            "peer_review_report": peer_review_result(),
        },
    )
