"""The survey analysis on a small hand-computed example."""

import datetime as dt

import pytest

from advisory.adapters.i18n import translator
from advisory.stages.survey.build import answer_themes, build_survey_report
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.models import SurveyInputs

INSTRUMENT = default_instrument()


def response(respondent_id: str, **answers) -> dict:
    base = {
        "region": "SI03",
        "instrument_version": "1",
        "respondent_id": respondent_id,
        "org_type": "firm",
        "size": "small",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "none",
    }
    return base | answers


def inputs(responses: list[dict]) -> SurveyInputs:
    return SurveyInputs(
        region_code="SI03",
        region_name="Vzhodna Slovenija",
        responses=responses,
        invited=20,
        fieldwork_end=dt.date(2026, 12, 15),
        instrument=INSTRUMENT,
    )


@pytest.fixture(scope="module")
def result():
    return build_survey_report(
        inputs(
            [
                response(
                    "a",
                    industrial_importance=5,
                    industrial_satisfaction=2,
                    market_importance=4,
                    market_satisfaction=4,
                    main_obstacle="Grozdi & <mala> podjetja",
                    partners=["universities", "other_clusters"],
                ),
                response(
                    "b",
                    org_type="cluster_organisation",
                    size="medium",
                    internationalisation="regular",
                    industrial_importance=3,
                    industrial_satisfaction=2,
                    market_importance=2,
                    market_satisfaction=3,
                    excellence_label="silver",
                    partners=["universities"],
                ),
                response(
                    "c",
                    internationalisation="regular",
                    market_importance=5,
                    market_satisfaction=1,
                    cultural_importance=2,
                    cultural_satisfaction=4,
                ),
            ]
        )
    )


def test_counts_responses_against_the_invited(result):
    assert (result.responses, result.invited) == (3, 20)
    assert result.response_rate == pytest.approx(15.0)


def test_gap_is_mean_importance_minus_mean_satisfaction_over_those_who_rated_both(result):
    industrial = next(b for b in result.bottlenecks if b.condition == "industrial")
    assert (industrial.importance, industrial.satisfaction, industrial.gap, industrial.n) == (4.0, 2.0, 2.0, 2)
    market = next(b for b in result.bottlenecks if b.condition == "market")
    assert market.importance == pytest.approx(11 / 3, abs=1e-3)
    assert market.satisfaction == pytest.approx(8 / 3, abs=1e-3)
    assert market.gap == pytest.approx(1.0, abs=1e-3) and market.n == 3


def test_bottlenecks_are_ranked_by_gap_and_unrated_conditions_left_out(result):
    assert [b.condition for b in result.bottlenecks] == ["industrial", "market", "cultural"]
    assert [b.condition for b in result.top_bottlenecks] == ["industrial", "market"]  # cultural's gap is -2


def test_response_profile_counts_every_option(result):
    by_size = {c.code: (c.count, round(c.share, 1)) for c in result.by_size}
    assert by_size == {"micro": (0, 0.0), "small": (2, 66.7), "medium": (1, 33.3), "large": (0, 0.0)}
    assert {c.code: c.count for c in result.by_organisation_type}["cluster_organisation"] == 1


def test_internationalisation_is_cross_tabulated_by_size(result):
    table = {row.code: row.counts for row in result.internationalisation_by_size}
    assert table["none"] == {"micro": 0, "small": 1, "medium": 0, "large": 0}
    assert table["regular"] == {"micro": 0, "small": 1, "medium": 1, "large": 0}
    assert table["core"]["small"] == 0


def test_several_answers_are_counted_once_each(result):
    partners = {c.code: c.count for c in result.collaboration_partners}
    assert partners["universities"] == 2 and partners["other_clusters"] == 1 and partners["public_bodies"] == 0


def test_excellence_labels_are_counted_for_cluster_organisations(result):
    assert {c.code: c.count for c in result.excellence_labels}["silver"] == 1


def test_free_text_is_grouped_by_question_and_kept_verbatim(result):
    groups = {g.question: [a.text for a in g.answers] for g in result.free_text}
    assert groups == {"main_obstacle": ["Grozdi & <mala> podjetja"], "suggestions": []}


def test_answers_that_say_the_same_thing_are_one_theme_counted_most_frequent_first():
    themes = answer_themes(
        [
            "Weniger Bürokratie",
            "Offene Projektformate für KMU aus anderen Branchen",
            "offene Projektformate für KMU aus anderen Branchen!",
            "  Offene  Projektformate für KMU aus anderen Branchen. ",
        ]
    )
    assert [(t.quote.text, t.count) for t in themes] == [
        ("Offene Projektformate für KMU aus anderen Branchen", 3),
        ("Weniger Bürokratie", 1),
    ]


def test_charts_and_sources_name_the_survey(result):
    assert str(result.gap_chart.categories[0]) == "Industrial conditions"
    assert result.gap_chart.series[0].values[:2] == [2.0, pytest.approx(1.0, abs=1e-3)]
    slovene = translator("sl").text(result.sources[0].dataset)
    assert slovene.startswith("Regionalna anketa Vzhodna Slovenija, odgovori: 3") and "15. december 2026" in slovene
    assert result.ratings_chart.value_range == (1.0, 5.0) and result.profile_chart.whole_numbers


def test_a_corrected_submission_replaces_the_earlier_answer():
    result = build_survey_report(
        inputs(
            [
                response("a", market_importance=5, market_satisfaction=1),
                response("a", market_importance=3, market_satisfaction=3),
            ]
        )
    )
    assert result.responses == 1 and result.bottlenecks[0].gap == 0.0


def test_ties_keep_the_instrument_order():
    result = build_survey_report(
        inputs(
            [
                response(
                    "a",
                    support_importance=4,
                    support_satisfaction=3,
                    industrial_importance=4,
                    industrial_satisfaction=3,
                )
            ]
        )
    )
    assert [b.condition for b in result.bottlenecks] == ["industrial", "support"]
