"""Writes the demo's peer reviews: one YAML per reviewer the solver assigns to each of the six demo regions.

Run from the project root: PYTHONPATH=. python demo/reviews/generate.py
Deterministic: the same pool and regions always give the same files. Scores come from a hash of
(region, reviewer, dimension); ES61 and SK04 carry a deliberate disagreement (scores 2 points apart).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from advisory.adapters.region_profiles import load_regions
from advisory.stages.peer_review.assignment import Host, assign_reviewers
from advisory.stages.peer_review.models import DIMENSIONS
from advisory.stages.peer_review.pool import load_reviewers

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
DISAGREEMENTS = {"ES61": "internationalisation", "SK04": "sme_participation"}

FINDINGS = {
    "ES61": (
        "Strong agri-food & aerospace clusters with committed managers in Sevilla and Córdoba",
        "Export services reach < 10 % of member SMEs; little outside Spain & Portugal",
        "internationalisation",
        "Pool the clusters' export desks into one “Andalucía Global” service",
    ),
    "SK04": (
        "Košice IT Valley gives start-ups a real home; universities are engaged",
        "Creative industries & mobile services lack seed finance < 50 000 €",
        "sme_participation",
        "Open cluster services to micro-firms with a voucher of 2 000 € per firm",
    ),
    "SI03": (
        "Wood & eco-industry clusters cooperate across the Štajerska–Pomurje border",
        "Automotive suppliers depend on < 5 customers; diversification is slow",
        "strategic_focus",
        "Tie cluster funding to the S3 priorities “circular wood” and e-mobility",
    ),
    "HU33": (
        "Szeged's bio-economy & health research is excellent and well connected",
        "Farmers' co-operatives rarely meet researchers; governance is fragmented",
        "governance",
        "Set up one regional cluster board with the county, Szegedi Tudományegyetem & firms",
    ),
    "DED2": (
        "Silicon Saxony is a European leader; microelectronics SMEs are well integrated",
        "Mechanical engineering & life sciences firms seldom join microelectronics projects",
        "cross_sectoral",
        "Fund cross-cluster pilot projects between Dresden's „Chip & Maschine“ firms",
    ),
    "PL21": (
        "Kraków's life-science & ICT ecosystem attracts international investors",
        "Clusters look inward: < 3 European partnerships per cluster, little ECCP use",
        "internationalisation",
        "Prepare a European Strategic Cluster Partnership with Śląskie & Morava",
    ),
}

GENERAL_STRENGTHS = (
    "Political commitment to cluster policy is visible at the highest level",
    "Cluster managers know their members' needs well",
    "Good use of the regional survey & benchmarking evidence in the self-assessment",
)
GENERAL_WEAKNESSES = (
    "Monitoring of cluster programmes counts activities, not results",
    "Funding rounds are short (< 2 years), so clusters cannot plan strategically",
    "Links to neighbouring regions' clusters are informal",
)


def _score(region: str, reviewer: str, dimension: str) -> int:
    # 3 or 4, so reviewers differ by at most one point except where a disagreement is planted
    return 3 + hashlib.sha256(f"{region}|{reviewer}|{dimension}".encode()).digest()[0] % 2


def review(region: str, reviewer: str, position: int) -> dict:
    strength, weakness, theme, recommendation = FINDINGS[region]
    scores = {code: _score(region, reviewer, code) for code in DIMENSIONS}
    if region in DISAGREEMENTS:
        scores[DISAGREEMENTS[region]] = 2 if position == 0 else 4
    return {
        "reviewer_id": reviewer,
        "region": region,
        "scores": scores,
        "strengths": [strength, GENERAL_STRENGTHS[position % 3]],
        "weaknesses": [weakness, GENERAL_WEAKNESSES[position % 3]],
        "recommendations": [
            {"theme": theme, "text": recommendation},
            {
                "theme": "other",
                "text": f"Agree a follow-up to-do list with the peers within six months ({position + 1})",
            },
        ],
        "comments": f"Reviewer {position + 1} of {region}: the host's team was open & well prepared.",
    }


def main() -> None:
    regions = load_regions(ROOT / "regions")
    pool = load_reviewers(ROOT / "regions" / "reviewers.yaml")
    assignment = assign_reviewers([Host.from_region(r) for r in regions.values()], pool)
    for region, chosen in assignment.items():
        folder = OUT / region
        folder.mkdir(parents=True, exist_ok=True)
        for position, assigned in enumerate(chosen):
            text = yaml.safe_dump(review(region, assigned.reviewer_id, position), allow_unicode=True, sort_keys=False)
            (folder / f"{assigned.reviewer_id}.yaml").write_text(text, encoding="utf-8")
        print(region, ", ".join(a.reviewer_id for a in chosen))


if __name__ == "__main__":
    main()
