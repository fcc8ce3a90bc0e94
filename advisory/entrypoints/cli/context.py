"""What every command starts from: the project opened once, and one way to report what cannot be done.

A command raises `AdvisoryError` (unknown region, stage, reviewer or file, bad input, an action
not possible now); the root group prints it as one line naming the thing and what is valid, and
exits with its code (2, or 1 for a refused upload). Anything else is a bug: its traceback goes to
the data directory's log file (`advisory.log`), the terminal gets one line saying where, and the
exit code is 3. No traceback reaches the terminal.
"""

from __future__ import annotations

import logging
import traceback
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from typer import TyperException
from typer.core import TyperGroup

from advisory.entrypoints.cli.terminal import console

if TYPE_CHECKING:
    from pathlib import Path

    from advisory.services.project import Project

BUG_EXIT_CODE = 3
log = logging.getLogger("advisory.cli")


class AdvisoryGroup(TyperGroup):
    """The root command group: an `AdvisoryError` becomes one line and its exit code; a bug, one line and the log."""

    def invoke(self, ctx: typer.Context) -> Any:
        from advisory.domain.errors import AdvisoryError  # imported when a command runs, not for --help

        try:
            return super().invoke(ctx)
        except AdvisoryError as exc:
            console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
            raise typer.Exit(exc.exit_code) from None
        except (TyperException, typer.Exit, typer.Abort):  # usage errors and exits: the command line's own answers
            raise
        except Exception as exc:  # a bug: logged with its traceback, never shown as one
            where = log_failure(ctx, exc)
            console.print(
                f"[bold red]error:[/] the command failed unexpectedly ({type(exc).__name__}); "
                f"the details are in {where}",
                highlight=False,
            )
            raise typer.Exit(BUG_EXIT_CODE) from None


def log_failure(ctx: typer.Context, exc: Exception) -> Path | str:
    """Append the failure with its traceback to the data directory's log file; where it went."""
    from advisory.settings import Settings

    try:
        settings = Settings()
        path = settings.log_file
        path.parent.mkdir(parents=True, exist_ok=True)
        command = " ".join(filter(None, ["advisory", ctx.invoked_subcommand]))
        stamp = settings.clock.now().isoformat(timespec="seconds")
        with path.open("a", encoding="utf-8") as stream:
            stream.write(f"--- {stamp} {command}\n")
            stream.write("".join(traceback.format_exception(exc)))
        return path
    except Exception:  # the log itself cannot be written (read-only disk): the logging module's handlers get it
        log.exception("unexpected failure")
        return "the server log"


def open_project() -> Project:
    """The project on this machine's settings, with Prefect configured to use the same data directory."""
    from advisory.services.project import Project
    from advisory.settings import Settings
    from workflows.runtime import configure_prefect, use_project

    settings = Settings()
    configure_prefect(settings)
    project = Project(settings)
    use_project(project)
    return project


def fail(message: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    raise typer.Exit(code)
