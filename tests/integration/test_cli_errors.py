"""The command line's error vocabulary (issue 16, points 8 and 10): one line naming the thing and what is valid,
exit code 2 (1 for a refused file, 3 for a bug, whose traceback goes to the log file), never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from advisory.entrypoints.cli import app
from tests.portal_world import assign_reviewer, real_project

REGIONS = "DED2, ES61, HU33, PL21, SI03, SK04"


@pytest.fixture
def env(settings, monkeypatch):
    for key, value in {
        "DATA_DIR": settings.data_dir,
        "OUTPUT_DIR": settings.output_dir,
        "DATABASE_URL": settings.database,
        "TODAY": settings.today,
    }.items():
        monkeypatch.setenv(f"ADVISORY_{key}", str(value))
    return settings


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    output = result.output
    assert "Traceback" not in output and result.exception is None or isinstance(result.exception, SystemExit), output
    return result.exit_code, output


def one_line(output: str) -> str:
    """The error line; rich may wrap a long line on the terminal, so the line is read whole again."""
    assert output.startswith("error: "), output
    return " ".join(output.split())


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("status", "--region", "XX99"), "XX99"),
        (("events", "XX99"), "XX99"),
        (("documents", "xx99"), "xx99"),
        (("approve", "XX99", "survey", "--by", "A. Expert"), "XX99"),
        (("contacts", "list", "zz01"), "zz01"),
    ],
)
def test_an_unknown_region_is_named_with_the_regions_there_are(env, args, named):
    code, output = run(*args)
    assert code == 2 and one_line(output) == f"error: unknown region '{named}'; the demonstrator regions are {REGIONS}"


def test_an_unknown_stage_is_named_with_the_stages_there_are(env):
    code, output = run("close", "SI03", "drafting", "--by", "A. Expert")
    assert code == 2
    assert one_line(output) == (
        "error: unknown stage 'drafting'; the stages are assessment, survey, benchmarking, peer_review, briefing"
    )


def test_approvals_closings_and_edits_need_a_named_person(env):
    for args in (("approve", "SI03", "survey"), ("close", "SI03", "survey"), ("briefing", "edits", "SI03", "e.yaml")):
        code, output = run(*args)
        assert code == 2 and "Missing option '--by'" in output, args


def test_export_pdf_names_what_it_cannot_export(env, tmp_path):
    code, output = run("export-pdf", "SI03")
    assert code == 2 and one_line(output) == f"error: SI03 has no Word documents yet under {env.output_dir / 'SI03'}"
    code, output = run("export-pdf", str(tmp_path / "missing.docx"))
    assert code == 2 and one_line(output) == (
        f"error: {tmp_path / 'missing.docx'}: no such file, and not a region code (the regions are {REGIONS})"
    )
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    code, output = run("export-pdf", str(text))
    assert code == 2 and "not a Word document (.docx)" in output


def test_restore_from_a_missing_folder_says_what_a_backup_is(env, tmp_path):
    code, output = run("restore", str(tmp_path / "nowhere"))
    assert code == 2 and one_line(output).startswith(f"error: {tmp_path / 'nowhere'}")
    assert "Errno" not in output and "advisory backup" in output


def test_the_review_template_blames_the_right_thing(env, tmp_path):
    code, output = run("peer-review", "review-template", "es61", "nobody", "--out", str(tmp_path / "r.yaml"))
    assert code == 2 and one_line(output).startswith("error: unknown reviewer 'nobody'; the reviewer pool has ")
    assert "region" not in output.split(";")[0]
    code, output = run("peer-review", "review-template", "xx99", "ivana-horvat", "--out", str(tmp_path / "r.yaml"))
    assert code == 2 and one_line(output) == f"error: unknown region 'xx99'; the demonstrator regions are {REGIONS}"


def test_a_refused_review_lists_its_problems_in_plain_words(env, tmp_path):
    review = tmp_path / "review.yaml"
    review.write_text("reviewer_id: nobody\nregion: SI03\nscores:\n  relevance: high\nsurplus: 1\n")
    code, output = run("peer-review", "submit", "SI03", str(review))
    assert code == 1 and "rejected review.yaml" in output
    for raw in ("Input should", "Field required", "Extra inputs", "type=", "pydantic"):
        assert raw not in output, raw
    assert "is not a field this file has" in output and "is missing; this field is required" in output
    broken = tmp_path / "broken.yaml"
    broken.write_text("reviewer_id: a\n  region: SI03\nscores: [1, 2\n")
    code, output = run("peer-review", "submit", "SI03", str(broken))
    assert code == 1 and "not valid YAML" in output and "(line 2, column" in output
    assert "while parsing" not in output and "<unicode string>" not in output


def test_a_broken_region_profile_is_named_in_plain_words(env, tmp_path, monkeypatch):
    regions = tmp_path / "regions"
    regions.mkdir()
    (regions / "XX01.yaml").write_text("code: XX01\nname: [unclosed\n")
    monkeypatch.setenv("ADVISORY_REGIONS_DIR", str(regions))
    code, output = run("status")
    assert code == 2 and one_line(output).startswith(f"error: {regions / 'XX01.yaml'}: not valid YAML: ")
    assert "while parsing" not in output


def test_survey_problems_reach_the_expert_in_english_or_the_language_asked(env, tmp_path):
    sent = tmp_path / "answers.csv"
    sent.write_text("region,instrument_version,respondent_id\nSI03,1,firm-1\n", encoding="utf-8")
    code, output = run("survey", "submit", "SI03", str(sent))
    assert code == 1 and "column size: This column is missing." in output  # SI03's contacts read Slovenian
    code, output = run("survey", "submit", "SI03", str(sent), "--language", "sl")
    assert code == 1 and "column size: Ta stolpec manjka." in output
    code, output = run("survey", "submit", "SI03", str(sent), "--language", "xx")
    assert (
        code == 2
        and one_line(output)
        == "error: there is no translation catalog for the language 'xx'; "
        "the languages are de, en, es, hu, it, pl, sk, sl"
    )


def test_invitations_check_the_address_and_the_reviewers_assignment(env):
    """Point 8: a reviewer link said "reviewer of DED2" but opened SI03; unknown ids and "not-an-email" went through."""
    code, output = run("contacts", "invite", "SI03", "not-an-email", "--by", "Lead")
    assert code == 2 and one_line(output) == "error: 'not-an-email' is not an e-mail address (name@organisation.eu)"
    code, output = run(
        "contacts", "invite", "DED2", "iv@example.hr", "--role", "reviewer", "--reviewer-id", "nobody", "--by", "Lead"
    )
    assert code == 2 and one_line(output).startswith("error: unknown reviewer 'nobody'; the reviewer pool has ")
    assign_reviewer(real_project(env), "SI03", "ivana-horvat")
    code, output = run(
        "contacts",
        "invite",
        "DED2",
        "iv@example.hr",
        "--role",
        "reviewer",
        "--reviewer-id",
        "ivana-horvat",
        "--by",
        "L",
    )
    assert code == 2 and one_line(output) == (
        "error: reviewer 'ivana-horvat' is not assigned to DED2; DED2 has no reviewers yet "
        "(its peer review pack is not written)"
    )
    code, output = run(
        "contacts",
        "invite",
        "SI03",
        "iv@example.hr",
        "--role",
        "reviewer",
        "--reviewer-id",
        "ivana-horvat",
        "--by",
        "L",
    )
    assert code == 0 and "reviewer of SI03" in output and "/signin?token=" in output


def test_revoking_an_unknown_or_absurd_token_id_says_so(env):
    for token_id in ("12345", "99999999999999999999"):
        code, output = run("contacts", "revoke", token_id, "--by", "Lead")
        assert code == 2 and one_line(output).startswith(f"error: no link with token id {token_id} to withdraw")


def test_a_bug_prints_one_line_and_leaves_its_traceback_in_the_log(env, monkeypatch):
    def broken(project):
        raise RuntimeError("the secret internals")

    monkeypatch.setattr("advisory.services.status.status_matrix", broken)
    code, output = run("status")
    log = env.data_dir / "advisory.log"
    assert code == 3 and one_line(output) == (
        f"error: the command failed unexpectedly (RuntimeError); the details are in {log}"
    )
    assert "secret internals" not in output
    written = log.read_text()
    assert "Traceback" in written and "the secret internals" in written and "advisory status" in written
