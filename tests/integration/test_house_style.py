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


class Populations(BaseModel):
    rows: list[dict[str, str]]


def populations_document(tmp_path):
    """A table whose header word 'Population' is wider than its column's figures, beside a column of long text."""
    builder = TemplateBuilder(_("Assessment report"))
    builder.heading("Chapter", 1)
    builder.table(
        _("Sources and methods"),
        "result.rows",
        [("Region", "row.name"), ("Population", "row.value"), ("Why similar", "row.reason")],
    )
    template = builder.save(tmp_path / "template.docx")
    reason = "Similar employment in high and medium-high tech manufacturing 8.0 % (here 8.6 %) " * 2
    rows = Populations(rows=[{"name": "Südösterreich (AT2)", "value": "1.8", "reason": reason}] * 3)
    meta = DocumentMeta(title=_("Assessment report"), stage_label="x", version=1, date=dt.date(2026, 11, 21))
    context = DocumentContext(region=REGIONS["SI03"], document=meta, result=rows, sources=[])
    return render(template, context, tmp_path / "populations.docx", "en").path


def test_no_column_is_narrower_than_its_longest_word(tmp_path):
    from docx import Document

    from advisory.adapters.documents.layout import PADDING_PT, text_width

    table = Document(str(populations_document(tmp_path))).tables[0]
    widths = [column.width.pt for column in table.columns]
    assert widths[1] >= text_width("Population", bold=True, size_pt=9) + PADDING_PT - 0.1
    assert widths[0] >= text_width("Südösterreich", size_pt=9) + PADDING_PT - 0.1
    assert widths[2] == max(widths), "the column with the most text gets the room left"
    assert sum(widths) == pytest.approx(16.6 / 2.54 * 72, abs=1)


@pytest.mark.libreoffice
def test_words_are_not_broken_in_the_pdf(tmp_path):
    pages = pages_text(pdf_of(populations_document(tmp_path)))
    body = "\n".join(pages)
    assert "Population" in body and "Populatio\n" not in body and "Südösterreich" in body


@pytest.mark.libreoffice
def test_a_blank_or_nearly_empty_page_is_found_and_the_house_style_has_none(tmp_path):
    from docx import Document
    from docx.enum.text import WD_BREAK

    from advisory.adapters.documents.pdf import sparse_pages

    document = Document()
    document.add_paragraph("Cover")
    document.add_paragraph("Text of the chapter. " * 200)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Gold)")
    document.save(tmp_path / "gappy.docx")
    found = sparse_pages(pdf_of(tmp_path / "gappy.docx"))
    assert [page.number for page in found] == [3, 4] and found[-1].words == 1
    assert sparse_pages(pdf_of(long_document(tmp_path, "de"))) == []
