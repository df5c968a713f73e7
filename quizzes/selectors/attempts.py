"""Reads for quizzes and attempts: permission-checked fetches and review-policy-aware results.

``*_get_for_user`` raise NotFound for anything the user may not see, so ids of other students'
attempts leak nothing. Every HTML and API view uses these, never a bare ``.get()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.compiled import Compiled
from core.errors import NotFound
from core.rows import row_id
from courseware.models import Course, Enrollment, User
from courseware.permissions import RequestUser, is_site_admin, signed_in
from courseware.selectors import course_get_for_instructor, module_is_open_q
from quizzes import review_policy
from quizzes.cache_questions import (
    options_in_order,
    prepared_questions,
    question_prepare,
    question_text_format,
)
from quizzes.media import files_rewrite
from quizzes.models import Attempt, Question, Quiz, RegradeChange, Response
from quizzes.questiontypes import is_manually_marked, is_scored, normalise_text
from quizzes.selectors.keys import effective_keys

ATTEMPT_NOT_FOUND = "No such attempt."
QUIZ_NOT_FOUND = "No such quiz."


def _taught_course_ids(user: RequestUser) -> QuerySet[Enrollment, Any]:
    return Enrollment.objects.filter(user=signed_in(user), role=Enrollment.Role.INSTRUCTOR).values("course_id")


def quiz_list_for_user(*, user: RequestUser, course: Course | None = None, now: datetime | None = None) -> QuerySet[Quiz]:
    """Quizzes a user may see: every quiz of courses they teach (not students' personal practice
    quizzes), published quizzes of published modules of courses they study (opened by ``now``), and
    their own practice."""
    if not user.is_authenticated:
        return Quiz.objects.none()
    if is_site_admin(user):
        qs = Quiz.objects.filter(is_practice=False)
    else:
        taught = Q(module__course_id__in=_taught_course_ids(user), is_practice=False)
        studied = Q(
            module_is_open_q("module__", now),
            module__course__enrollments__user=user,
            module__course__enrollments__role=Enrollment.Role.STUDENT,
            is_published=True,
            is_practice=False,
        )
        own_practice = Q(is_practice=True, owner=user)
        qs = Quiz.objects.filter(taught | studied | own_practice).distinct()
    if course is not None:
        qs = qs.filter(module__course=course)
    return qs.select_related("module", "module__course").order_by("module__course_id", "module__order", "id")


def _member(user_id: int) -> User:
    """A signed-in account that is no site admin, as ``quiz_list_for_user`` sees one, for the compiled read."""
    member = User(pk=user_id, role=User.Role.STUDENT)
    member._state.adding = False
    return member


# A quiz as a course's student or instructor fetches it (every start, page and result of an
# attempt): quiz_list_for_user's rules, compiled once (core.compiled).
_QUIZ_OF_MEMBER: Compiled[Quiz] = Compiled(
    lambda user_id, quiz_id, now: quiz_list_for_user(user=_member(user_id), now=now).filter(pk=quiz_id),
    user_id=int,
    quiz_id=int,
    now=datetime,
)


def quiz_get_for_user(*, user: RequestUser, quiz_id: int) -> Quiz:
    if isinstance(user, User) and not is_site_admin(user):
        pk = row_id(quiz_id)
        quiz = _QUIZ_OF_MEMBER.first(user_id=user.pk, quiz_id=pk, now=timezone.now()) if pk is not None else None
        if quiz is None:
            raise NotFound(QUIZ_NOT_FOUND)
        return quiz
    try:
        return quiz_list_for_user(user=user).get(pk=quiz_id)
    except (Quiz.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(QUIZ_NOT_FOUND) from exc


def quiz_get_for_instructor(*, user: RequestUser, quiz_id: int) -> Quiz:
    """A quiz its course's instructors (or admins) may edit, preview and analyse; NotFound for
    anyone else, and for students' personal practice quizzes (not the instructor's to edit)."""
    quiz = quiz_get_for_user(user=user, quiz_id=quiz_id)
    if quiz.is_practice:
        raise NotFound(QUIZ_NOT_FOUND)
    course_get_for_instructor(user=user, course_id=quiz.module.course_id)
    return quiz


def _still_enrolled(user: RequestUser) -> Q:
    """Attempts of courses ``user`` is still enrolled in: a student removed from a course loses
    their attempts there with it (the one in progress included), like the course itself."""
    return Q(quiz__module__course__enrollments__user=signed_in(user))


def attempt_list_for_user(*, user: RequestUser, quiz: Quiz | None = None) -> QuerySet[Attempt]:
    """A student's own attempt history (newest first), in the courses they are still enrolled in."""
    qs = Attempt.objects.filter(_still_enrolled(user), user=signed_in(user)).select_related("quiz", "quiz__module")
    if quiz is not None:
        qs = qs.filter(quiz=quiz)
    return qs.order_by("-started_at", "-id")


