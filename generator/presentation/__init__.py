"""What every output shares: text in a language with visible fallback, labels and the
wording of addresses and dates, sanitised Markdown, photos and covers, and URLs.

The outputs (site/, brochure/) import this package and never each other.
"""
