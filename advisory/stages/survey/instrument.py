"""Survey instruments as data: load a versioned instrument YAML and derive the response model from it.

The YAML is the one source of truth: the workbook, the portal's form, the upload parser and the
analysis all read the questions from here, and `response_model()` builds the pydantic model of one
response. Its texts are English; a reader's language comes from the catalogs like every other word
the engine shows (`translate`), and `make translations` collects them (adapters/i18n.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from advisory.adapters.i18n import translator
from advisory.settings import PROJECT_ROOT

INSTRUMENTS_DIR = PROJECT_ROOT / "surveys" / "instruments"
DEFAULT_INSTRUMENT = "emerging_industries_v1.yaml"
FRAMEWORK_CONDITIONS = ("industrial", "market", "cultural", "knowledge", "regulatory", "financial", "support")
RESPONDENT_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
MULTIPLE_SEPARATORS = ("|", ";")

Translated = str  # an English text, translated through the catalogs where it is shown


def translate(text: Translated, language: str) -> str:
    """The instrument's English text in `language` (English where the catalog has no translation)."""
    return translator(language).gettext(text) if text else ""


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    label: Translated


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: Literal["likert_pair", "number", "single", "multiple", "text"]
    text: Translated
    help: Translated = ""
    required: bool = False
    condition: bool = Field(default=False, description="a framework condition: its gap ranks bottlenecks")
    options: list[Option] = Field(default_factory=list)
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    max_length: int = 2000

    @model_validator(mode="after")
    def _choices_have_options(self) -> Question:
        if self.kind in ("single", "multiple") and not self.options:
            raise ValueError(f"question {self.code}: a {self.kind} choice needs options")
        if not self.text.strip():
            raise ValueError(f"question {self.code}: the question's text is required")
        return self

    @property
    def columns(self) -> list[str]:
        """The answer columns: a Likert pair has an importance and a satisfaction column."""
        if self.kind == "likert_pair":
            return [f"{self.code}_importance", f"{self.code}_satisfaction"]
        return [self.code]

    def option_label(self, code: str, language: str = "en") -> str:
        for option in self.options:
            if option.code == code:
                return translate(option.label, language)
        return code


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    title: Translated
    help: Translated = ""
    questions: list[Question] = Field(min_length=1)


class Instrument(BaseModel):
    """A versioned questionnaire: sections of questions, translations, instructions, error reasons."""

    model_config = ConfigDict(extra="forbid")
    id: str
    version: str
    title: Translated
    instructions: list[Translated]
    labels: dict[str, Translated]
    messages: dict[str, Translated] = Field(description="error code -> English reason with {values}")
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes_unique(self) -> Instrument:
        columns = [column for question in self.questions for column in question.columns]
        duplicates = sorted({c for c in columns if columns.count(c) > 1})
        if duplicates or "respondent_id" in columns:
            raise ValueError(f"instrument {self.id}: duplicate answer columns {duplicates or ['respondent_id']}")
        return self

    @property
    def questions(self) -> list[Question]:
        return [question for section in self.sections for question in section.questions]

    @property
    def answer_columns(self) -> list[str]:
        """The columns of one response: the respondent reference, then every answer column."""
        return ["respondent_id", *(c for q in self.questions for c in q.columns)]

    def question(self, code: str) -> Question:
        for candidate in self.questions:
            if code == candidate.code or code in candidate.columns:
                return candidate
        raise KeyError(code)

    def label(self, key: str, language: str) -> str:
        return translate(self.labels.get(key, key), language)

    def instructions_in(self, language: str) -> list[str]:
        return [translate(line, language) for line in self.instructions]

    def message(self, code: str, language: str, **values: Any) -> str:
        """An error reason in the contact's language."""
        return translate(self.messages[code], language).format(**values)

    def column_label(self, column: str, language: str) -> str:
        """What a person reads above a column, e.g. 'Market conditions …: importance'."""
        if column == "respondent_id":
            return self.label("respondent_id", language)
        question = self.question(column)
        text = translate(question.text, language)
        if question.kind == "likert_pair":
            aspect = "importance" if column.endswith("_importance") else "satisfaction"
            return f"{text}: {self.label(aspect, language)} (1-5)"
        return f"{text} ({translate(question.unit, language)})" if question.unit else text


def load_instrument(path: Path) -> Instrument:
    """The instrument in this file; parsed once per version of the file (every upload reads it)."""
    stat = path.stat()
    return _parsed(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _parsed(path: Path, mtime_ns: int, size: int) -> Instrument:
    return Instrument.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def default_instrument(instruments_dir: Path | None = None) -> Instrument:
    """The current default instrument; the packaged copy when the folder given does not hold it."""
    path = (instruments_dir or INSTRUMENTS_DIR) / DEFAULT_INSTRUMENT
    return load_instrument(path if path.exists() else INSTRUMENTS_DIR / DEFAULT_INSTRUMENT)


_MODELS: dict[tuple[str, str], type[BaseModel]] = {}


def response_model(instrument: Instrument) -> type[BaseModel]:
    """The pydantic model of one response to this instrument (built once per id and version)."""
    key = (instrument.id, instrument.version)
    if key not in _MODELS:
        fields: dict[str, Any] = {
            "region": (str, Field(pattern=r"^[A-Z]{2}[A-Z0-9]{1,3}$")),
            "instrument_version": (Literal[instrument.version], instrument.version),  # type: ignore[valid-type]
            "respondent_id": (str, Field(pattern=RESPONDENT_ID_PATTERN)),
        }
        for question in instrument.questions:
            for column in question.columns:
                fields[column] = _field(question)
        name = f"SurveyResponse_{instrument.id}_v{instrument.version}".replace(".", "_")
        _MODELS[key] = create_model(name, __config__=ConfigDict(extra="forbid", frozen=True), **fields)
    return _MODELS[key]


def _field(question: Question) -> tuple[Any, Any]:
    """The type and default of one answer column; optional answers default to None (or [])."""
    codes = tuple(option.code for option in question.options)
    if question.kind == "likert_pair":
        kind: Any = Annotated[int, Field(ge=1, le=5)]
    elif question.kind == "number":
        kind = Annotated[int if question.integer else float, Field(ge=question.minimum, le=question.maximum)]
    elif question.kind == "single":
        kind = Literal[codes]  # type: ignore[valid-type]
    elif question.kind == "multiple":
        entries = Literal[codes]  # type: ignore[valid-type]
        return (list[entries], Field(min_length=1) if question.required else Field(default_factory=list))
    else:
        kind = Annotated[str, Field(max_length=question.max_length)]
    return (kind, ...) if question.required else (kind | None, None)
