# ruff: noqa: RUF001 -- this module matches typographic quotes, dashes and non-Latin letters on purpose
"""In-text citations in author-date style.

Recognised: ``(Lupovici, 2023)``, ``(Belo and Rodriguez, 2023)``, ``(Thomson et al., 2023)``,
``(von Cramon-Taubadel and Nivievskyi, 2023)``, several in one bracket separated by ``;``,
titles for authorless sources ``(“Title,” 2025)``, and narrative ``Lupovici (2023)``. A year
in brackets that is not a citation (``(February 2022)``, ``(in 2014)``) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text.words import MONTHS, SEASONS, sentence_openers


@dataclass(frozen=True)
class CitationMatch:
    authors: str
    year: int | None
    as_cited: str  # exactly ``text[start:start + len(as_cited)]``
    start: int


_YEAR = r"(?P<year>1[6-9]\d{2}|20\d{2})[a-z]?"
_TITLE_CITATION = re.compile(r"\(\s*[“\"](?P<title>[^”\"]{3,300}?)[,.]?[”\"],?\s*" + _YEAR + r"\s*\)")
_BRACKET = re.compile(r"\(([^()]{3,400})\)")
_NAME = r"(?:(?:von|van|de|der|den|da|di|du|del|la|le|al|bin|ten|ter)\s+)*[A-ZÀ-ÖØ-Þ][\w’'\-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'\-]*){0,2}"
_AUTHORS = rf"(?P<authors>{_NAME}(?:\s*,\s*{_NAME})*(?:,?\s+(?:and|&)\s+{_NAME})?(?:\s+et\s+al\.?)?)"
_PART = re.compile(rf"^\s*(?:see\s+(?:also\s+)?|e\.g\.,?\s+|cf\.\s+)?{_AUTHORS},?\s+{_YEAR}(?:,\s*(?:p|pp)\.\s*[\d\-–]+)?\s*$")
_NARRATIVE = re.compile(rf"\b{_AUTHORS}\s+\({_YEAR}\)")
# A month or season before a year is a date ("(June 2023)"), not an author.
_MONTHS = frozenset(month.lower() for month in MONTHS) | SEASONS


def _plausible_authors(authors: str) -> bool:
    first = authors.split()[0].lower().strip(",")
    return first not in _MONTHS


def extract_citations(text: str) -> list[CitationMatch]:
    found: list[CitationMatch] = []
    taken: list[tuple[int, int]] = []
    openers = sentence_openers()
    for match in _TITLE_CITATION.finditer(text):
        found.append(CitationMatch(" ".join(match.group("title").split()), int(match.group("year")), match.group(0), match.start()))
        taken.append(match.span())
    for match in _BRACKET.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        inner = match.group(1)
        parts = inner.split(";")
        matches = [_PART.match(part) for part in parts]
        if not any(matches):
            continue
        if len(parts) == 1 and matches[0] and _plausible_authors(matches[0].group("authors")):
            found.append(
                CitationMatch(_clean_authors(matches[0].group("authors")), int(matches[0].group("year")), match.group(0), match.start())
            )
            taken.append(match.span())
            continue
        offset = match.start(1)
        for part, part_match in zip(parts, matches, strict=True):
            if part_match and _plausible_authors(part_match.group("authors")):
                stripped = part.strip()
                start = offset + part.index(stripped)
                found.append(CitationMatch(_clean_authors(part_match.group("authors")), int(part_match.group("year")), stripped, start))
            offset += len(part) + 1
        taken.append(match.span())
    for match in _NARRATIVE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        words = match.group("authors").split()
        while words and words[0] in openers:  # "As Lupovici (2023) argues"
            words = words[1:]
        if not words or not _plausible_authors(" ".join(words)):
            continue
        start = text.index(words[0], match.start())
        found.append(CitationMatch(_clean_authors(" ".join(words)), int(match.group("year")), text[start : match.end()], start))
    return sorted(found, key=lambda citation: citation.start)


def _clean_authors(authors: str) -> str:
    return " ".join(authors.split())
