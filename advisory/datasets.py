"""Loaders for the reference datasets under `datasets/`: every table comes out in long form.

Long form is `region, indicator, year, value, unit, source`; missing values are dropped
rather than filled, so whatever year a figure comes from can be reported next to it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

LONG_COLUMNS = ["region", "indicator", "year", "value", "unit", "source"]
EUROSTAT_SOURCE = "Eurostat regional statistics via Honti et al. (2020), Data in Brief 33:106464"
EIS_SOURCE = "European Commission, European Innovation Scoreboard 2023 database"


class DatasetError(ValueError):
    """A reference table that cannot be read, naming the file and what is wrong."""


def load_indicator_table(path: Path) -> pd.DataFrame:
    """A long-format CSV with at least `region, indicator, year, value` (unit, source optional)."""
    table = pd.read_csv(path)
    missing = {"region", "indicator", "year", "value"} - set(table.columns)
    if missing:
        raise DatasetError(f"{path}: missing columns {sorted(missing)}")
    for column in ("unit", "source"):
        if column not in table.columns:
            table[column] = ""
    table["value"] = pd.to_numeric(table["value"], errors="coerce")
    return table.dropna(subset=["value"])[LONG_COLUMNS].reset_index(drop=True)


@lru_cache(maxsize=4)
def load_eurostat_nuts2(datasets_dir: Path) -> pd.DataFrame:
    """The wide Eurostat-derived NUTS-2 file, melted to long form (one row per region, column, year)."""
    path = datasets_dir / "eurostat_nuts2" / "I40_indicator_db.csv"
    wide = pd.read_csv(path, sep="\t", low_memory=False)
    wide.columns = [str(c).strip() for c in wide.columns]
    if not {"NUTS2", "YEAR"} <= set(wide.columns):
        raise DatasetError(f"{path}: expected NUTS2 and YEAR columns")
    long = wide.melt(id_vars=["NUTS2", "YEAR"], var_name="indicator", value_name="value")
    long = long.rename(columns={"NUTS2": "region", "YEAR": "year"})
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long = long.dropna(subset=["value"])
    long["unit"] = ""
    long["source"] = EUROSTAT_SOURCE
    return long[LONG_COLUMNS].reset_index(drop=True)


@lru_cache(maxsize=4)
def load_eis2023(datasets_dir: Path) -> pd.DataFrame:
    """The EIS 2023 database: `indicator, group, year, zone, country, country_name, value`."""
    path = datasets_dir / "eis2023" / "eis2023_database_long.csv"
    table = pd.read_csv(path)
    table = table.rename(
        columns={
            "Indicator": "indicator",
            "Perf": "group",
            "Year": "year",
            "Zone": "zone",
            "Country": "country",
            "CountryName": "country_name",
            "Value": "value",
        }
    )
    table["value"] = pd.to_numeric(table["value"], errors="coerce")
    return table


@lru_cache(maxsize=4)
def load_ris2019(datasets_dir: Path) -> pd.DataFrame:
    """Published RIS 2019 Regional Innovation Index per region (validation only)."""
    table = pd.read_csv(datasets_dir / "ris2019" / "rii_2019_rankings.csv")
    table["Regio"] = table["Regio"].replace({"Dec-00": "DEC0"})
    return table.rename(columns={"Regio": "region", "RII": "rii"})[["region", "rii"]].dropna()


@lru_cache(maxsize=4)
def load_indicator_catalogue(datasets_dir: Path) -> dict:
    """The benchmarking indicator catalogue (`indicators.yaml`) as plain data, window flattened."""
    path = datasets_dir / "indicators.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DatasetError(f"{path}: cannot read the indicator catalogue: {exc}") from exc
    window = raw.get("window") or {}
    return {
        "first_year": window.get("first_year"),
        "last_year": window.get("last_year"),
        "indicators": raw.get("indicators", []),
        "structural": raw.get("structural", []),
    }


def country_names(datasets_dir: Path) -> dict[str, str]:
    """ISO country code (Eurostat spelling: EL, UK) -> English name, from the EIS 2023 table."""
    table = load_eis2023(datasets_dir)
    table = table[table["country"].str.len() == 2]
    return dict(zip(table["country"], table["country_name"], strict=False))
