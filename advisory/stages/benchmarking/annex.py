"""The benchmarking report's annex: the method in numbered steps, and every source with its years.

Kept to two pages: one paragraph per step, and one source per dataset (the years of each figure
are in the indicator table of the report itself).
"""

from __future__ import annotations

import pandas as pd

from advisory.domain.sources import Source
from advisory.domain.text import Msg, Text, _
from advisory.stages.benchmarking.models import GROUPS_PLURAL, BenchmarkingInputs, BenchmarkingResult

RIS_2021 = "Hollanders & Es-Sadki, Regional Innovation Scoreboard 2021, doi:10.2873/67175"  # titles as published
COTEC = "Salazar-Elena & Zabala-Iturriagagoitia, The RIS under scrutiny (Cotec, 2022)"
RIS_METHOD = _(
    "{ris2021}, p. 18; {cotec}, Annex I; European Commission, Regional Innovation Scoreboard 2023 web page",
    ris2021=RIS_2021,
    cotec=COTEC,
)
EUROSTAT = _("Eurostat regional statistics, NUTS 2 (compiled by Honti et al. 2020)")
EIS = _("European Commission, European Innovation Scoreboard 2023 database")
GDP = _("Eurostat, regional GDP (release of 2021, NUTS 2016)")
NUTS = _("Eurostat, NUTS classification 2016 and 2021 (names)")


def method_notes(result: BenchmarkingResult, inputs: BenchmarkingInputs) -> list[Msg]:
    """The method in the order it runs, with the numbers this run produced."""
    catalogue, rules = inputs.catalogue, inputs.rules
    edition = catalogue.edition
    regional = [i for i in catalogue.indicators if i.source == "regional"]
    rooted = [t.code for t in result.treatment if t.square_root]
    names = {i.code: _(i.short or i.name) for i in catalogue.indicators}
    outliers = sum(t.outliers for t in result.treatment)
    limits = edition.thresholds
    return [
        _(
            "Regions: the {regions} regions of the {edition} that the data hold: NUTS-2 regions (NUTS 2016) of "
            "{countries} countries; Belgium, Austria, France and the United Kingdom at NUTS-1 level; Cyprus, Estonia, "
            "Latvia, Luxembourg and Malta as whole countries. Regions of other countries (Turkey, Montenegro, North "
            "Macedonia and others) are not part of the scoreboard and are left out.",
            regions=result.reference_regions,
            edition=_(edition.name),
            countries=len(edition.countries),
        ),
        _(
            "Indicators: the 21 indicators of the scoreboard. {regional} have regional figures in Eurostat's tables "
            "({names}); the other {national} carry the country's score in the European Innovation Scoreboard 2023, "
            "as the scoreboard estimates regional figures from national ones where regional data are lacking. "
            "Differences between regions of one country therefore come from the regional indicators only.",
            regional=len(regional),
            names=[_("{number} {indicator}", number=i.ris, indicator=names[i.code]) for i in regional],
            national=len(catalogue.indicators) - len(regional),
        ),
        _(
            "Years: {first}-{last}. A year without a figure takes the latest earlier figure, the years before the "
            "first figure take the first one; every figure keeps the year it refers to. The European Innovation "
            "Scoreboard names a year after its edition, its statistics being about {lag} years older: data year t "
            "takes scoreboard year t + {lag}.",
            first=str(catalogue.first_year),
            last=str(catalogue.last_year),
            lag=catalogue.eis_lag,
        ),
        _(
            "Outliers: values beyond the mean ± {sd:.1f} standard deviations of all regions over all years are "
            "replaced by the highest (lowest) value that is not an outlier ({outliers} region-years in all).",
            sd=rules.outlier_sd,
            outliers=outliers,
        ),
        _(
            "Skewed indicators: square root where the skewness over all regions and years exceeds {skewness:.1f}; "
            "this time: {indicators}.",
            skewness=rules.skewness,
            indicators=[names[c] for c in rooted] or _("none"),
        ),
        _("Normalisation: min-max to 0-1 over all regions and all years, so that scores compare across years."),
        _(
            "Index: the unweighted mean of the normalised indicators (at least {coverage:.0f} % of them), divided "
            "by the EU's index of the same year (x 100).",
            coverage=rules.min_coverage * 100,
        ),
        _(
            "Country correction: each region is multiplied by the factor that makes its country's index equal to "
            "the country's Summary Innovation Index in the European Innovation Scoreboard 2023, relative to the EU. "
            "Factor of this region's country: {factor:.2f}.",
            factor=result.correction,
        ),
        _(
            "Groups ({edition}): Innovation Leaders above {leader:.0f} %, Strong Innovators {strong:.0f}-{leader:.0f} "
            "%, Moderate Innovators {moderate:.0f}-{strong:.0f} %, Emerging Innovators below {moderate:.0f} % of the "
            "EU. Subgroups +, middle and - are three equal bands of each group, the open groups bounded by the "
            "highest and the lowest score: cuts at {cuts}.",
            edition=edition.short,
            leader=limits.leader,
            strong=limits.strong,
            moderate=limits.moderate,
            cuts=[
                _(
                    "{group} {lower:.1f} and {upper:.1f} %",
                    group=GROUPS_PLURAL[s.group],
                    lower=s.cuts[0],
                    upper=s.cuts[1],
                )
                for s in result.subgroups
            ],
        ),
        _(
            "Trend: scores relative to the EU in {first} (= 100); the change is the last year's score minus the "
            "first year's, in points.",
            first=str(catalogue.first_year),
        ),
        _(
            "Peers: the structural variables are not scored; the distance is the root mean square difference of "
            "standardised values (GDP and population on a log scale). Strength or weakness: a normalised score at "
            "least {margin:.2f} above or below the EU's or the peer median.",
            margin=rules.strength_margin,
        ),
    ]


