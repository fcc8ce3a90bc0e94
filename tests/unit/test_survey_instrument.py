"""The instrument YAML is the one source of truth for questions, translations and the response model."""

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from advisory.stages.survey.instrument import (
    FRAMEWORK_CONDITIONS,
    Instrument,
    default_instrument,
    response_model,
    translate,
)


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return default_instrument()


LANGUAGES = ("de", "es", "hu", "it", "pl", "sk", "sl")


def test_default_instrument_is_version_1_and_reads_in_every_language_from_the_catalogs(instrument):
    assert instrument.version == "1"
    for language in LANGUAGES:
        for question in instrument.questions:
            assert translate(question.text, language) != question.text, (language, question.code)
            for option in question.options:
                shown = translate(option.label, language)
                assert shown != option.label or option.label[:2] in shown, (language, question.code, option.code)


def test_every_error_reason_and_instruction_is_translated_into_every_language(instrument):
    for language in LANGUAGES:
        for code, english in instrument.messages.items():
            assert translate(english, language) != english, (language, code)
        assert instrument.instructions_in(language) != instrument.instructions, language


def test_the_seven_framework_conditions_are_likert_pairs(instrument):
    conditions = [q.code for q in instrument.questions if q.condition]
    assert conditions == list(FRAMEWORK_CONDITIONS)
    assert all(instrument.question(code).kind == "likert_pair" for code in conditions)
    assert "market_importance" in instrument.answer_columns
    assert "market_satisfaction" in instrument.answer_columns


def test_excellence_labels_are_none_bronze_silver_gold(instrument):
    codes = [o.code for o in instrument.question("excellence_label").options]
    assert codes[:4] == ["none", "bronze", "silver", "gold"]


def test_response_model_follows_the_questions(instrument):
    model = response_model(instrument)
    response = model(
        region="SI03",
        respondent_id="acme-1",
        org_type="firm",
        size="small",
        sector="C",
        cluster_role="member",
        internationalisation="none",
        market_importance=5,
    )
    assert response.market_importance == 5 and response.market_satisfaction is None
    assert response.partners == [] and response.instrument_version == "1"


@pytest.mark.parametrize(
    "change",
    [
        {"market_importance": 6},
        {"org_type": "bakery"},
        {"export_share": 101},
        {"respondent_id": "a b"},
        {"employees": 2.5},
        {"partners": ["aliens"]},
        {"instrument_version": "2"},
        {"surprise": 1},
    ],
)
def test_response_model_refuses_answers_outside_the_instrument(instrument, change):
    model = response_model(instrument)
    valid = {
        "region": "SI03",
        "respondent_id": "acme-1",
        "org_type": "firm",
        "size": "small",
        "sector": "C",
        "cluster_role": "member",
        "internationalisation": "none",
    }
    with pytest.raises(ValidationError):
        model.model_validate(valid | change)


def test_a_required_question_must_be_answered(instrument):
    with pytest.raises(ValidationError, match="org_type"):
        response_model(instrument).model_validate(
            {
                "region": "SI03",
                "respondent_id": "a",
                "size": "small",
                "sector": "C",
                "cluster_role": "member",
                "internationalisation": "none",
            }
        )


def test_an_instrument_with_a_choice_without_options_is_refused(tmp_path: Path):
    raw = yaml.safe_load(Path("surveys/instruments/emerging_industries_v1.yaml").read_text(encoding="utf-8"))
    raw["sections"][0]["questions"][0]["options"] = []
    with pytest.raises(ValidationError, match="needs options"):
        Instrument.model_validate(raw)


def test_messages_come_from_the_catalog_with_their_values(instrument):
    assert instrument.message("required", "en") == "An answer is required."
    assert instrument.message("out_of_range", "de", minimum="0", maximum="5") == "Bitte eine Zahl von 0 bis 5 eingeben."
