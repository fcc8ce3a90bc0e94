"""How much of each briefing is written for its region: measured on a played demo (run `advisory demo` first).

Run from the project root: `PYTHONPATH=. .venv/bin/python benchmarks/briefing_tailoring.py`. Reads the latest
policy briefing of every region from the project database, in English, and prints:

- the share of recommendation sentences that also appear in another region's briefing once region names,
  codes, numbers and focus industries are masked (issue 12 asks for at most 25 %; it was 81 %);
- how many recommendations cite at least two findings, and findings from at least two stages;
- whether each briefing names one of the region's focus industries, and answers its challenge first.
"""

from __future__ import annotations

import re
from collections import Counter

from advisory.adapters.i18n import translator
from advisory.services.project import Project
from advisory.settings import Settings
from advisory.stages.briefing.models import PolicyBriefing


def masked_sentences(text: str, masks: list[str]) -> list[str]:
    for word in sorted(masks, key=len, reverse=True):
        text = text.replace(word, "<X>")
    text = re.sub(r"\d+([.,]\d+)?", "<N>", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]


def main() -> None:
    project = Project(Settings())
    english = translator("en")
    briefings: dict[str, PolicyBriefing] = {}
    with project.unit_of_work() as uow:
        for code in project.regions:
            latest = uow.engagements.latest_document(code, "policy_briefing")
            if latest is not None and latest.result:
                briefings[code] = PolicyBriefing.model_validate(latest.result)
    sentences: dict[str, list[str]] = {}
    for code, briefing in briefings.items():
        region = project.regions[code]
        masks = [region.name, region.code, *region.focus_industries]
        text = " ".join(f"{english.text(r.title)}. {english.text(r.text)}" for r in briefing.recommendations)
        sentences[code] = masked_sentences(text, masks)
    seen = Counter(s for found in sentences.values() for s in set(found))
    shared = sum(1 for found in sentences.values() for s in found if seen[s] > 1)
    total = sum(len(found) for found in sentences.values())
    recommendations = [r for b in briefings.values() for r in b.recommendations]
    two = sum(len(r.evidence) >= 2 for r in recommendations)
    two_stages = sum(len({e.figure.source for e in r.evidence}) >= 2 for r in recommendations)
    print(f"regions: {len(briefings)}, recommendations: {len(recommendations)}")
    print(
        f"sentences shared with another region's briefing: {shared} of {total} ({shared / total:.1%}; target <= 25 %)"
    )
    print(f"recommendations citing >= 2 findings: {two} of {len(recommendations)}")
    print(f"recommendations citing findings of >= 2 stages: {two_stages} of {len(recommendations)}")
    for code, briefing in briefings.items():
        region = project.regions[code]
        text = " ".join(english.text(r.text) for r in briefing.recommendations)
        names = any(industry in text for industry in region.focus_industries)
        first = briefing.recommendations[0].id == "challenge" if briefing.recommendations else False
        print(
            f"{code}: {len(briefing.recommendations)} recommendations, "
            f"focus industry named: {names}, challenge first: {first}"
        )


if __name__ == "__main__":
    main()
