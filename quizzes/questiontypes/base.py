"""What every question type shares: the rules' version and settings, the errors, a grade, and the
normalisation of typed text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

BLANK = "____"

# The version of the matching rules. 1: typed answers equal an accepted one once normalised.
# 2: also ignoring a leading article and simple plurals, with a typo allowance in long words
# (unless the key's TYPO_TOLERANCE is false); numbers may be typed "2 000" and are kept as typed.
# Grading records the version on each response and regrading reuses it.
GRADING_RULES = 2
TYPO_TOLERANCE = "typo_tolerance"
TYPO_TOLERANCE_DEFAULT = True
TYPO_ACCEPTED = "accepted despite a small spelling mistake"
# Moodle's "case sensitivity" of short answers: off by default (the rules ignore case); when on,
# a typed answer must also have the accepted answer's capitals ("NATO" is not "Nato").
CASE_SENSITIVE = "case_sensitive"


class AnswerShapeError(ValueError):
    """The student's answer does not have the shape its question type requires."""


class QuestionDefinitionError(ValueError):
    """A question's choices or answer key are inconsistent."""


@dataclass(frozen=True)
class Grade:
    fraction: float  # 0..1
    correct: bool  # full credit
    detail: str = ""


# --- normalisation ----------------------------------------------------------------------------

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=8192)
def normalise_text(value: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form used for typed answers.

    Remembered per process: the same keys, source passages and feedback are normalised for every
    student of a quiz (a result page compares each question's feedback with its passage), and
    the character-by-character accent check made a graded attempt's result read cost 7.7 ms of CPU
    instead of 6.7 (in-process, 300 reads)."""
    if value.isascii():  # no decomposition and no combining mark in ASCII: the same result, at once
        return " ".join(_PUNCT.sub(" ", value.lower()).split())
    decomposed = unicodedata.normalize("NFKD", value)
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", no_accents.casefold()).split())


# --- helpers ---------------------------------------------------------------------------------------


def _choice_ids(choices: Any) -> list[str]:
    if not isinstance(choices, list) or not all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in choices):
        raise QuestionDefinitionError("choices must be a list of objects with a string id")
    ids = [c["id"] for c in choices]
    if len(set(ids)) != len(ids):
        raise QuestionDefinitionError("choice ids must be unique")
    return ids


def _clamp(value: float) -> float:
    return max(0.0, min(1.0, value))
