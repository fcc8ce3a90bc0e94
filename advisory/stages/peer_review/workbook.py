"""The blank review a reviewer fills in, pre-filled with who reviews whom."""

from __future__ import annotations

from pathlib import Path

from advisory.domain.regions import RegionProfile
from advisory.stages.peer_review.models import DIMENSIONS, THEMES
from advisory.stages.peer_review.pool import Reviewer


def review_template(region: RegionProfile, reviewer: Reviewer) -> str:
    """A blank review as commented YAML, pre-filled with who and whom."""
    scores = "\n".join(f"  {code}:    # {label}" for code, label in DIMENSIONS.items())
    return f"""# Peer review of {region.name} ({region.code}) by {reviewer.name}, {reviewer.organisation}
# Fill in every score (1 = weak, 5 = excellent; leave empty if you cannot judge),
# list strengths and weaknesses you saw, and at least one recommendation.
# Recommendation themes: {", ".join(THEMES)}
reviewer_id: {reviewer.id}
region: {region.code}
scores:
{scores}
strengths:
  - ""
weaknesses:
  - ""
recommendations:
  - theme: other
    text: ""
comments: ""
"""


def write_review_template(region: RegionProfile, reviewer: Reviewer, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(review_template(region, reviewer), encoding="utf-8")
    return path
