"""Cluster mapping's vocabulary and results: NACE divisions, emerging industries, focus industries, a region's stars.

The European Cluster Observatory (ECO) rates every regional cluster with 0-3 stars, one for each
measure in which it stands out: size (the region's share of the sector's European employment),
specialisation (the location quotient: the sector's share of the region's employment over its share
of European employment) and focus (the sector's share of the region's employment). The ECO built
its clusters from about 500 industries at the four-digit level grouped into 38 cluster categories;
the public data this project holds give employment by NACE Rev. 2 *division* (two digits), so our
sectors are divisions and the map is a coarser approximation of the ECO's, labelled as such wherever
it is shown.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisory.domain.errors import AdvisoryError
from advisory.domain.text import Msg, Text, _

# --- the rules (also stated in the documents' method notes and docs/cluster-mapping.md) ---------
TOP_PERCENT = 10  # size and focus stars: the region is among the top 10 % of regions in that sector
SPECIALISATION_STAR_AT = 2.0  # specialisation star: location quotient of 2 or more
HOTSPOT_MIN_STARS = 2  # an emerging-industry hotspot: at least two of the three stars
MEASURES = ("size", "specialisation", "focus")
Measure = Literal["size", "specialisation", "focus"]


class UnknownSector(AdvisoryError):
    """A sector that is neither a NACE division of the cluster map nor a focus industry of the table."""


# --- NACE Rev. 2 divisions of the business economy (the divisions the SBS data hold) ------------
NACE_SECTIONS: dict[str, Msg] = {
    "B": _("Mining and quarrying"),
    "C": _("Manufacturing"),
    "D": _("Electricity, gas, steam and air conditioning supply"),
    "E": _("Water supply, sewerage, waste management and remediation"),
    "F": _("Construction"),
    "G": _("Wholesale and retail trade, repair of motor vehicles"),
    "H": _("Transportation and storage"),
    "I": _("Accommodation and food service activities"),
    "J": _("Information and communication"),
    "L": _("Real estate activities"),
    "M": _("Professional, scientific and technical activities"),
    "N": _("Administrative and support service activities"),
    "S95": _("Repair of computers and personal and household goods"),
}

NACE_DIVISIONS: dict[str, Msg] = {
    "B05": _("Mining of coal and lignite"),
    "B06": _("Extraction of crude petroleum and natural gas"),
    "B07": _("Mining of metal ores"),
    "B08": _("Other mining and quarrying"),
    "B09": _("Mining support service activities"),
    "C10": _("Food products"),
    "C11": _("Beverages"),
    "C12": _("Tobacco products"),
    "C13": _("Textiles"),
    "C14": _("Wearing apparel"),
    "C15": _("Leather and related products"),
    "C16": _("Wood and cork products (except furniture)"),
    "C17": _("Paper and paper products"),
    "C18": _("Printing and reproduction of recorded media"),
    "C19": _("Coke and refined petroleum products"),
    "C20": _("Chemicals and chemical products"),
    "C21": _("Basic pharmaceutical products and preparations"),
    "C22": _("Rubber and plastic products"),
    "C23": _("Other non-metallic mineral products"),
    "C24": _("Basic metals"),
    "C25": _("Fabricated metal products (except machinery)"),
    "C26": _("Computer, electronic and optical products"),
    "C27": _("Electrical equipment"),
    "C28": _("Machinery and equipment n.e.c."),
    "C29": _("Motor vehicles, trailers and semi-trailers"),
    "C30": _("Other transport equipment"),
    "C31": _("Furniture"),
    "C32": _("Other manufacturing"),
    "C33": _("Repair and installation of machinery and equipment"),
    "D35": _("Electricity, gas, steam and air conditioning supply"),
    "E36": _("Water collection, treatment and supply"),
    "E37": _("Sewerage"),
    "E38": _("Waste collection, treatment and disposal; materials recovery"),
    "E39": _("Remediation and other waste management services"),
    "F41": _("Construction of buildings"),
    "F42": _("Civil engineering"),
    "F43": _("Specialised construction activities"),
    "G45": _("Trade and repair of motor vehicles and motorcycles"),
    "G46": _("Wholesale trade (except motor vehicles)"),
    "G47": _("Retail trade (except motor vehicles)"),
    "H49": _("Land transport and transport via pipelines"),
    "H50": _("Water transport"),
    "H51": _("Air transport"),
    "H52": _("Warehousing and support activities for transportation"),
    "H53": _("Postal and courier activities"),
    "I55": _("Accommodation"),
    "I56": _("Food and beverage service activities"),
    "J58": _("Publishing activities"),
    "J59": _("Film, video and television production, sound recording and music publishing"),
    "J60": _("Programming and broadcasting"),
    "J61": _("Telecommunications"),
    "J62": _("Computer programming, consultancy and related activities"),
    "J63": _("Information service activities"),
    "L68": _("Real estate activities"),
    "M69": _("Legal and accounting activities"),
    "M70": _("Head offices; management consultancy"),
    "M71": _("Architectural and engineering activities; technical testing"),
    "M72": _("Scientific research and development"),
    "M73": _("Advertising and market research"),
    "M74": _("Other professional, scientific and technical activities"),
    "M75": _("Veterinary activities"),
    "N77": _("Rental and leasing activities"),
    "N78": _("Employment activities"),
    "N79": _("Travel agencies and tour operators"),
    "N80": _("Security and investigation activities"),
    "N81": _("Services to buildings and landscape activities"),
    "N82": _("Office administrative and business support activities"),
    "S95": _("Repair of computers and personal and household goods"),
}


# --- emerging industries: only where a published definition grounds a division-level set -------
class EmergingIndustry(BaseModel):
    """An emerging industry of the ECO, approximated by whole NACE divisions, with what grounds it."""

    model_config = ConfigDict(frozen=True)
    code: str
    name: Msg
    divisions: tuple[str, ...]
    basis: Msg = Field(description="the published definition the division set rests on")
    approximation: Msg = Field(description="how the division set differs from the ECO's own classification")


EMERGING_INDUSTRIES: tuple[EmergingIndustry, ...] = (
    EmergingIndustry(
        code="eco_industries",
        name=_("Eco-industries (selected)"),
        divisions=("E37", "E38", "E39"),
        basis=_(
            "European Cluster Observatory, emerging industries definitions (eco industries): its maps of "
            "'selected eco-industries' cover sewerage, remediation and waste management"
        ),
        approximation=_(
            "The divisions match the ECO's 'selected eco-industries'; its full definition of eco-industries adds "
            "four-digit classes in energy, manufacturing, transport and technical consultancy that whole "
            "divisions cannot isolate."
        ),
    ),
    EmergingIndustry(
        code="creative_industries",
        name=_("Creative industries (approximation)"),
        divisions=("J58", "J59", "J60", "M73", "M74"),
        basis=_(
            "European Cluster Observatory, emerging industries definitions (creative industries): activities "
            "drawing on advertising, architecture, art, crafts, design, fashion, film, music, performing arts, "
            "publishing, R&D, software, toys and games, TV and radio, and video games"
        ),
        approximation=_(
            "Approximation: the divisions whose activities are mostly creative (publishing; film, video, music; "
            "broadcasting; advertising; design and photography). Architecture, R&D, software, fashion and crafts "
            "are left out because their divisions are dominated by other activities; the arts are outside the "
            "business statistics."
        ),
    ),
    EmergingIndustry(
        code="mobile_services",
        name=_("Mobile services (approximation)"),
        divisions=("J61", "J63"),
        basis=_(
            "European Cluster Observatory, emerging industries (mobile services): companies whose activities "
            "enable the provision of telecommunication, information and entertainment services, including "
            "voice, internet, SMS, text and other data services"
        ),
        approximation=_(
            "Approximation: telecommunications and information service activities (data processing, hosting, "
            "portals) as whole divisions; fixed-line services are included, mobile entertainment content is not."
        ),
    ),
)
"""Left out, for want of a published definition that whole divisions can stand for: the ECO's and the
European Observatory for Clusters and Industrial Change's digital industries, logistical services,
mobility technologies, biopharmaceuticals, medical devices, experience industries, blue growth and
advanced packaging are defined from four-digit classes or cluster categories whose lists could not
be retrieved here; a division set for them would be our invention."""


# --- the profile's focus industries as NACE divisions (the partner search reads this) ----------
FOCUS_INDUSTRY_DIVISIONS: dict[str, tuple[str, ...]] = {
    "aerospace": ("C30",),
    "agri-food": ("C10", "C11"),
    "automotive": ("C29",),
    "bio-economy": ("C10", "C16", "C17"),
    "creative industries": ("J58", "J59", "J60", "M73", "M74"),
    "eco-industries": ("E37", "E38", "E39"),
    "health": ("C21", "C32"),
    "ict": ("C26", "J61", "J62", "J63"),
    "life sciences": ("C21", "M72"),
    "mechanical engineering": ("C28",),
    "microelectronics": ("C26",),
    "mobile services": ("J61", "J63"),
    "renewable energy": ("D35", "C27"),
    "sustainable energy": ("D35", "C27"),
    "wood processing": ("C16", "C31"),
}
"""Coarse on purpose: each focus industry is the divisions that hold most of it (C30 holds aircraft,
but also ships and trains; C32 holds medical instruments, but also jewellery and toys). The ICT set
follows the OECD/Eurostat ICT sector at division level, eco-industries and creative industries the
emerging-industry sets above."""


def focus_divisions(focus_industries: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """The NACE divisions of a region's focus industries (in order, once each), and the industries not in the table."""
    divisions: list[str] = []
    unmapped: list[str] = []
    for industry in focus_industries:
        found = FOCUS_INDUSTRY_DIVISIONS.get(industry.strip().lower())
        if found is None:
            unmapped.append(industry)
            continue
        divisions.extend(d for d in found if d not in divisions)
    return tuple(divisions), unmapped


