"""Instructor views of the data: gradebook (+ CSV) and per-student detail (item statistics are in
``quizzes.selectors.statistics``).

Every function here runs a fixed number of queries whatever the number of students or
attempts (pinned by tests with django_assert_num_queries); the arithmetic happens in Python
over a few flat rows. Access is decided by the caller with
``courseware.selectors.course_get_for_instructor``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.errors import NotFound
from courseware.models import Course, Enrollment, Lesson, Module, User
from quizzes.mastery_rule import GENERAL_TOPIC, mastery_moved
from quizzes.models import Attempt, FactMastery, Quiz, Response

STUDENT_NOT_FOUND = "No such student in this course."


@dataclass(frozen=True)
class AttemptScore:
    number: int
    percent: float


def grade_by_method(*, method: str, scores: Iterable[AttemptScore]) -> float | None:
    """The quiz grade (percent) across a student's graded attempts, by the quiz's grading method."""
    scores = sorted(scores, key=lambda s: s.number)
    if not scores:
        return None
    if method == Quiz.GradingMethod.FIRST:
        return scores[0].percent
    if method == Quiz.GradingMethod.LAST:
        return scores[-1].percent
    if method == Quiz.GradingMethod.AVERAGE:
        return sum(s.percent for s in scores) / len(scores)
    return max(s.percent for s in scores)


@dataclass(frozen=True)
class AttemptRef:
    id: int
    number: int


@dataclass
class GradebookCell:
    grade: float | None  # percent, grading method applied; None = nothing graded yet
    attempts: int  # attempts started
    pending: int  # submitted, not yet graded
    passed: bool | None
    regraded: bool = False  # a regrade (key fix, retired question) changed one of these attempts' scores
    awaiting_marking: int = 0  # graded automatically, essays not all marked and released: no grade from them yet
    latest: AttemptRef | None = None  # the student's latest attempt, which the cell links to


@dataclass
class GradebookRow:
    student: User
    cells: list[GradebookCell]


@dataclass
class Gradebook:
    course: Course
    quizzes: list[Quiz]
    rows: list[GradebookRow]


def _percent(score: Any, max_score: Any) -> float | None:
    if score is None or not max_score:
        return None
    return float(score) * 100.0 / float(max_score)


def course_students(*, course: Course) -> list[User]:
    return list(
        User.objects.filter(enrollments__course=course, enrollments__role=Enrollment.Role.STUDENT).order_by(
            "last_name", "first_name", "username"
        )
    )


def gradebook_for_course(*, course: Course) -> Gradebook:
    """Students x quizzes of a course (three queries, whatever the class size)."""
    quizzes = list(Quiz.objects.filter(module__course=course, is_practice=False).order_by("module__order", "module_id", "id"))
    students = course_students(course=course)
    rows = (
        Attempt.objects.filter(quiz__module__course=course, quiz__is_practice=False, user__in=[s.pk for s in students])
        .values_list("id", "quiz_id", "user_id", "number", "state", "score", "max_score", "grade_count", "marking_pending")
        .order_by()
    )
    latest: dict[tuple[int, int], AttemptRef] = {}
    scores: dict[tuple[int, int], list[AttemptScore]] = {}
    started: dict[tuple[int, int], int] = {}
    pending: dict[tuple[int, int], int] = {}
    marking: dict[tuple[int, int], int] = {}
    regraded: set[tuple[int, int]] = set()
    for attempt_id, quiz_id, user_id, number, state, score, max_score, grade_count, marking_pending in rows:
        key = (quiz_id, user_id)
        if key not in latest or number > latest[key].number:
            latest[key] = AttemptRef(attempt_id, number)
        if grade_count > 1:  # graded again: only a regrade that changed the score does that
            regraded.add(key)
        started[key] = started.get(key, 0) + 1
        if state in (Attempt.State.SUBMITTED, Attempt.State.GRADING):
            pending[key] = pending.get(key, 0) + 1
        if state == Attempt.State.GRADED and marking_pending:
            # Its score is provisional until every essay is marked: it counts once it is final.
            marking[key] = marking.get(key, 0) + 1
            continue
        percent = _percent(score, max_score) if state == Attempt.State.GRADED else None
        if percent is not None:
            scores.setdefault(key, []).append(AttemptScore(number, percent))
    book_rows = []
    for student in students:
        cells = []
        for quiz in quizzes:
            key = (quiz.pk, student.pk)
            grade = grade_by_method(method=quiz.grading_method, scores=scores.get(key, []))
            cells.append(
                GradebookCell(
                    grade=grade,
                    attempts=started.get(key, 0),
                    pending=pending.get(key, 0),
                    passed=None if grade is None else grade >= float(quiz.pass_mark),
                    regraded=key in regraded,
                    awaiting_marking=marking.get(key, 0),
                    latest=latest.get(key),
                )
            )
        book_rows.append(GradebookRow(student=student, cells=cells))
    return Gradebook(course=course, quizzes=quizzes, rows=book_rows)


def gradebook_csv(*, course: Course) -> str:
    """The gradebook as CSV: one row per student, one column per quiz (percent, 2 decimals), then
    per quiz its pass/fail against the quiz's pass mark ("pass", "fail", empty while nothing is
    graded) and the attempts started. The pass/fail and attempts columns come after every grade
    column, so spreadsheets and scripts that read the grades by position keep working. Three
    queries, as ``gradebook_for_course``.

    Every cell, the header included, goes through ``csv_safe``: quiz titles, names and emails
    are typed by users, and a spreadsheet opening the file would run one that is a formula.
    """
    book = gradebook_for_course(course=course)
    out = io.StringIO()
    writer = csv.writer(out)
    header = [
        "username",
        "first name",
        "last name",
        "email",
        *[q.title for q in book.quizzes],
        *[column for q in book.quizzes for column in (f"{q.title} (pass/fail)", f"{q.title} (attempts)")],
    ]
    writer.writerow([csv_safe(cell) for cell in header])
    for row in book.rows:
        grades = ["" if c.grade is None else f"{c.grade:.2f}" for c in row.cells]
        outcomes = [value for c in row.cells for value in (_pass_or_fail(c.passed), str(c.attempts))]
        cells = [row.student.username, row.student.first_name, row.student.last_name, row.student.email, *grades, *outcomes]
        writer.writerow([csv_safe(cell) for cell in cells])
    return out.getvalue()


def _pass_or_fail(passed: bool | None) -> str:
    return "" if passed is None else ("pass" if passed else "fail")


# What spreadsheets read as the start of a formula; tab and CR too, since some strip them first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: str) -> str:
    # A leading apostrophe makes the spreadsheet show the cell as text (OWASP's CSV injection advice).
    return "'" + value if value.startswith(_FORMULA_START) else value


@dataclass
class CourseTopic:
    """A student's mastery of a topic from their graded answers in one course (the same
    recency-weighted average as ``TopicMastery``, over this course's answers only)."""

    topic: str
    answered: int
    mastery: float


