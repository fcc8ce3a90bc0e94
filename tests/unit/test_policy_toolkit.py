"""The Cluster Policy Toolkit: real instruments with sources and checked codes; the choice of an instrument for a
theme; the Do's and Don'ts decided by the instrument's design, in any language and after any edit."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from advisory.adapters.datasets import load_toolkit
from advisory.domain.conditions import CONDITIONS, TOPICS
from advisory.domain.principles import PRINCIPLES, verdict
from advisory.domain.toolkit import Instrument, Need, choose, design_verdicts, fit
from advisory.settings import PROJECT_ROOT

TOOLKIT = load_toolkit(PROJECT_ROOT / "datasets")


def test_the_toolkit_holds_at_least_thirty_sourced_instruments_covering_every_condition():
    assert len(TOOLKIT) >= 30 and len({i.id for i in TOOLKIT}) == len(TOOLKIT)
    assert all(i.source and i.year for i in TOOLKIT)
    conditions = Counter(c for i in TOOLKIT for c in i.conditions)
    assert all(conditions[c] >= 5 for c in CONDITIONS), conditions
    assert sum(i.international for i in TOOLKIT) >= 8 and sum(i.cross_sectoral for i in TOOLKIT) >= 8
    assert {i.target_group for i in TOOLKIT} == {"single firms", "groups of firms", "cluster organisations"}


def test_an_unknown_code_in_the_toolkit_is_refused_naming_it():
    raw = TOOLKIT[0].model_dump() | {"kpi": "happiness"}
    with pytest.raises(ValueError, match="unknown measure to watch happiness"):
        Instrument.model_validate(raw)


@given(st.sampled_from(sorted(TOPICS)), st.booleans(), st.booleans(), st.sampled_from(["emerging", "developing"]))
def test_the_chosen_instrument_addresses_the_theme_and_is_never_chosen_twice(theme, cross, international, maturity):
    need = Need(cross_sectoral=cross, international=international, maturity=maturity, country="SI")
    used: list[str] = []
    for _ in range(4):
        chosen = choose(TOOLKIT, theme, need, used)
        if chosen is None:
            break
        assert theme in chosen.themes or theme in chosen.conditions
        assert chosen.id not in used
        assert fit(chosen, theme, need) == max(fit(i, theme, need) for i in TOOLKIT if i.id not in used)
        used.append(chosen.id)


@given(st.sampled_from(TOOLKIT))
def test_the_design_decides_the_principles(instrument):
    verdicts = design_verdicts(instrument)
    assert (verdicts[1] == "at risk") == (instrument.target_group == "single firms")
    assert (verdicts[5] == "supports") == instrument.cross_sectoral
    assert (verdicts[7] == "supports") == instrument.international


@given(
    st.sampled_from(TOOLKIT),
    st.sampled_from(
        [
            "Gemeinsame Projekte von Holz- und Automobilclustern fördern",
            "Skupni projekti lesnih in avtomobilskih grozdov",
            "Fund a joint wood and automotive project",
        ]
    ),
)
def test_an_edited_text_in_any_language_keeps_the_instruments_verdicts(instrument, text):
    design = design_verdicts(instrument)
    for principle in PRINCIPLES:
        assert verdict(principle, text, None, design[principle.number]) == design[principle.number]


def test_an_edit_that_turns_to_single_firms_is_at_risk_whatever_the_instrument():
    design = design_verdicts(next(i for i in TOOLKIT if i.target_group == "groups of firms"))
    assert verdict(PRINCIPLES[0], "Zuschüsse für Einzelunternehmen", None, design[1]) == "at risk"