def sector_divisions(sector: str) -> tuple[str, ...]:
    """A sector as the user types it: a NACE division (`C29`, `c29`, `29`) or a focus industry (`automotive`)."""
    typed = sector.strip()
    code = typed.upper()
    if code.isdigit() and len(code) == 2:
        code = next((d for d in NACE_DIVISIONS if d[1:] == code), code)
    if code in NACE_DIVISIONS:
        return (code,)
    industry = FOCUS_INDUSTRY_DIVISIONS.get(typed.lower())
    if industry:
        return industry
    raise UnknownSector(
        f"unknown sector {typed!r}: neither a NACE division of the business economy (B05-S95, e.g. C29) nor a focus "
        f"industry ({', '.join(sorted(FOCUS_INDUSTRY_DIVISIONS))})"
    )


def sector_name(code: str) -> Text:
    """A division's or emerging industry's name for readers (the code itself if it has none)."""
    if code in NACE_DIVISIONS:
        return _("{name} ({code})", name=NACE_DIVISIONS[code], code=code)
    for industry in EMERGING_INDUSTRIES:
        if industry.code == code:
            return industry.name
    return code


# --- a region's cluster map -------------------------------------------------------------------
class SectorStars(BaseModel):
    """One sector of one region: its employment, the three measures and the stars they earn."""

    model_config = ConfigDict(frozen=True)
    sector: str = Field(description="NACE division (C29) or emerging industry code")
    kind: Literal["division", "emerging"] = "division"
    employment: int = Field(ge=0, description="persons employed")
    size: float = Field(description="share of the sector's European employment, 0-1")
    specialisation: float | None = Field(description="location quotient; None where Europe's share is unknown")
    focus: float = Field(description="share of the region's employment in the business economy, 0-1")
    starred: tuple[Measure, ...] = Field(default=(), description="the measures that earn a star")

    @property
    def stars(self) -> int:
        return len(self.starred)

    @property
    def hotspot(self) -> bool:
        return self.stars >= HOTSPOT_MIN_STARS


