"""Types answered by typing: cloze and short answer (accepted texts, typos, plurals, capitals) and
numeric (a value within a tolerance, kept as typed).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from quizzes.questiontypes.base import (
    CASE_SENSITIVE,
    TYPO_ACCEPTED,
    TYPO_TOLERANCE,
    TYPO_TOLERANCE_DEFAULT,
    AnswerShapeError,
    Grade,
    QuestionDefinitionError,
    _clamp,
    normalise_text,
)


def _validate_text(choices: Any, answer: Any) -> None:
    accepted = answer.get("accepted")
    if not isinstance(accepted, list) or not accepted or not all(isinstance(a, str) and normalise_text(a) for a in accepted):
        raise QuestionDefinitionError("accepted answers must be a non-empty list of non-empty strings")
    if not isinstance(answer.get(TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT), bool):
        raise QuestionDefinitionError(f"{TYPO_TOLERANCE} is true or false")
    if not isinstance(answer.get(CASE_SENSITIVE, False), bool):
        raise QuestionDefinitionError(f"{CASE_SENSITIVE} is true or false")


def _check_text(choices: Any, response: Any) -> Any:
    if not isinstance(response, str):
        raise AnswerShapeError("answer must be text")
    if len(response) > 1000:
        raise AnswerShapeError("answer is longer than 1000 characters")
    return response.strip()


def _grade_text_v1(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    """Rules 1: the normalised answer must equal an accepted one."""
    given = normalise_text(response)
    weights = {normalise_text(k): float(v) for k, v in (answer.get("weights") or {}).items()}
    best = 0.0
    for accepted in answer["accepted"]:
        key = normalise_text(accepted)
        if given and given == key:
            best = max(best, weights.get(key, 1.0))
    return Grade(_clamp(best), math.isclose(best, 1.0))


_ARTICLES = frozenset({"a", "an", "the"})


def _singular(word: str) -> str:
    """A simple plural's singular ("patriots" -> "patriot", "countries" -> "country"); digits and
    short words as they are. Applied to both sides, so an over-eager cut cancels out."""
    if len(word) <= 3 or any(c.isdigit() for c in word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# Grading a batch compares many answers with the same few keys: each text (an accepted answer,
# an answer many students typed) is normalised once per process, not once per response. Pure
# functions of a string, so a cached result is the result; bounded, as answers are arbitrary.
_TEXTS_REMEMBERED = 4096


@functools.lru_cache(maxsize=_TEXTS_REMEMBERED)
def answer_words(value: str) -> tuple[str, ...]:
    """The words a typed answer is compared by: normalised (case, accents, punctuation), without a
    leading article, each in its singular."""
    words = normalise_text(value).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return tuple(_singular(w) for w in words)


def typo_allowance(word: str) -> int:
    """Edits (Damerau-Levenshtein) forgiven in a word of the key: none below 6 letters or in a
    number, 1 for 6-9 letters, 2 from 10."""
    if len(word) < 6 or any(c.isdigit() for c in word):
        return 0
    return 1 if len(word) < 10 else 2


def _words_match(given: tuple[str, ...], key: tuple[str, ...], *, typos: bool) -> bool:
    """Same words in the same order; with ``typos``, each word of the key may be misspelt by its
    allowance. A missing or extra word never matches ("hybrid" is not "hybrid warfare")."""
    if not given or len(given) != len(key):
        return False
    if given == key:
        return True
    if not typos:
        return False
    for typed, wanted in zip(given, key, strict=True):
        allowance = typo_allowance(wanted)
        if typed != wanted and (allowance == 0 or DamerauLevenshtein.distance(typed, wanted, score_cutoff=allowance) > allowance):
            return False
    return True


def _capitals(value: str) -> tuple[str, ...]:
    """The capital letters of a text, in order, after a leading article ("the Hague" and "The
    Hague" have the same): what a case-sensitive key also compares."""
    words = value.split()
    if len(words) > 1 and normalise_text(words[0]) in _ARTICLES:
        words = words[1:]
    return tuple(c for c in unicodedata.normalize("NFKD", " ".join(words)) if c.isupper())


_normalised = functools.lru_cache(maxsize=_TEXTS_REMEMBERED)(normalise_text)


def _grade_text(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    """Rules 2: the typed answer matches an accepted one (aliases are listed there) ignoring case,
    punctuation, a leading article and simple plurals, and, unless the question switches it off,
    a small typo in a long word. Exact matches are preferred, so a typo never takes the credit of
    a better-weighted variant it also resembles. A case-sensitive key (CASE_SENSITIVE) also wants
    the accepted answer's capitals, in order."""
    given = answer_words(response)
    typos = bool(answer.get(TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT))
    weights = {_normalised(k): float(v) for k, v in (answer.get("weights") or {}).items()}
    accepted = list(answer["accepted"])
    if answer.get(CASE_SENSITIVE):
        accepted = [a for a in accepted if _capitals(a) == _capitals(response)]
    keys = [(answer_words(a), weights.get(_normalised(a), 1.0)) for a in accepted]
    best, detail = 0.0, ""
    exact = [weight for key, weight in keys if _words_match(given, key, typos=False)]
    if exact:
        best = max(exact)
    else:
        near = [weight for key, weight in keys if _words_match(given, key, typos=typos)]
        if near:
            best, detail = max(near), TYPO_ACCEPTED
    return Grade(_clamp(best), math.isclose(best, 1.0), detail if best > 0 else "")


def _validate_numeric(choices: Any, answer: Any) -> None:
    try:
        float(answer["value"])
        if float(answer.get("tolerance", 0)) < 0:
            raise QuestionDefinitionError("tolerance cannot be negative")
    except (KeyError, TypeError, ValueError) as exc:
        raise QuestionDefinitionError("a numeric key needs a number value and a tolerance") from exc


_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
# 2 000 or 2 000 000: a space (plain, no-break or narrow no-break) between groups of three.
_SPACED_THOUSANDS = re.compile(r"[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d*)?")


def number_value(response: Any) -> float:
    """The number a student typed ("2,000", "2000", "2 000", "280,5", 2000), or AnswerShapeError."""
    if isinstance(response, bool) or not isinstance(response, int | float | str):
        raise AnswerShapeError("answer must be a number")
    text = str(response).strip()
    if _SPACED_THOUSANDS.fullmatch(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text)
        if text.count(",") == 1:
            text = text.replace(",", ".")  # 2 000,5: spaced groups go with a decimal comma
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")  # 1,000,000 or 12,500.5: thousands separators
    elif text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # 280,5: a decimal comma, not 2805
    try:
        value = float(text)
    except ValueError as exc:
        raise AnswerShapeError("answer must be a number") from exc
    if not math.isfinite(value):
        raise AnswerShapeError("answer must be a finite number")
    return value


def number_text(value: Any) -> str:
    """A number as people write it: what the student typed when it is text, 2025 (not 2025.0) otherwise."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def _check_numeric(choices: Any, response: Any) -> Any:
    """The answer as the student wrote it (text, so it is shown back unchanged), once it reads as a number."""
    number_value(response)
    return number_text(response).strip()


def _grade_numeric(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    value = number_value(response)
    candidates = [{"value": answer["value"], "tolerance": answer.get("tolerance", 0), "weight": 1.0}]
    candidates += list(answer.get("alternatives") or [])
    best = 0.0
    for cand in candidates:
        if abs(value - float(cand["value"])) <= float(cand.get("tolerance", 0)) + 1e-9:
            best = max(best, float(cand.get("weight", 1.0)))
    return Grade(_clamp(best), math.isclose(best, 1.0))
