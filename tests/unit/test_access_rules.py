"""Who may see and do what: the pure rules behind every portal route, plus the pure pieces of its pages."""

from __future__ import annotations

import datetime as dt

from advisory.adapters.region_profiles import load_regions
from advisory.adapters.uploaded_files import neutralised
from advisory.domain.access import (
    Grant,
    Role,
    SessionTimes,
    csrf_matches,
    csrf_token,
    email_problem,
    may_review,
    may_see_document,
    may_see_region,
    may_see_upload,
    may_submit_survey,
    reviewer_regions,
    session_usable,
    token_digest,
    uploadable_kinds,
)
from advisory.entrypoints.web.survey_form import answers_from_form, response_csv
from advisory.entrypoints.web.timeline import StatusChange, timeline
from advisory.settings import PROJECT_ROOT
from advisory.stages.survey.instrument import default_instrument
from advisory.stages.survey.parse import parse_survey_upload

KINDS = ["survey_response", "stress_test", "peer_review", "expert_findings"]


def grant(role: Role, region: str | None = None, reviewer_id: str | None = None) -> Grant:
    return Grant(token_id=1, role=role, email="a@b.eu", region=region, reviewer_id=reviewer_id)


def test_a_contact_sees_and_fills_in_only_their_own_region():
    contact = grant(Role.CONTACT, "ES61")
    assert may_see_region(contact, "ES61") and not may_see_region(contact, "SK04")
    assert may_submit_survey(contact, "ES61") and not may_submit_survey(contact, "SK04")
    assert uploadable_kinds(contact, "ES61", [], KINDS) == ["survey_response", "stress_test"]
    assert uploadable_kinds(contact, "SK04", [], KINDS) == []


def test_a_reviewer_sees_and_reviews_only_the_regions_assigned_to_them():
    packs = {"SI03": {"assignments": [{"reviewer_id": "R7"}]}, "HU33": {"assignments": [{"reviewer_id": "R8"}]}}
    assigned = reviewer_regions(packs, "R7")
    assert assigned == {"SI03"}
    reviewer = grant(Role.REVIEWER, "SI03", "R7")
    assert may_review(reviewer, "SI03", assigned) and not may_review(reviewer, "HU33", assigned)
    assert may_see_region(reviewer, "SI03", assigned) and not may_see_region(reviewer, "HU33", assigned)
    assert uploadable_kinds(reviewer, "SI03", assigned, KINDS) == ["peer_review"]
    assert reviewer_regions(packs, None) == set()


def test_a_reviewer_link_opens_only_its_own_region_even_when_the_reviewer_reviews_another_too():
    """Issue 16, point 8: a link printed as "reviewer of DED2" opened SI03."""
    assigned = {"SI03", "DED2"}
    of_ded2 = grant(Role.REVIEWER, "DED2", "ivana-horvat")
    assert may_see_region(of_ded2, "DED2", assigned) and not may_see_region(of_ded2, "SI03", assigned)
    assert may_review(of_ded2, "DED2", assigned) and not may_review(of_ded2, "SI03", assigned)
    assert not may_see_region(of_ded2, "DED2", {"SI03"})  # no longer assigned: no longer in


def test_what_each_role_may_read_follows_docs_portal_access():
    """Issue 16, point 9: contacts read approved documents and their own receipts; the pack is for reviewers."""
    contact, reviewer = grant(Role.CONTACT, "SI03"), grant(Role.REVIEWER, "SI03", "R7")
    coordinator = grant(Role.COORDINATOR)
    assert may_see_document(contact, "SI03", "survey_report", approved=True)
    assert not may_see_document(contact, "SI03", "survey_report", approved=False)
    assert not may_see_document(contact, "SI03", "peer_review_pack", approved=True)
    assert not may_see_document(contact, "HU33", "survey_report", approved=True)
    assert may_see_document(reviewer, "SI03", "peer_review_pack", approved=False, assigned={"SI03"})
    assert not may_see_document(reviewer, "SI03", "policy_briefing", approved=False, assigned={"SI03"})
    assert not may_see_document(reviewer, "SI03", "peer_review_pack", approved=False, assigned=set())
    assert may_see_document(coordinator, "SI03", "policy_briefing", approved=False)
    assert may_see_upload(contact, "contact:a@b.eu") and not may_see_upload(contact, "reviewer:r@pool.eu")
    assert may_see_upload(coordinator, "reviewer:r@pool.eu")