class ClusterMap(BaseModel):
    """A region's sectors with their stars (most stars first), emerging-industry hotspots and what was missing."""

    region: str
    year: int
    sectors: list[SectorStars] = Field(description="divisions with published employment, most stars first")
    emerging: list[SectorStars] = Field(default_factory=list, description="emerging industries that could be computed")
    not_published: list[str] = Field(default_factory=list, description="divisions left empty (confidential)")
    missing_sections: list[str] = Field(
        default_factory=list, description="business-economy sections without a figure, left out of the region's total"
    )

    def star_counts(self) -> dict[int, int]:
        """How many divisions have 3, 2 and 1 stars."""
        return {n: sum(1 for s in self.sectors if s.stars == n) for n in (3, 2, 1)}

    @property
    def hotspots(self) -> list[SectorStars]:
        return [s for s in self.emerging if s.hotspot]


def method_note() -> list[Msg]:
    """The rules, in the words a report's method annex uses."""
    return [
        _(
            "Cluster map after the European Cluster Observatory's star method, on persons employed by NACE Rev. 2 "
            "division in the business economy (Eurostat structural business statistics by NUTS 2 region, {year}).",
            year=2015,
        ),
        _(
            "Size: the region's share of the sector's European employment; a star if the region is among the top "
            "{top} % of European regions in that sector. Specialisation: the sector's share of the region's "
            "employment divided by its share of European employment (location quotient); a star at {lq:.1f} or "
            "more. Focus: the sector's share of the region's employment; a star if among the top {top} % of "
            "regions in that sector.",
            top=TOP_PERCENT,
            lq=SPECIALISATION_STAR_AT,
        ),
        _(
            "The Observatory's own cluster categories group about 500 four-digit industries; NACE divisions are "
            "coarser, so this map approximates the Observatory's and is labelled as such. An emerging-industry "
            "hotspot has at least {stars} of the three stars in a published emerging-industry definition "
            "approximated by whole divisions.",
            stars=HOTSPOT_MIN_STARS,
        ),
    ]
