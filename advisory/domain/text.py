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

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Msg(BaseModel):
    """One message of the engine: its English text (the catalog key) and the values it names in braces.

    A value may be another message, a quote, a number (formatted by the spec in the braces, e.g. `{share:.1f}`,
    or `{value:.{digits}f}` with the digits as a value) or a list of texts, joined as the language lists things
    ("a, b and c").
    """

    model_config = ConfigDict(frozen=True)
    id: str
    values: dict[str, Any] = Field(default_factory=dict)
    plural: str | None = None  # the English plural, when `n` picks the form
    n: int | None = None

    @field_validator("values", mode="after")
    @classmethod
    def _revive(cls, values: dict[str, Any]) -> dict[str, Any]:
        """Messages and quotes inside the values come back as such from a stored result (JSON)."""
        return {name: _revived(value) for name, value in values.items()}

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


def _revived(value: Any) -> Any:
    """A stored (dumped) message or quote as the object it was; a list item by item; anything else as it is."""
    if isinstance(value, dict):
        if "id" in value and set(value) <= set(Msg.model_fields):
            return Msg.model_validate(value)
        if "text" in value and set(value) <= set(Quote.model_fields):
            return Quote.model_validate(value)
    if isinstance(value, list):
        return [_revived(item) for item in value]
    return value


def english_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c': a list in an English sentence."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def stored_english(value: Any) -> str:
    """A text read back from a stored result (a dumped message, a quote or a string) as plain English."""
    return english(_revived(value)) if value is not None else ""


def english(text: Text | None) -> str:
    """Any text as plain English (a Msg in its English form, a Quote as written)."""
    return "" if text is None else str(text)


class _EnglishFormatter(string.Formatter):
    """Formats a message's values in English: nested messages in English, numbers as Python prints them."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Msg | Quote):
            return str(value)
        if isinstance(value, list):  # a list of texts, joined as a sentence lists them
            return english_list([self.format_field(item, format_spec) for item in value])
        return super().format_field(value, format_spec)


_english_formatter = _EnglishFormatter()
