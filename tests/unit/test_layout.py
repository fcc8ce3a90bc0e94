"""Column widths from what the cells hold: every column at least its longest word, the room left to the columns
with the most text, and an identifier too long for any column cut down alone."""

from __future__ import annotations

import pytest
from docx import Document

from advisory.adapters.documents.layout import PADDING_PT, column_widths, text_width

WIDTH = 470.0  # points: the house style's text width


def _table(rows: list[list[str]]):
    document = Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    return table


def test_short_columns_keep_their_words_and_the_long_text_gets_the_rest():
    reason = "Similar employment in high and medium-high tech manufacturing 8.0 % (here 8.6 %) " * 3
    widths = column_widths(_table([["Region", "Population", "Why similar"], ["Weser-Ems", "1.8", reason]]), WIDTH)
    assert sum(widths) == pytest.approx(WIDTH)
    assert widths[1] >= text_width("Population", bold=True) + PADDING_PT
    assert widths[2] == max(widths)


def test_a_table_that_fits_on_one_line_is_spread_over_the_text_width_in_proportion():
    widths = column_widths(_table([["Group", "Regions"], ["Leader", "36"]]), WIDTH)
    assert sum(widths) == pytest.approx(WIDTH) and widths[0] < widths[1]


def test_an_identifier_longer_than_any_column_is_cut_down_and_no_other_word_is_broken():
    identifier = "edat_lfse_12_SEX_T__ISCED11_ED5-8__AGE_Y25-64__UNIT_PC_and_more_of_the_same_kind_of_code"
    rows = [["Dataset or input", "Indicator or table", "Year", "Computation"], ["Eurostat", identifier, "2018", "x"]]
    widths = column_widths(_table(rows), WIDTH)
    assert sum(widths) == pytest.approx(WIDTH)
    assert widths[1] < text_width(identifier) + PADDING_PT
    assert widths[3] >= text_width("Computation", bold=True) + PADDING_PT - 0.01
    assert widths[0] >= text_width("Eurostat") + PADDING_PT - 0.01


def test_a_no_break_space_joins_and_a_soft_hyphen_lets_a_long_compound_break():
    joined = column_widths(_table([["Group", "x " * 200], ["Strong Innovator\u00a0+", "y"]]), WIDTH)
    assert joined[0] >= text_width("Innovator\u00a0+") + PADDING_PT - 0.01
    hyphenated = column_widths(_table([["Median der Vergleichs\u00adregionen", "x " * 200]]), WIDTH)
    assert hyphenated[0] < text_width("Vergleichsregionen", bold=True) + PADDING_PT


def test_only_the_widest_columns_give_way_when_not_even_the_words_fit():
    words = ["Forschungseinrichtungen", "Beschäftigungseffekte", "Innovationsausgaben", "x"]
    widths = column_widths(_table([words]), 250)
    assert sum(widths) == pytest.approx(250)
    assert widths[3] == pytest.approx(text_width("x", bold=True) + PADDING_PT)
