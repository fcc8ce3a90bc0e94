"""More regions than the six demonstrators: profiles generated for real NUTS-2 codes with the most complete data,
in the countries the Regional Innovation Scoreboard covers (the benchmarking stage refuses the others), reviewers
enough for all of them, and the demo's example inputs sent on their behalf."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from advisory.adapters.datasets import load_eurostat_nuts2, load_indicator_catalogue
from advisory.settings import PROJECT_ROOT
from advisory.stages.peer_review.models import DIMENSIONS

DEMONSTRATORS = ("ES61", "SK04", "SI03", "HU33", "DED2", "PL21")


def best_covered_codes(datasets_dir: Path, count: int, exclude: tuple[str, ...] = DEMONSTRATORS) -> list[str]:
    table = load_eurostat_nuts2(datasets_dir.resolve())
    edition = load_indicator_catalogue(datasets_dir.resolve())["edition"]
    covered = table["region"].str[:2].isin([*edition["eu_countries"], *edition["other_countries"]])
    coverage = table[covered & (table["region"].str.len() == 4)].groupby("region")["indicator"].nunique()
    ranked = coverage.drop(labels=[c for c in exclude if c in coverage.index]).sort_values(
        ascending=False, kind="stable"
    )
    return sorted(ranked.index[:count])


def regions_dir_with(directory: Path, total: int, datasets_dir: Path = PROJECT_ROOT / "datasets") -> Path:
    """A regions directory: the six demonstrator profiles plus generated ones, `total` in all."""
    directory.mkdir(parents=True, exist_ok=True)
    for profile in (PROJECT_ROOT / "regions").glob("*.yaml"):
        shutil.copy(profile, directory / profile.name)
    for code in best_covered_codes(datasets_dir, max(0, total - len(DEMONSTRATORS))):
        (directory / f"{code}.yaml").write_text(yaml.safe_dump(_profile(code), allow_unicode=True), encoding="utf-8")
    return directory


def _profile(code: str) -> dict:
    return {
        "code": code,
        "name": f"Region {code}",
        "country": code[:2],
        "country_name": code[:2],
        "language": "en",
        "challenge": f"Helping SMEs in {code} enter emerging industries through clusters & <networks>.",
        "focus_industries": ["advanced manufacturing"],
        "policy_themes": ["SME access to clusters"],
        "contacts": [{"name": "Zoë Müller-Łukasiewicz", "email": f"contact.{code.lower()}@example.org"}],
        "survey": {"deadline": "2026-12-15", "min_responses": 10, "invited": 20},
    }


# --- playing them: reviewers enough for every host, and the demo's inputs for the generated regions -------
TEMPLATE_REGION = "ES61"  # whose example self-assessment, findings and survey answers the generated regions send
EXTRA_REVIEWER_COUNTRIES = ("AT", "BE", "CZ", "DK", "FI", "FR", "IE", "IT", "NL", "PT", "SE")


def world_with(directory: Path, total: int) -> tuple[Path, Path]:
    """A regions folder (`total` regions, a reviewer pool they fit in) and an inputs folder for the demo."""
    regions_dir = regions_dir_with(directory / "regions", total)
    _add_reviewers(regions_dir / "reviewers.yaml", hosts=total)
    inputs = directory / "inputs"
    shutil.copytree(PROJECT_ROOT / "demo", inputs, ignore=shutil.ignore_patterns("*.py"))
    survey = (PROJECT_ROOT / "demo" / "surveys" / f"{TEMPLATE_REGION}.csv").read_text(encoding="utf-8")
    for profile in regions_dir.glob("*.yaml"):
        code = profile.stem
        if code in DEMONSTRATORS or code == "reviewers":
            continue
        for folder in ("stress_tests", "findings"):
            shutil.copy(inputs / folder / f"{TEMPLATE_REGION}.yaml", inputs / folder / f"{code}.yaml")
        (inputs / "surveys" / f"{code}.csv").write_text(
            survey.replace(f"{TEMPLATE_REGION},", f"{code},"), encoding="utf-8"
        )
    return regions_dir, inputs


def _add_reviewers(pool: Path, hosts: int) -> None:
    """Generated experts in advanced manufacturing and SME access (what generated regions ask for), two hosts each."""
    raw = yaml.safe_load(pool.read_text(encoding="utf-8"))
    for number in range(2 * hosts):
        country = EXTRA_REVIEWER_COUNTRIES[number % len(EXTRA_REVIEWER_COUNTRIES)]
        raw["reviewers"].append(
            {
                "id": f"expert-{number:03d}",
                "name": f"Expert {number:03d}",
                "organisation": f"Cluster agency {country}",
                "role": "expert",
                "country": country,
                "home_region": f"{country}99",
                "sectors": ["advanced manufacturing"],
                "themes": ["SME access to clusters"],
                "languages": ["en"],
                "max_assignments": 2,
            }
        )
    pool.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def write_reviews(project, inputs: Path) -> None:
    """Each assigned reviewer's review, once a generated region's peer review pack names them (as people would)."""
    with project.unit_of_work() as uow:
        packs = uow.engagements.latest_results("peer_review_pack")
    for code, pack in packs.items():
        folder = inputs / "reviews" / code
        if code in DEMONSTRATORS or folder.exists():
            continue
        folder.mkdir(parents=True)
        for assignment in pack.get("assignments", []):
            review = {
                "reviewer_id": assignment["reviewer_id"],
                "region": code,
                "scores": dict.fromkeys(DIMENSIONS, 3),
                "strengths": [f"Committed cluster managers in {code}"],
                "weaknesses": ["Few SMEs outside the clusters' core members"],
                "recommendations": [{"theme": "sme_participation", "text": "Open cluster services to micro-firms"}],
                "comments": "",
            }
            (folder / f"{assignment['reviewer_id']}.yaml").write_text(yaml.safe_dump(review), encoding="utf-8")
