"""What each role sees, what outsiders may send, and bad input over HTTP (issue 16, points 5, 6 and 9).

The rules are written down in docs/portal-access.md; every test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from advisory.adapters.store.models import Upload
from advisory.domain.access import Role
from advisory.entrypoints.web.app import create_app
from advisory.services.demo import DEMO_DIR
from advisory.services.submissions import KEPT_BYTES, submit_file
from tests.portal_world import INPUT_KINDS, assign_reviewer, real_project, sign_in

REVIEWER = "reviewer:marta.reviewer@pool.eu"


@pytest.fixture
def project(settings):
    return real_project(settings.model_copy(update={"uploads_per_day": 4, "rejected_bytes_per_day": 3 * 1024 * 1024}))


@pytest.fixture
def client(project):
    with TestClient(create_app(project, INPUT_KINDS), raise_server_exceptions=False) as client:
        yield client


def add_document(project, region: str, document: str, approved: bool) -> int:
    path = project.settings.output_dir / region / f"{document}_v1.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"PK doc")
    with project.unit_of_work() as uow:
        doc = uow.engagements.add_document(
            region,
            stage="assessment",
            document=document,
            version=1,
            path=str(path),
            sha256="0" * 64,
            template="t",
            template_sha256="0" * 64,
            inputs_hash="0" * 64,
            result={},
        )
        if approved:
            doc.approved_by, doc.approved_at = "expert:lead@observatory.eu", project.clock.now()
        uow.commit()
        return doc.id


@pytest.fixture
def si03(project):
    """SI03 with an approved report, an unapproved draft, the pack naming a reviewer, and files from three people."""
    ids = {
        "approved": add_document(project, "SI03", "assessment_report", approved=True),
        "draft": add_document(project, "SI03", "survey_report", approved=False),
        "pack": assign_reviewer(project, "SI03", "marta-reviewer"),
    }
    submit_file(project, INPUT_KINDS, "SI03", "peer_review", "review-marta-reviewer.yaml", b"scores: {}", REVIEWER)
    submit_file(project, INPUT_KINDS, "SI03", "survey_response", "colleague.csv", b"x", "contact:colleague@gov.si")
    return ids


def test_a_contact_sees_approved_documents_and_their_own_receipts_only(client, project, si03):
    """Point 9: receipts listed reviewers' addresses and names; drafts and the pack naming reviewers downloaded."""
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    mine = client.post(
        "/regions/SI03/uploads",
        data={"csrf": csrf, "kind": "survey_response"},
        files={"file": ("mine.csv", b"region\nSI03\n")},
    )
    assert mine.status_code == 422
    page = client.get("/regions/SI03").text
    assert "mine.csv" in page and "Your receipts" in page
    for hidden in ("marta", "Žnidarič", "pool.eu", "colleague", "review-", "peer review pack", "survey report"):
        assert hidden not in page.lower(), hidden
    assert "lead@observatory.eu" not in page  # who approved is for staff
    assert f'href="/documents/{si03["approved"]}"' in page
    assert client.get(f"/documents/{si03['approved']}").status_code == 200
    assert client.get(f"/documents/{si03['draft']}").status_code == 404
    assert client.get(f"/documents/{si03['pack']}").status_code == 404
    with project.unit_of_work() as uow:
        theirs = [u.id for u in uow.session.query(Upload) if u.uploaded_by != "contact:person@example.eu"]
    for upload_id in theirs:
        assert client.get(f"/regions/SI03/receipts/{upload_id}").status_code == 404


def test_a_reviewer_sees_the_pack_and_approved_documents_but_no_drafts_and_no_ones_files(client, project, si03):
    sign_in(client, project, Role.REVIEWER, "SI03", reviewer_id="marta-reviewer")
    assert client.get(f"/documents/{si03['pack']}").status_code == 200
    assert client.get(f"/documents/{si03['approved']}").status_code == 200
    assert client.get(f"/documents/{si03['draft']}").status_code == 404
    page = client.get("/regions/SI03").text
    assert "colleague" not in page and "review-marta" not in page  # their review was sent as someone else here


def test_staff_see_every_version_and_every_file(client, project, si03):
    sign_in(client, project, Role.COORDINATOR)
    page = client.get("/regions/SI03").text
    assert "colleague.csv" in page and "review-marta-reviewer.yaml" in page and "lead@observatory.eu" in page
    for document_id in si03.values():
        assert client.get(f"/documents/{document_id}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/documents/99999999999999999999",
        "/documents/2147483648",
        "/documents/0",
        "/documents/-5",
        "/regions/SI03/receipts/99999999999999999999",
        "/regions/SI03/receipts/-1",
    ],
)
def test_ids_out_of_range_are_not_found_not_a_failure(client, project, path):
    """Point 6: /documents/99999999999999999999 and receipts with huge ids were 500s."""
    sign_in(client, project, Role.EXPERT)
    response = client.get(path)
    assert response.status_code == 404 and "There is no such" in response.text


def test_ids_that_are_not_numbers_name_the_field(client, project):
    sign_in(client, project, Role.EXPERT)
    response = client.get("/documents/first")
    assert response.status_code == 422 and "Please check: document_id." in response.text


