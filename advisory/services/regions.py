"""A new region in minutes: a profile drafted from the NUTS names, checked, and put in place once complete.

`add_region("ITF4")` writes what the reference data know (name, country, the country's language, a
survey plan) and what the expert gives (challenge, focus industries, contacts). A profile still
missing its challenge or focus industries goes to `regions/drafts/` (the engine does not read
drafts) with a note of what to fill; `check_draft` moves it into `regions/` once it is complete.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from advisory.adapters.datasets import nuts_names
from advisory.adapters.i18n import available_languages
from advisory.adapters.region_profiles import load_region
from advisory.domain.errors import ActionRefused, InvalidData, UnknownRegion
from advisory.domain.regions import RegionProfile
from advisory.services.project import Project

# The language a region's documents and portal are in, by country (NUTS country codes: EL, not GR).
COUNTRY_LANGUAGES = {
    "AT": "de",
    "DE": "de",
    "ES": "es",
    "HU": "hu",
    "IT": "it",
    "PL": "pl",
    "SI": "sl",
    "SK": "sk",
    "LI": "de",
}
SURVEY_WEEKS = 8


class Drafted(BaseModel):
    path: Path
    complete: bool
    missing: list[str]


def add_region(
    project: Project,
    code: str,
    *,
    challenge: str = "",
    focus_industries: list[str] | None = None,
    contacts: list[dict[str, str]] | None = None,
    language: str | None = None,
) -> Drafted:
    code = code.strip().upper()
    if code in project.regions:
        raise ActionRefused(f"{code} is already a demonstrator region (regions/{code}.yaml)")
    names = nuts_names(project.settings.datasets_dir)
    if len(code) != 4 or code not in names:
        raise UnknownRegion(f"{code!r} is not a NUTS-2 region of the NUTS 2021 classification (e.g. ITF4, Puglia)")
    country = code[:2]
    chosen = language or COUNTRY_LANGUAGES.get(country, "en")
    if chosen not in available_languages():
        raise InvalidData(f"there is no catalog for {chosen!r}; the languages are {', '.join(available_languages())}")
    profile = {
        "code": code,
        "name": names[code],
        "country": country,
        "country_name": names.get(country, country),
        "language": chosen,
        "challenge": challenge.strip(),
        "focus_industries": focus_industries or [],
        "policy_themes": [],
        "contacts": contacts or [],
        "survey": {
            "deadline": str(project.today() + dt.timedelta(weeks=SURVEY_WEEKS)),
            "min_responses": 12,
            "invited": 20,
        },
    }
    missing = [field for field in ("challenge", "focus_industries", "contacts") if not profile[field]]
    folder = project.settings.regions_dir / ("drafts" if missing else "")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{code}.yaml"
    _write(path, profile, missing)
    if not missing:
        _check(path)
    return Drafted(path=path, complete=not missing, missing=missing)


def check_draft(project: Project, code: str) -> Path:
    """Validate `regions/drafts/CODE.yaml` and move it to `regions/CODE.yaml`; every problem named otherwise."""
    draft = project.settings.regions_dir / "drafts" / f"{code.strip().upper()}.yaml"
    if not draft.exists():
        raise UnknownRegion(f"no draft profile {draft}; start one with `advisory region add {code.upper()}`")
    _check(draft)
    target = project.settings.regions_dir / draft.name
    draft.replace(target)
    return target


def _check(path: Path) -> RegionProfile:
    try:
        return load_region(path)
    except (InvalidData, ValidationError) as exc:
        raise InvalidData(str(exc)) from None


def _write(path: Path, profile: dict, missing: list[str]) -> None:
    notes = {
        "challenge": "the region's challenge or opportunity, in a few sentences (from its concept note)",
        "focus_industries": "the industries the engagement focuses on, e.g. [agri-food, aerospace]",
        "contacts": "the regional contacts: - {name: ..., email: ...}",
    }
    header = [f"# Demonstrator region {profile['code']} ({profile['name']}), drafted by `advisory region add`."]
    if missing:
        header += ["# To fill before the engine can use it, then run `advisory region check " + profile["code"] + "`:"]
        header += [f"#   {field}: {notes[field]}" for field in missing]
    body = yaml.safe_dump(profile, allow_unicode=True, sort_keys=False, width=110)
    path.write_text("\n".join(header) + "\n" + body, encoding="utf-8")
