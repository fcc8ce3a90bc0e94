"""The observatory's house style for Word templates, and a builder that writes docxtpl templates in it.

Every template gets the same cover page (region, stage, version, date), a contents list,
numbered captions on tables and charts, page numbers in the footer and a sources-and-methods
annex. Templates are built once by `advisory templates build` and committed; experts may then
edit them in Word, and `advisory templates check` tells them if they broke a variable.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BRAND = RGBColor(0x1F, 0x3A, 0x5F)

# Fixed words of the house style per language; a document's own text lives in its template source.
LABELS: dict[str, dict[str, str]] = {
    "de": {
        "contents": "Inhalt", "version": "Version", "page": "Seite", "of": "von", "table": "Tabelle",
        "figure": "Abbildung", "sources": "Anhang: Quellen und Methoden",
        "sources_intro": "Jede Zahl in diesem Dokument stammt aus einer der folgenden Quellen.",
        "dataset": "Datensatz oder Eingabe", "detail": "Indikator oder Tabelle", "year": "Jahr",
        "computation": "Berechnung", "prepared": "Erstellt vom Cluster-Observatorium für",
    },
    "sl": {
        "contents": "Vsebina", "version": "Različica", "page": "Stran", "of": "od", "table": "Preglednica",
        "figure": "Slika", "sources": "Priloga: viri in metode",
        "sources_intro": "Vsak podatek v tem dokumentu izhaja iz enega od spodnjih virov.",
        "dataset": "Podatkovni niz ali vnos", "detail": "Kazalnik ali preglednica", "year": "Leto",
        "computation": "Izračun", "prepared": "Pripravil Observatorij grozdov za",
    },
    "es": {
        "contents": "Índice", "version": "Versión", "page": "Página", "of": "de", "table": "Tabla",
        "figure": "Figura", "sources": "Anexo: fuentes y métodos",
        "sources_intro": "Cada cifra de este documento procede de una de las fuentes siguientes.",
        "dataset": "Conjunto de datos o aportación", "detail": "Indicador o tabla", "year": "Año",
        "computation": "Cálculo", "prepared": "Elaborado por el Observatorio de Clústeres para",
    },
}


def _field(paragraph, instruction: str) -> None:
    """Insert a Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, placeholder, end):
        run._r.append(element)


