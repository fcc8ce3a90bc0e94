"""Loaders for the reference datasets under `datasets/`: every table comes out in long form.

Long form is `region, indicator, year, value, unit, source`; missing values are dropped
rather than filled, so whatever year a figure comes from can be reported next to it.

Every loader, and every table a stage derives from them, is computed once per process and per
version of the files (`reference_cache`): the six regions' gathers and every re-check share one
read. pandas' copy-on-write keeps a caller's change to a cached table from reaching the others.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from advisory.adapters.reference_cache import reference_cache
from advisory.domain.errors import InvalidData
from advisory.domain.toolkit import Instrument, Toolkit

LONG_COLUMNS = ["region", "indicator", "year", "value", "unit", "source"]
EUROSTAT_SOURCE = "Eurostat regional statistics via Honti et al. (2020), Data in Brief 33:106464"
EIS_SOURCE = "European Commission, European Innovation Scoreboard 2023 database"


@reference_cache
def load_eurostat_nuts2(datasets_dir: Path, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The wide Eurostat-derived NUTS-2 file, melted to long form (one row per region, column, year);
    only the named `columns` when given."""
    path = datasets_dir / "eurostat_nuts2" / "I40_indicator_db.csv"
    wide = pd.read_csv(path, sep="\t", low_memory=False)
    wide.columns = [str(c).strip() for c in wide.columns]
    if not {"NUTS2", "YEAR"} <= set(wide.columns):
        raise InvalidData(f"{path}: expected NUTS2 and YEAR columns")
    if columns is not None:
        unknown = sorted(set(columns) - set(wide.columns))
        if unknown:
            raise InvalidData(f"{path}: no column {', '.join(unknown)}")
        wide = wide[["NUTS2", "YEAR", *dict.fromkeys(columns)]]
    long = wide.melt(id_vars=["NUTS2", "YEAR"], var_name="indicator", value_name="value")
    long = long.rename(columns={"NUTS2": "region", "YEAR": "year"})
    long["value"] = pd.to_numeric(long["value"], errors="coerce")
    long = long.dropna(subset=["value"])
    long["unit"] = ""
    long["source"] = EUROSTAT_SOURCE
    return long[LONG_COLUMNS].reset_index(drop=True)


@reference_cache
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


@reference_cache
def load_ris2019(datasets_dir: Path) -> pd.DataFrame:
    """Published RIS 2019 Regional Innovation Index per region (validation only)."""
    table = pd.read_csv(datasets_dir / "ris2019" / "rii_2019_rankings.csv")
    table["Regio"] = table["Regio"].replace({"Dec-00": "DEC0"})
    return table.rename(columns={"Regio": "region", "RII": "rii"})[["region", "rii"]].dropna()


@reference_cache
def load_ris2025(datasets_dir: Path) -> pd.DataFrame:
    """RIS 2025 Regional Innovation Index of 72 Central European NUTS-2 regions, 2018-2025 (validation and
    context only): `region, name, year, value` (an index, the EU in 2018 = 100)."""
    table = pd.read_csv(datasets_dir / "ris2025" / "ris2025_rii_ce_nuts2.csv")
    table = table.rename(columns={"geo": "region", "region_name": "name"})
    table["value"] = pd.to_numeric(table["value"], errors="coerce")
    return table[["region", "name", "year", "value"]].dropna()


@reference_cache
def load_regional_gdp(datasets_dir: Path) -> pd.DataFrame:
    """Eurostat's regional GDP (release of 2021, NUTS 2016, EU-27, 2000-2019) in long form:
    `region, level, unit, year, value` (units MIO_EUR, MIO_PPS, EUR_HAB, PPS_HAB, PPS_HAB_EU27, POP)."""
    path = datasets_dir / "eurostat_gdp_nuts2" / "regional_gdp_v2021.csv"
    table = pd.read_csv(path, dtype={"geo": str, "unit": str})
    if not {"geo", "nuts_level", "unit", "year", "value"} <= set(table.columns):
        raise InvalidData(f"{path}: expected the columns geo, nuts_level, unit, year, value")
    table = table.rename(columns={"geo": "region", "nuts_level": "level"})
    table["value"] = pd.to_numeric(table["value"], errors="coerce")
    return table[["region", "level", "unit", "year", "value"]].dropna()


@reference_cache
def load_indicator_catalogue(datasets_dir: Path) -> dict:
    """The benchmarking catalogue (`indicators.yaml`) as plain data, window flattened."""
    path = datasets_dir / "indicators.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InvalidData(f"{path}: cannot read the indicator catalogue: {exc}") from exc
    if not isinstance(raw, dict):
        raise InvalidData(f"{path}: the indicator catalogue must be a mapping")
    window = raw.get("window") or {}
    return {
        "edition": raw.get("edition") or {},
        "first_year": window.get("first_year"),
        "last_year": window.get("last_year"),
        "eis_lag": raw.get("eis_lag", 2),
        "indicators": raw.get("indicators", []),
        "structure": raw.get("structure", []),
    }


@reference_cache
def country_names(datasets_dir: Path) -> dict[str, str]:
    """ISO country code (Eurostat spelling: EL, UK) -> English name, from the EIS 2023 table."""
    table = load_eis2023(datasets_dir)
    table = table[table["country"].str.len() == 2]
    return dict(zip(table["country"], table["country_name"], strict=False))


@reference_cache
def load_toolkit(datasets_dir: Path) -> list[Instrument]:
    """The Cluster Policy Toolkit (`policy_toolkit.yaml`), every code checked."""
    raw = yaml.safe_load((datasets_dir / "policy_toolkit.yaml").read_text(encoding="utf-8"))
    return Toolkit.model_validate(raw).instruments


