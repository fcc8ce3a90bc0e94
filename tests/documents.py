"""Reading documents as their readers do: Word text, PDFs through LibreOffice, pages as pictures."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from advisory.adapters.documents.pdf import export_pdfs
from advisory.adapters.documents.templates import TemplateSource


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a Word document, in order."""
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def pdfs_of(documents: list[Path], out_dir: Path) -> list[Path]:
    """The documents converted by LibreOffice (the test is skipped where it is not installed)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not on PATH, so the PDF conversion cannot be checked")
    out_dir.mkdir(parents=True, exist_ok=True)
    return export_pdfs(documents, out_dir)


def pdf_of(document: Path, out_dir: Path | None = None) -> Path:
    return pdfs_of([document], out_dir or document.parent)[0]


def page_images(pdf: Path, out_dir: Path, dpi: int = 30) -> list[Path]:
    """Every page of the PDF as a PNG (skipped where poppler's pdftoppm is not installed)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler) is not on PATH")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(out_dir / pdf.stem)], check=True, timeout=120)
    return sorted(out_dir.glob(f"{pdf.stem}-*.png"))


def template_source(document: str) -> TemplateSource:
    """The template source of a document of the real stage table."""
    from advisory.stages.table import TEMPLATES

    return next(source for source in TEMPLATES if source.document == document)
