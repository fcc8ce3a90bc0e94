"""The `advisory` command: run engagements, record inputs, approve documents, watch progress.

Each area's commands live in their own module; this one mounts them on the root group, which
turns every `AdvisoryError` into one line and an exit code (see context.py).
"""

from __future__ import annotations

import typer

from advisory.entrypoints.cli import (
    backup,
    benchmark,
    documents,
    engagements,
    export,
    inputs,
    notifications,
    partners,
    peer_review,
    portal,
    programme,
    regions,
    survey,
)
from advisory.entrypoints.cli.context import AdvisoryGroup

app = typer.Typer(
    cls=AdvisoryGroup,
    help="Advisory engine of the Cluster Observatory: model demonstrator regions through five stages each.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

for commands in (engagements.app, notifications.app, backup.app, portal.app):
    app.registered_commands.extend(commands.registered_commands)
survey.app.command("submit")(inputs.survey_submit)
peer_review.app.command("submit")(inputs.review_submit)
app.add_typer(inputs.assessment_app, name="assessment")
app.add_typer(survey.app, name="survey")
app.add_typer(benchmark.app, name="benchmark")
app.add_typer(peer_review.app, name="peer-review")
app.add_typer(inputs.briefing_app, name="briefing")
app.add_typer(documents.templates_app, name="templates")
app.command("export-pdf")(documents.export_pdf_command)
app.command("export")(export.export_command)
app.command("partners")(partners.partners_command)
app.add_typer(portal.contacts_app, name="contacts")
app.add_typer(regions.app, name="region")
app.add_typer(programme.app, name="programme")

if __name__ == "__main__":
    app()
