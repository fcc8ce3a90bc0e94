"""Country names in the reader's language: the countries of the European Innovation Scoreboard, by the codes
Eurostat writes (EL for Greece, UK for the United Kingdom)."""

from __future__ import annotations

from advisory.domain.text import Msg, Text, _

COUNTRIES: dict[str, Msg] = {
    "AL": _("Albania"),
    "AT": _("Austria"),
    "BA": _("Bosnia and Herzegovina"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CH": _("Switzerland"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "EL": _("Greece"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IS": _("Iceland"),
    "IT": _("Italy"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "ME": _("Montenegro"),
    "MK": _("North Macedonia"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "RS": _("Serbia"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
    "TR": _("Turkey"),
    "UA": _("Ukraine"),
    "UK": _("United Kingdom"),
}


def country_name(code: str, fallback: str = "") -> Text:
    """The country's name as a message, or `fallback` (else the code) for a country outside the scoreboard."""
    return COUNTRIES.get(code.upper(), fallback or code)


LANGUAGES: dict[str, Msg] = {
    "bg": _("Bulgarian"),
    "cs": _("Czech"),
    "da": _("Danish"),
    "de": _("German"),
    "el": _("Greek"),
    "en": _("English"),
    "es": _("Spanish"),
    "et": _("Estonian"),
    "fi": _("Finnish"),
    "fr": _("French"),
    "hr": _("Croatian"),
    "hu": _("Hungarian"),
    "it": _("Italian"),
    "lt": _("Lithuanian"),
    "lv": _("Latvian"),
    "nl": _("Dutch"),
    "pl": _("Polish"),
    "pt": _("Portuguese"),
    "ro": _("Romanian"),
    "sk": _("Slovak"),
    "sl": _("Slovenian"),
    "sv": _("Swedish"),
}


def language_name(code: str) -> Text:
    """A language's name as a message (its code for a language the list does not know)."""
    return LANGUAGES.get(code.lower(), code)