# --- regional employment by NACE division and NUTS names (cluster mapping, partner search) -----
SBS_SOURCE = "Eurostat, structural business statistics by NUTS 2 region and NACE Rev. 2 (sbs_r_nuts06_r2)"
SBS_COLUMNS = ["nace", "geo", "level", "persons_employed", "flag"]


@lru_cache(maxsize=4)
def load_sbs_employment(datasets_dir: Path) -> pd.DataFrame:
    """Persons employed in 2015 by NACE Rev. 2 code and NUTS 2013 region or country (SBS, business economy).

    One row per cell of the source file: `nace` (section letter, division such as `C29`, or
    retail/wholesale group), `geo`, `level` (NUTS level 0, 1 or 2), `persons_employed` (missing
    where Eurostat left the cell empty, i.e. not available or confidential) and `flag` (Eurostat's
    letter after the number: `d` = definition differs; `unreadable` where the copy holds a
    spreadsheet's date instead of a number, as for Iceland).
    """
    path = datasets_dir / "eurostat_sbs" / "sbs_r_nuts06_r2_2015.csv"
    raw = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
    if list(raw.columns) != ["nace_r2", "geo", "n2015"]:
        raise InvalidData(f"{path}: expected the columns nace_r2;geo;n2015, found {';'.join(raw.columns)}")
    cell = raw["n2015"].str.strip()
    value = pd.to_numeric(cell, errors="coerce")
    flag = pd.Series("", index=raw.index, dtype=object)
    for row, text in cell[value.isna() & (cell != "")].items():  # a few hundred flagged or unreadable cells
        found = re.fullmatch(r"(\d*)\s*([a-z]+)", text)
        if found:
            value[row] = float(found[1]) if found[1] else float("nan")
            flag[row] = found[2]
        else:
            flag[row] = "unreadable"
    geo = raw["geo"].str.strip()
    table = pd.DataFrame(
        {
            "nace": raw["nace_r2"].str.strip(),
            "geo": geo,
            "level": geo.str.len() - 2,
            "persons_employed": value,
            "flag": flag,
        }
    )
    return table[SBS_COLUMNS]


@lru_cache(maxsize=4)
def load_nuts_changes(datasets_dir: Path) -> pd.DataFrame:
    """Eurostat's table of NUTS codes and names across the versions 1999-2021, one row per code lineage."""
    return pd.read_csv(datasets_dir / "nuts2021" / "nuts_changes.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=4)
def nuts_names(datasets_dir: Path) -> dict[str, str]:
    """NUTS code -> region name: the NUTS 2021 name, else the latest name the code's lineage carries."""
    names: dict[str, str] = {}
    changes = load_nuts_changes(datasets_dir)
    name_columns = [c for c in changes.columns if c.startswith("geo_name_")]  # oldest first
    code_columns = ["code_2013", "code_2016", "code_2021"]
    for row in zip(*(changes[c] for c in code_columns + name_columns), strict=True):
        codes, lineage = row[: len(code_columns)], [n.strip() for n in row[len(code_columns) :]]
        latest = next((n for n in reversed(lineage) if n), "")
        if latest:
            names.update((code, latest) for code in codes if code)
    codes = pd.read_csv(datasets_dir / "nuts2021" / "nuts2021_codes.csv", dtype=str, keep_default_na=False)
    for code, label in zip(codes["ref_area"], codes["label"].str.strip(), strict=True):
        # The 2021 list writes names without accents or hyphens (Slaskie, Dél Alföld); where the lineage's
        # name is the same name written properly (Śląskie, Dél-Alföld), that spelling is kept. Names in
        # other scripts (Greek, Cyrillic) keep the 2021 list's Latin form.
        if _plain(names.get(code, "")) != _plain(label):
            names[code] = label
    return names


_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae"})


def _plain(name: str) -> str:
    """A name without accents, case, spaces or hyphens, to tell two spellings of one name from two names."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s\-]", "", decomposed).lower()


@lru_cache(maxsize=4)
def nuts2_codes(datasets_dir: Path, version: str = "2016") -> frozenset[str]:
    """The NUTS-2 codes of one NUTS version (extra-regio ZZ codes included, as Eurostat lists them)."""
    changes = load_nuts_changes(datasets_dir)
    codes = changes.loc[changes["typology"] == "nuts_level_2", f"code_{version}"].str.strip()
    return frozenset(codes[codes != ""])


@lru_cache(maxsize=4)
def nuts_successors(datasets_dir: Path, old: str = "2013", new: str = "2016") -> dict[str, str]:
    """NUTS-2 code in version `old` -> its code in version `new`, for regions whose territory stayed the same.

    Regions that were split, merged or discontinued (e.g. HU10, PL12, LT00 in 2016) have no entry:
    their figures cannot be carried over to a new code without changing their meaning.
    """
    changes = load_nuts_changes(datasets_dir)
    level2 = changes[
        (changes["typology"] == "nuts_level_2") & (changes[f"code_{old}"] != "") & (changes[f"code_{new}"] != "")
    ]
    change = level2[f"change_{new}"].str.lower()
    same_territory = ~change.str.contains("split|discontinued|new region|boundary", regex=True)
    kept = level2[same_territory]
    return dict(zip(kept[f"code_{old}"], kept[f"code_{new}"], strict=True))


def toolkit_words(fileobj, keywords, comment_tags, options):  # noqa: ARG001 - Babel's extractor signature
    """Babel extractor (babel.cfg) for the toolkit: every instrument's title is a message readers see."""
    for instrument in Toolkit.model_validate(yaml.safe_load(fileobj.read().decode("utf-8"))).instruments:
        yield 0, "_", instrument.title, []
