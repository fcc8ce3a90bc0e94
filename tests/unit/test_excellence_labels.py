"""Cluster management excellence labels: what the region profiles record, and the check against the survey's answers."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from advisory.adapters.region_profiles import load_regions
from advisory.domain.excellence import ClusterOrganisation, ExcellenceLabel, compare_labels
from advisory.settings import PROJECT_ROOT

SOURCE = "A public page that documents it — https://example.org/label"


def organisation(name: str, level: str | None, year: int | None = 2020) -> ClusterOrganisation:
    label = ExcellenceLabel(level=level, year=year, source=SOURCE) if level else None
    return ClusterOrganisation(name=name, label=label)


def test_the_profiles_record_only_documented_labels():
    regions = load_regions(PROJECT_ROOT / "regions")
    recorded = {
        code: {o.name: (o.label.level, o.label.year) if o.label else None for o in region.cluster_organisations}
        for code, region in regions.items()
    }
    assert recorded["DED2"] == {"Silicon Saxony e.V.": ("gold", 2018)}
    assert recorded["SK04"] == {"Košice IT Valley": ("gold", 2025)}
    assert recorded["SI03"]["TECES"] == ("silver", 2018)
    assert recorded["PL21"] == {"Klaster LifeScience Kraków": ("silver", None)}  # the source gives no year
    assert recorded["ES61"]["Andalucía Aerospace"] is None  # no label found: unknown, not "no label"
    for region in regions.values():
        for each in region.cluster_organisations:
            assert each.label is None or each.label.source.count("http") == 1


def test_a_label_needs_a_known_level_and_a_source():
    with pytest.raises(ValidationError):
        ExcellenceLabel(level="platinum", year=2020, source=SOURCE)
    with pytest.raises(ValidationError):
        ExcellenceLabel(level="gold", year=2020, source="")


def test_reported_levels_are_checked_against_the_record():
    organisations = [organisation("Košice IT Valley", "gold"), organisation("AT+R", None)]
    comparison = compare_labels({"gold": 2, "silver": 1, "none": 3, "unknown": 4}, organisations)
    assert [(c.level, c.reported, c.on_record, c.verdict) for c in comparison.levels] == [
        ("gold", 2, ["Košice IT Valley"], "confirmed"),
        ("silver", 1, [], "not on record"),
    ]
    assert (comparison.reported_none, comparison.did_not_know, comparison.unknown_on_record) == (3, 4, ["AT+R"])
    assert not comparison.consistent
    assert [str(s) for s in comparison.summary()] == [
        "Gold: reported by 2 respondents and on record for Košice IT Valley.",
        "Silver: reported by 1 respondent, but no cluster organisation in the region's profile holds it on record; "
        "to be checked with the respondent.",
    ]


def test_a_level_on_record_that_nobody_reports_is_noted_but_consistent():
    comparison = compare_labels({"none": 2}, [organisation("TECES", "silver")])
    assert [(c.level, c.verdict) for c in comparison.levels] == [("silver", "not reported")]
    assert comparison.consistent


@pytest.mark.parametrize(
    ("reported", "organisations"),
    [
        ({"gold": 1}, [organisation("Unknown label", None)]),  # nothing on record
        ({"unknown": 5}, [organisation("TECES", "silver")]),  # nobody answered with a level
        ({}, []),
    ],
)
def test_no_comparison_unless_both_sides_say_something(reported, organisations):
    assert compare_labels(reported, organisations) is None


def test_the_survey_reports_answers_are_checked_against_the_profile():
    """From the survey instrument's question to the check: Vzhodna Slovenija's TECES holds Silver on record."""
    from advisory.stages.survey.build import build_survey_report
    from advisory.stages.survey.instrument import default_instrument
    from advisory.stages.survey.models import SurveyInputs

    def respondent(ref: str, org_type: str, label: str | None) -> dict:
        answers = {"region": "SI03", "instrument_version": "1", "respondent_id": ref, "org_type": org_type}
        answers |= {"size": "small", "sector": "C", "cluster_role": "member", "internationalisation": "none"}
        return answers | ({"excellence_label": label} if label else {})

    survey = build_survey_report(
        SurveyInputs(
            region_code="SI03",
            responses=[
                respondent("a", "cluster_organisation", "silver"),
                respondent("b", "cluster_organisation", "gold"),
                respondent("c", "firm", "bronze"),  # only cluster organisations speak for a cluster's label
            ],
            invited=20,
            fieldwork_end=dt.date(2026, 12, 15),
            instrument=default_instrument(),
        )
    )
    profile = load_regions(PROJECT_ROOT / "regions")["SI03"]
    comparison = compare_labels({c.code: c.count for c in survey.excellence_labels}, profile.cluster_organisations)
    assert [(c.level, c.reported, c.verdict) for c in comparison.levels] == [
        ("gold", 1, "not on record"),
        ("silver", 1, "confirmed"),
    ]
    assert comparison.unknown_on_record == ["TECOS — Razvojni center orodjarstva Slovenije"]
