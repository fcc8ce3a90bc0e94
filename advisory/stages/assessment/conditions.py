"""The seven framework conditions, and which regional indicators measure them: the mapping behind the stress test.

Only four of the seven framework conditions have a regional (NUTS-2) indicator in the shared
Eurostat data; cultural, regulatory and support conditions are left unmeasured rather than
guessed, and the report says so.
"""

from __future__ import annotations

from pydantic import BaseModel

CONDITIONS: dict[str, str] = {
    "industrial": "Industrial conditions",
    "market": "Market conditions",
    "cultural": "Cultural conditions",
    "knowledge": "Knowledge conditions",
    "regulatory": "Regulatory and policy conditions",
    "financial": "Financial conditions",
    "support": "Business support conditions",
}
PRIORITY_LEVELS = {0: "no priority", 1: "low", 2: "medium", 3: "high"}


class IndicatorDefinition(BaseModel):
    code: str
    name: str
    unit: str
    condition: str
    columns: tuple[str, ...]  # Eurostat columns, summed when more than one

    @property
    def source_key(self) -> str:
        return f"eurostat:{self.code}"


INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        code="tertiary",
        name="Population 25-64 with tertiary education",
        unit="%",
        condition="knowledge",
        columns=("edat_lfse_04_SEX_T__ISCED11_ED5-8__AGE_Y25-64__UNIT_PC",),
    ),
    IndicatorDefinition(
        code="hrst",
        name="Human resources in science and technology",
        unit="% of population",
        condition="knowledge",
        columns=("hrst_st_rcat_CATEGORY_HRST__UNIT_PC_POP",),
    ),
    IndicatorDefinition(
        code="rd_public",
        name="Public R&D expenditure (government and higher education)",
        unit="% of GDP",
        condition="knowledge",
        columns=("rd_e_gerdreg_SECTPERF_GOV__UNIT_PC_GDP", "rd_e_gerdreg_SECTPERF_HES__UNIT_PC_GDP"),
    ),
    IndicatorDefinition(
        code="rd_business",
        name="Business R&D expenditure",
        unit="% of GDP",
        condition="financial",
        columns=("rd_e_gerdreg_SECTPERF_BES__UNIT_PC_GDP",),
    ),
    IndicatorDefinition(
        code="hightech_manufacturing",
        name="Employment in high and medium-high tech manufacturing",
        unit="% of employment",
        condition="industrial",
        columns=("htec_emp_reg2_NACE_R2_C_HTC_MH__UNIT_PC_EMP__SEX_T",),
    ),
    IndicatorDefinition(
        code="kis_employment",
        name="Employment in knowledge-intensive services",
        unit="% of employment",
        condition="market",
        columns=("htec_emp_reg2_NACE_R2_KIS__UNIT_PC_EMP__SEX_T",),
    ),
)

UNMEASURED = ("cultural", "regulatory", "support")

EU_COUNTRIES = frozenset("AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())


def indicator(code: str) -> IndicatorDefinition:
    return next(item for item in INDICATORS if item.code == code)