def _course_topics(responses: QuerySet[Response]) -> list[CourseTopic]:
    topics: dict[str, CourseTopic] = {}
    rows = (
        responses.filter(fraction__isnull=False, max_points__gt=0)
        .order_by("attempt__submitted_at", "attempt_id", "position")
        .values_list("question__topic", "fraction")
    )
    for topic, fraction in rows:
        row = topics.setdefault(topic or GENERAL_TOPIC, CourseTopic(topic or GENERAL_TOPIC, 0, 0.0))
        row.answered += 1
        row.mastery = mastery_moved(row.mastery, float(fraction or 0))  # never None: filtered above
    return sorted(topics.values(), key=lambda t: (-t.mastery, t.topic))


@dataclass
class StudentDetail:
    student: User
    attempts: list[Attempt]
    grades: dict[int, float | None]  # quiz id -> grade (percent)
    topics: list[CourseTopic]
    facts_scheduled: int
    facts_due: int


def student_detail_for_course(*, course: Course, student_id: int, now: datetime | None = None) -> StudentDetail:
    """One student's attempts, quiz grades and mastery in a course (five queries); NotFound if the
    student is not enrolled in it."""
    now = now or timezone.now()
    student = User.objects.filter(pk=student_id, enrollments__course=course, enrollments__role=Enrollment.Role.STUDENT).first()
    if student is None:
        raise NotFound(STUDENT_NOT_FOUND)
    attempts = list(
        Attempt.objects.filter(user=student, quiz__module__course=course, quiz__is_practice=False)
        .select_related("quiz")
        .order_by("quiz__module__order", "quiz_id", "number")
    )
    scores: dict[int, list[AttemptScore]] = {}
    quizzes: dict[int, Quiz] = {}
    for attempt in attempts:
        quizzes[attempt.quiz_id] = attempt.quiz
        percent = attempt.percent if attempt.state == Attempt.State.GRADED and not attempt.marking_pending else None
        if percent is not None:
            scores.setdefault(attempt.quiz_id, []).append(AttemptScore(attempt.number, percent))
    grades = {qid: grade_by_method(method=quiz.grading_method, scores=scores.get(qid, [])) for qid, quiz in quizzes.items()}
    # Only what the student did in this course: their mastery rows span every course they take,
    # and another course's topics and schedule are not this course's instructors' business.
    in_course = Response.objects.filter(attempt__user=student, attempt__quiz__module__course=course)
    topics = _course_topics(in_course.filter(attempt__state=Attempt.State.GRADED))
    # The course's facts: those of the readings its modules and lessons use, and those its quizzes asked about.
    of_course = (
        Q(fact__reading_id__in=Module.objects.filter(course=course, reading__isnull=False).values("reading_id"))
        | Q(fact__reading_id__in=Lesson.objects.filter(module__course=course).values("section__reading_id"))
        | Q(fact_id__in=in_course.filter(question__fact_id__isnull=False).values("question__fact_id"))
    )
    cards = FactMastery.objects.filter(of_course, user=student, due__isnull=False).aggregate(
        scheduled=Count("id"), due=Count("id", filter=Q(due__lte=now))
    )
    return StudentDetail(
        student=student, attempts=attempts, grades=grades, topics=topics, facts_scheduled=cards["scheduled"], facts_due=cards["due"]
    )
