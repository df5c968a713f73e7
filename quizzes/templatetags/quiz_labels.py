"""Labels of quiz settings for people.

The quiz editor's topic select (walk-through #15): each source row picks a topic of the chosen
bank by its label, with how many approved questions it holds, instead of a free-text slug. And
the review level said to students (walk-through #22: "All of that and feedback…").

    {% load quiz_labels %}
    {% bank_topics banks rows as topics %}     topics: [{"bank": {...}, "topics": [{"slug", "label", "approved"}]}]
    {{ quiz.review_after_submit|review_for_student }}

The editor's view hands the template its banks and rows; the topics are read here (one query)
so the view needs nothing more.
"""

from __future__ import annotations

from typing import Any

from django import template

from quizzes.models import QuestionType, Quiz
from quizzes.selectors.teach import bank_topic_choices
from quizzes.topics import topic_label

register = template.Library()


@register.simple_tag
def bank_topics(banks: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_bank = bank_topic_choices(bank_ids=[b["pk"] for b in banks], keep=[(row.get("bank"), row.get("topic") or "") for row in rows])
    return [{"bank": bank, "topics": by_bank.get(bank["pk"], [])} for bank in banks]


# Each level includes the ones before it (Quiz.Review).
REVIEW_FOR_STUDENTS: dict[int, str] = {
    Quiz.Review.NOTHING: "Nothing yet: your instructor shows results later",
    Quiz.Review.SCORE: "Your score",
    Quiz.Review.CORRECTNESS: "Your score and which questions you got right",
    Quiz.Review.ANSWERS: "Your score, which questions you got right, and the correct answers",
    Quiz.Review.FEEDBACK: "Your score, which questions you got right, the correct answers, and feedback quoting the reading",
}


@register.filter
def review_for_student(level: int) -> str:
    return REVIEW_FOR_STUDENTS.get(level, "")


@register.filter(name="topic_label")
def topic_label_filter(slug: str) -> str:
    """A topic in words, not its slug ("summits-and-diplomacy" -> "Summits and diplomacy")."""
    return topic_label(slug or "")


@register.filter
def question_type_label(value: str) -> str:
    """ "single_choice" -> "Single choice" (the type's own label)."""
    try:
        return str(QuestionType(value).label)
    except ValueError:
        return value


# Why a regrade ran, as quizzes.services.grading records it (REGRADE_*), said in words.
REGRADE_REASONS: dict[str, str] = {
    "answer_key_fixed": "The answer key was corrected",
    "question_retired": "The question was retired",
}


@register.filter
def regrade_reason(value: str) -> str:
    return REGRADE_REASONS.get(value, value.replace("_", " ").capitalize())
