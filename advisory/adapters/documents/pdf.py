"""PDF copies of Word documents, through LibreOffice: the one way the project converts a document; and the
pages of a PDF as a reader turns them (`pages`, `sparse_pages`: no page may be blank or nearly so).

LibreOffice does not refresh a document's table of contents when it converts from the command
line, so the conversion runs a small Basic macro instead: open each document hidden, update its
indexes (the contents, with page numbers), export it as PDF. The macro lives in a LibreOffice
profile made for the call, so conversions never share (and block) a profile.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from pydantic import BaseModel, Field

from advisory.domain.errors import AdvisoryError

TIMEOUT_SECONDS = 60
MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ExportPdfs(jobs As String)
    Dim load(1) As New com.sun.star.beans.PropertyValue
    load(0).Name = &quot;Hidden&quot;
    load(0).Value = True
    load(1).Name = &quot;ReadOnly&quot;
    load(1).Value = True
    Dim store(0) As New com.sun.star.beans.PropertyValue
    store(0).Name = &quot;FilterName&quot;
    store(0).Value = &quot;writer_pdf_Export&quot;
    pairs = Split(jobs, &quot;|&quot;)
    For k = 0 To UBound(pairs) Step 2
        doc = StarDesktop.loadComponentFromURL(ConvertToURL(pairs(k)), &quot;_blank&quot;, 0, load())
        indexes = doc.getDocumentIndexes()
        For i = 0 To indexes.getCount() - 1
            indexes.getByIndex(i).update()
        Next i
        doc.storeToURL(ConvertToURL(pairs(k + 1)), store())
        doc.close(True)
    Next k
End Sub
</script:module>
"""


class LibreOfficeMissing(AdvisoryError):
    """PDF export needs LibreOffice (`soffice`), and this machine has none."""


def export_pdf(docx: Path, out_dir: Path | None = None) -> Path:
    """`docx` converted to a PDF (beside it, or in `out_dir`); the PDF's path."""
    return export_pdfs([docx], out_dir or docx.parent)[0]


def export_pdfs(documents: list[Path], out_dir: Path) -> list[Path]:
    """Several documents converted in one LibreOffice run (it starts slowly); the PDFs' paths, in order."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise LibreOfficeMissing("PDF export needs LibreOffice (soffice), which is not installed on this machine")
    sources = [str(path.resolve()) for path in documents]
    if any('"' in path or "|" in path for path in sources):
        raise AdvisoryError("a document path holds a quote or a bar, which the PDF export cannot pass on")
    out_dir.mkdir(parents=True, exist_ok=True)
    pdfs = [out_dir / f"{path.stem}.pdf" for path in documents]
    with tempfile.TemporaryDirectory(prefix="advisory-lo-") as profile:
        base = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        _run([*base, "--terminate_after_init"], TIMEOUT_SECONDS)
        library = Path(profile) / "user" / "basic" / "Standard"
        library.mkdir(parents=True, exist_ok=True)
        (library / "Module1.xba").write_text(MACRO, encoding="utf-8")
        jobs = "|".join(f"{source}|{pdf.resolve()}" for source, pdf in zip(sources, pdfs, strict=True))
        macro = f'macro:///Standard.Module1.ExportPdfs("{jobs}")'
        _run([*base, macro], TIMEOUT_SECONDS * max(1, len(sources) // 10))
    failed = [pdf.name for pdf in pdfs if not pdf.exists()]
    if failed:
        raise AdvisoryError(f"LibreOffice could not convert {', '.join(failed)} to PDF")
    return pdfs


def _run(command: list[str], timeout: float) -> None:
    """Run LibreOffice; one that hangs (a dialog it cannot show, headless) is killed, not waited for forever."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise AdvisoryError(f"LibreOffice did not finish within {timeout:.0f} s and was stopped") from None


# --- pages as a reader turns them --------------------------------------------------------------
SPARSE_WORDS = 40  # fewer words than this (and no picture) on a page is a page nobody wants to turn to


class Page(BaseModel):
    number: int
    words: int = Field(description="words on the page, its running footer left out")
    pictures: int
    text: str


def pages(pdf: Path) -> list[Page]:
    """Every page of a PDF: its text (poppler's pdftotext), its word count without the footer, its pictures."""
    for tool in ("pdftotext", "pdfimages"):
        if shutil.which(tool) is None:
            raise AdvisoryError(f"reading a PDF's pages needs poppler's {tool}, which is not installed on this machine")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    pictures: dict[int, int] = {}
    for line in listed.splitlines()[2:]:  # two header lines, then one line per picture: its page first
        fields = line.split()
        if fields and fields[0].isdigit() and "smask" not in fields:
            pictures[int(fields[0])] = pictures.get(int(fields[0]), 0) + 1
    found = []
    for number, page in enumerate(text.split("\f")[:-1], start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        body = lines[:-1] if lines and FOOTER.search(lines[-1]) else lines
        found.append(
            Page(
                number=number,
                words=sum(len(line.split()) for line in body),
                pictures=pictures.get(number, 0),
                text=page,
            )
        )
    return found


FOOTER = re.compile(r"\b\d+\s*/\s*\d+\s*$")  # "Dresden · Benchmarking report · 3 / 10"


def sparse_pages(pdf: Path, min_words: int = SPARSE_WORDS) -> list[Page]:
    """Pages after the cover with hardly any text and no picture: blank pages, a lone table row, a stray line."""
    return [page for page in pages(pdf)[1:] if page.words < min_words and not page.pictures]
