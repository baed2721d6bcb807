"""`heritage report`: what each record still lacks, per language.

For editors planning their work: missing translations and outdated ones (made
from a source text that has changed since, translations/memory.py), photos, coordinates,
visiting information, communes derived from a former address that a person
should confirm, and titles that the texts name but the designations lack
(consistency.py). A table for the terminal, CSV for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .catalogue import Catalogue, RecordEntry
from .checks import localized_texts
from .consistency import Finding, findings
from .loading import format_field
from .messages import text
from .models import HeritageRecord, is_located
from .models.vocabulary import LEVEL
from .presentation.labels import Labels
from .spreadsheet import text_cell
from .translations.memory import Memory

COLUMNS = ("record", "language", "missing_texts", "outdated_texts", "photos", "coordinates", "visiting", "commune", "designations")


@dataclass(frozen=True)
class ReportRow:
    record: str
    language: str
    missing_texts: str
    outdated_texts: str  # translated from a source text that has changed since (translations/memory.py)
    photos: int
    coordinates: str
    visiting: str
    commune: str
    designations: str  # what the texts in this language say of its titles that its designations lack


def report_languages(catalogue: Catalogue) -> list[str]:
    """Every language that some site publishes in, in the order the sites give them."""
    languages: list[str] = []
    for entry in catalogue.sites.values():
        languages += [lang for lang in entry.site.languages if lang not in languages]
    return languages or ["vi", "en"]


def build_rows(catalogue: Catalogue, lang: str = "en") -> list[ReportRow]:
    rows = []
    for entry in catalogue.records.values():
        for language in report_languages(catalogue):
            rows.append(_row(entry, language, lang, catalogue.translations.get(language)))
    return rows


def _row(entry: RecordEntry, language: str, lang: str, memory: Memory | None) -> ReportRow:
    record = entry.record
    missing = [format_field(loc) for loc, texts in localized_texts(record) if language not in texts]
    outdated = [format_field(loc) for loc, texts in localized_texts(record)
                if language in texts and memory and memory.is_outdated(entry.path, format_field(loc), texts)]
    if not is_located(record.kind):
        coordinates = text("report_not_needed", lang)
    elif record.location and record.location.coordinates:
        coordinates = text("report_precision", lang, precision=record.location.precision)
    else:
        coordinates = text("report_missing", lang)
    if not isinstance(record, HeritageRecord):
        visiting = text("report_not_needed", lang)
    elif record.visiting and any(language in texts for _, texts in localized_texts(record.visiting)):
        visiting = text("report_present", lang)
    else:
        visiting = text("report_missing", lang)
    address = entry.address
    if not is_located(record.kind) and not (address and address.commune):
        commune = text("report_not_needed", lang)
    elif (address is None or not address.commune) and record.location and record.location.precision == "area":
        commune = text("report_area", lang)
    elif address is None or not address.commune:
        commune = text("report_missing", lang)
    elif address.derived:
        commune = text("report_derived", lang, commune=address.commune)
    else:
        commune = address.commune
    prose = "; ".join(_finding(finding, lang) for finding in findings(record, language)) or "-"
    return ReportRow(entry.id, language, ", ".join(missing) or "-", ", ".join(outdated) or "-", len(record.images), coordinates, visiting, commune, prose)


def _finding(finding: Finding, lang: str) -> str:
    level = Labels(lang)(LEVEL[finding.level].label) if finding.level else ""
    return text(finding.code, lang, level=level, value=finding.value or "?")


def render_csv(rows: list[ReportRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        # The commune is the only cell that may carry an editor's text as written (when its
        # province is not recognised); ids, field names and counts need no care.
        writer.writerow([text_cell(getattr(row, column)) if column in ("commune", "designations") and getattr(row, column) != "-"
                         else getattr(row, column) for column in COLUMNS])
    return out.getvalue()


def render_table(rows: list[ReportRow], lang: str = "en") -> str:
    header = [text(f"report_col_{column}", lang) for column in COLUMNS]
    cells = [header] + [[str(getattr(row, column)) for column in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for index, line in enumerate(cells):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"
