"""Nothing doubled, nothing lost, nothing left "received": the intake under repeats, races, quotas and failures.

Every test runs on SQLite (which ignores SELECT ... FOR UPDATE, so the immediate transaction and the
unique indexes carry the rules) and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic import command
from alembic.config import Config
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from advisory.adapters.store.database import MIGRATIONS, engine_for
from advisory.adapters.store.models import RecordedInput, Upload
from advisory.domain.errors import Problem, QuotaExceeded, UploadRejected
from advisory.domain.stages import InputKind
from advisory.services.project import Project
from advisory.services.submissions import KEPT_BYTES, shown_filename, submit_file


class Line(BaseModel):
    key: str
    value: int


def parse_lines(data: bytes, filename: str, region, ctx) -> list[tuple[str, BaseModel]]:
    """'key,value' lines; 'boom' anywhere stands for a parser that breaks on a file nobody foresaw."""
    if b"boom" in data:
        raise ValueError("a parser bug")
    records, problems = [], []
    for number, line in enumerate(data.decode().splitlines(), start=1):
        key, _, value = line.partition(",")
        if value.strip().isdigit():
            records.append((key, Line(key=key, value=int(value))))
        else:
            problems.append(Problem(file=filename, row=number, reason="not a whole number", value=value))
    if problems:
        raise UploadRejected(problems)
    return records


KINDS = {"line": InputKind(name="line", stage="survey", parse=parse_lines, description="toy lines")}


@pytest.fixture
def project(settings) -> Project:
    return Project(settings.model_copy(update={"uploads_per_day": 40, "rejected_bytes_per_day": 10_000}), {})


def together(count: int, send) -> list:
    """`send(n)` for n in range(count), all released at the same moment on their own threads."""
    barrier = threading.Barrier(count)

    def run(n: int):
        barrier.wait()
        return send(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def rows(project: Project, model) -> list:
    with project.unit_of_work() as uow:
        return list(uow.session.query(model).order_by(model.id))


def test_ten_identical_posts_at_once_store_one_upload_and_one_current_input(project):
    receipts = together(10, lambda n: submit_file(project, KINDS, "SI03", "line", "r.csv", b"firm-1,4", "contact:a"))
    first = next(r for r in receipts if r.outcome == "accepted")
    assert [r.outcome for r in receipts].count("accepted") == 1
    assert {r.upload_id for r in receipts} == {first.upload_id}  # every repeat names the first receipt
    assert len(rows(project, Upload)) == 1
    assert [(r.key, r.superseded_by) for r in rows(project, RecordedInput)] == [("firm-1", None)]


def test_ten_versions_of_one_response_at_once_leave_exactly_one_current(project):
    together(10, lambda n: submit_file(project, KINDS, "SI03", "line", f"v{n}.csv", f"firm-1,{n}".encode(), "c:a"))
    inputs = rows(project, RecordedInput)
    assert len(inputs) == 10 and [r.superseded_by for r in inputs].count(None) == 1
    with project.unit_of_work() as uow:
        assert len(uow.engagements.current_inputs("SI03", "line")) == 1


def test_the_schema_refuses_a_second_current_input_for_one_key(project):
    submit_file(project, KINDS, "SI03", "line", "a.csv", b"firm-1,1", "contact:a")
    [first] = rows(project, RecordedInput)
    with project.unit_of_work() as uow, pytest.raises(IntegrityError):
        uow.session.add(
            RecordedInput(
                **{c: getattr(first, c) for c in ("engagement_id", "kind", "key", "recorded_by")},
                payload={},
                sha256="x",
                recorded_at=first.recorded_at,
            )
        )
        uow.session.flush()


def test_the_schema_refuses_a_second_live_copy_of_a_file_from_one_sender(project):
    submit_file(project, KINDS, "SI03", "line", "a.csv", b"firm-1,1", "contact:a")
    with project.unit_of_work() as uow:
        assert uow.engagements.add_upload("SI03", "line", "again.csv", b"firm-1,1", "contact:a") is None
        assert uow.engagements.add_upload("SI03", "line", "theirs.csv", b"firm-1,1", "contact:b") is not None


def test_the_same_file_from_the_same_sender_later_names_the_first_receipt(project):
    first = submit_file(project, KINDS, "SI03", "line", "a.csv", b"firm-1,1", "contact:a")
    again = submit_file(project, KINDS, "SI03", "line", "a-copy.csv", b"firm-1,1", "contact:a")
    assert (again.outcome, again.upload_id) == ("duplicate", first.upload_id)
    other = submit_file(project, KINDS, "SI03", "line", "a.csv", b"firm-1,1", "contact:b")
    assert other.outcome == "duplicate" and other.upload_id != first.upload_id


def test_a_refused_file_keeps_its_problems_hash_size_and_first_bytes_only(project):
    data = b"\n".join(b"firm-%d,x" % n for n in range(300))
    receipt = submit_file(project, KINDS, "SI03", "line", "bad.csv", data, "contact:a")
    assert receipt.outcome == "rejected" and len(receipt.problems) == 300
    [stored] = rows(project, Upload)
    assert (stored.content, stored.size, len(stored.problems)) == (data[:KEPT_BYTES], len(data), 300)
    again = submit_file(project, KINDS, "SI03", "line", "bad.csv", data, "contact:a")
    assert again.outcome == "rejected" and again.upload_id != receipt.upload_id  # a refused file may come again


def test_a_parser_that_breaks_leaves_the_upload_rejected_never_received(project):
    receipt = submit_file(project, KINDS, "SI03", "line", "odd.csv", b"boom", "contact:a")
    assert receipt.outcome == "rejected" and "could not be read" in receipt.problems[0].reason
    assert [u.outcome for u in rows(project, Upload)] == ["rejected"]


def test_a_copy_cut_off_while_received_no_longer_blocks_the_file(project):
    with project.unit_of_work() as uow:
        uow.engagements.add_upload("SI03", "line", "a.csv", b"firm-1,1", "contact:a")
        uow.commit()
    later = Project(project.settings.model_copy(update={"now": project.clock.now() + dt.timedelta(hours=1)}), {})
    receipt = submit_file(later, KINDS, "SI03", "line", "a.csv", b"firm-1,1", "contact:a")
    assert receipt.outcome == "accepted"
    assert [u.outcome for u in rows(project, Upload)] == ["rejected", "accepted"]


def test_a_person_past_the_days_files_is_refused_until_the_next_day(project):
    for n in range(40):
        submit_file(project, KINDS, "SI03", "line", f"{n}.csv", f"firm-{n},1".encode(), "contact:a", daily_limits=True)
    with pytest.raises(QuotaExceeded, match="you have sent 40 files today"):
        submit_file(project, KINDS, "SI03", "line", "41.csv", b"firm-41,1", "contact:a", daily_limits=True)
    assert submit_file(project, KINDS, "SI03", "line", "b.csv", b"firm-41,1", "contact:b", daily_limits=True).accepted
    # The command line (the observatory's own) is not limited.
    assert submit_file(project, KINDS, "SI03", "line", "c.csv", b"firm-43,1", "contact:a").outcome == "accepted"
    tomorrow = Project(project.settings.model_copy(update={"today": project.today() + dt.timedelta(days=1)}), {})
    assert (
        submit_file(tomorrow, KINDS, "SI03", "line", "42.csv", b"firm-42,1", "contact:a", daily_limits=True).outcome
        == "accepted"
    )


def test_a_person_past_the_days_refused_bytes_is_paused(project):
    bad = b"firm-1,x\n" * 700  # 6,300 bytes
    submit_file(project, KINDS, "SI03", "line", "1.csv", bad, "contact:a", daily_limits=True)
    submit_file(project, KINDS, "SI03", "line", "2.csv", bad + b"\n", "contact:a", daily_limits=True)
    with pytest.raises(QuotaExceeded, match=r"files of yours refused today add up to 0\.0 MB"):
        submit_file(project, KINDS, "SI03", "line", "3.csv", b"firm-1,1", "contact:a", daily_limits=True)
    with project.unit_of_work() as uow:
        assert sum(len(u.content) for u in uow.session.query(Upload)) == 2 * KEPT_BYTES


def test_migration_0004_resolves_rows_doubled_before_the_rules(settings, tmp_path):
    """A database from before 0004 with the double-submission damage: after migrating, one current row each."""
    url = settings.database
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine_for(url)
    command.upgrade(config, "0003")
    with engine_for(url).begin() as connection:
        connection.execute(text("INSERT INTO engagement (id, region, started_at) VALUES (1, 'SI03', '2026-11-21')"))
        for n in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO upload (id, engagement_id, kind, filename, sha256, size, content, uploaded_by, "
                    "received_at, outcome, problems) VALUES (:n, 1, 'line', 'r.csv', 'same', 3000, :content, 'c', "
                    "'2026-11-21', :outcome, '[]')"
                ),
                {"n": n, "content": b"x" * 3000, "outcome": ("accepted", "accepted", "received")[n - 1]},
            )
            connection.execute(
                text(
                    "INSERT INTO recorded_input (id, engagement_id, kind, key, payload, sha256, recorded_by, "
                    "recorded_at) VALUES (:n, 1, 'line', 'firm-1', '{}', 'h', 'c', '2026-11-21')"
                ),
                {"n": n},
            )
    project = Project(settings, {})  # migrates to the newest schema
    assert [(r.id, r.superseded_by) for r in rows(project, RecordedInput)] == [(1, 3), (2, 3), (3, None)]
    uploads = rows(project, Upload)
    assert [u.outcome for u in uploads] == ["accepted", "duplicate", "rejected"]
    assert (
        uploads[2].problems[0]["reason"].startswith("the file could not be read")
        and len(uploads[2].content) == KEPT_BYTES
    )
    assert uploads[0].content == b"x" * 3000


def test_file_names_are_stored_without_folders_control_characters_or_excess_length(project):
    assert shown_filename("C:\\Users\\ana\\odgovori.csv") == "odgovori.csv"
    assert shown_filename("../../etc/passwd") == "passwd"
    assert shown_filename("a\x00b\r\n.csv") == "ab.csv" and shown_filename("\x00") == "upload"
    long = shown_filename("ž" * 600 + ".xlsx")
    assert len(long) <= 200 and long.endswith("….xlsx")
    receipt = submit_file(project, KINDS, "SI03", "line", "a\x00" + "b" * 500 + ".csv", b"firm-1,1", "contact:a")
    assert receipt.filename == "a" + "b" * 186 + "….csv" and len(receipt.filename) == 192
    assert rows(project, Upload)[0].filename == receipt.filename
