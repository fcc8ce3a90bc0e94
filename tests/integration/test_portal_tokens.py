"""The token table: only hashes are stored; tokens expire, are revoked, and bind people to a region."""

from __future__ import annotations

import datetime as dt

import pytest

from advisory.adapters.store.models import AccessToken
from advisory.domain.access import Role, token_digest
from advisory.domain.errors import AccessRefused
from advisory.services.project import Project


@pytest.fixture
def project(settings):
    return Project(settings, stage_steps={})


def issue(project, **fields):
    with project.unit_of_work() as uow:
        issued = uow.tokens.issue(
            **{
                "email": "ana@junta.es",
                "region": "ES61",
                "reviewer_id": None,
                "days": 30,
                "issued_by": "expert",
                "role": Role.CONTACT,
                **fields,
            }
        )
        uow.commit()
    return issued


def test_only_the_hash_of_a_token_is_stored(project):
    issued = issue(project)
    with project.unit_of_work() as uow:
        row = uow.session.get(AccessToken, issued.token_id)
    assert row.token_sha256 == token_digest(issued.token) and issued.token not in row.token_sha256
    assert len(issued.token) >= 43


def test_a_token_resolves_to_its_role_and_region_until_it_expires(project):
    issued = issue(project, days=2)
    with project.unit_of_work() as uow:
        tokens = uow.tokens
        grant = tokens.peek(issued.token)
        assert (grant.role, grant.region) == (Role.CONTACT, "ES61")
        assert tokens.peek(issued.token + "x") is None and tokens.peek("") is None
    three_days_later = Project(project.settings.model_copy(update={"today": project.today() + dt.timedelta(days=3)}))
    with three_days_later.unit_of_work() as uow:
        assert uow.tokens.peek(issued.token) is None


def test_a_revoked_token_no_longer_resolves_and_cannot_be_revoked_twice(project):
    issued = issue(project)
    with project.unit_of_work() as uow:
        tokens = uow.tokens
        assert tokens.revoke(issued.token_id) and not tokens.revoke(issued.token_id)
        assert tokens.peek(issued.token) is None
        assert tokens.listing("ES61")[0].revoked_at is not None


def test_contacts_need_a_region_and_reviewers_a_reviewer_id(project):
    with pytest.raises(AccessRefused, match="bound to one region"):
        issue(project, region=None)
    with pytest.raises(AccessRefused, match="reviewer id"):
        issue(project, role=Role.REVIEWER)
    assert issue(project, role=Role.COORDINATOR, region=None).token
