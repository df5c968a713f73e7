# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Sentences and the small text helpers the extractors share.

Sentence splitting is a careful regular expression rather than spaCy: the readings are
edited prose where a boundary is a full stop, question or exclamation mark followed by a
capital, and the only real traps are abbreviations (``U.S.``, ``et al.``, ``Dr.``), initials
and decimals. spaCy's blank pipeline would split on the same punctuation (its sentencizer
has no model) and adds a heavy import to every worker, so it would not pay off here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

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


# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "etc",
    "al",
    "dr",
    "mr",
    "mrs",
    "ms",
    "st",
    "gen",
    "col",
    "lt",
    "no",
    "vs",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "prof",
    "fig",
    "approx",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence.
_BOUNDARY = re.compile(r"([.!?])([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")


def _is_abbreviation(text: str, dot: int) -> bool:
    # Only the word before the dot matters; searching the whole prefix made long sections quadratic.
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 40) : dot])
    if not match:
        return False
    word = match.group(1).lower()
    if word.rstrip(".") in _ABBREVIATIONS:
        return True
    # Initials ("J. Smith") and dotted acronyms ("U.S.") never end a sentence here.
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def split_sentences(section: SectionText) -> list[Sentence]:
    """Sentences of a section with absolute offsets; paragraph breaks always end a sentence."""
    sentences: list[Sentence] = []
    text = section.text
    para_start = 0
    paragraphs = [*_PARAGRAPH.finditer(text)]
    spans = []
    for brk in paragraphs:
        spans.append((para_start, brk.start()))
        para_start = brk.end()
    spans.append((para_start, len(text)))
    for p_start, p_end in spans:
        cursor = p_start
        paragraph = text[p_start:p_end]
        for match in _BOUNDARY.finditer(paragraph):
            dot = p_start + match.start(1)
            if match.group(1) == "." and _is_abbreviation(text, dot):
                continue
            end = p_start + match.end(2)
            _append(sentences, section, text, cursor, end)
            cursor = p_start + match.end(3)
        _append(sentences, section, text, cursor, p_end)
    return sentences


def _append(out: list[Sentence], section: SectionText, text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return
    lead = len(raw) - len(raw.lstrip())
    s = start + lead
    e = s + len(stripped)
    out.append(Sentence(stripped, section.start + s, section.start + e, section, len(out)))


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
