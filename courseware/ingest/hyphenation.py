# ruff: noqa: RUF001 -- this module matches typographic quotes, dashes and non-Latin letters on purpose
"""Re-flowing a paragraph's lines and joining words hyphenated across a line end: ``co-\noperation``
becomes ``cooperation`` or stays ``co-operation`` depending on what the reading itself writes
(its ``Vocabulary``) and on known compound halves.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LINE_END_HYPHEN = re.compile(r"[^\W\d_]+-\n[ \t]*[^\W\d_]+")
# Word endings that typesetting splits off (“develop-ment”, “sustain-able”); a line-end
# hyphen before one of these is a split, not a compound.
_SUFFIXES = (
    "ment", "tion", "sion", "ness", "ities", "ance", "ence", "able", "ible", "ious", "ated", "ation", "ically", "ments", "tions",
)  # fmt: skip
# Short endings count only as the whole second part ("secur-ity", "sustain-ing"), so that
# "low-altitude" is not taken for "low" + "-al...".
_SHORT_SUFFIXES = frozenset({"ity", "ing", "ings", "ive", "ism", "ist", "ure", "ous", "ial", "ian", "ize", "ise", "ed", "ly", "al"})
# First and second elements of common English compounds (“self-defence”, “low-altitude”,
# “war-torn”, “Soviet-era”): with one of these a line-end hyphen is kept even when the
# document never shows the compound elsewhere. Deliberately without prefixes that also
# start ordinary words (re-, de-, in-, con-, pro-), which typesetting splits off.
_COMPOUND_FIRST = frozenset(
    [
        "self",
        "non",
        "well",
        "all",
        "cross",
        "half",
        "ex",
        "quasi",
        "low",
        "high",
        "long",
        "short",
        "full",
        "large",
        "small",
        "wide",
        "next",
        "much",
        "drawn",
        "man",
        "surface",
        "better",
        "best",
        "worse",
        "worst",
        "ill",
        "hard",
        "far",
        "near",
        "open",
        "close",
        "top",
        "first",
        "second",
        "third",
        "two",
        "three",
        "four",
        "five",
        "six",
        "multi",
        "semi",
        "anti",
        "war",
        "world",
        "cold",
        "old",
        "new",
        "single",
        "double",
        "cyber",
        "cost",
        "battle",
        "risk",
    ]
)
_COMPOUND_SECOND = frozenset(
    [
        "term",
        "based",
        "scale",
        "range",
        "level",
        "led",
        "made",
        "related",
        "wide",
        "time",
        "free",
        "like",
        "oriented",
        "making",
        "run",
        "era",
        "style",
        "type",
        "backed",
        "owned",
        "funded",
        "brokered",
        "sponsored",
        "needed",
        "known",
        "building",
        "sharing",
        "resourced",
        "equipped",
        "guided",
        "value",
        "lethal",
        "tank",
        "air",
        "dimensional",
        "generation",
        "portable",
        "altitude",
        "torn",
        "size",
        "sized",
        "class",
        "party",
        "fire",
        "kill",
        "born",
        "driven",
    ]
)


@dataclass(frozen=True)
class Vocabulary:
    """Words and hyphenated compounds of one document, lower-cased, seen away from line ends."""

    words: frozenset[str]
    compounds: frozenset[str]

    @classmethod
    def from_text(cls, text: str) -> Vocabulary:
        # Ignore the pieces of line-end hyphenations themselves, or every fragment would be
        # "a word seen in the text".
        scrubbed = _LINE_END_HYPHEN.sub(" ", text)
        scrubbed = scrubbed.lower()
        compounds: set[str] = set()
        for compound in _COMPOUND.findall(scrubbed):
            # "surface-to-air" also vouches for "surface-to" and "to-air" (a line may break at either hyphen).
            parts = compound.split("-")
            compounds.add(compound)
            compounds.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
        return cls(frozenset(_WORD.findall(scrubbed)), frozenset(compounds))


def join_hyphenated(left: str, right: str, vocabulary: Vocabulary) -> str:
    """Join ``left-`` at a line end with ``right`` on the next line, keeping the hyphen or not.

    No dictionary is available offline, so the document itself is the first witness. In order:
    (1) the hyphenated form occurs elsewhere in the text → keep; (2) the joined word occurs
    elsewhere → drop; (3) the second part starts with a capital or digit (``Euro-Atlantic``,
    ``pre-2014``) or the first is an acronym (``NATO-led``) → keep; (4) the second part starts
    with a typical split-off ending (``develop-ment``, ``sustain-able``) → drop; (5) a common
    first or second element of English compounds (``low-``, ``self-``, ``-term``, ``-era``) →
    keep; (6) the first part is a word of the document and the second has four letters or more
    (``energy-related``) → keep; (7) otherwise the hyphen was typesetting → drop
    (``capa-bilities``, ``inter-national``).
    """
    left_word = _WORD.findall(left)[-1] if _WORD.findall(left) else left
    right_word = _WORD.findall(right)[0] if _WORD.findall(right) else right
    lower_left, lower_right = left_word.lower(), right_word.lower()
    if f"{lower_left}-{lower_right}" in vocabulary.compounds:
        return f"{left}-{right}"
    if lower_left + lower_right in vocabulary.words:
        return f"{left}{right}"
    if right[:1].isupper() or right[:1].isdigit() or (len(left_word) > 1 and left_word.isupper()):
        return f"{left}-{right}"
    if lower_right.startswith(_SUFFIXES) or lower_right in _SHORT_SUFFIXES:
        return f"{left}{right}"
    if lower_left in _COMPOUND_FIRST or lower_right in _COMPOUND_SECOND:
        return f"{left}-{right}"
    if lower_left in vocabulary.words and len(lower_left) > 1 and len(lower_right) >= 4:
        return f"{left}-{right}"
    return f"{left}{right}"


def reflow_paragraph(lines: list[str], vocabulary: Vocabulary) -> str:
    """Join the hard-wrapped lines of one paragraph into one line.

    Leading spaces (page-break indentation) and trailing spaces go; a line ending in a hyphen
    glued to a word is a hyphenated break (see ``join_hyphenated``); a free-standing dash
    (``actions -``) is punctuation and gets its space back.
    """
    text = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not text:
            text = line
            continue
        if text.endswith("-") and len(text) > 1 and not text[-2].isspace() and line[:1].isalnum():
            head, _, left = text[:-1].rpartition(" ")
            first, _, rest = line.partition(" ")
            # After an abbreviation (U.S.-South Korea) the hyphen is always part of the compound.
            joined = f"{left}-{first}" if left.endswith(".") else join_hyphenated(left, first, vocabulary)
            text = " ".join(part for part in (head, joined, rest) if part)
        else:
            text = f"{text} {line}"
    return text
