"""Optional PDF export next to each Word document, through LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


def export_pdf(docx: Path) -> Path | None:
    """`docx` converted to a PDF beside it; None (with a message on stderr-free stdout) when soffice is missing."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print(f"PDF export skipped for {docx.name}: LibreOffice (soffice) is not installed.")
        return None
    # a profile per call: two conversions sharing one LibreOffice profile block each other
    with tempfile.TemporaryDirectory(prefix="advisory-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(docx.parent), str(docx)],
                       check=True, timeout=TIMEOUT_SECONDS, capture_output=True)
    pdf = docx.with_suffix(".pdf")
    return pdf if pdf.exists() else None
