"""Text cells that open in a spreadsheet as the text they are.

Excel, LibreOffice and Google Sheets run a cell that starts with '=', '+',
'-' or '@' (or a tab or line break before one) as a formula, which can fetch
addresses or start programs. Every CSV the tool writes from content passes its
text cells through `text_cell`, which does what OWASP recommends: such a
cell starts with an apostrophe, which spreadsheets show as nothing.
"""

from __future__ import annotations

# The full-width forms are read as formulas by some East Asian locales.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def text_cell(value: str) -> str:
    # Python's csv writer quotes only its own line ending ("\n" here): a lone carriage
    # return would end the row for a reader, so it becomes a line break.
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + value if value.startswith(FORMULA_STARTS) else value