def _years(panel: pd.DataFrame, region: str, codes: list[str]) -> Text:
    rows = panel[(panel["unit"] == region) & panel["indicator"].isin(codes)]
    years = rows["data_year"].dropna().astype(int)
    if years.empty:
        return _("n/a")
    return f"{years.min()}-{years.max()}" if years.min() != years.max() else str(years.min())


def for_result(result: BenchmarkingResult, inputs: BenchmarkingInputs, panel: pd.DataFrame) -> list[Source]:
    catalogue = inputs.catalogue
    regional = [i for i in catalogue.indicators if i.source == "regional"]
    national = [i for i in catalogue.indicators if i.source == "national"]
    region = result.region_code
    first, last = catalogue.first_year, catalogue.last_year
    sources = [
        Source(
            key="eurostat:regional",
            dataset=EUROSTAT,
            detail=", ".join(dict.fromkeys(i.tables.split(" (")[0] for i in regional)),
            year=_years(panel[panel["year"] == last], region, [i.code for i in regional]),
            computation=_(
                "{n} regional indicators, {first}-{last}; gaps take the latest earlier figure.",
                n=len(regional),
                first=str(first),
                last=str(last),
            ),
        ),
        Source(
            key="eis:2023",
            dataset=EIS,
            detail=_("{n} national indicators; Summary Innovation Index", n=len(national)),
            year=f"{first + catalogue.eis_lag}-{last + catalogue.eis_lag}",
            computation=_("Country scores (EU 2016 = 100) carried by its regions; country correction."),
        ),
        Source(
            key="eurostat:gdp",
            dataset=GDP,
            detail=_("GDP per head (PPS), GDP; {tables}", tables="demo_r_d2jan, htec_emp_reg2"),
            year=str(last),
            computation=_("Peers' structural context (not scored); weights."),
        ),
        Source(
            key="nuts",
            dataset=NUTS,
            detail=_("Region names"),
            year="2016, 2021",
            computation=_("As Eurostat writes them."),
        ),
        Source(
            key="method:ris",
            dataset=RIS_METHOD,
            detail=_("Regions, outliers, square root, min-max, index, correction, groups"),
            year=catalogue.edition.short,
            computation=_("Annex: method."),
        ),
    ]
    if inputs.validation:
        sources.append(
            Source(
                key="validation:ris",
                dataset=_(
                    "Published Regional Innovation Scoreboards 2019 and 2025 (the latter via the Interreg CENTRAL "
                    "EUROPE dashboard)"
                ),
                detail=_("Check of the method, never fitted to"),
                year="2019, 2025",
                computation=inputs.validation,
            )
        )
    return sources
