"""Question types: the shape of choices, answer keys and student answers, and each grading rule.

Every entry point (generation, manual authoring, import, API, HTML, grading) relies on this
module, so a rule lives in exactly one place.

Shapes (``choices`` / ``answer`` stored on the question; ``response`` is what a student sends):

=================  ==================================================  =========================================  ==========================
type               choices                                             answer (key)                               response
=================  ==================================================  =========================================  ==========================
single_choice      [{"id", "text", "feedback"?}]                       {"correct": id, "weights"?: {id: f}}       id
multiple_response  [{"id", "text", "feedback"?}]                       {"correct": [id...], "weights"?: {id: f}}  [id...]
true_false         []                                                  {"correct": bool}                          bool
cloze              []  (stem holds one blank ``____``)                 {"accepted": [str...],                     str
                                                                        "typo_tolerance"?: bool}
numeric            []                                                  {"value": n, "tolerance": n, "unit": str,  str (as typed) or number
                                                                        "alternatives"?: [{"value","tolerance",
                                                                        "weight"}]}
matching           {"left": [{"id","text"}], "right": [{"id","text"}]} {"pairs": {left_id: right_id}}             {left_id: right_id}
ordering           [{"id", "text"}]                                    {"order": [id...]}                         [id...]
short_answer       []                                                  {"accepted": [str...],                     str
                                                                        "weights"?: {str: f},
                                                                        "typo_tolerance"?: bool,
                                                                        "case_sensitive"?: bool}
essay              {"word_limit"?: n, "response_lines"?: n,             {"grader_info"?: str,                      str (plain text)
                    "response_template"?: str}                           "rubric"?: [{"id", "criterion",
                                                                        "levels": [{"id", "label", "points"}]}]}
description        []                                                  {}                                         none (nothing to answer)
embedded_answers   [{"id": "g<n>-…", "text"}]  (drop-down options;     {"gaps": [gap...]}, one per [[n]] in the   {"<n>": str}
                   the stem holds [[1]], [[2]]… where the gaps go)     stem, see ``_validate_embedded``
=================  ==================================================  =========================================  ==========================

``weights`` are Moodle-style fractions in [-1, 1]; without them the key is all-or-nothing
(single choice) or the partial-credit rule below (multiple response). A grade is a fraction in
[0, 1]; the attempt multiplies it by the question's points.

Typed answers (cloze, short answer) match an accepted answer, aliases included, ignoring case,
accents, punctuation, a leading article and simple plurals; a small typo in a long word is
forgiven unless ``typo_tolerance`` is false (see ``_grade_text``). A numeric answer is kept as
the student typed it ("2,000"), so it is shown back that way. Ordering earns a share for each
item followed by its right successor (Moodle's "relative to the next item"), matching a share
per right pair.

An essay is never graded here: ``grade_answer`` gives it nothing and ``is_manually_marked`` tells
the grading service to wait for an instructor's mark (``quizzes.services.marking``). Its
``choices`` hold the response settings the student sees (word limit, box size, a starting
template); its key holds what only markers see (grader information, the optional rubric).

Embedded answers (Moodle's "multianswer" cloze) hold several gaps in one text, each a typed
answer (the short-answer rules), a number (the numeric rules) or a drop-down (one right option
or weights); a gap's drop-down options are the choices whose id starts ``g<n>-``, so the
student's key-free view of the options (ids and texts) still says which gap they belong to.
Each gap has its share of the question (``points``, Moodle's gap weight) and earns it by its
own rule: partial credit per gap.

A description (Moodle's "description", GIFT's text without an answer block) is text shown
between questions: it takes no answer and is worth nothing, so ``is_scored`` is false, grading
gives it 0 of 0 points and it never counts in a total.
"""

from __future__ import annotations

import copy
import html
import itertools
import math
import re
import secrets
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import DamerauLevenshtein

from quizzes.models import QuestionType

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


