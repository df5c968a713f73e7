"""Sentences and the small text helpers the extractors share.

Where a sentence ends is ``core.text.sentences`` (shared with the import and lessons); this module
ties those spans to a reading's sections.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from core.text.sentences import sentence_spans
from quizzes.questiontypes import normalise_text as _normalise_text

__all__ = [
    "SectionText",
    "Sentence",
    "contains_term",
    "digest",
    "normalise_text",
    "other_spelling",
    "split_sentences",
    "us_spelling",
    "word_count",
]


@dataclass(frozen=True)
class SectionText:
    """What generation needs of a section: its text and where it sits in the cleaned text."""

    order: int
    heading: str
    kind: str
    language: str
    text: str
    start: int
    section_id: int | None = None


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # absolute offset in the reading's cleaned text
    end: int
    section: SectionText
    index: int  # position of the sentence in its section
    # Characters of a leading connective a stem leaves out ("And ", "For example, ", "Finally—"),
    # so "Finally—we're seeing ..." is quoted as "We're seeing ...". Offsets stay those of ``text``.
    lead: int = 0
    # A bare part of a name the reading gives in full elsewhere, as (start, end, full name) within ``text``:
    # a stem shows the full name ("Bennett pointed out" -> "Bruce Bennett pointed out"). Set once the
    # whole reading is known (``facts.mark_bare_names``), so it takes no part in equality or hashing.
    names: tuple[tuple[int, int, str], ...] = field(default=(), compare=False)


# Where a year ends: no digit goes on, nor a comma or point followed by digits ("2,018" is no year; "2018, and" is). One
# place, as the three year patterns of the generator once each refused a year before a comma.
YEAR_END = r"(?!\d|[,.]\d)"


def split_sentences(section: SectionText) -> list[Sentence]:
    """Sentences of a section with absolute offsets; paragraph breaks always end a sentence."""
    text = section.text
    return [
        Sentence(text[start:end], section.start + start, section.start + end, section, index)
        for index, (start, end) in enumerate(sentence_spans(text))
    ]


@lru_cache(maxsize=65536)
def normalise_text(value: str) -> str:
    """``quizzes.questiontypes.normalise_text``, memoised: generation normalises the same texts many times."""
    return _normalise_text(value)


def digest(*parts: object, length: int = 10) -> str:
    """Short stable hash: choice ids, fact keys and deterministic tie-breaks."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:length]


def contains_term(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words, ignoring case, accents and punctuation."""
    n = normalise_text(needle)
    if not n:
        return False
    return f" {n} " in f" {normalise_text(haystack)} "


def word_count(text: str) -> int:
    return len(text.split())


# British and American spellings of the words names are made of ("Programme"/"Program", "Defence"/"Defense").
_SPELLINGS = {
    "Programme": "Program",
    "Defence": "Defense",
    "Centre": "Center",
    "Organisation": "Organization",
    "Labour": "Labor",
}
_US = frozenset(_SPELLINGS.values())
_SPELLINGS |= {us: uk for uk, us in _SPELLINGS.items()}
_SPELLING_WORD = re.compile(r"\b(?:" + "|".join(_SPELLINGS) + r")s?\b", re.I)


def _respelled(text: str, *, to_us: bool | None) -> str:
    """``text`` with each word of ``_SPELLINGS`` in the other spelling (``to_us`` None), or in the American one."""

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        plural = word.endswith(("s", "S")) and word.rstrip("sS").capitalize() in _SPELLINGS
        stem = word[:-1] if plural else word
        if to_us and stem.capitalize() in _US:
            return word
        other = _SPELLINGS[stem.capitalize()]
        other = other.lower() if stem.islower() else other.upper() if stem.isupper() else other
        return other + ("s" if plural else "")

    return _SPELLING_WORD.sub(swap, text)


def other_spelling(text: str) -> str:
    """``text`` in the other English spelling of its words ("Annual National Programme" -> "Annual National Program")."""
    return _respelled(text, to_us=None)


def us_spelling(text: str) -> str:
    """``text`` in American spelling ("defence spending" -> "defense spending"), to compare words whatever the spelling."""
    return _respelled(text, to_us=True)
