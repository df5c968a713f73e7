# ruff: noqa: RUF001 - the readings use typographic dashes, so the patterns must too
"""Acronyms a text defines: "Cooperative Cyber Defence Centre of Excellence (CCDCOE)",
"HIMARS (High Mobility Artillery Rocket Systems)", "the Non-Proliferation Treaty, the NPT".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AcronymDefinition", "find_acronyms", "spelled_out_after"]


@dataclass(frozen=True)
class AcronymDefinition:
    short: str
    long: str
    start: int  # offsets in the text of the whole definition
    end: int
    long_first: bool  # "Long Form (ACR)" rather than "ACR (Long Form)" or an apposition


def _best_long_form(short: str, long: str) -> str | None:
    """Schwartz & Hearst (2003): match the acronym's letters right to left inside the long form."""
    s_index, l_index = len(short) - 1, len(long) - 1
    while s_index >= 0:
        c = short[s_index].lower()
        if not c.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != c or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum() and long[l_index - 1] != "-")
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = long.rfind(" ", 0, l_index + 1) + 1
    return long[start:].strip()


_LINKING = {"of", "the", "and", "for", "on", "in", "to"}


def _careful(text: str) -> list[AcronymDefinition]:
    found: list[AcronymDefinition] = []
    # Long form first: "Cooperative Cyber Defence Centre of Excellence (CCDCOE)".
    for m in re.finditer(r"\(([A-Z][A-Za-z0-9&/-]{1,11})\)", text):
        short = m.group(1)
        if sum(1 for c in short if c.isupper()) < 2:
            continue
        before = text[: m.start()].rstrip()
        words = before.split()
        window = " ".join(words[-min(len(short) + 5, len(short) * 2) :])
        long = _best_long_form(short.rstrip("s"), window)
        if long and len(long.split()) >= 2 and long[0].isupper() and long.lower() != short.lower():
            found.append(AcronymDefinition(short, long, before.rfind(long), m.end(), long_first=True))
    # Acronym first: "HIMARS (High Mobility Artillery Rocket Systems)".
    for m in re.finditer(r"\b([A-Z][A-Z0-9&-]{1,11})\s*\(([A-Z][\w-]*(?:[ -][\w-]+){1,9})\)", text):
        short, long = m.group(1), m.group(2)
        best = _best_long_form(short, long)
        if best and best == long.strip():
            found.append(AcronymDefinition(short, long, m.start(), m.end(), long_first=False))
    # Long form in apposition: "the Non-Proliferation Treaty, the NPT", "the Director of National Intelligence—the DNI".
    for m in re.finditer(r"(?:,|[—–]|\s-)\s*the\s+([A-Z][A-Z0-9&-]{1,9})(?=[.,;:—–)]|\s+(?:and|or)\b|$)", text):
        short = m.group(1)
        if sum(1 for c in short if c.isupper()) < 2 or any(short == a.short for a in found):
            continue
        before = text[: m.start()].rstrip()
        words = before.split()
        window = " ".join(words[-min(len(short) + 5, len(short) * 2) :])
        long = _best_long_form(short.rstrip("s"), window)
        # Every word of the long form capitalised (a name, not a description) and each letter a word's initial.
        if (
            long
            and len(long.split()) >= 2
            and all(w[:1].isupper() for w in re.split(r"[\s-]+", long) if w.lower() not in _LINKING)
            and len([w for w in re.split(r"[\s-]+", long) if w.lower() not in _LINKING]) >= len(short) - 1
        ):
            found.append(AcronymDefinition(short, long, before.rfind(long), m.end(), long_first=True))
    return found


# The loose rule: two to eight capitalised words next to a bracketed acronym-shaped word, letters unchecked.
_LOOSE_LONG_FIRST = re.compile(r"\b((?:[A-Z][\w-]+\s+){1,7}[A-Z][\w-]+)\s+\(([A-Z][A-Z0-9-]{1,10})\)")
_LOOSE_ACRONYM_FIRST = re.compile(r"\b([A-Z][A-Z0-9-]{1,10})\s+\(((?:[A-Z][\w-]+\s+){1,7}[A-Z][\w-]+)\)")


def find_acronyms(text: str, *, loose: bool = False) -> list[AcronymDefinition]:
    """Acronyms ``text`` spells out. Careful (question generation, which asks what an acronym stands
    for): the long form must spell the acronym (Schwartz & Hearst), so "the summit (NATO)" is none.

    ``loose=True`` is the rule lessons pick key terms by: any two to eight capitalised words before a
    bracketed acronym-shaped word, or after one in brackets ("HIMARS (High Mobility ...)"), without
    checking the letters; long-first definitions come before acronym-first ones.
    """
    if not loose:
        return _careful(text)
    found = [AcronymDefinition(m.group(2), m.group(1), m.start(), m.end(), long_first=True) for m in _LOOSE_LONG_FIRST.finditer(text)]
    found += [AcronymDefinition(m.group(1), m.group(2), m.start(), m.end(), long_first=False) for m in _LOOSE_ACRONYM_FIRST.finditer(text)]
    return found


def spelled_out_after(term: str, text: str) -> str | None:
    """The capitalised words (two to eight) in brackets right after ``term``'s first such mention, by
    the loose rule: "HIMARS (High Mobility Artillery Rocket Systems)" -> "High Mobility Artillery Rocket Systems"."""
    match = re.search(rf"\b{re.escape(term)}\s+\(((?:[A-Z][\w-]+\s+){{1,7}}[A-Z][\w-]+)\)", text)
    return match.group(1) if match else None
