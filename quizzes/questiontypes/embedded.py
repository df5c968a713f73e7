"""Embedded answers (Moodle's multianswer cloze): several gaps in one text, each typed, numeric or a
drop-down, graded by the typed and numeric rules, each for its share of the question.
"""

from __future__ import annotations

import math
import re
from typing import Any

from quizzes.models import QuestionType
from quizzes.questiontypes.base import AnswerShapeError, Grade, QuestionDefinitionError, _choice_ids, _clamp
from quizzes.questiontypes.typed import _grade_numeric, _grade_text, _validate_numeric, _validate_text

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
