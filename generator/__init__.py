"""Heritage catalogue to bilingual websites and delegation brochures.

The package follows the data flow of DESIGN.md: `loading` (YAML with lines),
`validation` and `checks` (problems in plain words), `catalogue` (the frozen
result of reading a project), then the commands in `cli`.
"""

__version__ = "0.1.0"
