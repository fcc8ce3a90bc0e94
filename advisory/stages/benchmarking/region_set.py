"""The Regional Innovation Scoreboard's region set: which NUTS regions it scores, at which level, by what name.

RIS 2021 and 2023 cover the NUTS-2 regions of 22 EU Member States, Norway, Serbia and Switzerland,
Belgium, Austria and France at NUTS 1, the United Kingdom at NUTS 1, and Cyprus, Estonia, Latvia,
Luxembourg and Malta as countries (European Commission, "Regional innovation scoreboard" page, RIS
2023: "239 regions in 22 EU Member States, Norway, Serbia, Switzerland, and the United Kingdom.
Cyprus, Estonia, Latvia, Luxembourg and Malta are included at the country level"; NUTS-1 codes BE1-BE3
in the RIS 2021 ranking reproduced by Salazar-Elena & Zabala-Iturriagagoitia, Cotec 2022, Annex II).
Turkey, Montenegro, North Macedonia, Albania, Iceland and Liechtenstein are not covered. Regions
follow NUTS 2016, the version of the Eurostat tables the stage computes from.
"""

from __future__ import annotations

import re

import pandas as pd

from advisory.stages.benchmarking.models import Edition

EXTRA_REGIO = ("ZZ", "XX")


def ris_unit(code: str, edition: Edition) -> str | None:
    """The RIS region a NUTS-2 region belongs to (itself, or its NUTS-1 region), None if the RIS leaves it out."""
    country = code[:2]
    if len(code) != 4 or country not in edition.countries or code[2:] in EXTRA_REGIO:
        return None
    return code[:3] if country in edition.nuts1_countries else code


def unit_map(codes: pd.Index, edition: Edition) -> pd.Series:
    """NUTS-2 code -> RIS region, for the codes the RIS covers."""
    units = pd.Series([ris_unit(str(c), edition) for c in codes], index=codes, dtype=object)
    return units.dropna()


def predecessors(changes: pd.DataFrame) -> dict[str, str]:
    """NUTS 2021 NUTS-2 code -> the NUTS 2016 region it lies in, where the two differ: recoded regions
    (NO0A was NO05) and the parts of split ones (HR02, HR05 and HR06 were HR04)."""
    level2 = changes[changes["typology"] == "nuts_level_2"]
    found = {
        new: old
        for old, new in zip(level2["code_2016"], level2["code_2021"], strict=True)
        if old and new and old != new
    }
    for old, change in zip(level2["code_2016"], level2["change_2021"], strict=True):
        if old and "split into" in change:
            parts = re.findall(r"\b[A-Z]{2}[0-9A-Z]{2}\b", change.upper())
            found.update((new, old) for new in parts if new != old and any(ch.isdigit() for ch in new))
    return found


def unit_of_profile(code: str, units: set[str], edition: Edition, earlier: dict[str, str] | None = None) -> str | None:
    """The RIS region a demonstrator region is benchmarked as: itself, the NUTS-1 region around it, or (for a
    NUTS 2021 code the 2016 tables do not know) the NUTS 2016 region it lies in."""
    code = code.strip().upper()
    code = code if code in units or not earlier else earlier.get(code, code)
    if code in units:
        return code
    unit = ris_unit(code, edition)
    return unit if unit in units else None


def names(known: dict[str, str], units: list[str], country_names: dict[str, str]) -> dict[str, str]:
    """RIS region -> name: the NUTS name, or the country's name where the RIS scores the whole country."""
    per_country = pd.Series(units).str[:2].value_counts()
    named = {}
    for unit in units:
        whole_country = per_country.get(unit[:2], 0) == 1 and unit[2:] in {"0", "00"}
        named[unit] = country_names.get(unit[:2], unit) if whole_country else known.get(unit, unit)
    return named
