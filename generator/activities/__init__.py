"""The yearly report to the province: `heritage report activities` (collect.py, then word.py or markdown.py)."""
