"""The Cluster Policy Toolkit: real policy instruments and good practices with structured attributes, and the
reasoning the briefing does with them.

An instrument's attributes (`datasets/policy_toolkit.yaml`) say what it improves (framework conditions,
themes), whom it targets, whether it is cross-sectoral or international by design, the cluster maturity it
suits, who acts, what it costs, how soon it shows results, its first step and the measure to watch. Codes
become words through the catalogs here, so a recommendation built from an instrument reads the same in
every language. `choose` picks the instrument for a diagnosed theme; `design_verdicts` says which of the
eight Do's and Don'ts the instrument's design supports or puts at risk: from its attributes, not from
words, so an expert's rewrite in any language keeps the verdicts of the instrument it recommends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from advisory.domain.conditions import CONDITIONS, TOPICS
from advisory.domain.countries import country_name
from advisory.domain.text import Msg, Text, _

TargetGroup = Literal["single firms", "groups of firms", "cluster organisations"]
Maturity = Literal["emerging", "developing", "mature"]
Verdict = Literal["supports", "at risk", "not addressed"]
THEMES = (*TOPICS, "internationalisation", "partnerships")

ACTORS: dict[str, Msg] = {
    "regional_government": _("the regional government"),
    "national_ministry": _("the national ministry"),
    "innovation_agency": _("the regional innovation agency"),
    "development_bank": _("the regional development bank"),
    "cluster_organisations": _("the cluster organisations"),
    "universities": _("the universities"),
    "research_centres": _("the research centres"),
    "chambers": _("the chambers of commerce"),
    "firms": _("the member firms"),
    "investors": _("private investors"),
    "eu_programme": _("an EU programme as co-funder"),
}
FIRST_STEPS: dict[str, Msg] = {
    "pilot_call": _("a first call of {instrument}, open to groups of firms from {industries}"),
    "strategy_process": _("a strategy process with the members of {organisations} that names the projects to fund"),
    "partnership_agreement": _("a partnership agreement between {organisations} and cluster organisations abroad"),
    "matchmaking": _("matchmaking days that {organisations} organise for firms from {industries}"),
    "label_scheme": _("a benchmarking of {organisations} against the European cluster excellence labels"),
    "exchange_visits": _("exchange visits of staff from {organisations} to clusters in other regions"),
    "fund_setup": _("a co-investment agreement with private investors, for firms from {industries}"),
    "procurement_pilot": _("a first public purchase of a solution that does not exist yet, open to {organisations}"),
    "sandbox": _("a testbed with temporary rules for new products of {industries}"),
    "training": _("a training plan of {organisations} with the region's universities and firms"),
}
KPIS: dict[str, Msg] = {
    "joint_projects": _("joint projects of cluster members started each year"),
    "cross_sector_projects": _("projects that bring firms of different sectors together"),
    "research_contracts": _("firms commissioning research from a university or research centre"),
    "new_products": _("new products and services brought to market"),
    "investment_raised": _("private investment raised by the region's firms"),
    "export_share": _("members selling outside Europe"),
    "new_members": _("SMEs taking part in cluster projects for the first time"),
    "private_cofinancing": _("private co-financing per euro of public money"),
    "label_level": _("the cluster management excellence label reached"),
    "policy_changes": _("policy instruments changed after exchanges with other regions"),
    "skills_trained": _("employees trained in the skills the cluster lacks"),
}
COST_BANDS: dict[str, Msg] = {
    "low": _("low (under EUR 1 million a year)"),
    "medium": _("medium (EUR 1-10 million a year)"),
    "high": _("high (over EUR 10 million a year)"),
}
HORIZONS: dict[str, Msg] = {
    "short": _("first results within a year"),
    "medium": _("first results in one to three years"),
    "long": _("results after three years or more"),
}
TARGET_GROUPS: dict[str, Msg] = {
    "single firms": _("single firms"),
    "groups of firms": _("groups of firms"),
    "cluster organisations": _("cluster organisations"),
}


CODES: dict[str, tuple[Iterable[str], str]] = {
    "themes": (THEMES, "theme"),
    "conditions": (CONDITIONS, "framework condition"),
    "actors": (ACTORS, "actor"),
    "first_step": (FIRST_STEPS, "first step"),
    "kpi": (KPIS, "measure to watch"),
}


class Instrument(BaseModel):
    """One entry of the toolkit: an instrument (a kind of measure) or a practice (one programme), with the public
    source it is drawn from."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    kind: Literal["instrument", "practice"]
    where: str
    regions: list[str] = Field(default_factory=list, description="NUTS codes (or EU) of the places that ran it")
    themes: list[str] = Field(min_length=1)
    conditions: list[str] = Field(min_length=1)
    target_group: TargetGroup
    cross_sectoral: bool
    international: bool
    smart_specialisation: bool = False
    maturity: list[Maturity] = Field(min_length=1)
    actors: list[str] = Field(min_length=1)
    cost_band: Literal["low", "medium", "high"]
    horizon: Literal["short", "medium", "long"]
    first_step: str
    kpi: str
    summary: str
    source: str
    year: str
    url: str = ""

    @field_validator("themes", "conditions", "actors", "first_step", "kpi")
    @classmethod
    def _known_codes(cls, value: list[str] | str, info: ValidationInfo) -> list[str] | str:
        known, what = CODES[info.field_name]
        unknown = [v for v in ([value] if isinstance(value, str) else value) if v not in known]
        if unknown:
            raise ValueError(f"unknown {what} {', '.join(unknown)}; expected one of {', '.join(known)}")
        return value

    @property
    def name(self) -> Msg:
        """The title in the reader's language (the catalogs hold every title of the toolkit)."""
        return Msg(id=self.title)

    @property
    def places(self) -> list[Text]:
        """Where it ran, as readers call the places: the countries of its regions, or the EU."""
        named: list[Text] = []
        for code in self.regions:
            place = _("the European Union") if code == "EU" else country_name(code[:2])
            if place not in named:
                named.append(place)
        return named


