"""The catalogs: every word people read exists in every language, numbers, dates and plurals as readers write them."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from advisory.adapters.i18n import LOCALE_DIR, LanguageUnsupported, available_languages, catalog_path, translator
from advisory.adapters.region_profiles import load_region
from advisory.domain.errors import InvalidData
from advisory.domain.text import Quote, _, ngettext
from advisory.settings import PROJECT_ROOT

LANGUAGES = ("de", "es", "hu", "it", "pl", "sk", "sl")


@pytest.fixture(scope="module")
def extracted() -> set[str]:
    """Every message the code marks (what `make translations` collects), read as pybabel reads it."""
    with (PROJECT_ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_": None, "ngettext": (1, 2)}
    found = extract_from_dir(str(PROJECT_ROOT), method_map, options_map, keywords=keywords)
    return {message if isinstance(message, str) else message[0] for _file, _line, message, *_ in found}


def test_the_project_writes_english_and_the_regions_languages_and_italian():
    assert set(LANGUAGES) | {"en"} <= set(available_languages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_code_is_translated_in_every_catalog(language, extracted):
    with catalog_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    translated = {
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalog
        if message.id
        and message.string
        and "fuzzy" not in message.flags
        and (all(message.string) if isinstance(message.string, tuple) else True)
    }
    missing = sorted(extracted - translated)
    assert missing == [], (
        f"{len(missing)} messages have no {language} translation (run `make translations`): {missing[:5]}"
    )


def test_a_message_is_translated_with_its_values_in_the_readers_notation():
    words = translator("de")
    assert (
        words.text(_("Table {number}: {caption}", number="2", caption=_("Sources and methods")))
        == "Tabelle 2: Quellen und Methoden"
    )
    assert words.number(1234.56, 1) == "1.234,6" and translator("en").number(1234.56, 1) == "1,234.6"
    assert words.date(dt.date(2026, 12, 15)) == "15. Dezember 2026"
    assert (
        words.text(Quote(text="Schnellere Förderentscheidungen (< 3 Monate) & weniger Bürokratie"))
        == "Schnellere Förderentscheidungen (< 3 Monate) & weniger Bürokratie"
    )


def test_plural_forms_follow_the_language(tmp_path):
    po = tmp_path / "pl" / "LC_MESSAGES" / "advisory.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
        'msgid "{n} recommendation"\nmsgid_plural "{n} recommendations"\n'
        'msgstr[0] "{n} rekomendacja"\nmsgstr[1] "{n} rekomendacje"\nmsgstr[2] "{n} rekomendacji"\n',
        encoding="utf-8",
    )
    words = translator("pl", tmp_path)
    shown = [words.text(ngettext("{n} recommendation", "{n} recommendations", n)) for n in (1, 3, 5, 22)]
    assert shown == ["1 rekomendacja", "3 rekomendacje", "5 rekomendacji", "22 rekomendacje"]
    assert translator("en").text(ngettext("{n} recommendation", "{n} recommendations", 1)) == "1 recommendation"


def test_a_language_without_a_catalog_is_refused_by_name():
    with pytest.raises(LanguageUnsupported, match="'xx'.*the languages are .*de.*sl"):
        translator("xx")


def test_a_region_profile_in_a_language_without_a_catalog_is_refused_when_loaded(tmp_path):
    profile = (
        (PROJECT_ROOT / "regions" / "SI03.yaml").read_text(encoding="utf-8").replace("language: sl", "language: fr")
    )
    path = tmp_path / "SI03.yaml"
    path.write_text(profile, encoding="utf-8")
    assert "language: fr" in profile
    with pytest.raises(InvalidData, match="SI03.yaml: language 'fr' has no translation catalog"):
        load_region(path)


def test_the_catalogs_live_in_the_project():
    assert LOCALE_DIR == PROJECT_ROOT / "locale" and catalog_path("sl").exists()
