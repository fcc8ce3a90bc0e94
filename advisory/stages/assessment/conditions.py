"""The seven framework conditions, and which regional indicators measure them: the mapping behind the stress test.

Only four of the seven framework conditions have a regional (NUTS-2) indicator in the shared
Eurostat data; cultural, regulatory and support conditions are left unmeasured rather than
guessed, and the report says so: the regional survey (stage 2) rates all seven.

A condition is a strength or a weakness by its position among EU regions, never by a comparison
of the region's own conditions: below the 40th EU percentile a weakness, above the 60th a
strength, in between average.
"""

from __future__ import annotations

from pydantic import BaseModel

from advisory.domain.conditions import CONDITIONS
from advisory.domain.text import Msg, _

__all__ = ["CONDITIONS", "INDICATORS", "PRIORITY_LEVELS", "STRESS_TEST_FIELDS", "VERDICTS", "verdict"]

PRIORITY_LEVELS: dict[int, Msg] = {0: _("no priority"), 1: _("low"), 2: _("medium"), 3: _("high")}

# The policy self-assessment's questions, by the field its answer goes to (the form, the workbook, the errors).
STRESS_TEST_FIELDS: dict[str, Msg] = {
    "respondent": _("Name of the person answering"),
    "organisation": _("Organisation"),
    **{
        f"priorities.{code}": _("Policy priority given to {condition}", condition=label)
        for code, label in CONDITIONS.items()
    },
    "cross_sectoral": _("Does the cluster policy foster collaboration across sectors and clusters?"),
    "structural_change": _("Does it support structural change into new activities and emerging industries?"),
    "comment": _("Comment (optional)"),
}
SCALE_FIELDS = tuple(f for f in STRESS_TEST_FIELDS if f.startswith("priorities.")) + (
    "cross_sectoral",
    "structural_change",
)

WEAKNESS_BELOW = 40  # EU percentile
STRENGTH_ABOVE = 60
VERDICTS: dict[str, Msg] = {
    "strength": _("strength"),
    "average": _("average"),
    "weakness": _("weakness"),
    "not_measured": _("not measured by a regional indicator"),
}


def verdict(percentile: float | None) -> str:
    """Strength, average or weakness by the position among EU regions; not measured without an indicator."""
    if percentile is None:
        return "not_measured"
    if percentile < WEAKNESS_BELOW:
        return "weakness"
    return "strength" if percentile > STRENGTH_ABOVE else "average"


class IndicatorDefinition(BaseModel):
    code: str
    name: Msg
    unit: Msg
    condition: str
    columns: tuple[str, ...]  # Eurostat columns, summed when more than one

    @property
    def source_key(self) -> str:
        return f"eurostat:{self.code}"


INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="tertiary",
        name=_("Population 25-64 with tertiary education"),
        unit=_("%"),
        condition="knowledge",
        columns=("edat_lfse_04_SEX_T__ISCED11_ED5-8__AGE_Y25-64__UNIT_PC",),
    ),
    IndicatorDefinition(
        code="hrst",
        name=_("Human resources in science and technology"),
        unit=_("% of population"),
        condition="knowledge",
        columns=("hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP",),
    ),
    IndicatorDefinition(
        code="rd_public",
        name=_("Public R&D expenditure (government and higher education)"),
        unit=_("% of GDP"),
        condition="knowledge",
        columns=("rd_e_gerdreg_SECTPERF_GOV__UNIT_PC_GDP", "rd_e_gerdreg_SECTPERF_HES__UNIT_PC_GDP"),
    ),
    IndicatorDefinition(
        code="rd_business",
        name=_("Business R&D expenditure"),
        unit=_("% of GDP"),
        condition="financial",
        columns=("rd_e_gerdreg_SECTPERF_BES__UNIT_PC_GDP",),
    ),
    IndicatorDefinition(
        code="hightech_manufacturing",
        name=_("Employment in high and medium-high tech manufacturing"),
        unit=_("% of employment"),
        condition="industrial",
        columns=("htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T",),
    ),
    IndicatorDefinition(
        code="kis_employment",
        name=_("Employment in knowledge-intensive services"),
        unit=_("% of employment"),
        condition="market",
        columns=("htec_emp_reg2_NACE_R2_KIS__UNIT_PC_EMP__SEX_T",),
    ),
)

UNMEASURED = ("cultural", "regulatory", "support")

EU_COUNTRIES = frozenset("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())


def indicator(code: str) -> IndicatorDefinition:
    return next(item for item in INDICATORS if item.code == code)
