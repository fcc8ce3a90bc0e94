"""What the terminal shows: the console and the region x stage status table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from advisory.services.status import RegionRow

# Outside a terminal (CI logs, pipes) rich would fall back to 80 columns and truncate the table.
console = Console(width=None if Console().is_terminal else 132)

STATUS_STYLE = {
    "pending": "dim",
    "running": "cyan",
    "awaiting_input": "yellow",
    "ready_for_approval": "magenta",
    "completed": "green",
    "outdated": "bold yellow",
    "failed": "bold red",
}


def print_status(rows: list[RegionRow]) -> None:
    from advisory.domain.stages import STAGES

    table = Table(title="Engagements by stage", show_lines=True)
    table.add_column("Region")
    for stage in STAGES:
        table.add_column(f"{stage.number}. {stage.title}")
    for row in rows:
        cells = []
        for cell in row.cells:
            text = f"[{STATUS_STYLE[cell.status]}]{cell.status.replace('_', ' ')}[/]"
            if cell.missing:
                text += f"\n{cell.missing}"
            if cell.overdue:
                text += "\n[bold red]OVERDUE[/]"
            if cell.updated_at:
                text += f"\n[dim]{cell.updated_at:%Y-%m-%d %H:%M}[/]"
            cells.append(text)
        table.add_row(f"{row.region}\n{row.name}", *cells)
    console.print(table)
