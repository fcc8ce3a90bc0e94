"""The observatory's house style for Word templates, and a builder that writes docxtpl templates in it.

Every template gets the same cover page (region, stage, version, date), a contents list with
page numbers (a field Word and LibreOffice fill in), numbered captions on tables and charts,
page numbers in the footer and a sources-and-methods annex. Templates are built once by
`advisory templates build` and committed; experts may then edit them in Word, and
`advisory templates check` tells them if they broke a variable.

Pages are laid out like a publication's: the body follows the contents on the same page; no
page break is forced inside the body (a forced break leaves the page before it part-empty: a
table's last rows alone, or a blank page when the page before was full), so a new part is set
apart by space; headings and table captions keep with what follows, a figure with its caption;
table rows never split and header rows repeat on every page; column widths are set from the
rendered content (`layout.fit_tables`).
"""

from __future__ import annotations

import json
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from advisory.domain.text import Msg, _

BRAND = RGBColor(0x1F, 0x3A, 0x5F)
TABLE_PT = 9  # tables are set a point smaller than the body, as publications do
TEXT_WIDTH_CM = 16.6  # A4 portrait less 2 x 2.2 cm margins


def jinja_text(text: Msg | str) -> str:
    """What a template shows for a text: a message becomes a call of the catalog at render time
    (`{{ _("Contents") }}`, values filled in by jinja expressions), a plain string stays as written."""
    if not isinstance(text, Msg):
        return text
    return "{{ " + _jinja_call(text) + " }}"


def _jinja_call(message: Msg) -> str:
    if message.plural is not None:
        call = f"ngettext({json.dumps(message.id)}, {json.dumps(message.plural)}, {message.values['n']})"
    else:
        call = f"_({json.dumps(message.id)})"
    if not message.values:
        return call
    values = ", ".join(
        f"{name}={_jinja_call(value) if isinstance(value, Msg) else value}" for name, value in message.values.items()
    )
    return f"{call}.format({values})"


def counted(message: Msg, count: str) -> Msg:
    """A plural message (`ngettext`) whose count is a jinja expression of the context, e.g. `len(result.items)`:
    the catalog picks the form for the rendered number."""
    return message.model_copy(update={"values": {**message.values, "n": count}})


def in_jinja(message: Msg) -> str:
    """A message as a jinja expression, for use inside a cell's or a condition's jinja (`_("n/a")`)."""
    return _jinja_call(message)


def _field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word and LibreOffice fill in when laying out."""
    run = paragraph.add_run()
    for element in _field_start(instruction):
        run._r.append(element)
    text = OxmlElement("w:t")
    text.text = placeholder
    run._r.append(text)
    run._r.append(_fld_char("end"))


def _fld_char(kind: str) -> OxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _field_start(instruction: str) -> list[OxmlElement]:
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    begin = _fld_char("begin")
    begin.set(qn("w:dirty"), "true")  # Word recomputes it when the document opens
    return [begin, text, _fld_char("separate")]


def _column_weights(headers: list[Msg | str]) -> list[float]:
    """How wide each column wants to be when the template does not say: the first column holds the
    row's label (names of indicators, conditions, regions) and gets the most room; the others get
    room for their header's longest word, so no word is ever broken."""
    weights = []
    for index, header in enumerate(headers):
        words = str(header).split() or [""]
        longest = max(len(word) for word in words)
        weights.append(max(22.0 if index == 0 else 7.0, longest * 1.2))
    return weights


