"""Serializers shared by several quiz API operations: the student's view of a question, the
answer field with its per-type shapes, and the review-policy-filtered result.

Nothing here ever reads ``Question.answer``, ``Question.explanation`` or ``source_passage``
directly: what a student sees comes from ``quizzes.selectors_attempts``, which fills the
key, correctness and feedback only when the quiz's review policy allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from quizzes.models import Attempt, QuestionType
from quizzes.questiontypes import RULES, TYPO_TOLERANCE, TYPO_TOLERANCE_DEFAULT

if TYPE_CHECKING:
    from quizzes.selectors.attempts import AttemptQuestion, ResultItem


def answer_schema() -> dict[str, Any]:
    """One schema per question type, from the type definitions themselves (anyOf, because
    several types share a JSON shape: a choice id and a cloze answer are both strings)."""
    variants = []
    for type_, rule in RULES.items():
        variant = dict(rule.answer_schema)
        variant["title"] = str(type_)
        variant["description"] = f"{type_}: {rule.answer_schema.get('description') or rule.answer_schema['type']}"
        variants.append(variant)
    lines = "; ".join(v["description"] for v in variants)
    return {
        "anyOf": variants,
        "nullable": True,
        "description": f"The answer, shaped by the question's type ({lines}). null clears a saved answer.",
    }


_TEXT_KEY = {
    "accepted": {"type": "array", "items": {"type": "string"}, "description": "accepted answers, aliases included"},
    TYPO_TOLERANCE: {
        "type": "boolean",
        "default": TYPO_TOLERANCE_DEFAULT,
        "description": "forgive a small typo in a long word (1 edit for 6-9 letters, 2 from 10); false = exact words only",
    },
}
_WEIGHTS = {"type": "object", "additionalProperties": {"type": "number"}, "description": "Moodle-style fractions"}

# The answer key's shape per question type (quizzes.questiontypes documents and validates them).
KEY_SCHEMAS: dict[str, dict[str, Any]] = {
    QuestionType.SINGLE_CHOICE: {"properties": {"correct": {"type": "string"}, "weights": _WEIGHTS}, "required": ["correct"]},
    QuestionType.MULTIPLE_RESPONSE: {
        "properties": {"correct": {"type": "array", "items": {"type": "string"}}, "weights": _WEIGHTS},
        "required": ["correct"],
    },
    QuestionType.TRUE_FALSE: {"properties": {"correct": {"type": "boolean"}}, "required": ["correct"]},
    QuestionType.CLOZE: {"properties": _TEXT_KEY, "required": ["accepted"]},
    QuestionType.NUMERIC: {
        "properties": {
            "value": {"type": "number"},
            "tolerance": {"type": "number"},
            "unit": {"type": "string"},
            "alternatives": {"type": "array", "items": {"type": "object"}},
        },
        "required": ["value"],
    },
    QuestionType.MATCHING: {
        "properties": {"pairs": {"type": "object", "additionalProperties": {"type": "string"}}},
        "required": ["pairs"],
    },
    QuestionType.ORDERING: {"properties": {"order": {"type": "array", "items": {"type": "string"}}}, "required": ["order"]},
    QuestionType.SHORT_ANSWER: {"properties": {**_TEXT_KEY, "weights": _WEIGHTS}, "required": ["accepted"]},
    # An essay's key is its marking guide (markers only); its choices are the student's
    # settings {word_limit, response_lines, response_template}.
    QuestionType.ESSAY: {
        "properties": {
            "grader_info": {"type": "string", "description": "information for markers"},
            "rubric": {
                "type": "array",
                "items": {"type": "object"},
                "description": "criteria [{id, criterion, levels: [{id, label, points}]}]; a mark's points are the levels' scaled to the question",
            },
        },
    },
    # Several gaps in one text ([[1]], [[2]]… in the stem); drop-down options are the choices
    # whose id starts g<n>-.
    QuestionType.EMBEDDED: {
        "properties": {
            "gaps": {
                "type": "array",
                "items": {"type": "object"},
                "description": "one per gap: {kind: text|numeric|choice, points (its share)} plus that kind's key "
                "(accepted/weights/typo_tolerance/case_sensitive; value/tolerance/alternatives; correct/weights)",
            }
        },
        "required": ["gaps"],
    },
    # A description is text between questions: no key, no choices, no points.
    QuestionType.DESCRIPTION: {"properties": {}, "additionalProperties": False},
}


def answer_key_schema() -> dict[str, Any]:
    """The answer key's schema: one object shape per question type (anyOf, titled by type)."""
    return {
        "anyOf": [{"type": "object", "title": str(t), **shape} for t, shape in KEY_SCHEMAS.items()],
        "description": "the answer key; its shape depends on the question type (see each variant's title)",
    }


@extend_schema_field(answer_key_schema())
class AnswerKeyField(serializers.JSONField):
    """A question's answer key; its shape is checked against the type by the review service."""


@extend_schema_field(answer_schema())
class AnswerField(serializers.JSONField):
    """A student's answer; its shape is checked against the question type by the service."""


