"""Reading the region profiles in `regions/*.yaml`: every field checked, every problem named with its file."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from advisory.adapters.i18n import available_languages
from advisory.adapters.uploaded_files import plain_reason, yaml_reason
from advisory.domain.errors import InvalidData
from advisory.domain.regions import RegionProfile

NOT_REGIONS = {"reviewers", "observatory"}  # the reviewer pool and the observatory's team live beside the profiles


def load_region(path: Path) -> RegionProfile:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise InvalidData(f"{path}: {yaml_reason(exc)}") from exc
    try:
        region = RegionProfile.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'} {plain_reason(err)}" for err in exc.errors()
        )
        raise InvalidData(f"{path}: {problems}") from exc
    if region.language not in available_languages():
        raise InvalidData(
            f"{path}: language {region.language!r} has no translation catalog, so documents and the portal "
            f"could not be written in it; the languages are {', '.join(available_languages())}"
        )
    return region


def load_regions(directory: Path) -> dict[str, RegionProfile]:
    """Every `*.yaml` profile in the folder (not the reviewer pool or the team), keyed by NUTS-2 code."""
    regions: dict[str, RegionProfile] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.stem in NOT_REGIONS:
            continue
        region = load_region(path)
        if region.code in regions:
            raise InvalidData(f"{path}: region {region.code} is already defined")
        regions[region.code] = region
    return regions
