"""Every word people read, in their language: the gettext catalogs in `locale/`, and numbers and dates by Babel.

One catalog per language (`locale/<language>/LC_MESSAGES/advisory.po`), its messages keyed by the
English text. `make` compiles them to `.mo` files; a catalog whose `.mo` is missing or older than
its `.po` is compiled in memory instead, so a fresh clone reads the same words. A message without a
translation falls back to English, and `advisory translations check` lists every such gap.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from advisory.domain.errors import AdvisoryError
from advisory.domain.text import Msg, Quote
from advisory.settings import PROJECT_ROOT

LOCALE_DIR = PROJECT_ROOT / "locale"
DOMAIN = "advisory"
SOURCE_LANGUAGE = "en"


class LanguageUnsupported(AdvisoryError):
    """A language the project has no catalog for."""


def catalog_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def available_languages(locale_dir: Path = LOCALE_DIR) -> tuple[str, ...]:
    """English and every language with a catalog, sorted."""
    found = {path.parent.parent.name for path in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted(found | {SOURCE_LANGUAGE}))


def check_language(language: str, locale_dir: Path = LOCALE_DIR) -> str:
    """The language if the project can write in it; LanguageUnsupported naming the ones it can."""
    languages = available_languages(locale_dir)
    if language not in languages:
        raise LanguageUnsupported(
            f"there is no translation catalog for the language {language!r}; the languages are {', '.join(languages)}"
        )
    return language


@lru_cache(maxsize=16)
def translator(language: str, locale_dir: Path = LOCALE_DIR) -> Translator:
    """The translator for one language (catalogs are read once per process)."""
    check_language(language, locale_dir)
    return Translator(language, _translations(language, locale_dir))


def _translations(language: str, locale_dir: Path) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po = catalog_path(language, locale_dir)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    return gettext.GNUTranslations(compiled(po))


def compiled(po: Path) -> io.BytesIO:
    """The `.po` catalog compiled to `.mo` bytes (fuzzy entries left out, as gettext does)."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return buffer


class Translator:
    """Translates messages and formats numbers and dates the way readers of one language expect."""

    def __init__(self, language: str, translations: gettext.NullTranslations) -> None:
        self.language = language
        self._translations = translations
        self._formatter = _LocaleFormatter(self)

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translations.ngettext(singular, plural, n)

    def text(self, value: Msg | Quote | str | None) -> str:
        """A message translated and filled in; a quote as written; a plain string as it is."""
        if value is None:
            return ""
        if isinstance(value, Quote):
            return value.text
        if isinstance(value, Msg):
            pattern = (
                self.ngettext(value.id, value.plural, value.n or 0)
                if value.plural is not None
                else self.gettext(value.id)
            )
            return self._formatter.format(pattern, **value.values)
        return value

    def number(self, value: Any, digits: int = 1) -> str:
        """A number with `digits` decimals in the reader's notation; 'n/a' when there is none."""
        if value is None or value != value:  # None or NaN
            return self.gettext("n/a")
        pattern = f"#,##0.{'0' * digits}" if digits else "#,##0"
        return format_decimal(round(float(value), digits), format=pattern, locale=self.language)

    def percent(self, value: Any, digits: int = 1) -> str:
        return self.gettext("n/a") if value is None else f"{self.number(value, digits)} %"

    def date(self, value: dt.date | str) -> str:
        """A date in the language's long form (one date format per document)."""
        if isinstance(value, str):
            value = dt.date.fromisoformat(value[:10])
        return format_date(value, format="long", locale=self.language)


class _LocaleFormatter(string.Formatter):
    """Fills a translated message: nested messages translated, numbers and dates in the reader's notation.

    `{share:.1f}` gives one decimal (`{value:.{digits}f}` as many as the value `digits` says), `{count:n}` a
    whole number with the language's grouping; a bare `{year}` is printed as it is (a year must never become
    "2,019"); a list of texts is joined as the language lists things.
    """

    def __init__(self, translator: Translator) -> None:
        self.translator = translator

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Msg | Quote):
            return self.translator.text(value)
        if isinstance(value, dt.date):
            return self.translator.date(value)
        if isinstance(value, list):  # texts joined as the language lists them: "a, b und c"
            items = [self.format_field(item, format_spec) for item in value]
            return format_list(items, locale=self.translator.language) if items else ""
        if value is None and format_spec:  # a missing number
            return self.translator.gettext("n/a")
        if isinstance(value, int | float) and not isinstance(value, bool):
            if format_spec.endswith("f"):
                return self.translator.number(value, int(format_spec.strip(".f") or 0))
            if format_spec == "n":
                return self.translator.number(value, 0)
        return super().format_field(value, format_spec)


def extract_instrument(fileobj, keywords, comment_tags, options):  # noqa: ARG001 - Babel's extractor signature
    """Babel extractor for survey instruments (babel.cfg): every English text of the YAML is a message."""
    import yaml

    def texts(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from texts(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in TEXT_KEYS or isinstance(value, list | dict):
                    yield from texts(value)

    instrument = yaml.safe_load(fileobj.read().decode("utf-8"))
    found = [instrument.get("title", ""), *instrument.get("instructions", [])]
    found += [*instrument.get("labels", {}).values(), *instrument.get("messages", {}).values()]
    found += list(texts(instrument.get("sections", [])))
    for text in found:
        if isinstance(text, str) and text.strip():
            yield 0, "_", text, []


TEXT_KEYS = {"title", "text", "help", "label", "unit"}
