"""Quiz authoring: create and update a quiz and the sources its questions are drawn from.

Every entry point (HTML, API, admin, seeds) calls these, so the rules for a quiz's settings
live here: close after open, pass mark 0..100, sources only from approved questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from courseware.models import Module
from courseware.permissions import RequestUser, signed_in
from quizzes.models import Question, QuestionBank, Quiz, QuizQuestion, QuizSource
from quizzes.selectors.banks import bank_approved_questions
from quizzes.services.attempts import quiz_attempts_close
from quizzes.services.progress import progress_record_released
from quizzes.topics import topic_label

CLOSES_BEFORE_OPENING = "The quiz must close after it opens."
PASS_MARK_OUT_OF_RANGE = "The pass mark is a percentage between 0 and 100."  # noqa: S105 (a message, not a password)
TIME_LIMIT_TOO_SHORT = "A time limit must be at least one minute."
TIME_LIMIT_MAX_SECONDS = 7 * 24 * 3600
TIME_LIMIT_TOO_LONG = "A time limit can be at most 7 days."
ATTEMPTS_ALLOWED_ZERO = "Allow at least one attempt, or leave it empty for unlimited attempts."
SOURCE_COUNT_POSITIVE = "Each source draws at least one question."
SOURCE_NOT_ENOUGH_QUESTIONS = "The bank {bank!r}{topic} has only {available} approved questions; {count} were asked for."
FIXED_QUESTION_NOT_APPROVED = "Only approved, current questions can be put in a quiz: {question!r} is not."
UNKNOWN_FIELD = "These quiz settings cannot be changed here: {fields}."
BANK_OF_OTHER_COURSE = "The bank {bank!r} belongs to another course; copy it into this course to use its questions here."

# Settings quiz_update accepts; everything else (module, owner, practice flag) is fixed at creation.
UPDATABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "shuffle_questions",
        "shuffle_options",
        "questions_per_page",
        "time_limit_seconds",
        "attempts_allowed",
        "opens_at",
        "closes_at",
        "grading_method",
        "pass_mark",
        "review_after_submit",
        "review_after_close",
        "is_published",
        "anonymous_marking",
    }
)


@dataclass(frozen=True)
class SourceSpec:
    """Draw ``count`` approved questions from ``bank`` (only ``topic`` if given) per attempt."""

    bank: QuestionBank
    count: int
    topic: str = ""


def quiz_validate_settings(
    *,
    opens_at: datetime | None,
    closes_at: datetime | None,
    pass_mark: Decimal | float | int,
    time_limit_seconds: int | None,
    attempts_allowed: int | None,
) -> None:
    errors: dict[str, str] = {}
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = CLOSES_BEFORE_OPENING
    if not 0 <= Decimal(str(pass_mark)) <= 100:
        errors["pass_mark"] = PASS_MARK_OUT_OF_RANGE
    if time_limit_seconds is not None and time_limit_seconds < 60:
        errors["time_limit_seconds"] = TIME_LIMIT_TOO_SHORT
    elif time_limit_seconds is not None and time_limit_seconds > TIME_LIMIT_MAX_SECONDS:
        errors["time_limit_seconds"] = TIME_LIMIT_TOO_LONG
    if attempts_allowed is not None and attempts_allowed < 1:
        errors["attempts_allowed"] = ATTEMPTS_ALLOWED_ZERO
    if errors:
        raise ValidationError(errors)


def quiz_sources_validate(*, sources: Sequence[SourceSpec]) -> None:
    """Each source must be able to fill its count from approved questions (one COUNT per source)."""
    for spec in sources:
        if spec.count < 1:
            raise ValidationError({"sources": SOURCE_COUNT_POSITIVE})
        available = bank_approved_questions(bank=spec.bank, topic=spec.topic).count()
        if available < spec.count:
            topic = f" (topic “{topic_label(spec.topic)}”)" if spec.topic else ""
            raise ValidationError(
                {"sources": SOURCE_NOT_ENOUGH_QUESTIONS.format(bank=spec.bank.name, topic=topic, available=available, count=spec.count)}
            )


def _fixed_validate(questions: Sequence[Question]) -> None:
    for question in questions:
        if question.status != Question.Status.APPROVED or not question.is_current:
            raise ValidationError({"fixed_questions": FIXED_QUESTION_NOT_APPROVED.format(question=question.stem[:60])})


def _check_banks_of_course(quiz: Quiz, banks: Sequence[QuestionBank], field: str) -> None:
    """A quiz uses only shared banks and banks of its own course, so that only its course's
    instructors (and admins, who alone change shared banks) can change what it asks and how it
    is graded. Practice quizzes are built by the system from the student's due facts."""
    if quiz.is_practice:
        return
    course_id = quiz.module.course_id
    for bank in banks:
        if bank.course_id is not None and bank.course_id != course_id:
            raise ValidationError({field: BANK_OF_OTHER_COURSE.format(bank=bank.name)})