def test_a_workbook_with_a_changed_first_data_row_is_refused_and_never_stays_received(client, project):
    """Point 6: a `_meta` sheet whose first_data_row is not a number gave a 500 and left the upload "received"."""
    book = load_workbook(DEMO_DIR / "surveys" / "SI03.xlsx")
    meta = book["_meta"]
    row = next(r for r in meta.iter_rows() if r[0].value == "first_data_row")
    row[1].value = "two"
    data = io.BytesIO()
    book.save(data)
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    response = client.post(
        "/regions/SI03/uploads",
        data={"csrf": csrf, "kind": "survey_response"},
        files={"file": ("SI03.xlsx", data.getvalue())},
    )
    assert response.status_code == 422 and "Not accepted" in response.text
    assert "List s podatki o anketi je bil spremenjen" in response.text  # the contact's language
    with project.unit_of_work() as uow:
        assert [u.outcome for u in uow.session.query(Upload)] == ["rejected"]


def test_odd_values_in_forms_are_refused_with_a_reason_never_a_failure(client, project):
    assign_reviewer(project, "SI03", "marta-reviewer")
    csrf = sign_in(client, project, Role.REVIEWER, "SI03", reviewer_id="marta-reviewer")
    review = client.post(
        "/regions/SI03/review",
        data={"csrf": csrf, "score_relevance": "²", "score_coherence": "99999999999999999999", "recommendation_1": "x"},
    )
    assert review.status_code == 422 and "The review was not accepted" in review.text
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    odd_name = "a\x00b" + "ž" * 600 + ".csv"
    upload = client.post(
        "/regions/SI03/uploads",
        data={"csrf": csrf, "kind": "survey_response"},
        files={"file": (odd_name, b"region\nSI03\n")},
    )
    assert upload.status_code == 422
    with project.unit_of_work() as uow:
        stored = uow.session.query(Upload).order_by(Upload.id.desc()).first()
    assert stored.filename.endswith("ž….csv") and len(stored.filename) <= 200 and "\x00" not in stored.filename
    long_kind = client.post(
        "/regions/SI03/uploads", data={"csrf": csrf, "kind": "k" * 500}, files={"file": ("a.csv", b"x")}
    )
    assert long_kind.status_code == 422 and "Please check: kind." in long_kind.text
    draft = client.post("/regions/SI03/survey/draft", data={"csrf": csrf, "main_obstacle": "nul \x00 byte"})
    assert draft.status_code == 204


def test_past_the_days_files_a_person_gets_429_with_what_to_do(client, project):
    """Point 5: uploads from outsiders had no quota."""
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    for n in range(4):
        sent = client.post(
            "/regions/SI03/uploads",
            data={"csrf": csrf, "kind": "survey_response"},
            files={"file": (f"{n}.csv", f"region\nSI{n}\n".encode())},
        )
        assert sent.status_code == 422
    refused = client.post(
        "/regions/SI03/uploads", data={"csrf": csrf, "kind": "survey_response"}, files={"file": ("5.csv", b"r\n")}
    )
    assert refused.status_code == 429
    assert "You have sent 4 files today, the most one person may send in a day" in refused.text
    other = sign_in(client, project, Role.CONTACT, "SI03")  # the same person with a second link: the same count
    assert (
        client.post(
            "/regions/SI03/uploads", data={"csrf": other, "kind": "survey_response"}, files={"file": ("6.csv", b"q")}
        ).status_code
        == 429
    )


def test_rejected_bytes_past_the_days_limit_get_429_and_keep_only_first_bytes(client, project):
    """Point 5: five rejected 4.9 MB uploads grew the database by 32 MB."""
    csrf = sign_in(client, project, Role.CONTACT, "SI03")
    junk = b"not a survey;" * (2 * 1024 * 1024 // 13)
    statuses = []
    for n in range(3):
        statuses.append(
            client.post(
                "/regions/SI03/uploads",
                data={"csrf": csrf, "kind": "survey_response"},
                files={"file": (f"junk{n}.csv", junk + bytes([n]))},
            ).status_code
        )
    assert statuses == [422, 422, 429]
    with project.unit_of_work() as uow:
        kept = [(len(u.content), u.size) for u in uow.session.query(Upload)]
    assert kept == [(KEPT_BYTES, len(junk) + 1)] * 2


def test_a_reviewers_link_opens_the_region_it_names_and_no_other(client, project):
    """Point 8: `invite DED2 --role reviewer` printed "reviewer of DED2" but the link opened SI03."""
    si03_pack = assign_reviewer(project, "SI03", "ivana-horvat")
    ded2_pack = assign_reviewer(project, "DED2", "ivana-horvat")
    sign_in(client, project, Role.REVIEWER, "DED2", reviewer_id="ivana-horvat")
    listing = client.get("/reviews").text
    assert "/regions/DED2/review" in listing and "SI03" not in listing
    assert client.get("/regions/DED2/review").status_code == 200
    assert client.get("/regions/SI03").status_code == 403 and client.get("/regions/SI03/review").status_code == 403
    assert client.get(f"/documents/{ded2_pack}").status_code == 200
    assert client.get(f"/documents/{si03_pack}").status_code == 404
