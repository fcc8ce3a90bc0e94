"""Reading documents as their readers do: Word text, PDFs through LibreOffice, pages as pictures; and what
a reader of another language would trip over (English function words, catalog strings left in English)."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from docx import Document

from advisory.adapters.documents.pdf import export_pdfs
from advisory.adapters.documents.templates import TemplateSource
from advisory.adapters.i18n import catalog_path


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


# --- English left in a document for readers of another language -------------------------------------
FUNCTION_WORDS = frozenset(
    "the and of with which that from for these those this their its than into each every were been "
    "have has are would should could where when while there they them our your not or".split()
)
"""English function words no other language of the project writes as a word of its own (so not 'a', 'in',
'to', 'is', 'an', 'was', 'by', 'on', 'per', 'no': Spanish, German, Slovenian, Hungarian, Slovak or Polish use
them)."""

BIBLIOGRAPHIC = (
    "Hollanders & Es-Sadki, Regional Innovation Scoreboard 2021",
    "Salazar-Elena & Zabala-Iturriagagoitia, The RIS under scrutiny",
)
"""Titles of publications, cited as published (in English) in any language."""

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text)


def english_share(text: str, titles: Iterable[str] = BIBLIOGRAPHIC) -> float:
    """The share of a text's words that are English function words (the, and, of, with, which, that, from,
    for, ...), bibliographic titles aside: about 10 % in an English text, near 0 in a translated one."""
    for title in titles:
        text = text.replace(title, " ")
    found = [word.lower() for word in words(text)]
    return sum(word in FUNCTION_WORDS for word in found) / len(found) if found else 0.0


def english_words(text: str, titles: Iterable[str] = BIBLIOGRAPHIC) -> list[str]:
    """The English function words of the text, in order (to show where a share comes from)."""
    for title in titles:
        text = text.replace(title, " ")
    return [word for word in words(text) if word.lower() in FUNCTION_WORDS]


def translated_messages(language: str) -> dict[str, str]:
    """The catalog's messages that have a translation different from the English (msgid -> translation)."""
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    found = {}
    for message in catalog:
        if not message.id or "fuzzy" in message.flags:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        translation = message.string if isinstance(message.string, str) else (message.string or ("",))[0]
        if translation and translation.replace("\u00ad", "") != msgid:
            found[msgid] = translation
    return found


def english_left(text: str, messages: dict[str, str]) -> list[str]:
    """Catalog strings that appear in English in the text although the catalog translates them: a whole
    message (word for word, as a phrase), or a literal part of a message with values of at least three words."""
    left = []
    for msgid, translation in messages.items():
        for piece in _literal_pieces(msgid):
            if piece in translation:  # the translation keeps these words (a name, an abbreviation)
                continue
            if re.search(r"(?<![\w-])" + re.escape(piece) + r"(?![\w-])", text):
                left.append(piece)
    return sorted(set(left))


def _literal_pieces(msgid: str) -> list[str]:
    """The message itself when it has no values; else its literal stretches of three words or more."""
    parts = [literal for literal, *_field in string.Formatter().parse(msgid)]
    if len(parts) == 1 and "{" not in msgid:
        return [msgid.strip()] if words(msgid) else []
    return [part.strip(" .,:;()") for part in parts if len(words(part)) >= 3]
