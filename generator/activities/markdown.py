"""The yearly report as Markdown: the Word document's sections, for a wiki, an e-mail or a diff.

Content is data here too: every text from the project is escaped for Markdown
(and so for the HTML that Markdown lets through), and a table cell cannot end
its row.
"""

from __future__ import annotations

import html
import re

from ..output import REPORT_MD_MARK
from .collect import ActivityReport
from .wording import BLANK, sections, title_lines

_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")  # what could start markup mid-line (<, > and & are escaped as HTML)


def _escape(text: str) -> str:
    text = html.escape(" ".join(text.split()), quote=False)  # one line; <, > and & as text
    return _SPECIAL.sub(r"\\\1", text)


def report_markdown(report: ActivityReport) -> str:
    out = [REPORT_MD_MARK, ""]  # how `--out` knows a report it may replace
    out.append(f"{BLANK} · Số: {BLANK}/BC-{BLANK}  ")
    out.append(f"*{_escape(report.province or BLANK)}, ngày {BLANK} tháng {BLANK} năm {BLANK}*")
    out.append("")
    for index, (line, bold) in enumerate(title_lines(report)):
        out += ["#" * (index + 1) + " " + _escape(line) if bold else _escape(line), ""]
    for section in sections(report):
        out += [f"### {_escape(section.title)}", ""]
        for line in section.lines:
            out += [_escape(line), ""]
        if section.table:
            header, rows = section.table
            out.append("| " + " | ".join(_escape(cell) for cell in header) + " |")
            out.append("|" + "---|" * len(header))
            out += ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in rows]
            out.append("")
    out += ["**Nơi nhận:** Như trên; Lưu: VT.", "", "**THỦ TRƯỞNG CƠ QUAN** *(Ký, ghi rõ họ tên, đóng dấu)*", ""]
    return "\n".join(out)
