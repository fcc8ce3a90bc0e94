"""Store-then-validate intake: nothing lost, rejected uploads change nothing, resubmissions are no-ops."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from advisory.domain.errors import Problem, UnknownRegion, UploadRejected
from advisory.domain.stages import InputKind
from advisory.services.project import Project
from advisory.services.submissions import KEPT_BYTES, submit_file


class Line(BaseModel):
    key: str
    value: int


def parse_lines(data: bytes, filename: str, region, ctx) -> list[tuple[str, BaseModel]]:
    """A toy 'key,value' format standing in for any real parser in these engine tests."""
    records, problems = [], []
    for number, text in enumerate(data.decode().splitlines(), start=1):
        key, _, value = text.partition(",")
        if not value.strip().isdigit():
            problems.append(
                Problem(file=filename, row=number, column="value", value=value, reason="not a whole number")
            )
        else:
            records.append((key, Line(key=key, value=int(value))))
    if problems:
        raise UploadRejected(problems)
    return records


KINDS = {"line": InputKind(name="line", stage="survey", parse=parse_lines, description="toy lines")}


@pytest.fixture
def project(settings) -> Project:
    return Project(settings.model_copy(update={"max_upload_bytes": 1000}), stage_steps={})


def current(project: Project, region: str = "ES61") -> dict[str, int]:
    with project.unit_of_work() as uow:
        return {row.key: row.payload["value"] for row in uow.engagements.current_inputs(region, "line")}


def test_an_accepted_file_is_stored_as_received_and_recorded(project):
    receipt = submit_file(project, KINDS, "es61", "line", "a.csv", b"a,1\nb,2", "contact")
    assert receipt.outcome == "accepted" and receipt.recorded == 2
    with project.unit_of_work() as uow:
        assert uow.engagements.upload(receipt.upload_id).content == b"a,1\nb,2"
    assert current(project) == {"a": 1, "b": 2}


def test_a_rejected_file_lists_every_problem_is_kept_and_changes_no_accepted_data(project):
    submit_file(project, KINDS, "ES61", "line", "a.csv", b"a,1", "contact")
    receipt = submit_file(project, KINDS, "ES61", "line", "bad.csv", b"a,9\nb,x\nc,=1+1", "contact")
    assert receipt.outcome == "rejected"
    assert [(p.row, p.column) for p in receipt.problems] == [(2, "value"), (3, "value")]
    assert current(project) == {"a": 1}
    with project.unit_of_work() as uow:
        stored = uow.engagements.upload(receipt.upload_id)
        assert stored.content == b"a,9\nb,x\nc,=1+1" and stored.outcome == "rejected" and len(stored.problems) == 2


def test_resubmitting_the_same_file_is_a_no_op(project):
    submit_file(project, KINDS, "ES61", "line", "a.csv", b"a,1", "contact")
    again = submit_file(project, KINDS, "ES61", "line", "a-copy.csv", b"a,1", "contact")
    assert again.outcome == "duplicate" and again.recorded == 0


def test_a_corrected_submission_supersedes_the_earlier_one_and_both_stay_in_history(project):
    submit_file(project, KINDS, "ES61", "line", "a.csv", b"a,1", "contact")
    receipt = submit_file(project, KINDS, "ES61", "line", "a2.csv", b"a,5", "contact")
    assert receipt.superseded == 1
    assert current(project) == {"a": 5}
    with project.unit_of_work() as uow:
        assert [r.payload["value"] for r in uow.engagements.input_history("ES61", "line", "a")] == [1, 5]


def test_a_file_over_the_size_limit_is_refused_keeping_only_its_hash_size_and_first_bytes(project):
    data = b"a,1\n" * 5000
    receipt = submit_file(project, KINDS, "ES61", "line", "big.csv", data, "contact")
    assert receipt.outcome == "rejected" and "limit is 1,000 bytes" in receipt.problems[0].reason
    with project.unit_of_work() as uow:
        stored = uow.engagements.upload(receipt.upload_id)
        assert (stored.content, stored.size, stored.sha256) == (data[:KEPT_BYTES], len(data), receipt.sha256)
    assert current(project) == {}


def test_an_unknown_region_is_refused_with_the_known_ones_named(project):
    with pytest.raises(UnknownRegion, match="demonstrator regions are DED2, ES61"):
        submit_file(project, KINDS, "XX99", "line", "a.csv", b"a,1", "contact")


def test_first_uploads_of_a_region_arriving_together_are_each_stored_once(project):
    from concurrent.futures import ThreadPoolExecutor

    def send(number: int):
        return submit_file(project, KINDS, "HU33", "line", f"r{number}.csv", f"r{number},{number}".encode(), "contact")

    with ThreadPoolExecutor(max_workers=8) as pool:
        receipts = list(pool.map(send, range(16)))
    assert all(r.outcome == "accepted" for r in receipts)
    assert current(project, "HU33") == {f"r{n}": n for n in range(16)}
    with project.unit_of_work() as uow:
        assert len(uow.engagements.engagements()) == 1
