"""The house style as a reader meets it: contents with page numbers, table headers on every page, no blank page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import numpy as np
import pytest
from PIL import Image
from pydantic import BaseModel

from advisory.adapters.documents.house_style import TemplateBuilder
from advisory.adapters.documents.render import render
from advisory.domain.documents import DocumentContext, DocumentMeta
from advisory.domain.sources import Source
from advisory.domain.text import _
from tests.documents import page_images, pdf_of
from tests.fakes import REGIONS


class Rows(BaseModel):
    rows: list[dict[str, str]]


def long_document(tmp_path, language: str):
    builder = TemplateBuilder(_("Assessment report"))
    for chapter in range(1, 4):
        builder.heading(f"Chapter {chapter}", 1)
        builder.paragraph("Text of the chapter. " * 60)
    builder.table(_("Sources and methods"), "result.rows", [("Indicator", "row.name"), ("Value", "row.value")])
    builder.sources_annex()
    template = builder.save(tmp_path / "template.docx")
    rows = Rows(rows=[{"name": f"Indicator {n} with a long name", "value": str(n)} for n in range(1, 90)])
    meta = DocumentMeta(title=_("Assessment report"), stage_label="x", version=1, date=dt.date(2026, 11, 21))
    source = Source(key="k", dataset="Eurostat", year="2019")
    context = DocumentContext(region=REGIONS["SI03"], document=meta, result=rows, sources=[source])
    return render(template, context, tmp_path / f"document_{language}.docx", language).path


def pages_text(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


@pytest.mark.libreoffice
def test_the_contents_show_page_numbers_in_the_pdf_and_table_headers_repeat(tmp_path):
    pages = pages_text(pdf_of(long_document(tmp_path, "sl")))
    contents = pages[1]
    assert "Vsebina" in contents
    numbered = re.findall(r"(Chapter \d|Priloga: viri in metode)\s*\.{3,}\s*(\d+)", contents)
    assert [name for name, _page in numbered] == ["Chapter 1", "Chapter 2", "Chapter 3", "Priloga: viri in metode"]
    assert [int(page) for _name, page in numbered] == sorted(int(page) for _name, page in numbered)
    spanned = [page for page in pages if "with a long name" in page]
    assert len(spanned) >= 2, "the table should run over more than one page"
    assert all(re.search(r"^\s*Indicator\s+Value\s*$", page, re.MULTILINE) for page in spanned)


@pytest.mark.libreoffice
def test_no_page_of_a_document_is_blank(tmp_path):
    pdf = pdf_of(long_document(tmp_path, "en"))
    for page in page_images(pdf, tmp_path / "pages"):
        ink = (np.asarray(Image.open(page).convert("L")) < 200).sum()
        assert ink > 400, f"{page.name} is blank or nearly so"