class Toolkit(BaseModel):
    instruments: list[Instrument] = Field(min_length=1)


@dataclass(frozen=True)
class Need:
    """What the region's diagnosis asks of an instrument besides its theme."""

    cross_sectoral: bool = False
    international: bool = False
    maturity: Maturity = "developing"
    country: str = ""


def fit(instrument: Instrument, theme: str, need: Need) -> float:
    """How well an instrument answers a theme for this region (higher is better; 0: not for this theme)."""
    if theme in instrument.themes:
        score = 4.0 if instrument.themes[0] == theme else 3.0 - 0.5 * instrument.themes.index(theme)
    elif theme in instrument.conditions:
        score = 1.5
    else:
        return 0.0
    score += 1.0 if need.cross_sectoral and instrument.cross_sectoral else 0.0
    score += 1.0 if need.international and instrument.international else 0.0
    score += 0.5 if need.maturity in instrument.maturity else -1.0
    score += 0.5 if instrument.target_group != "single firms" else 0.0  # Do 1: groups, not individual firms
    score -= 0.5 if any(r[:2] == need.country for r in instrument.regions) else 0.0  # a practice from elsewhere
    return score


def choose(instruments: Iterable[Instrument], theme: str, need: Need, used: Iterable[str] = ()) -> Instrument | None:
    """The best-fitting instrument for the theme not already recommended in this briefing (None if none fits)."""
    taken = set(used)
    ranked = sorted(
        ((fit(i, theme, need), i.id, i) for i in instruments if i.id not in taken), key=lambda x: (-x[0], x[1])
    )
    return ranked[0][2] if ranked and ranked[0][0] > 0 else None


def related_practices(instruments: Iterable[Instrument], chosen: Instrument, limit: int = 1) -> list[Instrument]:
    """Programmes that ran the same kind of measure: practices sharing the chosen one's main theme."""
    same = [i for i in instruments if i.id != chosen.id and i.kind == "practice" and chosen.themes[0] in i.themes[:2]]
    return sorted(same, key=lambda i: (i.themes.index(chosen.themes[0]), i.id))[:limit]


def design_verdicts(instrument: Instrument) -> dict[int, Verdict]:
    """The eight Do's and Don'ts, decided from what the instrument is, not from how it is worded."""
    supports = {
        1: instrument.target_group != "single firms",
        2: bool({"developing", "mature"} & set(instrument.maturity)),
        3: instrument.smart_specialisation,
        4: "structural change" in instrument.themes or "emerging" in instrument.maturity,
        5: instrument.cross_sectoral,
        6: len(instrument.actors) >= 3,
        7: instrument.international,
        8: "partnerships" in instrument.themes,
    }
    verdicts: dict[int, Verdict] = {n: "supports" if ok else "not addressed" for n, ok in supports.items()}
    if instrument.target_group == "single firms":
        verdicts[1] = "at risk"  # the Don't: support individual firms
    return verdicts
