"""Text the engine writes, kept language-neutral until a reader's language is known, and text people wrote.

A stage's build function never chooses a language: it returns `Msg`s (an English message and its
values) wherever it composes a sentence, a label or a chart title. The renderer translates them
with the document's catalog, so one stored result reads in English for the observatory and in the
region's language for the region. Words people wrote (survey answers, reviewers' comments, the
expert's edits) are `Quote`s: shown as written, never translated.

`_()` and `ngettext()` mark a message for extraction into the catalogs (`pybabel extract` reads
them) and return the `Msg`.
"""

from __future__ import annotations

import string
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Msg(BaseModel):
    """One message of the engine: its English text (the catalog key) and the values it names in braces."""

    model_config = ConfigDict(frozen=True)
    id: str
    values: dict[str, Any] = Field(default_factory=dict)
    plural: str | None = None  # the English plural, when `n` picks the form
    n: int | None = None

    def english(self) -> str:
        """The message as the English catalog would give it (for logs and tests)."""
        text = self.plural if self.plural is not None and self.n != 1 else self.id
        return _english_formatter.format(text, **self.values)

    def __str__(self) -> str:
        return self.english()


class Quote(BaseModel):
    """Words a person wrote, shown exactly as written (and marked as a quotation where it is shown)."""

    model_config = ConfigDict(frozen=True)
    text: str
    by: str | None = None

    def __str__(self) -> str:
        return self.text


Text = Msg | Quote | str


def _(message: str, **values: Any) -> Msg:  # noqa: N802 - the name gettext tools look for
    return Msg(id=message, values=values)


def ngettext(singular: str, plural: str, n: int, **values: Any) -> Msg:
    """A message with a singular and a plural form; the catalog picks the form for `n` (also a value)."""
    return Msg(id=singular, plural=plural, n=n, values={"n": n, **values})


def english(text: Text | None) -> str:
    """Any text as plain English (a Msg in its English form, a Quote as written)."""
    return "" if text is None else str(text)


class _EnglishFormatter(string.Formatter):
    """Formats a message's values in English: nested messages in English, numbers as Python prints them."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Msg | Quote):
            return str(value)
        return super().format_field(value, format_spec)


_english_formatter = _EnglishFormatter()