@extend_schema_field({"type": "string", "enum": ["in_progress", "submitted", "graded"]})
class PublicStateField(serializers.Field):  # type: ignore[type-arg]
    """The attempt's state as clients see it: the worker's internal 'grading' is 'submitted'."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: str) -> str:
        return public_state(value)


def public_state(state: str) -> str:
    return Attempt.State.SUBMITTED.value if state == Attempt.State.GRADING else str(state)


class OptionSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()


class AttemptQuestionSerializer(serializers.Serializer):
    """A question as the student sees it while answering: stem and options, never the key."""

    question_id = serializers.IntegerField()
    position = serializers.IntegerField()
    type = serializers.CharField()
    stem = serializers.CharField()
    options = OptionSerializer(many=True, help_text="choices / items / right-hand column, in this student's order")
    left = OptionSerializer(many=True, help_text="matching only: the left-hand column")
    answer = AnswerField(allow_null=True, help_text="the answer saved so far")
    saved_at = serializers.DateTimeField(allow_null=True)
    text_format = serializers.CharField(
        help_text="how stem and options are written: plain, or an imported question's html, moodle or markdown (sanitised on import)"
    )
    flagged = serializers.BooleanField(help_text="the student flagged this question to come back to it")
    essay = serializers.JSONField(
        allow_null=True,
        help_text=(
            "essays only: {word_limit (null = none), response_lines, response_template, attachments (none, optional or required: one file,"
            " uploaded on the attempt page), attachment_types}; the answer is plain text"
        ),
    )
    number = serializers.IntegerField(
        allow_null=True, help_text="the question's number as shown (1, 2, …); null for a description, which is text, not a question"
    )


_DATETIME = serializers.DateTimeField()


def _option_rows(options: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    """Options as ``OptionSerializer`` gives them: id and text only."""
    return [{"id": o["id"], "text": o["text"]} for o in options]


def attempt_questions_data(questions: Iterable[AttemptQuestion]) -> list[dict[str, Any]]:
    """What ``AttemptQuestionSerializer(questions, many=True).data`` gives, built directly.

    A start and every in-progress poll send all of an attempt's questions; the serializer's
    per-field machinery (a field object per value, nested for each option) was most of the CPU
    of building that reply, for values that are already plain strings, numbers and lists. The
    serializer stays the schema; a test holds the two to the same output.
    """
    return [
        {
            "question_id": q.question_id,
            "position": q.position,
            "type": q.type,
            "stem": q.stem,
            "options": _option_rows(q.options),
            "left": _option_rows(q.left),
            "answer": q.answer,
            "saved_at": _DATETIME.to_representation(q.saved_at) if q.saved_at is not None else None,
            "text_format": q.text_format,
            "flagged": q.flagged,
            "essay": q.essay,
            "number": q.number,
        }
        for q in questions
    ]


def result_items_data(items: Iterable[ResultItem]) -> list[dict[str, Any]]:
    """What ``ResultItemSerializer(items, many=True).data`` gives, built directly.

    A graded attempt's read sends every item (each student's result page, the API's poll once
    graded): ``dataclasses.asdict`` deep-copied each item's options, answers and keys, and the
    serializer then built a field object per value; together about 40 % of the read's CPU
    (cProfile of 200 graded reads, bench database). The serializer stays the schema; a test
    holds the two to the same output.
    """
    return [
        {
            "position": i.position,
            "question_id": i.question_id,
            "type": i.type,
            "stem": i.stem,
            "options": _option_rows(i.options),
            "left": _option_rows(i.left),
            "answer": i.answer,
            "text_format": i.text_format,
            "correct": i.correct,
            "fraction": i.fraction,
            "points": i.points,
            "max_points": i.max_points,
            "correct_answer": i.correct_answer,
            "feedback": i.feedback,
            "source_passage": i.source_passage,
            "awaiting_marking": i.awaiting_marking,
            "override_comment": i.override_comment,
            "number": i.number,
        }
        for i in items
    ]


class ResultItemSerializer(serializers.Serializer):
    """One question of a submitted attempt; null fields are those the review policy hides."""

    position = serializers.IntegerField()
    question_id = serializers.IntegerField()
    type = serializers.CharField()
    stem = serializers.CharField()
    options = OptionSerializer(many=True)
    left = OptionSerializer(many=True)
    answer = AnswerField(allow_null=True, help_text="the student's answer")
    text_format = serializers.CharField(
        help_text="how stem and options are written: plain, or an imported question's html, moodle or markdown (sanitised on import)"
    )
    correct = serializers.BooleanField(allow_null=True)
    fraction = serializers.FloatField(allow_null=True)
    points = serializers.FloatField(allow_null=True)
    max_points = serializers.FloatField(allow_null=True)
    correct_answer = serializers.JSONField(allow_null=True, help_text="the answer key, when the review policy shows answers")
    feedback = serializers.CharField(allow_null=True)
    source_passage = serializers.CharField(allow_null=True)
    awaiting_marking = serializers.BooleanField(help_text="an essay whose mark is not given or not released yet")
    override_comment = serializers.CharField(allow_null=True, help_text="the marker's comment (an essay mark or a changed mark)")
    number = serializers.IntegerField(allow_null=True, help_text="as numbered while answering; null for a description")
