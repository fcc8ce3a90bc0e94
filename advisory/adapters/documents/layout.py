"""The layout of a rendered Word document, set from what it really holds: column widths from the words in the cells.

A template cannot know how wide a column must be: a region's name, a translated header or a
number with its unit only exists once the document is rendered. `fit_tables` measures every word
of every cell in the document's font (DejaVu Sans, the house style's) and shares the text width
out as a browser lays out a table: no column narrower than its longest word (so "Population" is
never broken into "Populatio n"), and the room left over to the columns with the most text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table
from matplotlib import font_manager
from PIL import ImageFont

FONT_PT = 10.0  # the house style's body text: the size of a cell's text that does not say its own
PADDING_PT = 2 * 5.4 + 1.5  # Word's and LibreOffice's default cell margins (0.19 cm each side), and a little air
MEASURED_AT = 100  # font size the words are measured at (pixels), for precision
BREAKS = re.compile(r"[ \t\n]+")  # where a line may break (not at a no-break space)
SOFT_HYPHEN = "\u00ad"
UNBROKEN_PT = 60.0  # a body cell's text shorter than this stays on one line ("2018 (8)", "15 %")
LONGEST_WORD_SHARE = 0.3  # no column is widened beyond this share of the text width for one word


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal"))
    return ImageFont.truetype(path, MEASURED_AT)


@lru_cache(maxsize=20_000)
def text_width(text: str, bold: bool = False, size_pt: float = FONT_PT) -> float:
    """Width of a line of text in points, in the house font."""
    return _font(bold).getlength(text) * size_pt / MEASURED_AT


def fit_tables(document: Document) -> None:
    """Set every table's column widths from its content (tables with merged cells keep theirs)."""
    section = document.sections[0]
    available = Emu(section.page_width - section.left_margin - section.right_margin).pt
    for table in document.tables:
        widths = column_widths(table, available)
        if widths is not None:
            _apply(table, widths)


def column_widths(table: Table, available_pt: float) -> list[float] | None:
    """The columns' widths in points: each at least its longest word, the rest shared by how much text each holds."""
    rows = table.rows
    columns = len(table.columns)
    if not rows or any(len(row._tr.tc_lst) != columns for row in rows):
        return None  # merged cells: the template's widths stand
    shortest = [0.0] * columns  # the longest word (or short text): narrower, and it breaks
    natural = [0.0] * columns  # the longest paragraph on one line
    first_column_bold = _first_column_bold(table)
    for index, row in enumerate(rows):
        header = index == 0 or _is_header(row)
        for column, cell in enumerate(row.cells):
            bold = header or (column == 0 and first_column_bold)
            for paragraph in cell.paragraphs:
                text = paragraph.text.strip()
                if not text:
                    continue
                size = _size(paragraph)
                whole = text_width(text.replace(SOFT_HYPHEN, ""), bold, size)
                words = BREAKS.split(text)  # a no-break space joins, as it does on the page
                short = whole <= UNBROKEN_PT and not header  # a header may wrap: "Score / (0-1)"
                unbroken = whole if short else max(_word_width(word, bold, size) for word in words)
                shortest[column] = max(shortest[column], unbroken)
                natural[column] = max(natural[column], whole)
    longest = LONGEST_WORD_SHARE * available_pt  # a longer "word" (an identifier, a link) breaks anyway
    low = [min(width + PADDING_PT, longest) for width in shortest]
    high = [max(width + PADDING_PT, low_width) for width, low_width in zip(natural, low, strict=True)]
    if sum(high) <= available_pt:  # everything fits on one line: widen in proportion to fill the text width
        return [width * available_pt / sum(high) for width in high]
    if sum(low) >= available_pt:  # not even the longest words fit: only the widest columns give way
        ceiling = _ceiling(low, available_pt)
        return [min(width, ceiling) for width in low]
    spare, wanted = available_pt - sum(low), [h - w for h, w in zip(high, low, strict=True)]
    return [width + spare * want / sum(wanted) for width, want in zip(low, wanted, strict=True)]


def _ceiling(widths: list[float], available: float) -> float:
    """The width c at which the columns, each min(width, c), share exactly `available`: a column whose longest
    word is an identifier of 60 characters is cut down to it, and the others keep their words whole."""
    ordered = sorted(widths)
    below = 0.0
    for index, width in enumerate(ordered):
        ceiling = (available - below) / (len(ordered) - index)
        if ceiling <= width:
            return ceiling
        below += width
    return ordered[-1]


def _word_width(word: str, bold: bool, size: float) -> float:
    """The widest piece a word can be broken into: at its soft hyphens (a long compound such as
    "Vergleichs\u00adregionen" in a translation), each piece but the last then ending in a hyphen."""
    *pieces, last = word.split(SOFT_HYPHEN)
    return max([text_width(piece + "-", bold, size) for piece in pieces] + [text_width(last, bold, size)])


def _size(paragraph) -> float:
    """The size the paragraph's text is set in: its first sized run's, else the body's."""
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    return sizes[0] if sizes else FONT_PT


def _first_column_bold(table: Table) -> bool:
    """Whether the table's style sets its first column in bold (the house style's grid does, by `tblLook`)."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        return False
    if look.get(qn("w:firstColumn")) is not None:
        return look.get(qn("w:firstColumn")) in {"1", "true"}
    return bool(int(look.get(qn("w:val"), "0"), 16) & 0x0080)  # the older bitmask


def _is_header(row) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def _apply(table: Table, widths_pt: list[float]) -> None:
    """Widths on the grid (LibreOffice reads it) and on every cell (Word reads those), layout fixed."""
    table.autofit = False
    for column, width in zip(table.columns, widths_pt, strict=True):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_pt, strict=True):
            cell.width = Pt(width)
