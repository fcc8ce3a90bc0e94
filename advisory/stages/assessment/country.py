"""Country context from the European Innovation Scoreboard 2023: index, group, trend, strongest, weakest dimensions."""

from __future__ import annotations

from advisory.domain.charts import Chart, Series
from advisory.domain.countries import country_name
from advisory.domain.text import Msg, _
from advisory.stages.assessment.models import CountryContext, DimensionScore, EisCountry

EIS_SOURCE_KEY = "eis2023"


def country_context(eis: EisCountry, shown: int = 3) -> CountryContext:
    """The latest year's index relative to the EU of the same year, and the change since the first year."""
    years = sorted(eis.sii)
    first, last = years[0], years[-1]
    ranked = sorted(
        (DimensionScore(name=dimension_name(name), score=score) for name, score in eis.dimensions.items()),
        key=lambda d: d.score,
        reverse=True,
    )
    name = country_name(eis.country, eis.country_name)
    return CountryContext(
        country_name=name,
        year=last,
        sii=eis.sii[last],
        eu_sii=eis.eu_sii[last],
        relative_to_eu=100 * eis.sii[last] / eis.eu_sii[last],
        group=eis.group,
        first_year=first,
        trend=eis.sii[last] - eis.sii[first],
        strongest=ranked[:shown],
        weakest=list(reversed(ranked[-shown:])),
        trend_chart=Chart(
            kind="line",
            title=_("Summary Innovation Index, {country} and EU (EU 2016 = 100)", country=name),
            categories=[str(y) for y in years],
            series=[
                Series(name=name, values=[eis.sii[y] for y in years]),
                Series(name=_("EU"), values=[eis.eu_sii.get(y) for y in years]),
            ],
            unit=_("index"),
            source=f"European Innovation Scoreboard 2023, {first}-{last}",
        ),
    )


def dimension_name(dimension: str) -> Msg:
    """'2.2 Firm investments' -> 'Firm investments', in the reader's language (the EIS numbering means nothing)."""
    head, _space, tail = dimension.partition(" ")
    return DIMENSIONS.get(tail if head.replace(".", "").isdigit() else dimension) or Msg(id=dimension)


DIMENSIONS: dict[str, Msg] = {
    "Human resources": _("Human resources"),
    "Attractive research systems": _("Attractive research systems"),
    "Digitalisation": _("Digitalisation"),
    "Finance and support": _("Finance and support"),
    "Firm investments": _("Firm investments"),
    "Use of information technologies": _("Use of information technologies"),
    "Innovators": _("Innovators"),
    "Linkages": _("Linkages"),
    "Intellectual assets": _("Intellectual assets"),
    "Employment impacts": _("Employment impacts"),
    "Sales impacts": _("Sales impacts"),
    "Environmental sustainability": _("Environmental sustainability"),
}
