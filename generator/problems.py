"""Problems found in a project: one line each, ``path:line: field: message``.

Checks never print or raise for an editor's mistake; they add a `Problem` to a
`Problems` collection, and the command prints all of them once at the end
(the way MkDocs collects config errors before aborting).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterator

from .messages import render_message


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the project, with forward slashes
    line: int  # 1-based; 0 when the problem concerns a whole folder
    field: str  # "location.coordinates", "" for the whole file
    code: str  # key into the message catalogue
    params: tuple[tuple[str, Any], ...] = ()
    severity: Severity = Severity.ERROR

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, dict(self.params), lang)

    def format(self, lang: str = "en") -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = self.message(lang)
        if self.severity is Severity.WARNING:
            text = f"{render_message('warning_label', {}, lang)}: {text}"
        return f"{where}: {self.field}: {text}" if self.field else f"{where}: {text}"

    def sort_key(self) -> tuple:
        return (self.path, self.line)  # then in the order the checks found them


@dataclass
class Problems:
    """An ordered collection of problems, filled by every check of a run."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: str,
        line: int,
        field_path: str,
        code: str,
        severity: Severity = Severity.ERROR,
        /,
        **params: Any,  # positional-only above: a message may have a {code} or {path} of its own
    ) -> None:
        problem = Problem(path, line, field_path, code, tuple(params.items()), severity)
        if problem not in self.items:
            self.items.append(problem)

    def warn(self, path: str, line: int, field_path: str, code: str, /, **params: Any) -> None:
        self.add(path, line, field_path, code, Severity.WARNING, **params)

    def extend(self, other: "Problems") -> None:
        for problem in other.items:
            if problem not in self.items:
                self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def has_errors_for(self, path: str) -> bool:
        return any(p.path == path for p in self.errors)

    def drop(self, unrelated: Callable[[Problem], bool]) -> None:
        """Forget the problems a command has no business with (another visit's, for one brochure)."""
        self.items[:] = [p for p in self.items if not unrelated(p)]

    def sorted(self) -> list[Problem]:
        return sorted(self.items, key=Problem.sort_key)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)