@transaction.atomic
def quiz_sources_set(*, quiz: Quiz, sources: Sequence[SourceSpec]) -> list[QuizSource]:
    """Replace the quiz's drawn sources. Attempts already started keep the questions they drew."""
    quiz_sources_validate(sources=sources)
    _check_banks_of_course(quiz, [s.bank for s in sources], "sources")
    QuizSource.objects.filter(quiz=quiz).delete()
    return QuizSource.objects.bulk_create([QuizSource(quiz=quiz, bank=s.bank, topic=s.topic, count=s.count) for s in sources])


@transaction.atomic
def quiz_fixed_questions_set(*, quiz: Quiz, questions: Sequence[Question]) -> list[QuizQuestion]:
    """Replace the quiz's fixed question list, in the given order."""
    _fixed_validate(questions)
    _check_banks_of_course(quiz, [q.bank for q in questions], "fixed_questions")
    QuizQuestion.objects.filter(quiz=quiz).delete()
    return QuizQuestion.objects.bulk_create([QuizQuestion(quiz=quiz, question=q, position=i) for i, q in enumerate(questions, start=1)])


@transaction.atomic
def quiz_create(
    *,
    module: Module,
    title: str,
    owner: RequestUser | None = None,
    description: str = "",
    sources: Sequence[SourceSpec] = (),
    fixed_questions: Sequence[Question] = (),
    shuffle_questions: bool = True,
    shuffle_options: bool = True,
    questions_per_page: int = 0,
    time_limit_seconds: int | None = None,
    attempts_allowed: int | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    grading_method: str = Quiz.GradingMethod.HIGHEST,
    pass_mark: Decimal | float | int = 50,
    review_after_submit: int = Quiz.Review.FEEDBACK,
    review_after_close: int = Quiz.Review.FEEDBACK,
    is_published: bool = False,
    is_practice: bool = False,
    anonymous_marking: bool = False,
) -> Quiz:
    quiz_validate_settings(
        opens_at=opens_at,
        closes_at=closes_at,
        pass_mark=pass_mark,
        time_limit_seconds=time_limit_seconds,
        attempts_allowed=attempts_allowed,
    )
    quiz_sources_validate(sources=sources)
    _fixed_validate(fixed_questions)
    quiz = Quiz.objects.create(
        module=module,
        title=title,
        owner=None if owner is None else signed_in(owner),
        description=description,
        shuffle_questions=shuffle_questions,
        shuffle_options=shuffle_options,
        questions_per_page=questions_per_page,
        time_limit_seconds=time_limit_seconds,
        attempts_allowed=attempts_allowed,
        opens_at=opens_at,
        closes_at=closes_at,
        grading_method=grading_method,
        pass_mark=Decimal(str(pass_mark)),
        review_after_submit=review_after_submit,
        review_after_close=review_after_close,
        is_published=is_published,
        is_practice=is_practice,
        anonymous_marking=anonymous_marking,
    )
    if sources:
        quiz_sources_set(quiz=quiz, sources=sources)
    if fixed_questions:
        quiz_fixed_questions_set(quiz=quiz, questions=fixed_questions)
    return quiz


@transaction.atomic
def quiz_update(
    *,
    quiz: Quiz,
    changes: dict[str, Any],
    sources: Sequence[SourceSpec] | None = None,
    fixed_questions: Sequence[Question] | None = None,
) -> Quiz:
    """Change settings of a quiz and, when given (not None), replace its sources or fixed questions.

    All of it happens in one transaction: refused sources leave the settings as they were, so
    no entry point (HTML editor, API) can save half an edit.

    Attempts already started keep their deadline, except that none runs past the close: a close
    moved earlier (or set) brings their deadlines forward, and one moved into the past submits
    them now. Answers that the new review policy lets their students see right/wrong for are
    then counted in their mastery (``progress_record_released``).
    """
    unknown = set(changes) - UPDATABLE_FIELDS
    if unknown:
        raise ValidationError(UNKNOWN_FIELD.format(fields=", ".join(sorted(unknown))))
    merged = {f: changes.get(f, getattr(quiz, f)) for f in ("opens_at", "closes_at", "pass_mark", "time_limit_seconds", "attempts_allowed")}
    quiz_validate_settings(**merged)
    for field, value in changes.items():
        setattr(quiz, field, value)
    quiz.save(update_fields=sorted(changes) or None)
    if sources is not None:
        quiz_sources_set(quiz=quiz, sources=sources)
    if fixed_questions is not None:
        quiz_fixed_questions_set(quiz=quiz, questions=fixed_questions)
    quiz_settings_applied(quiz=quiz, changed=set(changes))
    return quiz


def quiz_settings_applied(*, quiz: Quiz, changed: set[str]) -> None:
    """What follows from saving ``quiz`` with new values of ``changed`` (the admin calls it too)."""
    if "closes_at" in changed:
        quiz_attempts_close(quiz=quiz)
    if changed & {"closes_at", "review_after_submit", "review_after_close"}:
        progress_record_released(quiz_ids=[quiz.pk])