def test_an_address_must_look_like_one_to_receive_a_link():
    for good in ("ana@example.org", "ana.novak@gov.si", "josé@correo.es", "a+b@x-y.eu"):
        assert email_problem(good) is None, good
    for bad in ("not-an-email", "a@b", "a b@c.eu", "a@-x.eu", "a@x_y.eu", "<a@b.eu>", "a@@b.eu", "x" * 250 + "@b.eu"):
        assert email_problem(bad) == f"{bad!r} is not an e-mail address (name@organisation.eu)", bad


def test_a_session_ends_at_sign_out_its_end_a_spell_unused_or_its_links_end():
    class Row:
        def __init__(self, **fields) -> None:
            self.__dict__.update(fields)

    now = dt.datetime(2026, 11, 21, 12)
    times = SessionTimes(lifetime=dt.timedelta(hours=12), idle=dt.timedelta(hours=2))
    link = Row(revoked_at=None, expires_at=now + dt.timedelta(days=3))
    fresh = Row(ended_at=None, expires_at=now + dt.timedelta(hours=1), last_used_at=now - dt.timedelta(minutes=5))
    assert session_usable(fresh, link, now, times)
    assert not session_usable(Row(**{**fresh.__dict__, "ended_at": now}), link, now, times)
    assert not session_usable(Row(**{**fresh.__dict__, "expires_at": now}), link, now, times)
    assert not session_usable(Row(**{**fresh.__dict__, "last_used_at": now - dt.timedelta(hours=3)}), link, now, times)
    assert not session_usable(fresh, Row(revoked_at=now, expires_at=link.expires_at), now, times)
    assert not session_usable(fresh, Row(revoked_at=None, expires_at=now), now, times)


def test_coordinators_see_everything_but_submit_nothing_and_experts_may_send_every_kind():
    coordinator, expert = grant(Role.COORDINATOR), grant(Role.EXPERT)
    assert may_see_region(coordinator, "PL21") and not may_submit_survey(coordinator, "PL21")
    assert uploadable_kinds(coordinator, "PL21", [], KINDS) == []
    assert uploadable_kinds(expert, "PL21", [], KINDS) == KINDS
    assert not may_review(expert, "PL21", ["PL21"])


def test_tokens_are_stored_as_their_sha256_and_the_form_token_depends_on_the_session():
    assert token_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert csrf_matches("session-1", csrf_token("session-1"))
    assert not csrf_matches("session-2", csrf_token("session-1"))
    assert not csrf_matches("session-1", None) and not csrf_matches("session-1", "")


def test_formula_like_text_is_neutralised_for_spreadsheets():
    assert neutralised("=1+1") == "'=1+1" and neutralised("@SUM(A1)") == "'@SUM(A1)"
    assert neutralised("+49 30") == "'+49 30" and neutralised("-2") == "'-2"
    assert neutralised("12 of 20 responses") == "12 of 20 responses" and neutralised(3) == 3


def test_a_timeline_bar_lasts_until_the_stages_next_change():
    start = dt.datetime(2026, 11, 1)
    changes = [
        StatusChange(at=start, stage="assessment", status="running"),
        StatusChange(at=start + dt.timedelta(days=1), stage="assessment", status="completed"),
        StatusChange(at=start + dt.timedelta(days=2), stage="survey", status="awaiting_input"),
    ]
    drawn = timeline(changes, end=start + dt.timedelta(days=4), width=400)
    assert [(b.row, b.x, b.width, b.status) for b in drawn.bars] == [
        (0, 0.0, 100.0, "running"),
        (0, 100.0, 300.0, "completed"),
        (1, 200.0, 200.0, "awaiting_input"),
    ]


def test_a_web_form_becomes_the_csv_row_the_upload_parser_reads():
    instrument = default_instrument()
    form = [
        ("csrf", "x"),
        ("respondent_id", " firm-1 "),
        ("org_type", "firm"),
        ("size", "small"),
        ("sector", "C"),
        ("cluster_role", "member"),
        ("internationalisation", "regular"),
        ("market_importance", "5"),
        ("market_satisfaction", ""),
        ("partners", "universities"),
        ("partners", "public_bodies"),
        ("main_obstacle", 'a, "b" & <c> ő'),
        ("evil", "ignored"),
    ]
    answers = answers_from_form(instrument, form)
    assert answers["respondent_id"] == "firm-1"
    assert answers["partners"] == ["universities", "public_bodies"]
    assert "csrf" not in answers and "evil" not in answers
    region = load_regions(PROJECT_ROOT / "regions")["HU33"]
    [response] = parse_survey_upload(response_csv(instrument, "HU33", answers), "web.csv", region, instrument)
    assert (response.respondent_id, response.market_importance, response.market_satisfaction) == ("firm-1", 5, None)
    assert response.partners == ["universities", "public_bodies"]
    assert response.main_obstacle == 'a, "b" & <c> ő'
