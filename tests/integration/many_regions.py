"""More regions than the six demonstrators: profiles generated for real NUTS-2 codes with the most complete data."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from advisory.datasets import load_eurostat_nuts2
from advisory.settings import PROJECT_ROOT

DEMONSTRATORS = ("ES61", "SK04", "SI03", "HU33", "DED2", "PL21")


def best_covered_codes(datasets_dir: Path, count: int, exclude: tuple[str, ...] = DEMONSTRATORS) -> list[str]:
    table = load_eurostat_nuts2(datasets_dir.resolve())
    coverage = table[table["region"].str.len() == 4].groupby("region")["indicator"].nunique()
    ranked = coverage.drop(labels=[c for c in exclude if c in coverage.index]).sort_values(ascending=False, kind="stable")
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
