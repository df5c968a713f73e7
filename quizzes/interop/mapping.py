"""Between ``QuestionData`` and ``Question`` rows: sanitising and validating on the way in,
reading the stored shapes on the way out."""

from __future__ import annotations

import copy
from dataclasses import dataclass
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
    texts = question_texts_sanitised(
        type=q.type, fmt=q.text_format, stem=q.stem, choices=q.choices, answer=q.answer, explanation=q.explanation, meta=q.meta
    )
    if not texts.stem:
        raise InteropError("the question text is empty (after removing unsafe HTML)")
    try:
        validate_definition(type=q.type, choices=texts.choices, answer=texts.answer)
        check_gap_marks(type=q.type, stem=texts.stem, answer=texts.answer)
    except QuestionDefinitionError as exc:
        raise InteropError(f"the answer key does not fit a {q.type.replace('_', ' ')} question: {exc}") from exc
    choices, answer = with_opaque_choice_ids(type=q.type, choices=texts.choices, answer=texts.answer)
    fields: dict[str, Any] = {
        "type": q.type,
        "title": q.title[:TITLE_MAX],
        "stem": texts.stem,
        "choices": choices,
        "answer": answer,
        "explanation": texts.explanation,
        "topic": q.topic[:TOPIC_MAX],
        "meta": texts.meta,
    }
    if q.points is not None:
        fields["points"] = _points(q)
    return fields


@dataclass(frozen=True)
class QuestionTexts:
    stem: str
    choices: Any
    answer: dict[str, Any]
    explanation: str
    meta: dict[str, Any]


def question_texts_sanitised(
    *, type: str, fmt: str, stem: str, choices: Any, answer: dict[str, Any], explanation: str, meta: dict[str, Any]
) -> QuestionTexts:
    """Every text of a question that is shown as HTML, cleaned for its format ``fmt``: stem,
    general feedback, options and their feedback, the key's feedback (gaps of embedded answers,
    an essay's grader information) and the feedback kept in meta. The one sanitiser of every
    entry point: imports (``model_fields_from_data``) and the services the editor and API call.
    An option left empty by the cleaning is an InteropError."""
    return QuestionTexts(
        stem=sanitise(stem, fmt).strip(),
        choices=_sanitise_choices(type, choices, fmt),
        answer=_sanitise_answer(type, answer, fmt),
        explanation=sanitise(explanation, fmt).strip(),
        meta=_sanitise_meta(meta, fmt),
    )


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


def _sanitise_choices(type: str, choices: Any, fmt: str) -> Any:
    if type in ("single_choice", "multiple_response", "ordering", "embedded_answers"):
        return [_clean_choice(c, fmt, f"choice {i + 1}") for i, c in enumerate(choices)]
    if type == "matching":
        # Moodle shows the right-hand answers as plain text in a menu, but our API serves them
        # with the question's text format and clients may render them: both sides are cleaned.
        return {
            "left": [_clean_choice(c, fmt, f"subquestion {i + 1}") for i, c in enumerate(choices["left"])],
            "right": [_clean_choice(c, fmt, f"answer {i + 1}") for i, c in enumerate(choices["right"])],
        }
    return choices


def _sanitise_meta(meta: dict[str, Any], fmt: str) -> dict[str, Any]:
    cleaned = _feedback_cleaned(meta, fmt, ("answer_feedback", "combined_feedback"))
    if isinstance(cleaned.get("hints"), list):
        cleaned["hints"] = [sanitise(str(h), fmt) for h in cleaned["hints"]]
    return cleaned


def _feedback_cleaned(holder: dict[str, Any], fmt: str, maps: tuple[str, ...]) -> dict[str, Any]:
    """``holder`` (question meta, or one gap of embedded answers) with its feedback maps and
    catch-all feedback sanitised; everything else copied as it is."""
    cleaned = copy.deepcopy(holder)
    for key in maps:
        if isinstance(cleaned.get(key), dict):
            cleaned[key] = {k: sanitise(str(v), fmt) for k, v in cleaned[key].items()}
    if cleaned.get("other_feedback"):
        cleaned["other_feedback"] = sanitise(str(cleaned["other_feedback"]), fmt)
    return cleaned


def _sanitise_answer(type: str, answer: dict[str, Any], fmt: str) -> dict[str, Any]:
    """The key's texts that are shown as HTML: each gap's feedback (embedded answers), the
    grader information of an essay (shown to markers)."""
    if type == "embedded_answers" and isinstance(answer.get("gaps"), list):
        gaps = [_feedback_cleaned(g, fmt, ("feedback",)) if isinstance(g, dict) else g for g in answer["gaps"]]
        return {**answer, "gaps": gaps}
    if type == "essay" and isinstance(answer.get("grader_info"), str):
        return {**answer, "grader_info": sanitise(answer["grader_info"], fmt).strip()}
    return answer
