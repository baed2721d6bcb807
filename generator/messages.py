"""Plain-words messages for editors, in every registered language.

Every problem that a check can report has a code: the key of its text in the
catalogues' "message" context (generator/locale/<lang>/LC_MESSAGES/heritage.po).
Parameters are str.format fields; a parameter that needs words of its own (a
raw value, a count, a size) is a `Found` that describes itself in the reader's
language. tests/test_languages.py makes sure every language has every code,
with the same placeholders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from babel.numbers import format_decimal

from .catalogues import MESSAGE, strings
from .languages import SOURCE_LANGUAGE, language

PARSER_LANGUAGE = "en"  # PyYAML and pydantic explain themselves in English


def __getattr__(name: str) -> Mapping[str, str]:
    # CATALOGUE, the English text of every code, is read on first use, not on import.
    if name == "CATALOGUE":
        return strings(SOURCE_LANGUAGE, MESSAGE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Found:
    """A raw value to be described in the reader's language."""

    def __init__(self, value: Any):
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Found) and repr(other.value) == repr(self.value)

    def __hash__(self) -> int:
        return hash(repr(self.value))

    def describe(self, lang: str) -> str:
        value = self.value
        if value is None:
            kind, shown = "nothing", ""
        elif isinstance(value, bool):
            kind, shown = "bool", str(value).lower()
        elif isinstance(value, (int, float)):
            kind, shown = "number", str(value)
        elif isinstance(value, (dt.date, dt.datetime)):
            kind, shown = "date", value.isoformat()
        elif isinstance(value, str):
            shown = value if len(value) <= 40 else value[:37] + "..."
            kind = "text"
        elif isinstance(value, (list, tuple)):
            kind, shown = "list", ""
        elif isinstance(value, dict):
            kind, shown = "mapping", ""
        else:
            kind, shown = "other", str(value)
        return strings(lang, MESSAGE)[f"found.{kind}"].format(value=shown)


class Number(Found):
    """A count or a file size, written the reader's way (Babel): 100,000 in English, 100.000 in Vietnamese."""

    def __init__(self, value: int, unit: str = ""):
        super().__init__(value)
        self.unit = unit  # "" for a count, "bytes" for a size shown in KB or MB

    def describe(self, lang: str) -> str:
        locale = language(lang).locale
        if self.unit != "bytes":
            return format_decimal(self.value, locale=locale)
        megabytes = self.value / 1024 / 1024
        if megabytes >= 1:
            return format_decimal(round(megabytes, 1), format="#,##0.#", locale=locale) + " MB"
        return format_decimal(self.value // 1024, locale=locale) + " KB"


class EnglishOnly(Found):
    """A tool's own English text (a parser's words), shown in brackets to English readers only."""

    def describe(self, lang: str) -> str:
        return f" ({self.value})" if lang == PARSER_LANGUAGE and self.value else ""


class Said(Found):
    """Another message, as a part of this one (a reason), put into words in the reader's language."""

    def __init__(self, code: str, **params: Any):
        super().__init__((code, tuple(params.items())))

    def describe(self, lang: str) -> str:
        code, params = self.value
        return render_message(code, dict(params), lang)


def render_message(code: str, params: dict[str, Any], lang: str = SOURCE_LANGUAGE) -> str:
    template = strings(lang, MESSAGE)[code]
    shown = {k: (v.describe(lang) if isinstance(v, Found) else v) for k, v in params.items()}
    return template.format(**shown)


def text(code: str, lang: str = SOURCE_LANGUAGE, /, **params: Any) -> str:
    return render_message(code, params, lang)
