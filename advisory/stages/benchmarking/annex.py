"""The benchmarking report's annex: the method in numbered steps, and every source with its years.

Kept to two pages: one paragraph per step, and one source per dataset (the years of each figure
are in the indicator table of the report itself).
"""

from __future__ import annotations

import pandas as pd

from advisory.domain.sources import Source
from advisory.stages.benchmarking.models import BenchmarkingInputs, BenchmarkingResult

RIS_METHOD = (
    "RIS 2021 report p. 18 (Hollanders & Es-Sadki, doi:10.2873/67175); Cotec, The RIS under scrutiny (2022), "
    "Annex I; European Commission, RIS 2023 page"
)
EUROSTAT = "Eurostat regional statistics, NUTS 2 (compiled by Honti et al. 2020)"
EIS = "European Commission, European Innovation Scoreboard 2023 database"
GDP = "Eurostat, regional GDP (release of 2021, NUTS 2016)"
NUTS = "Eurostat, NUTS classification 2016 and 2021 (names)"


def method_notes(result: BenchmarkingResult, inputs: BenchmarkingInputs) -> list[str]:
    """The method in the order it runs, with the numbers this run produced."""
    catalogue, rules = inputs.catalogue, inputs.rules
    edition = catalogue.edition
    regional = [i for i in catalogue.indicators if i.source == "regional"]
    rooted = [t.code for t in result.treatment if t.square_root]
    names = {i.code: i.short or i.name for i in catalogue.indicators}
    outliers = sum(t.outliers for t in result.treatment)
    cuts = {s.group: s for s in result.subgroups}
    limits = edition.thresholds
    return [
        f"Regions: the {result.reference_regions} regions of the {edition.name} set that the data hold: NUTS-2 "
        f"regions (NUTS 2016) of {len(edition.countries)} countries, Belgium, Austria, France and the United Kingdom "
        "at NUTS 1, Cyprus, Estonia, Latvia, Luxembourg and Malta as countries. Other countries' regions "
        "(Turkey, Montenegro, North Macedonia...) are not part of the scoreboard and are left out.",
        f"Indicators: the 21 RIS indicators. {len(regional)} have regional figures in Eurostat's tables "
        f"({', '.join(i.ris + ' ' + (i.short or i.name) for i in regional)}); the other "
        f"{len(catalogue.indicators) - len(regional)} carry the country's score in the EIS 2023, as the RIS "
        "estimates regional figures from national ones where regional data are lacking. Differences between "
        "regions of one country therefore come from the regional indicators only.",
        f"Years: {catalogue.first_year}-{catalogue.last_year}. A year without a figure takes the latest earlier "
        "figure, years before the first figure the first one; every figure keeps the year it refers to. The EIS "
        f"names a year after its edition, its statistics being about {catalogue.eis_lag} years older: data year t "
        f"takes EIS year t + {catalogue.eis_lag}.",
        f"Outliers: values beyond the mean ± {rules.outlier_sd:g} standard deviations of all regions over all "
        f"years are replaced by the highest (lowest) value that is not an outlier ({outliers} region-years in all).",
        f"Skewed indicators: square root where the skewness over all regions and years exceeds {rules.skewness:g}; "
        f"this time {', '.join(names[c] for c in rooted) if rooted else 'none'}.",
        "Normalisation: min-max to 0-1 over all regions and all years, so that scores compare across years.",
        f"Index: the unweighted mean of the normalised indicators (at least {rules.min_coverage:.0%} of them), "
        "divided by the EU's index of the same year (x 100).",
        "Country correction: each region is multiplied by the factor that makes its country's index equal to the "
        f"country's EIS 2023 Summary Innovation Index relative to the EU (factor for {result.country_name}: "
        f"{_num(result.correction, 2)}).",
        f"Groups ({edition.short}): Leader above {limits.leader:g} %, Strong {limits.strong:g}-{limits.leader:g} %, "
        f"Moderate {limits.moderate:g}-{limits.strong:g} %, Emerging below {limits.moderate:g} % of the EU. "
        "Subgroups +, middle, - are three equal bands of each group, the open groups bounded by the highest and the "
        f"lowest score: cuts at {_cuts(cuts)}.",
        f"Trend: scores relative to the EU in {catalogue.first_year} (= 100); the change is last year minus first "
        "year, in points.",
        "Peers: the structural variables are not scored; distance is the root mean square difference of "
        "standardised values (GDP and population on a log scale). Strength or weakness: normalised score at "
        f"least {rules.strength_margin:.2f} above or below the EU or the peer median.",
    ]


def _num(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _cuts(cuts: dict) -> str:
    parts = [f"{group} {_num(s.cuts[0])}/{_num(s.cuts[1])} %" for group, s in cuts.items()]
    return ", ".join(parts)


def _years(panel: pd.DataFrame, region: str, codes: list[str]) -> str:
    rows = panel[(panel["unit"] == region) & panel["indicator"].isin(codes)]
    years = rows["data_year"].dropna().astype(int)
    if years.empty:
        return "n/a"
    return f"{years.min()}-{years.max()}" if years.min() != years.max() else str(years.min())


def for_result(result: BenchmarkingResult, inputs: BenchmarkingInputs, panel: pd.DataFrame) -> list[Source]:
    catalogue = inputs.catalogue
    regional = [i for i in catalogue.indicators if i.source == "regional"]
    national = [i for i in catalogue.indicators if i.source == "national"]
    region = result.region_code
    sources = [
        Source(
            key="eurostat:regional",
            dataset=EUROSTAT,
            detail=", ".join(dict.fromkeys(i.tables.split(" (")[0] for i in regional)),
            year=_years(panel[panel["year"] == catalogue.last_year], region, [i.code for i in regional]),
            computation=f"{len(regional)} regional indicators, {catalogue.first_year}-{catalogue.last_year}; "
            "gaps take the latest earlier figure.",
        ),
        Source(
            key="eis:2023",
            dataset=EIS,
            detail=f"{len(national)} national indicators; Summary Innovation Index",
            year=f"{catalogue.first_year + catalogue.eis_lag}-{catalogue.last_year + catalogue.eis_lag}",
            computation="Country scores (EU 2016 = 100) carried by its regions; country correction.",
        ),
        Source(
            key="eurostat:gdp",
            dataset=GDP,
            detail="GDP per head (PPS), GDP; demo_r_d2jan; htec_emp_reg2",
            year=str(catalogue.last_year),
            computation="Peers' structural context (not scored); weights.",
        ),
        Source(
            key="nuts", dataset=NUTS, detail="Region names", year="2016, 2021", computation="As Eurostat writes them."
        ),
        Source(
            key="method:ris",
            dataset=RIS_METHOD,
            detail="Regions, outliers, square root, min-max, index, correction, groups",
            year=catalogue.edition.short,
            computation="Annex: method.",
        ),
    ]
    if inputs.validation:
        sources.append(
            Source(
                key="validation:ris",
                dataset="Published RIS 2019 and RIS 2025 (the latter via the Interreg CENTRAL EUROPE dashboard)",
                detail="Check of the method, never fitted to",
                year="2019, 2025",
                computation=inputs.validation,
            )
        )
    return sources