def normalise_text(value: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form used for typed answers."""
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


# --- per-type rules ------------------------------------------------------------------------------


def _validate_single(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices)
    if len(ids) < 2:
        raise QuestionDefinitionError("a single-choice question needs at least two choices")
    if answer.get("correct") not in ids:
        raise QuestionDefinitionError("the correct choice must be one of the choices")


def _check_single(choices: Any, response: Any) -> Any:
    if not isinstance(response, str) or response not in _choice_ids(choices):
        raise AnswerShapeError("answer must be the id of one of the choices")
    return response


def _grade_single(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    weights = answer.get("weights")
    fraction = _clamp(float(weights.get(response, 0.0))) if weights else float(response == answer["correct"])
    return Grade(fraction, math.isclose(fraction, 1.0))


def _validate_multi(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices)
    correct = answer.get("correct")
    if not isinstance(correct, list) or not correct or not set(correct) <= set(ids):
        raise QuestionDefinitionError("the correct choices must be a non-empty subset of the choices")
    if len(ids) < 2:
        raise QuestionDefinitionError("a multiple-response question needs at least two choices")


def _check_multi(choices: Any, response: Any) -> Any:
    ids = set(_choice_ids(choices))
    if not isinstance(response, list) or not all(isinstance(r, str) and r in ids for r in response):
        raise AnswerShapeError("answer must be a list of choice ids")
    if len(set(response)) != len(response):
        raise AnswerShapeError("answer lists a choice twice")
    return sorted(response)


def _grade_multi(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    chosen = set(response)
    weights = answer.get("weights")
    if weights:
        fraction = _clamp(sum(float(weights.get(c, 0.0)) for c in chosen))
    else:
        # Each right choice earns 1/|correct|; each wrong choice costs the same; never below 0.
        correct = set(answer["correct"])
        unit = 1.0 / len(correct)
        fraction = _clamp(unit * len(chosen & correct) - unit * len(chosen - correct))
    full = chosen == set(answer["correct"]) if not weights else math.isclose(fraction, 1.0)
    return Grade(fraction, full)


def _validate_tf(choices: Any, answer: Any) -> None:
    if not isinstance(answer.get("correct"), bool):
        raise QuestionDefinitionError("a true/false key is a boolean")


def _check_tf(choices: Any, response: Any) -> Any:
    if not isinstance(response, bool):
        raise AnswerShapeError("answer must be true or false")
    return response


def _grade_tf(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    ok = response is answer["correct"]
    return Grade(1.0 if ok else 0.0, ok)


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


def _grade_text(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    """Rules 2: the typed answer matches an accepted one (aliases are listed there) ignoring case,
    punctuation, a leading article and simple plurals, and, unless the question switches it off,
    a small typo in a long word. Exact matches are preferred, so a typo never takes the credit of
    a better-weighted variant it also resembles. A case-sensitive key (CASE_SENSITIVE) also wants
    the accepted answer's capitals, in order."""
    given = answer_words(response)
    typos = bool(answer.get(TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT))
    weights = {normalise_text(k): float(v) for k, v in (answer.get("weights") or {}).items()}
    accepted = list(answer["accepted"])
    if answer.get(CASE_SENSITIVE):
        accepted = [a for a in accepted if _capitals(a) == _capitals(response)]
    keys = [(answer_words(a), weights.get(normalise_text(a), 1.0)) for a in accepted]
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


def _validate_matching(choices: Any, answer: Any) -> None:
    if not isinstance(choices, dict):
        raise QuestionDefinitionError("matching choices are {left: [...], right: [...]}")
    left, right = _choice_ids(choices.get("left")), _choice_ids(choices.get("right"))
    pairs = answer.get("pairs")
    if not isinstance(pairs, dict) or set(pairs) != set(left) or not set(pairs.values()) <= set(right):
        raise QuestionDefinitionError("pairs must map every left item to a right item")
    if len(left) < 2:
        raise QuestionDefinitionError("matching needs at least two pairs")


def _check_matching(choices: Any, response: Any) -> Any:
    left, right = set(_choice_ids(choices["left"])), set(_choice_ids(choices["right"]))
    if not isinstance(response, dict) or not set(response) <= left or not all(isinstance(v, str) and v in right for v in response.values()):
        raise AnswerShapeError("answer must map left item ids to right item ids")
    return dict(sorted(response.items()))


def _grade_matching(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    pairs = answer["pairs"]
    right = sum(1 for k, v in pairs.items() if response.get(k) == v)
    fraction = right / len(pairs)
    return Grade(fraction, right == len(pairs))


def _validate_ordering(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices)
    if len(ids) < 2 or sorted(answer.get("order") or []) != sorted(ids):
        raise QuestionDefinitionError("the order must list every item once")


def _check_ordering(choices: Any, response: Any) -> Any:
    ids = _choice_ids(choices)
    if not isinstance(response, list) or sorted(map(str, response)) != sorted(ids) or not all(isinstance(r, str) for r in response):
        raise AnswerShapeError("answer must list every item id exactly once")
    return response


def _grade_ordering(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    # Partial credit as Moodle's "relative to the next item": each adjacent pair the student
    # placed in the right relative order earns an equal share.
    order = answer["order"]
    position = {item: i for i, item in enumerate(response)}
    pairs = list(itertools.pairwise(order))
    right = sum(1 for a, b in pairs if position[a] < position[b] and position[b] - position[a] == 1)
    fraction = right / len(pairs) if pairs else 1.0
    return Grade(fraction, list(response) == list(order))


ESSAY_MAX_CHARS = 50_000
ESSAY_LINES_DEFAULT = 15
AWAITING_MARKING = "awaiting marking"


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of characters between spaces."""
    return len(text.split())


def _positive_int_or_none(value: Any, name: str) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise QuestionDefinitionError(f"{name} is a whole number from 1, or empty")


def _validate_essay(choices: Any, answer: Any) -> None:
    if choices in ([], None):
        choices = {}
    if not isinstance(choices, dict):
        raise QuestionDefinitionError("essay settings are an object: {word_limit, response_lines, response_template}")
    unknown = set(choices) - {"word_limit", "response_lines", "response_template"}
    if unknown:
        raise QuestionDefinitionError(f"unknown essay settings: {', '.join(sorted(unknown))}")
    _positive_int_or_none(choices.get("word_limit"), "word_limit")
    _positive_int_or_none(choices.get("response_lines"), "response_lines")
    if not isinstance(choices.get("response_template", ""), str):
        raise QuestionDefinitionError("response_template is text")
    if not isinstance(answer.get("grader_info", ""), str):
        raise QuestionDefinitionError("grader_info is text")
    rubric_max_points(answer.get("rubric") or [])


def rubric_max_points(rubric: Any) -> float:
    """The most a rubric gives (each criterion's best level), or QuestionDefinitionError if it is malformed."""
    if not isinstance(rubric, list):
        raise QuestionDefinitionError("a rubric is a list of criteria")
    total = 0.0
    criterion_ids: set[str] = set()
    for criterion in rubric:
        if not isinstance(criterion, dict) or not isinstance(criterion.get("id"), str) or not str(criterion.get("criterion", "")).strip():
            raise QuestionDefinitionError("each rubric criterion needs an id and a description")
        if criterion["id"] in criterion_ids:
            raise QuestionDefinitionError("rubric criterion ids must be unique")
        criterion_ids.add(criterion["id"])
        levels = criterion.get("levels")
        if not isinstance(levels, list) or not levels:
            raise QuestionDefinitionError(f"criterion {criterion['criterion']!r} needs at least one level")
        level_ids: set[str] = set()
        best = 0.0
        for level in levels:
            points = level.get("points") if isinstance(level, dict) else None
            if not isinstance(level, dict) or not isinstance(level.get("id"), str) or level["id"] in level_ids:
                raise QuestionDefinitionError(f"the levels of {criterion['criterion']!r} need unique ids")
            if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
                raise QuestionDefinitionError(f"each level of {criterion['criterion']!r} gives a number of points from 0")
            level_ids.add(level["id"])
            best = max(best, float(points))
        total += best
    return total


def rubric_points(rubric: list[dict[str, Any]], chosen: dict[str, str]) -> float:
    """The points of one level chosen per criterion; ValueError names a criterion left out or a level unknown."""
    total = 0.0
    for criterion in rubric:
        level_id = chosen.get(criterion["id"])
        level = next((lv for lv in criterion["levels"] if lv["id"] == level_id), None)
        if level is None:
            raise ValueError(f"Choose a level for “{criterion['criterion']}”.")
        total += float(level["points"])
    return total


def essay_settings(choices: Any) -> dict[str, Any]:
    """An essay's response settings with their defaults, as the student's editor uses them."""
    given = choices if isinstance(choices, dict) else {}
    return {
        "word_limit": given.get("word_limit"),
        "response_lines": given.get("response_lines") or ESSAY_LINES_DEFAULT,
        "response_template": given.get("response_template") or "",
    }


def _check_essay(choices: Any, response: Any) -> Any:
    if not isinstance(response, str):
        raise AnswerShapeError("answer must be text")
    if len(response) > ESSAY_MAX_CHARS:
        raise AnswerShapeError(f"answer is longer than {ESSAY_MAX_CHARS} characters")
    limit = essay_settings(choices)["word_limit"]
    words = word_count(response)
    if limit and words > limit:
        raise AnswerShapeError(f"answer has {words} words; the limit is {limit}")
    # Line breaks are the student's paragraphs: only the ends are trimmed.
    return response.strip()


def _grade_essay(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    return Grade(0.0, False, AWAITING_MARKING)


GAP_MARK = re.compile(r"\[\[(\d+)\]\]")
GAP_KINDS = ("text", "numeric", "choice")


def gap_numbers(stem: str) -> list[int]:
    """The gap numbers written in an embedded-answers stem, in reading order."""
    return [int(m.group(1)) for m in GAP_MARK.finditer(stem or "")]


def gap_of_choice(choice_id: str) -> int | None:
    """The gap a drop-down option belongs to, from its id ("g2-…" -> 2)."""
    match = re.match(r"g(\d+)-", choice_id)
    return int(match.group(1)) if match else None


def _embedded_options(choices: Any, gap: int) -> list[str]:
    return [c["id"] for c in choices or [] if isinstance(c, dict) and gap_of_choice(str(c.get("id", ""))) == gap]


def _validate_embedded(choices: Any, answer: Any) -> None:
    ids = _choice_ids(choices or [])
    gaps = answer.get("gaps")
    if not isinstance(gaps, list) or not gaps:
        raise QuestionDefinitionError("embedded answers need at least one gap")
    if any(gap_of_choice(i) is None or not 1 <= (gap_of_choice(i) or 0) <= len(gaps) for i in ids):
        raise QuestionDefinitionError("each drop-down option belongs to a gap (id g<n>-…)")
    for number, gap in enumerate(gaps, start=1):
        if not isinstance(gap, dict) or gap.get("kind") not in GAP_KINDS:
            raise QuestionDefinitionError(f"gap {number} needs a kind: {', '.join(GAP_KINDS)}")
        points = gap.get("points", 1)
        if isinstance(points, bool) or not isinstance(points, int | float) or points <= 0:
            raise QuestionDefinitionError(f"gap {number}'s share of the marks is a number above 0")
        try:
            if gap["kind"] == "text":
                _validate_text(choices, gap)
            elif gap["kind"] == "numeric":
                _validate_numeric(choices, gap)
            else:
                options = _embedded_options(choices, number)
                if len(options) < 2 or gap.get("correct") not in options:
                    raise QuestionDefinitionError("a drop-down needs two options or more and its right one among them")
        except QuestionDefinitionError as exc:
            raise QuestionDefinitionError(f"gap {number}: {exc}") from exc


def _check_embedded(choices: Any, response: Any) -> Any:
    if not isinstance(response, dict) or not all(isinstance(k, str) and k.isdigit() for k in response):
        raise AnswerShapeError("answer must map gap numbers to what was typed or chosen")
    if not all(isinstance(v, str) and len(v) <= 1000 for v in response.values()):
        raise AnswerShapeError("each gap's answer is text of at most 1000 characters")
    ids = set(_choice_ids(choices or []))
    for key, value in response.items():
        if value.startswith("g") and gap_of_choice(value) is not None and (value not in ids or gap_of_choice(value) != int(key)):
            raise AnswerShapeError(f"gap {key}: not one of its options")
    return {k: v.strip() for k, v in sorted(response.items(), key=lambda kv: int(kv[0])) if v.strip()}


def _grade_gap(choices: Any, number: int, gap: dict[str, Any], given: str | None) -> float:
    if not given:
        return 0.0
    if gap["kind"] == "text":
        return _grade_text(choices, gap, given).fraction
    if gap["kind"] == "numeric":
        try:
            return _grade_numeric(choices, gap, given).fraction
        except AnswerShapeError:
            return 0.0  # not a number: wrong, not a malformed answer (the other gaps still count)
    if given not in _embedded_options(choices, number):
        return 0.0
    weights = gap.get("weights")
    return _clamp(float(weights.get(given, 0.0))) if weights else float(given == gap["correct"])


def _grade_embedded(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    gaps = answer["gaps"]
    shares = [float(g.get("points", 1)) for g in gaps]
    fractions = [_grade_gap(choices, n, g, response.get(str(n))) for n, g in enumerate(gaps, start=1)]
    fraction = sum(s * f for s, f in zip(shares, fractions, strict=True)) / sum(shares)
    right = sum(1 for f in fractions if math.isclose(f, 1.0))
    return Grade(_clamp(fraction), right == len(gaps), f"{right} of {len(gaps)} gaps right" if right < len(gaps) else "")


def check_gap_marks(*, type: str, stem: str, answer: Any) -> None:
    """An embedded-answers stem marks each gap once, in order: [[1]], [[2]]… (QuestionDefinitionError)."""
    if type != QuestionType.EMBEDDED:
        return
    gaps = answer.get("gaps") if isinstance(answer, dict) else None
    wanted = list(range(1, len(gaps) + 1)) if isinstance(gaps, list) else []
    if gap_numbers(stem) != wanted:
        raise QuestionDefinitionError(f"the text must mark each gap once, in order: {', '.join(f'[[{n}]]' for n in wanted) or '[[1]]'}")


def _validate_description(choices: Any, answer: Any) -> None:
    if choices not in ([], {}, None):
        raise QuestionDefinitionError("a description has no choices")
    if answer:
        raise QuestionDefinitionError("a description has no answer key")


def _check_description(choices: Any, response: Any) -> Any:
    raise AnswerShapeError("a description takes no answer")


def _grade_description(choices: Any, answer: dict[str, Any], response: Any) -> Grade:
    return Grade(0.0, False, "")


def is_scored(type: str) -> bool:
    """Whether this type is worth points at all (a description is text between questions)."""
    return type != QuestionType.DESCRIPTION


def is_manually_marked(type: str) -> bool:
    """Whether an instructor, not ``grade_answer``, gives this type's marks."""
    return type == QuestionType.ESSAY


@dataclass(frozen=True)
class TypeRule:
    validate: Callable[[Any, dict[str, Any]], None]
    check: Callable[[Any, Any], Any]
    grade: Callable[[Any, dict[str, Any], Any], Grade]
    answer_schema: dict[str, Any]


RULES: dict[str, TypeRule] = {
    QuestionType.SINGLE_CHOICE: TypeRule(_validate_single, _check_single, _grade_single, {"type": "string", "description": "a choice id"}),
    QuestionType.MULTIPLE_RESPONSE: TypeRule(
        _validate_multi, _check_multi, _grade_multi, {"type": "array", "items": {"type": "string"}, "description": "choice ids"}
    ),
    QuestionType.TRUE_FALSE: TypeRule(_validate_tf, _check_tf, _grade_tf, {"type": "boolean"}),
    QuestionType.CLOZE: TypeRule(_validate_text, _check_text, _grade_text, {"type": "string", "description": "the missing term"}),
    QuestionType.NUMERIC: TypeRule(
        _validate_numeric,
        _check_numeric,
        _grade_numeric,
        {
            "anyOf": [{"type": "string"}, {"type": "number"}],
            "description": "a number, best sent as the text the student typed (2000, 2,000, 2 000, 280,5); kept and shown back as typed",
        },
    ),
    QuestionType.MATCHING: TypeRule(
        _validate_matching,
        _check_matching,
        _grade_matching,
        {"type": "object", "additionalProperties": {"type": "string"}, "description": "left item id -> right item id"},
    ),
    QuestionType.ORDERING: TypeRule(
        _validate_ordering,
        _check_ordering,
        _grade_ordering,
        {"type": "array", "items": {"type": "string"}, "description": "item ids in order"},
    ),
    QuestionType.SHORT_ANSWER: TypeRule(_validate_text, _check_text, _grade_text, {"type": "string"}),
    QuestionType.ESSAY: TypeRule(
        _validate_essay, _check_essay, _grade_essay, {"type": "string", "description": "plain text, within the word limit"}
    ),
    QuestionType.EMBEDDED: TypeRule(
        _validate_embedded,
        _check_embedded,
        _grade_embedded,
        {"type": "object", "additionalProperties": {"type": "string"}, "description": "gap number -> typed text or drop-down option id"},
    ),
    QuestionType.DESCRIPTION: TypeRule(
        _validate_description,
        _check_description,
        _grade_description,
        {"type": "string", "maxLength": 0, "description": "nothing: a description takes no answer (send null)"},
    ),
}


# --- the key's texts, and where they are printed -----------------------------------------------


def _number_as_written(value: Any) -> list[str]:
    """A numeric key as a reading prints it: 2022, 2.5, and 2,000 beside 2000."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return [str(value)] if value not in (None, "") else []
    if not math.isfinite(number):
        return []
    if number.is_integer():
        forms = [str(int(number))]
        if abs(number) >= 1000 and not 1000 <= number <= 2100:  # years are never printed "1,949"
            forms.append(f"{int(number):,}")
        return forms
    return [repr(number)]


_TAG = re.compile(r"<[^>]*>")


def key_terms(qtype: str, choices: Any, answer: Any) -> list[str]:
    """The texts of a question's key: what a student must produce or pick.

    Accepted answers (cloze, short answer, aliases included), the correct options' texts, the
    number as written, the right-hand texts of matching pairs. True/false and ordering have no
    key text (the key is a truth value or an order of texts every student sees). Stored on the
    question as ``key_terms`` so a quiz draw can tell when one question's key is printed in
    another's stem or options without reading every key again.
    """
    if not isinstance(answer, dict):
        return []
    terms: list[str] = []
    try:
        if qtype in (QuestionType.CLOZE, QuestionType.SHORT_ANSWER):
            terms = [a for a in answer.get("accepted") or [] if isinstance(a, str)]
        elif qtype in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE):
            correct = answer.get("correct")
            wanted = set(correct) if isinstance(correct, list) else {correct}
            terms = [c.get("text", "") for c in choices or [] if isinstance(c, dict) and c.get("id") in wanted]
        elif qtype == QuestionType.NUMERIC:
            raw = answer.get("text")
            terms = ([raw] if isinstance(raw, str) else []) + _number_as_written(answer.get("value"))
        elif qtype == QuestionType.MATCHING and isinstance(choices, dict):
            texts = {c.get("id"): c.get("text", "") for c in choices.get("right") or [] if isinstance(c, dict)}
            pairs = answer.get("pairs") or {}
            # In the left column's order, not the pairs' key order: PostgreSQL's jsonb reorders an
            # object's keys, and the stored terms must not depend on the database.
            terms = [texts.get(pairs.get(c.get("id")), "") for c in choices.get("left") or [] if isinstance(c, dict)]
    except (AttributeError, TypeError):
        return []  # a malformed key has no texts; validate_definition says what is wrong with it
    seen: set[str] = set()
    unique = []
    for term in terms:
        # Imported options may be HTML: the key is the text a student reads.
        clean = " ".join(html.unescape(_TAG.sub(" ", str(term))).split())
        if clean and normalise_text(clean) and clean.casefold() not in seen:
            seen.add(clean.casefold())
            unique.append(clean)
    return unique


def printed_text(qtype: str, stem: str, choices: Any) -> str:
    """Everything a student reads of a question before answering: the stem and every option."""
    parts = [stem or ""]
    if isinstance(choices, list):
        parts += [str(c.get("text", "")) for c in choices if isinstance(c, dict)]
    elif isinstance(choices, dict):
        for side in ("left", "right"):
            parts += [str(c.get("text", "")) for c in choices.get(side) or [] if isinstance(c, dict)]
    return "\n".join(parts)


def term_printed_in(term: str, text: str) -> bool:
    """Whether ``term`` appears in ``text`` as whole words, ignoring case ("2022" is not in "20225")."""
    if not term:
        return False
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def validate_definition(*, type: str, choices: Any, answer: Any) -> None:
    """Raise QuestionDefinitionError if the key does not fit the type."""
    if type not in RULES:
        raise QuestionDefinitionError(f"unknown question type {type!r}")
    if not isinstance(answer, dict):
        raise QuestionDefinitionError("the answer key must be an object")
    RULES[type].validate(choices, answer)


def check_answer(*, type: str, choices: Any, response: Any) -> Any:
    """Return the answer in canonical form, or raise AnswerShapeError."""
    return RULES[type].check(choices, response)


def grade_answer(*, type: str, choices: Any, answer: dict[str, Any], response: Any, rules: int = GRADING_RULES) -> Grade:
    """Grade one response; an unanswered (None) or malformed response earns nothing.

    ``rules`` is the version of the matching rules to apply (see GRADING_RULES): a response
    graded once is regraded by the rules it was first graded with, so a change of rules never
    changes a grade a student has already seen.
    """
    if response is None:
        return Grade(0.0, False, "not answered")
    try:
        canonical = check_answer(type=type, choices=choices, response=response)
    except AnswerShapeError as exc:
        return Grade(0.0, False, str(exc))
    if rules < 2 and type in (QuestionType.CLOZE, QuestionType.SHORT_ANSWER):
        return _grade_text_v1(choices, answer, canonical)
    return RULES[type].grade(choices, answer, canonical)


# --- option ids ------------------------------------------------------------------------------------

OPAQUE_ID_BYTES = 6


def new_choice_id() -> str:
    """A fresh option id: random, so it says nothing about the key, the file order or the other column."""
    return secrets.token_hex(OPAQUE_ID_BYTES)


def _renamed(value: Any, names: dict[str, str]) -> Any:
    return names.get(value, value) if isinstance(value, str) else value


def with_opaque_choice_ids(*, type: str, choices: Any, answer: dict[str, Any], keep: Collection[str] = ()) -> tuple[Any, dict[str, Any]]:
    """``choices`` and ``answer`` with every option id not in ``keep`` replaced by a random one.

    Students see option ids (they send them back as answers), so an id must not carry the key:
    imported ``l1``↔``r1``, ``o1…oN`` in key order or ``c1`` first would let a student answer
    from the ids alone. ``keep`` holds the ids an earlier version of the same question already
    had: responses and regrades refer to them, so an edit keeps them. Types without option ids
    come back unchanged. Call it after ``validate_definition``.
    """
    taken: set[str] = set(keep)

    def fresh() -> str:
        while (candidate := new_choice_id()) in taken:
            pass
        taken.add(candidate)
        return candidate

    def rename(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
        names = {str(c["id"]): (str(c["id"]) if c["id"] in keep else fresh()) for c in items}
        return [{**c, "id": names[str(c["id"])]} for c in items], names

    key = copy.deepcopy(answer)
    if type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.ORDERING):
        renamed, names = rename(list(choices))
        if isinstance(key.get("correct"), list):
            key["correct"] = [_renamed(c, names) for c in key["correct"]]
        elif "correct" in key:
            key["correct"] = _renamed(key["correct"], names)
        if isinstance(key.get("weights"), dict):
            key["weights"] = {_renamed(k, names): w for k, w in key["weights"].items()}
        if isinstance(key.get("order"), list):
            key["order"] = [_renamed(o, names) for o in key["order"]]
        return renamed, key
    if type == QuestionType.EMBEDDED:
        # The gap number stays in the id (the student sees which drop-down an option is in
        # anyway); the rest is random like any other option id.
        names = {}
        for c in choices or []:
            old_id = str(c["id"])
            names[old_id] = old_id if old_id in keep else f"g{gap_of_choice(old_id)}-{fresh()}"
        for gap in key.get("gaps") or []:
            if "correct" in gap:
                gap["correct"] = _renamed(gap["correct"], names)
            if isinstance(gap.get("weights"), dict) and gap.get("kind") == "choice":
                gap["weights"] = {_renamed(k, names): w for k, w in gap["weights"].items()}
        return [{**c, "id": names[str(c["id"])]} for c in choices or []], key
    if type == QuestionType.MATCHING:
        # Each column is named on its own, so nothing links a left id to its right partner.
        left, left_names = rename(list(choices["left"]))
        right, right_names = rename(list(choices["right"]))
        key["pairs"] = {_renamed(k, left_names): _renamed(v, right_names) for k, v in key["pairs"].items()}
        return {**choices, "left": left, "right": right}, key
    return choices, key


def choice_ids_of(*, choices: Any) -> set[str]:
    """Every option id of a question's choices (both columns of a matching question)."""
    items = [*choices.get("left", []), *choices.get("right", [])] if isinstance(choices, dict) else choices
    return {str(c["id"]) for c in items or [] if isinstance(c, dict) and "id" in c}