class TemplateBuilder:
    """Writes one stage template: call the block methods in reading order, then `save()`.

    Texts given as messages (`_("...")`) are looked up in the reader's catalog when the document is
    rendered, so one template serves every language.
    """

    def __init__(self, title: Msg | str) -> None:
        self.document = Document()
        self._headings: list[tuple[int, str]] = []
        self._next_heading_on_new_page = False
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
        for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 11), ("TOC Heading", 16)):
            styles[name].font.name = "DejaVu Sans"
            styles[name].font.size = Pt(size)
            styles[name].font.color.rgb = BRAND
        for name in ("Heading 1", "Heading 2", "Heading 3", "Caption"):
            styles[name].paragraph_format.keep_with_next = True
        styles["Caption"].font.size = Pt(9)
        styles["Caption"].paragraph_format.space_before = Pt(8)
        styles["Caption"].font.italic = True
        quote = styles["Quote"]
        quote.font.italic = True
        quote.paragraph_format.left_indent = Cm(0.8)
        # Word recomputes the contents' page numbers when the document opens.
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        self.document.settings.element.append(update)

    def _cover(self, title: Msg | str) -> None:
        doc = self.document
        for _blank in range(6):
            doc.add_paragraph()
        doc.add_paragraph(jinja_text(_("Prepared by the Cluster Observatory for")), style="Subtitle")
        doc.add_paragraph(
            "{{ region.name }}{% if region.code %} ({{ region.code }}){% endif %}"
            "{% if region.country_name %}, {{ region.country_name }}{% endif %}",
            style="Title",
        )
        cover_title = doc.add_paragraph()
        run = cover_title.add_run(jinja_text(title))
        run.bold, run.font.size, run.font.color.rgb = True, Pt(16), BRAND  # not a heading: no entry in the contents
        band = doc.add_paragraph()
        band.paragraph_format.space_before = Pt(18)
        version = jinja_text(_("Version {version}", version="document.version"))
        run = band.add_run("{{ document.stage_label }} · " + version + " · {{ document.date|date }}")
        run.bold = True
        run.font.color.rgb = BRAND
        doc.add_paragraph("{{ document.status_line }}")
        contents = doc.add_paragraph(jinja_text(_("Contents")), style="TOC Heading")
        contents.paragraph_format.page_break_before = True
        self._contents = doc.add_paragraph()

    def _footer(self) -> None:
        footer = self.document.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("{{ region.name }} · {{ document.title }} · ")
        _field(footer, "PAGE")
        footer.add_run(" / ")
        _field(footer, "NUMPAGES")

    # --- blocks -----------------------------------------------------------------------------
    def heading(self, text: Msg | str, level: int = 1, contents: bool = True, new_page: bool = False) -> None:
        """A heading; the contents list picks it up when Word or LibreOffice lays the document out. A heading that
        opens a new part (`new_page`, or after `page_break()`) is set apart by space, never by a forced page break."""
        heading = self.document.add_heading(jinja_text(text), level=level)
        if new_page or self._next_heading_on_new_page:
            heading.paragraph_format.space_before = Pt(30)
        self._next_heading_on_new_page = False
        if contents and level <= 2:
            self._headings.append((level, jinja_text(text)))

    def paragraph(self, text: Msg | str, style: str | None = None) -> None:
        self.document.add_paragraph(jinja_text(text), style=style)

    def raw(self, text: str) -> None:
        """A paragraph holding only a docxtpl tag such as `{%p if x %}`; docxtpl removes it."""
        self.document.add_paragraph(text)

    def bullets(self, items: str, text: Msg | str, var: str = "item") -> None:
        """One bullet per element of the context list `items`, written as `text` (jinja)."""
        self.raw(f"{{%p for {var} in {items} %}}")
        self.document.add_paragraph(jinja_text(text), style="List Bullet")
        self.raw("{%p endfor %}")

    def quote(self, text: str) -> None:
        """Words a person wrote, set apart as a quotation (jinja expression of the quoted text)."""
        self.document.add_paragraph(text, style="Quote")

    def table(
        self,
        caption: Msg | str,
        rows: str,
        columns: list[tuple[Msg | str, str]],
        var: str = "row",
        widths: list[float] | None = None,
    ) -> None:
        """A captioned table: a header row repeated on every page it spans, then one row per element of
        `rows` (jinja list). Columns get widths from `widths` (relative) or from their headers' words."""
        self._tables += 1
        label = _("Table {number}: {caption}", number=str(self._tables), caption=_jinja_value(caption))
        self.document.add_paragraph(jinja_text(label), style="Caption")
        table = self.document.add_table(rows=4, cols=len(columns))
        table.style = "Light Grid Accent 1"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _plain_first_column(table)
        for cell, (header, _expr) in zip(table.rows[0].cells, columns, strict=True):
            cell.text = jinja_text(header)
            for run in cell.paragraphs[0].runs:
                run.bold = True
                run.font.size = Pt(TABLE_PT)
        _repeat_as_header(table.rows[0])
        table.rows[1].cells[0].text = f"{{%tr for {var} in {rows} %}}"
        for cell, (_header, expr) in zip(table.rows[2].cells, columns, strict=True):
            cell.text = "{{ " + expr + " }}"
            cell.paragraphs[0].runs[0].font.size = Pt(TABLE_PT)
        _keep_rows_whole(table.rows[2])
        table.rows[3].cells[0].text = "{%tr endfor %}"
        weights = widths or _column_weights([header for header, _expr in columns])
        self.column_widths([TEXT_WIDTH_CM * w / sum(weights) for w in weights])
        self._spacer()

    def _spacer(self) -> None:
        """A small empty paragraph after a table: keeps two tables apart, and is never tall enough to need a page."""
        spacer = self.document.add_paragraph()
        spacer.paragraph_format.space_before = spacer.paragraph_format.space_after = Pt(0)
        spacer.paragraph_format.line_spacing = Pt(4)

    def column_widths(self, widths_cm: list[float]) -> None:
        """Set the widths of the most recently added table's columns: on the grid (LibreOffice) and cells (Word)."""
        table = self.document.tables[-1]
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=False):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_cm, strict=False):
                cell.width = Cm(width)

    def chart(self, expr: str, caption: Msg | str) -> None:
        """A chart drawn from a `Chart` in the context (render() turns it into a picture) with its caption below.

        Picture and caption sit in one borderless table cell that never splits: a figure moves to the next page
        whole, and the heading before it goes along (LibreOffice keeps a heading with a following table, but
        not reliably with a following picture)."""
        self._figures += 1
        figure = self.document.add_table(rows=1, cols=1)
        figure.alignment = WD_TABLE_ALIGNMENT.CENTER
        _keep_rows_whole(figure.rows[0])
        cell = figure.rows[0].cells[0]
        picture = cell.paragraphs[0]
        picture.add_run("{{ " + expr + " }}")
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        label = _("Figure {number}: {caption}", number=str(self._figures), caption=_jinja_value(caption))
        below = cell.add_paragraph(jinja_text(label), style="Caption")
        below.paragraph_format.keep_with_next = False  # the caption closes the figure; what follows may go on
        self.column_widths([TEXT_WIDTH_CM])
        self._spacer()

    def page_break(self) -> None:
        """The next heading opens a new part: set apart by space (see `heading`; no page is forced)."""
        self._next_heading_on_new_page = True

    def sources_annex(self) -> None:
        self.heading(_("Annex: sources and methods"), 1, new_page=True)  # set apart, not on a page of its own
        self.paragraph(_("Every figure in this document comes from one of the sources below."))
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        self.table(
            _("Sources and methods"),
            "sources",
            [
                (_("Dataset or input"), "source.dataset"),
                (_("Indicator or table"), "source.detail"),
                (_("Year"), "source.year"),
                (_("Computation"), "source.computation"),
            ],
            var="source",
            widths=[4, 4, 1.6, 5],
        )

    def save(self, path: Path) -> Path:
        self._contents_field()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.document.save(str(path))
        return path

    def _contents_field(self) -> None:
        """A real table-of-contents field; until Word or LibreOffice lays the document out (or the PDF export
        does), it shows the template's headings without page numbers."""
        first = self._contents
        for element in _field_start('TOC \\o "1-2" \\h \\z \\u'):
            first.add_run()._r.append(element)
        entries = self._headings or [(1, "")]
        level, text = entries[0]
        first.add_run(text)
        last = first
        for level, text in entries[1:]:
            last = _paragraph_after(last, text)
            last.paragraph_format.left_indent = Cm(0.8 * (level - 1))
        # The field ends in a paragraph of its own, as Word writes it: ended inside the last entry, LibreOffice
        # lets the contents' section run on into the body, where "keep with next" then stops working.
        end = _paragraph_after(last, "")
        end.paragraph_format.space_before = end.paragraph_format.space_after = Pt(0)
        end.add_run()._r.append(_fld_char("end"))


def _jinja_value(text: Msg | str) -> Msg | str:
    """A caption given as a message stays a message (translated inside the label); a string is quoted for jinja."""
    return text if isinstance(text, Msg) else json.dumps(text)


def _paragraph_after(paragraph: Paragraph, text: str) -> Paragraph:
    new = OxmlElement("w:p")
    paragraph._p.addnext(new)
    added = Paragraph(new, paragraph._parent)
    added.add_run(text)
    return added


def _plain_first_column(table) -> None:
    """The grid style sets the first column in bold; long labels read better in the body's weight."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.set(qn("w:firstColumn"), "0")
        look.set(qn("w:val"), f"{int(look.get(qn('w:val'), '0'), 16) & ~0x0080:04X}")  # the same, as the old bitmask


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_rows_whole(row) -> None:
    properties = row._tr.get_or_add_trPr()
    whole = OxmlElement("w:cantSplit")
    whole.set(qn("w:val"), "true")
    properties.append(whole)
