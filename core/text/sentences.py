# ruff: noqa: RUF001 - the readings use typographic quotes and dashes, so the patterns must too
"""Sentence boundaries in edited prose.

A careful regular expression rather than spaCy: the readings are edited prose where a boundary is
a full stop, question or exclamation mark followed by a capital, and the only real traps are
abbreviations (``U.S.``, ``et al.``, ``Dr.``), initials and decimals. spaCy's blank pipeline would
split on the same punctuation (its sentencizer has no model) and adds a heavy import to every
worker, so it would not pay off here.
"""

from __future__ import annotations

import json
import re
from functools import cache

from core.text.words import DATA

__all__ = ["abbreviations", "sentence_spans"]


@cache
def abbreviations() -> frozenset[str]:
    """Words that end with a full stop without ending a sentence (``data/abbreviations.json``):
    lower case, without their last full stop ("u.s", "al", "dr", "sept")."""
    return frozenset(json.loads((DATA / "abbreviations.json").read_text(encoding="utf-8"))["words"])


# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence.
_BOUNDARY = re.compile(r"([.!?])([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n")
# The loose rule: any ".", "!" or "?" (with at most one closing quote or bracket), whitespace, then a
# capital, an opening quote or a bracket. No exception for abbreviations or initials.
_LOOSE_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"’)]))\s+(?=[A-Z“\"(])")


# Abbreviations that stand only before a numeral ("No. 5", "Nos. 3 and 4"): before a word, "No." is the
# word no ending a sentence (they said, “No.” Then …).
_BEFORE_A_NUMERAL = frozenset({"no", "nos"})


def _is_abbreviation(text: str, dot: int) -> bool:
    # Only the word before the dot matters; searching the whole prefix made long sections quadratic.
    match = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 40) : dot])
    if not match:
        return False
    word = match.group(1).lower()
    if word in _BEFORE_A_NUMERAL:
        return bool(re.match(r"[\"”’)\]]*\s+\d", text[dot + 1 : dot + 12]))
    if word.rstrip(".") in abbreviations():
        return True
    # Initials ("J. Smith") and dotted acronyms ("U.S.") never end a sentence here.
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def sentence_spans(text: str, *, careful: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, without surrounding whitespace, in order.

    Careful (question generation, which quotes sentences): a paragraph break (a blank line) always
    ends a sentence, and a full stop after an abbreviation ("U.S.", "Dr.", "Sept."), an initial or a
    dotted acronym does not. ``careful=False`` is the loose rule lessons' summaries and key-term
    definitions have always used: every terminal mark before a capital ends a sentence ("Mr. |
    President") and blank lines are left to the caller, which splits paragraphs itself.
    """
    spans: list[tuple[int, int]] = []
    if not careful:
        cursor = 0
        for match in _LOOSE_BOUNDARY.finditer(text):
            _append(spans, text, cursor, match.start())
            cursor = match.end()
        _append(spans, text, cursor, len(text))
        return spans
    para_start = 0
    paragraphs: list[tuple[int, int]] = []
    for brk in _PARAGRAPH.finditer(text):
        paragraphs.append((para_start, brk.start()))
        para_start = brk.end()
    paragraphs.append((para_start, len(text)))
    for p_start, p_end in paragraphs:
        cursor = p_start
        paragraph = text[p_start:p_end]
        for match in _BOUNDARY.finditer(paragraph):
            dot = p_start + match.start(1)
            if match.group(1) == "." and _is_abbreviation(text, dot):
                continue
            _append(spans, text, cursor, p_start + match.end(2))
            cursor = p_start + match.end(3)
        _append(spans, text, cursor, p_end)
    return spans


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    raw = text[start:end]
    stripped = raw.strip()
    if stripped:
        first = start + len(raw) - len(raw.lstrip())
        spans.append((first, first + len(stripped)))