def _attempt_with_quiz() -> QuerySet[Attempt]:
    return Attempt.objects.select_related("quiz", "quiz__module", "quiz__module__course", "user")


# One enrolment per (course, user), so the join cannot repeat the row.
_OWN_ATTEMPT: Compiled[Attempt] = Compiled(
    lambda user_id, attempt_id: _attempt_with_quiz().filter(_still_enrolled(_member(user_id)), pk=attempt_id, user_id=user_id),
    user_id=int,
    attempt_id=int,
)


def attempt_get_for_user(*, user: RequestUser, attempt_id: int) -> Attempt:
    """The attempt if ``user`` took it, teaches its course, or is a site admin; else NotFound."""
    if not user.is_authenticated:
        raise NotFound(ATTEMPT_NOT_FOUND)
    # A student submitting or polling their own attempt is by far the commonest caller: the
    # owner's read goes first, compiled once (core.compiled); staff pay a second query.
    pk = row_id(attempt_id)
    own = _OWN_ATTEMPT.first(user_id=signed_in(user).pk, attempt_id=pk) if pk is not None else None
    if own is not None:
        return own
    qs = _attempt_with_quiz()
    if not is_site_admin(user):
        qs = qs.filter(quiz__module__course_id__in=_taught_course_ids(user), quiz__is_practice=False)
    try:
        return qs.get(pk=attempt_id)
    except (Attempt.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound(ATTEMPT_NOT_FOUND) from exc


# --- what a student sees while answering -------------------------------------------------------------


@dataclass(frozen=True)
class AttemptQuestion:
    """One question as the student sees it while answering: never the key."""

    response_id: int
    question_id: int
    position: int
    type: str
    stem: str
    options: list[dict[str, str]]  # choice/item {id, text} in this student's order
    left: list[dict[str, str]]  # matching only: the fixed left column
    answer: Any
    saved_at: datetime | None
    text_format: str = "plain"  # Question.meta["format"]: how stem and options are shown
    flagged: bool = False  # the student's "come back later" mark
    essay: dict[str, Any] | None = None  # essays only: word limit, box size, starting template
    number: int | None = None  # "Question 3": counts questions only; None for a description
    max_points: Decimal = Decimal(1)  # what the question is worth in this attempt
    unit: str = ""  # numeric: the unit printed beside the answer box


def question_numbers(types: Iterable[str]) -> list[int | None]:
    """What each item of an attempt, in position order, is numbered for the student: 1, 2, …
    over the questions, None for a description (text between questions is not a question, so
    it is neither numbered nor counted in "x of y", the navigator or the unanswered list)."""
    numbers: list[int | None] = []
    count = 0
    for type in types:
        if is_scored(type):
            count += 1
            numbers.append(count)
        else:
            numbers.append(None)
    return numbers


def _options_in_order(question: Question, order: list[str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    prepared = question_prepare(question)
    return options_in_order(prepared, order), prepared["left"]


# What a student's own view of their attempt reads of each response: not the question, whose
# shown part comes prepared (quizzes.cache_questions), nor the marks.
_ANSWERING_FIELDS = ("id", "attempt_id", "question_id", "position", "option_order", "answer", "saved_at", "flagged", "max_points")


def attempt_questions(*, attempt: Attempt, responses: Sequence[Response] | None = None) -> list[AttemptQuestion]:
    """The attempt's questions in this student's order, with the answers saved so far.

    One query, on the responses alone: each question's shown part (stem, options, format) is
    the same for every student and comes prepared from the cache (one round trip; what it lacks
    costs one more query). ``responses``: the attempt's rows with their questions, when the
    caller holds them already (a start that just created them), in position order; then no
    query (the start has stored its questions prepared for the reads that follow).
    """
    if responses is not None:
        rows: Sequence[Response] = responses
        prepared = {r.question_id: question_prepare(r.question) for r in rows}
    else:
        rows = list(Response.objects.filter(attempt=attempt).only(*_ANSWERING_FIELDS).order_by("position"))
        prepared = prepared_questions(r.question_id for r in rows)
    numbers = question_numbers(prepared[r.question_id]["type"] for r in rows)
    out = []
    for response, number in zip(rows, numbers, strict=True):
        shown = prepared[response.question_id]
        out.append(
            AttemptQuestion(
                response_id=response.pk,
                question_id=response.question_id,
                position=response.position,
                type=shown["type"],
                stem=shown["stem"],
                options=options_in_order(shown, response.option_order),
                left=[dict(c) for c in shown["left"]],
                answer=response.answer,
                saved_at=response.saved_at,
                text_format=shown["text_format"],
                flagged=response.flagged,
                essay=dict(shown["essay"]) if shown["essay"] is not None else None,
                number=number,
                max_points=response.max_points,
                unit=shown["unit"],
            )
        )
    return out


# --- what a student sees after submitting --------------------------------------------------------


@dataclass
class ResultItem:
    position: int
    question_id: int
    type: str
    stem: str
    options: list[dict[str, str]]
    left: list[dict[str, str]]
    answer: Any
    text_format: str = "plain"  # Question.meta["format"]: how stem, options and feedback are shown
    # Filled only when the review level allows it; None means "not shown".
    correct: bool | None = None
    fraction: float | None = None
    points: float | None = None
    max_points: float | None = None
    correct_answer: Any = None
    feedback: str | None = None
    source_passage: str | None = None
    # An instructor's changed mark (shown with the marks): their comment and when.
    override_comment: str | None = None
    overridden_at: datetime | None = None
    # When a regrade (a fixed key, a retired question) changed this mark: when, and from what.
    regraded_at: datetime | None = None
    regraded_from: float | None = None
    # An essay whose mark is not given, or not released to the student, yet.
    awaiting_marking: bool = False
    number: int | None = None  # as numbered while answering; None for a description


@dataclass
class AttemptResult:
    attempt_id: int
    state: str
    level: int  # a Quiz.Review value
    graded: bool
    score: float | None = None
    max_score: float | None = None
    percent: float | None = None
    passed: bool | None = None
    items: list[ResultItem] = field(default_factory=list)
    # Essays wait for their marks: the score above stays hidden from the student until then,
    # who sees the automatically graded part instead (where the review policy shows a score).
    awaiting_marking: bool = False
    automatic_score: float | None = None
    automatic_max_score: float | None = None


def attempt_review_level(*, user: RequestUser, attempt: Attempt, now: datetime | None = None) -> int:
    """What ``user`` may see of ``attempt`` (a ``Quiz.Review`` value); the rule is ``quizzes.review_policy``'s."""
    return review_policy.attempt_review_level(user=user, attempt=attempt, now=now)


def attempt_shows_score(*, user: RequestUser, attempt: Attempt, now: datetime | None = None) -> bool:
    """Whether ``user`` may see the attempt's score; the rule is ``quizzes.review_policy``'s."""
    return review_policy.attempt_shows_score(user=user, attempt=attempt, now=now)


def attempt_result_for_user(*, user: RequestUser, attempt: Attempt, now: datetime | None = None) -> AttemptResult:
    """Result data filtered by the review policy; the attempt must come from attempt_get_for_user."""
    level = attempt_review_level(user=user, attempt=attempt, now=now)
    graded = attempt.state == Attempt.State.GRADED
    result = AttemptResult(attempt_id=attempt.pk, state=attempt.state, level=level, graded=graded)
    # The student waits for every essay mark to be released; the instructors see the marks as given.
    provisional = graded and attempt.marking_pending
    result.awaiting_marking = provisional
    owner = user.pk == attempt.user_id
    if level >= Quiz.Review.SCORE and graded and attempt.score is not None and not (provisional and owner):
        result.score, result.max_score, result.percent = float(attempt.score), float(attempt.max_score), attempt.percent
        result.passed = attempt.percent is not None and attempt.percent >= float(attempt.quiz.pass_mark)
    if level == Quiz.Review.NOTHING:
        return result
    responses = _RESULT_ROWS.all(attempt_id=attempt.pk)
    keys = effective_keys(questions=[r.question for r in responses]) if graded and level >= Quiz.Review.ANSWERS else {}
    # Marks changed by a regrade since the attempt was graded (one query; the latest per question).
    regrades: dict[int, RegradeChange] = {}
    if graded and level >= Quiz.Review.CORRECTNESS and attempt.grade_count > 1:
        for change in RegradeChange.objects.filter(attempt=attempt).order_by("created_at"):
            first = regrades.get(change.response_id)
            regrades[change.response_id] = change if first is None else first
            regrades[change.response_id].created_at = change.created_at  # the latest date, the first "before"
    if provisional and level >= Quiz.Review.SCORE:
        automatic = [r for r in responses if not is_manually_marked(r.question.type)]
        result.automatic_score = float(sum((r.points or 0 for r in automatic), Decimal(0)))
        result.automatic_max_score = float(sum((r.max_points for r in automatic), Decimal(0)))
    for response, number in zip(responses, question_numbers(r.question.type for r in responses), strict=True):
        question = response.question
        options, left = _options_in_order(question, response.option_order)
        item = ResultItem(
            position=response.position,
            question_id=question.pk,
            type=question.type,
            stem=files_rewrite(question.stem, question.pk),
            options=options,
            left=left,
            answer=response.answer,
            text_format=question_text_format(question),
            number=number,
        )
        essay = is_manually_marked(question.type)
        if essay and graded and response.max_points > 0:  # a withdrawn essay (0 points) waits for nothing
            item.awaiting_marking = response.override_points is None or not (response.mark_released or not owner)
        if graded and level >= Quiz.Review.CORRECTNESS and response.fraction is not None and not item.awaiting_marking:
            item.correct = response.fraction >= 1.0
            item.fraction = response.fraction
            item.points = float(response.points or 0)
            item.max_points = float(response.max_points)
            if response.pk in regrades:
                change = regrades[response.pk]
                item.regraded_at = change.created_at
                item.regraded_from = float(change.points_before) if change.points_before is not None else None
            if response.override_points is not None:
                item.override_comment, item.overridden_at = response.override_comment, response.overridden_at
                # The badge follows the instructor's mark, not the grader's.
                item.fraction = float(response.points or 0) / float(response.max_points) if response.max_points else None
                item.correct = item.fraction is not None and item.fraction >= 1.0
        if graded and level >= Quiz.Review.ANSWERS and not essay:
            # An essay's key is its marking guide: for markers only.
            item.correct_answer = keys[question.pk].answer
        if graded and level >= Quiz.Review.FEEDBACK:
            item.feedback = files_rewrite(response.feedback, question.pk)
            # Not a second time when the feedback already quotes it ("The reading says: …").
            item.source_passage = None if feedback_quotes_source(response.feedback, question.source_passage) else question.source_passage
        result.items.append(item)
    return result


# What a result never reads of its questions: the generator's notes and key terms (JSON each),
# the explanation (the feedback carries it) and the bookkeeping.
_RESULT_UNREAD = (
    "question__quality_notes",
    "question__key_terms",
    "question__explanation",
    "question__generation_key",
    "question__title",
)


# Built and compiled once (core.compiled): every student's result read runs it.
_RESULT_ROWS: Compiled[Response] = Compiled(
    lambda attempt_id: (
        Response.objects.filter(attempt_id=attempt_id).select_related("question").defer(*_RESULT_UNREAD).order_by("position")
    ),
    attempt_id=int,
)


_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def feedback_quotes_source(feedback: str, source: str) -> bool:
    """True if ``feedback`` already shows the source passage: it contains it, or its quotations
    (generated explanations quote the sentence without its leading connective or citations)
    make up most of it."""
    passage = normalise_text(source or "")
    if not passage or not feedback:
        return False
    if passage in normalise_text(feedback):
        return True
    quoted = (normalise_text(q) for q in _QUOTED.findall(feedback))
    return sum(len(q) for q in quoted if q and q in passage) >= 0.6 * len(passage)
