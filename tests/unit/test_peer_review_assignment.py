"""Reviewer assignment: the rules always hold, the reasons are given, and impossible cases name the rule."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisory.adapters.i18n import translator
from advisory.stages.peer_review.assignment import (
    MIN_FOREIGN_COUNTRIES,
    AssignmentImpossible,
    Host,
    assign_reviewers,
    ineligibility,
)
from advisory.stages.peer_review.pool import Reviewer


def host(code="ES61", country="ES", language="es", sectors=("agri-food",)) -> Host:
    return Host(code=code, country=country, languages=sorted({"en", language}), sectors=list(sectors))


def reviewer(rid, country, home, sectors=("agri-food",), languages=("en",), max_assignments=2) -> Reviewer:
    return Reviewer(
        id=rid,
        name=rid.title(),
        organisation="Agency",
        country=country,
        home_region=home,
        sectors=list(sectors),
        languages=list(languages),
        max_assignments=max_assignments,
    )


def test_a_reviewer_from_the_host_region_is_never_chosen():
    pool = [
        reviewer("local", "ES", "ES61"),
        reviewer("pt", "PT", "PT11"),
        reviewer("fr", "FR", "FRJ2"),
        reviewer("it", "IT", "ITH5"),
    ]
    chosen = assign_reviewers([host()], pool)["ES61"]
    assert {a.reviewer_id for a in chosen} == {"pt", "fr", "it"}


def test_a_reviewer_from_the_host_country_but_another_region_may_join_two_foreign_countries():
    pool = [
        reviewer("madrid", "ES", "ES30", sectors=("agri-food", "aerospace")),
        reviewer("pt", "PT", "PT11"),
        reviewer("fr", "FR", "FRJ2"),
    ]
    chosen = assign_reviewers([host(sectors=("agri-food", "aerospace"))], pool)["ES61"]
    assert {a.reviewer_id for a in chosen} == {"madrid", "pt", "fr"}


def test_each_choice_explains_expertise_language_origin_and_load():
    pool = [
        reviewer("pt", "PT", "PT11", languages=("en", "es")),
        reviewer("fr", "FR", "FRJ2"),
        reviewer("it", "IT", "ITH5"),
    ]
    reasons = {a.reviewer_id: a.reasons for a in assign_reviewers([host()], pool)["ES61"]}
    assert [str(r) for r in reasons["pt"]] == [
        "shares agri-food",
        "speaks Spanish",
        "from Portugal, outside the host region",
        "1 of 2 assignments",
    ]
    assert [translator("es").text(r) for r in reasons["pt"]][1:3] == [
        "habla español",
        "de Portugal, fuera de la región anfitriona",
    ]
    assert str(reasons["fr"][1]) == "works in English"


def test_only_one_foreign_country_names_the_country_rule():
    pool = [reviewer("pt1", "PT", "PT11"), reviewer("pt2", "PT", "PT16"), reviewer("es", "ES", "ES30")]
    with pytest.raises(AssignmentImpossible, match="ES61: only 1 eligible reviewer country other than ES; need 2"):
        assign_reviewers([host()], pool)


def test_a_reviewer_without_a_shared_language_or_expertise_is_ineligible():
    assert "language" in ineligibility(host(), reviewer("de", "DE", "DE21", languages=("de",)))
    assert "expertise" in ineligibility(host(), reviewer("xx", "DE", "DE21", sectors=("textiles",)))


def test_load_is_spread_so_nobody_takes_two_engagements_while_others_take_none():
    hosts = [host("ES61", "ES"), host("PT11", "PT", "pt")]
    pool = [reviewer(f"r{i}", c, f"{c}1{i}") for i, c in enumerate(["FR", "IT", "DE", "NL", "AT", "BE"])]
    assignment = assign_reviewers(hosts, pool)
    used = [a.reviewer_id for chosen in assignment.values() for a in chosen]
    assert len(used) == len(set(used)) == 6


def test_capacity_shortfall_names_the_maximum_assignments_rule():
    pool = [reviewer(f"r{i}", c, f"{c}11", max_assignments=1) for i, c in enumerate(["FR", "IT", "DE"])]
    with pytest.raises(AssignmentImpossible, match="maximum assignments"):
        assign_reviewers([host("ES61", "ES"), host("PT11", "PT", "pt")], pool)


def test_pinned_assignments_use_up_capacity_and_are_not_reassigned():
    pool = [reviewer(f"r{i}", c, f"{c}11", max_assignments=1) for i, c in enumerate(["FR", "IT", "DE", "NL"])]
    assignment = assign_reviewers([host("ES61"), host("PT11", "PT", "pt")], pool, pinned={"PT11": ["r0"]})
    assert list(assignment) == ["ES61"]
    assert {a.reviewer_id for a in assignment["ES61"]} == {"r1", "r2", "r3"}


def test_same_inputs_give_the_same_assignment():
    pool = [reviewer(f"r{i}", c, f"{c}11") for i, c in enumerate(["FR", "IT", "DE", "NL", "AT", "BE", "PT"])]
    hosts = [host("ES61"), host("SI03", "SI", "sl")]
    assert assign_reviewers(hosts, pool) == assign_reviewers(list(reversed(hosts)), list(reversed(pool)))


# --- properties: random pools and hosts --------------------------------------------------------
COUNTRIES = ["ES", "PT", "FR", "IT"]
SECTORS = ["agri-food", "ICT", "health"]


@st.composite
def programmes(draw):
    hosts = [
        Host(
            code=f"{c}1{i}",
            country=c,
            languages=["en", draw(st.sampled_from(["es", "pt", "fr"]))],
            sectors=draw(st.lists(st.sampled_from(SECTORS), min_size=1, max_size=2, unique=True)),
        )
        for i, c in enumerate(draw(st.lists(st.sampled_from(COUNTRIES), min_size=1, max_size=3)))
    ]
    pool = []
    for index in range(draw(st.integers(3, 8))):
        country = draw(st.sampled_from(COUNTRIES))
        home = draw(st.sampled_from([h.code for h in hosts if h.country == country] + [f"{country}99"]))
        pool.append(
            Reviewer(
                id=f"r{index}",
                name=f"R {index}",
                organisation="O",
                country=country,
                home_region=home,
                sectors=draw(st.lists(st.sampled_from(SECTORS), min_size=1, max_size=2, unique=True)),
                # mostly English speakers with room to spare, so feasible and infeasible programmes both occur
                languages=draw(st.sampled_from([["en"], ["en", "es"], ["en", "fr"], ["es"], ["pt", "fr"]])),
                max_assignments=draw(st.sampled_from([0, 1, 2, 2])),
            )
        )
    return hosts, pool


def rules_hold(h: Host, ids: tuple[str, ...] | list[str], by_id: dict[str, Reviewer]) -> bool:
    chosen = [by_id[i] for i in ids]
    foreign = {r.country for r in chosen} - {h.country}
    return all(ineligibility(h, r) is None for r in chosen) and len(foreign) >= MIN_FOREIGN_COUNTRIES


def exists_by_brute_force(hosts: list[Host], pool: list[Reviewer], per_host: int) -> bool:
    by_id = {r.id: r for r in pool}
    options = [[c for c in itertools.combinations(sorted(by_id), per_host) if rules_hold(h, c, by_id)] for h in hosts]
    for combination in itertools.product(*options):
        load = [i for ids in combination for i in ids]
        if all(load.count(r.id) <= r.max_assignments for r in pool):
            return True
    return False


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_no_rule_is_ever_violated_and_an_assignment_is_found_whenever_one_exists(programme):
    hosts, pool = programme
    by_id = {r.id: r for r in pool}
    exists = exists_by_brute_force(hosts, pool, per_host=2)
    try:
        assignment = assign_reviewers(hosts, pool, per_host=2)
    except AssignmentImpossible:
        assert not exists
        return
    assert exists
    for h in hosts:
        ids = [a.reviewer_id for a in assignment[h.code]]
        assert len(set(ids)) == 2 and rules_hold(h, ids, by_id)
    load = [a.reviewer_id for chosen in assignment.values() for a in chosen]
    assert all(load.count(r.id) <= r.max_assignments for r in pool)
