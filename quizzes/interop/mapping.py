"""Between ``QuestionData`` and ``Question`` rows: sanitising and validating on the way in,
reading the stored shapes on the way out."""

from __future__ import annotations

import copy
from decimal import Decimal, InvalidOperation
from typing import Any

from quizzes.interop.base import TITLE_MAX, TOPIC_MAX, InteropError, QuestionData, sanitise
from quizzes.models import Question
from quizzes.questiontypes import QuestionDefinitionError, check_gap_marks, validate_definition, with_opaque_choice_ids

POINTS_MAX = Decimal("9999.99")


def question_data_from_model(question: Question) -> QuestionData:
    return QuestionData(
        type=question.type,
        stem=question.stem,
        choices=copy.deepcopy(question.choices),
        answer=copy.deepcopy(question.answer),
        title=question.title,
        explanation=question.explanation,
        topic=question.topic,
        points=Decimal(question.points),
        meta=copy.deepcopy(question.meta or {}),
    )


def model_fields_from_data(q: QuestionData) -> dict[str, Any]:
    """The fields of a new Question for ``q``: HTML cleaned, key validated, option ids made
    opaque (the readers number them in file and key order), or InteropError."""
    fmt = q.text_format
    stem = sanitise(q.stem, fmt).strip()
    if not stem:
        raise InteropError("the question text is empty (after removing unsafe HTML)")
    choices = _sanitise_choices(q, fmt)
    meta = _sanitise_meta(q.meta, fmt)
    try:
        validate_definition(type=q.type, choices=choices, answer=q.answer)
        check_gap_marks(type=q.type, stem=stem, answer=q.answer)
    except QuestionDefinitionError as exc:
        raise InteropError(f"the answer key does not fit a {q.type.replace('_', ' ')} question: {exc}") from exc
    choices, answer = with_opaque_choice_ids(type=q.type, choices=choices, answer=q.answer)
    fields: dict[str, Any] = {
        "type": q.type,
        "title": q.title[:TITLE_MAX],
        "stem": stem,
        "choices": choices,
        "answer": answer,
        "explanation": sanitise(q.explanation, fmt).strip(),
        "topic": q.topic[:TOPIC_MAX],
        "meta": meta,
    }
    if q.points is not None:
        fields["points"] = _points(q)
    return fields


def _points(q: QuestionData) -> Decimal:
    try:
        points = Decimal(q.points).quantize(Decimal("0.01"))  # type: ignore[arg-type]
    except InvalidOperation as exc:
        raise InteropError(f"the default grade {q.points} is not a number we can store") from exc
    if points < 0 or points > POINTS_MAX:
        raise InteropError(f"the default grade {q.points} is outside 0..{POINTS_MAX}")
    if points != Decimal(q.points):  # type: ignore[arg-type]
        q.notes.append(f"the default grade {q.points} is rounded to {points} points")
    return points


def _clean_choice(choice: dict[str, Any], fmt: str, what: str) -> dict[str, Any]:
    cleaned = dict(choice)
    cleaned["text"] = sanitise(str(choice["text"]), fmt).strip()
    if not cleaned["text"]:
        raise InteropError(f"{what} is empty after removing unsafe HTML")
    if choice.get("feedback"):
        cleaned["feedback"] = sanitise(str(choice["feedback"]), fmt).strip()
    return cleaned


def _sanitise_choices(q: QuestionData, fmt: str) -> Any:
    if q.type in ("single_choice", "multiple_response", "ordering", "embedded_answers"):
        return [_clean_choice(c, fmt, f"choice {i + 1}") for i, c in enumerate(q.choices)]
    if q.type == "matching":
        # Moodle shows the right-hand answers as plain text in a menu, but our API serves them
        # with the question's text format and clients may render them: both sides are cleaned.
        return {
            "left": [_clean_choice(c, fmt, f"subquestion {i + 1}") for i, c in enumerate(q.choices["left"])],
            "right": [_clean_choice(c, fmt, f"answer {i + 1}") for i, c in enumerate(q.choices["right"])],
        }
    return q.choices


def _sanitise_meta(meta: dict[str, Any], fmt: str) -> dict[str, Any]:
    cleaned = copy.deepcopy(meta)
    for key in ("answer_feedback", "combined_feedback"):
        if isinstance(cleaned.get(key), dict):
            cleaned[key] = {k: sanitise(str(v), fmt) for k, v in cleaned[key].items()}
    if cleaned.get("other_feedback"):
        cleaned["other_feedback"] = sanitise(str(cleaned["other_feedback"]), fmt)
    if isinstance(cleaned.get("hints"), list):
        cleaned["hints"] = [sanitise(str(h), fmt) for h in cleaned["hints"]]
    return cleaned
