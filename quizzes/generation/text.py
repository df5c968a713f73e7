"""Sentences and the small text helpers the extractors share.

Where a sentence ends is ``core.text.sentences`` (shared with the import and lessons); this module
ties those spans to a reading's sections.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from core.text.sentences import sentence_spans
from quizzes.questiontypes import normalise_text as _normalise_text

__all__ = ["SectionText", "Sentence", "contains_term", "digest", "normalise_text", "split_sentences", "word_count"]


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