class TemplateBuilder:
    """Writes one stage template: call the block methods in reading order, then `save()`."""

    def __init__(self, title: str, labels: dict[str, str] | None = None, language: str = "en") -> None:
        self.language = language
        self.labels = {
            "contents": "Contents",
            "version": "Version",
            "page": "Page",
            "of": "of",
            "table": "Table",
            "figure": "Figure",
            "sources": "Annex: sources and methods",
            "sources_intro": "Every figure in this document comes from one of the sources below.",
            "dataset": "Dataset or input",
            "detail": "Indicator or table",
            "year": "Year",
            "computation": "Computation",
            "prepared": "Prepared by the Cluster Observatory for",
        } | LABELS.get(language, {}) | (labels or {})
        self.document = Document()
        self._headings: list[tuple[int, str]] = []
        self._tables = 0
        self._figures = 0
        self._style()
        self._cover(title)
        self._footer()

    # --- layout -----------------------------------------------------------------------------
    def _style(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        for margin in ("left_margin", "right_margin"):
            setattr(section, margin, Cm(2.2))
        section.top_margin = section.bottom_margin = Cm(2.0)
        styles = self.document.styles
        styles["Normal"].font.name = "DejaVu Sans"
        styles["Normal"].font.size = Pt(10)
        for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11)):
            styles[name].font.name = "DejaVu Sans"
            styles[name].font.size = Pt(size)
            styles[name].font.color.rgb = BRAND
        styles["Caption"].font.size = Pt(9)
        styles["Caption"].font.italic = True

    def _cover(self, title: str) -> None:
        doc = self.document
        for _ in range(6):
            doc.add_paragraph()
        doc.add_paragraph(self.labels["prepared"], style="Subtitle")
        doc.add_paragraph("{{ region.name }} ({{ region.code }}), {{ region.country_name }}", style="Title")
        doc.add_paragraph(title, style="Heading 1")
        band = doc.add_paragraph()
        band.paragraph_format.space_before = Pt(18)
        run = band.add_run(
            "{{ document.stage_label }} · " + self.labels["version"] + " {{ document.version }} · {{ document.date|date }}"
        )
        run.bold = True
        run.font.color.rgb = BRAND
        doc.add_paragraph("{{ document.status_line }}")
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        self._contents_anchor = doc.add_paragraph(self.labels["contents"], style="Heading 1")
        self._contents_end = doc.add_paragraph()
        self._contents_end.add_run().add_break(WD_BREAK.PAGE)

    def _footer(self) -> None:
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("{{ region.name }} · {{ document.title }} · " + self.labels["page"] + " ")
        _field(footer, "PAGE")
        footer.add_run(f" {self.labels['of']} ")
        _field(footer, "NUMPAGES")

    # --- blocks -----------------------------------------------------------------------------
    def heading(self, text: str, level: int = 1, contents: bool = True) -> None:
        """A heading; `contents=False` for headings repeated in a loop, which a static contents list cannot show."""
        self.document.add_heading(text, level=level)
        if contents and level <= 2:
            self._headings.append((level, text))

    def paragraph(self, text: str, style: str | None = None) -> None:
        self.document.add_paragraph(text, style=style)

    def raw(self, text: str) -> None:
        """A paragraph holding only a docxtpl tag such as `{%p if x %}`; docxtpl removes it."""
        self.document.add_paragraph(text)

    def bullets(self, items: str, text: str, var: str = "item") -> None:
        """One bullet per element of the context list `items`, written as `text` (jinja)."""
        self.raw(f"{{%p for {var} in {items} %}}")
        self.document.add_paragraph(text, style="List Bullet")
        self.raw("{%p endfor %}")

    def table(self, caption: str, rows: str, columns: list[tuple[str, str]], var: str = "row") -> None:
        """A captioned table: a header row, then one row per element of `rows` (jinja list)."""
        self._tables += 1
        self.document.add_paragraph(f"{self.labels['table']} {self._tables}: {caption}", style="Caption")
        table = self.document.add_table(rows=4, cols=len(columns))
        table.style = "Light Grid Accent 1"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, (header, _) in zip(table.rows[0].cells, columns, strict=True):
            cell.text = header
            for run in cell.paragraphs[0].runs:
                run.bold = True
        table.rows[1].cells[0].text = f"{{%tr for {var} in {rows} %}}"
        for cell, (_, expr) in zip(table.rows[2].cells, columns, strict=True):
            cell.text = "{{ " + expr + " }}"
        table.rows[3].cells[0].text = "{%tr endfor %}"
        self.document.add_paragraph()

    def column_widths(self, widths_cm: list[float]) -> None:
        """Set the widths of the most recently added table's columns: on the grid (LibreOffice) and cells (Word)."""
        table = self.document.tables[-1]
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=False):
                cell.width = Cm(width)

    def chart(self, expr: str, caption: str) -> None:
        """A chart drawn from a `Chart` in the context (render() turns it into a picture)."""
        self._figures += 1
        picture = self.document.add_paragraph("{{ " + expr + " }}")
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.document.add_paragraph(f"{self.labels['figure']} {self._figures}: {caption}", style="Caption")

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def sources_annex(self) -> None:
        self.page_break()
        self.heading(self.labels["sources"], 1)
        self.paragraph(self.labels["sources_intro"])
        self.table(
            self.labels["sources"],
            "sources",
            [
                (self.labels["dataset"], "source.dataset ~ ' [' ~ source.key ~ ']'"),
                (self.labels["detail"], "source.detail"),
                (self.labels["year"], "source.year"),
                (self.labels["computation"], "source.computation"),
            ],
            var="source",
        )

    def save(self, path: Path) -> Path:
        for level, text in self._headings:
            entry = self._contents_end.insert_paragraph_before(text)
            entry.paragraph_format.left_indent = Cm(0.8 * (level - 1))
        path.parent.mkdir(parents=True, exist_ok=True)
        self.document.save(str(path))
        return path
