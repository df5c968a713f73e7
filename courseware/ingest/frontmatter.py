"""YAML front matter: the ``---`` block of metadata that static-site generators (Jekyll, Hugo),
note-taking tools and web clippers put before a Markdown text.

It is about the text, not part of it: the block is removed (kept for review like other
boilerplate) and its ``title`` and date become hints for the reading's title and publication
date. A block that does not parse as a YAML mapping is not front matter (a Markdown text may
well start with a rule), and the text is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import yaml

from courseware.ingest.extract import parse_iso_date

# The opening fence must be the very first line; the closing one is ``---`` or ``...`` (YAML's
# document end). Front matter longer than this is something else.
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<body>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_FRONT_MATTER_CHARS = 20_000
_TITLE_KEYS = ("title", "headline", "name")
_DATE_KEYS = ("date", "published", "published_at", "published_time", "publishdate", "pubdate", "created")


@dataclass(frozen=True)
class FrontMatter:
    raw: str  # the whole block, fences included, exactly as it stood in the text
    title: str
    published_on: date | None


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """``(front matter, the rest of the text)``; ``(None, text)`` when there is none."""
    if not text.lstrip("\ufeff").startswith("---"):
        return None, text
    # Files saved on Windows end their lines with CR LF; the fences are lines all the same.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(text)
    if match is None or match.end() > MAX_FRONT_MATTER_CHARS:
        return None, text
    try:
        data = yaml.safe_load(match.group("body"))
    except yaml.YAMLError:
        return None, text
    if not isinstance(data, dict) or not data:
        return None, text
    fields = {str(key).lower(): value for key, value in data.items()}
    title = next((" ".join(str(fields[key]).split()) for key in _TITLE_KEYS if isinstance(fields.get(key), str)), "")
    published_on = next((day for key in _DATE_KEYS if (day := _as_date(fields.get(key))) is not None), None)
    raw = match.group(0).rstrip("\n")
    return FrontMatter(raw=raw, title=title, published_on=published_on), text[match.end() :]


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value)
    return None
