"""Instructor views of the data: gradebook (+ CSV), item statistics, per-student detail.

Every function here runs a fixed number of queries whatever the number of students or
attempts (pinned by tests with django_assert_num_queries); the arithmetic happens in Python
over a few flat rows. Access is decided by the caller with
``courseware.selectors.course_get_for_instructor``.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from courseware.models import Course, Enrollment, Lesson, Module, User
from quizzes.models import Attempt, FactMastery, QuestionType, Quiz, Response
from quizzes.questiontypes import AnswerShapeError, normalise_text, number_value
from quizzes.services.progress import GENERAL_TOPIC, MASTERY_WEIGHT

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
    """The gradebook as CSV: one row per student, one column per quiz (percent, 2 decimals).

    Every cell, the header included, goes through ``_csv_safe``: quiz titles, names and emails
    are typed by users, and a spreadsheet opening the file would run one that is a formula.
    """
    book = gradebook_for_course(course=course)
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["username", "first name", "last name", "email", *[q.title for q in book.quizzes]]
    writer.writerow([_csv_safe(cell) for cell in header])
    for row in book.rows:
        grades = ["" if c.grade is None else f"{c.grade:.2f}" for c in row.cells]
        cells = [row.student.username, row.student.first_name, row.student.last_name, row.student.email, *grades]
        writer.writerow([_csv_safe(cell) for cell in cells])
    return out.getvalue()


# What spreadsheets read as the start of a formula; tab and CR too, since some strip them first.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: str) -> str:
    # A leading apostrophe makes the spreadsheet show the cell as text (OWASP's CSV injection advice).
    return "'" + value if value.startswith(_FORMULA_START) else value


# --- item statistics --------------------------------------------------------------------------------


@dataclass
class OptionCount:
    option: str  # choice id, "true"/"false", "left->right", or the normalised typed answer
    text: str
    count: int
    is_correct: bool | None = None


@dataclass
class ItemStatistics:
    question_id: int
    stem: str
    type: str
    attempts: int  # analysed attempts that had this question
    answered: int
    facility: float | None  # percent: mean score on the item / max
    discrimination: float | None  # percent: correlation of item score with the rest of the test
    options: list[OptionCount] = field(default_factory=list)
    number: int = 0  # as students saw it: its position in the attempts (in order of mean position)
    position_varies: bool = False  # shuffled or drawn: students saw it at different numbers
    # The analysed attempts' responses to this question, each linking to the instructor's view.
    responses: list[ItemResponse] = field(default_factory=list)


@dataclass
class QuizStatistics:
    items: list[ItemStatistics]
    attempts: int  # analysed attempts
    alpha: float | None  # Cronbach's alpha over the questions every analysed attempt had
    alpha_note: str  # why there is no alpha, or over what it was computed


# Below this many attempts, or two questions in common, alpha says more about chance than the quiz.
ALPHA_MIN_ATTEMPTS = 10


@dataclass(frozen=True)
class ItemResponse:
    attempt_id: int
    attempt_number: int
    student: str
    position: int  # where the student saw the question (the anchor in the attempt view)
    points: float | None
    max_points: float


def _analysed_attempts(quiz: Quiz) -> list[tuple[int, int, int, float, float]]:
    """(attempt_id, user_id, number, score, max_score) of the attempts Moodle's "graded attempts"
    setting analyses: the one the grading method picks per student, or all of them for average."""
    rows = list(
        Attempt.objects.filter(quiz=quiz, state=Attempt.State.GRADED, score__isnull=False)
        .order_by("user_id", "number")
        .values_list("id", "user_id", "number", "score", "max_score")
    )
    by_user: dict[int, list[tuple[int, int, int, float, float]]] = {}
    for attempt_id, user_id, number, score, max_score in rows:
        by_user.setdefault(user_id, []).append((attempt_id, user_id, number, float(score or 0), float(max_score)))
    picked = []
    for attempts in by_user.values():
        if quiz.grading_method == Quiz.GradingMethod.AVERAGE:
            picked += attempts
        elif quiz.grading_method == Quiz.GradingMethod.FIRST:
            picked.append(attempts[0])
        elif quiz.grading_method == Quiz.GradingMethod.LAST:
            picked.append(attempts[-1])
        else:
            picked.append(max(attempts, key=lambda a: (a[3] / a[4] if a[4] else 0.0, -a[2])))
    return picked


def _pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    vx = sum((x - mx) ** 2 for x in xs)
    vy = sum((y - my) ** 2 for y in ys)
    if vx <= 0 or vy <= 0:
        return None
    return cov / math.sqrt(vx * vy)


def _chosen_options(qtype: str, answer: Any) -> list[str]:
    if answer is None:
        return []
    if qtype == QuestionType.SINGLE_CHOICE:
        return [str(answer)]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        return [str(a) for a in answer]
    if qtype == QuestionType.TRUE_FALSE:
        return ["true" if answer else "false"]
    if qtype == QuestionType.MATCHING and isinstance(answer, dict):
        return [f"{k}->{v}" for k, v in sorted(answer.items())]
    if qtype == QuestionType.ORDERING and isinstance(answer, list):
        return [">".join(map(str, answer))]
    if qtype == QuestionType.NUMERIC:
        try:
            return [f"{number_value(answer):g}"]  # "2,000" and "2000" are one option
        except AnswerShapeError:
            return [str(answer)]
    return [normalise_text(str(answer))]


def _option_catalogue(question: Any) -> list[OptionCount]:
    """The options every student could choose, each counted even when nobody chose it."""
    qtype, choices, key = question.type, question.choices, question.answer
    if qtype == QuestionType.SINGLE_CHOICE:
        return [OptionCount(c["id"], c["text"], 0, c["id"] == key.get("correct")) for c in choices]
    if qtype == QuestionType.MULTIPLE_RESPONSE:
        correct = set(key.get("correct", []))
        return [OptionCount(c["id"], c["text"], 0, c["id"] in correct) for c in choices]
    if qtype == QuestionType.TRUE_FALSE:
        return [OptionCount("true", "True", 0, key.get("correct") is True), OptionCount("false", "False", 0, key.get("correct") is False)]
    if qtype == QuestionType.MATCHING:
        right = {c["id"]: c["text"] for c in choices.get("right", [])}
        pairs = key.get("pairs", {})
        return [
            OptionCount(f"{left['id']}->{rid}", f"{left['text']} → {rtext}", 0, pairs.get(left["id"]) == rid)
            for left in choices.get("left", [])
            for rid, rtext in right.items()
        ]
    if qtype == QuestionType.ORDERING and isinstance(key.get("order"), list):
        # Only the right order is known in advance; the orders students gave are added as met.
        return [OptionCount(">".join(map(str, key["order"])), _order_text(question, key["order"]), 0, True)]
    return []


def _order_text(question: Any, ids: list[Any]) -> str:
    """An ordering answer as its items' texts (ids mean nothing to a teacher)."""
    texts = {c["id"]: c["text"] for c in question.choices if isinstance(c, dict)} if isinstance(question.choices, list) else {}
    return " → ".join(texts.get(i, str(i)) for i in ids)


def _cronbach_alpha(columns: list[list[float]]) -> float | None:
    """k/(k-1) * (1 - sum of item variances / variance of the totals), sample variances."""
    k, n = len(columns), len(columns[0]) if columns else 0
    if k < 2 or n < 2:
        return None
    totals = [sum(column[i] for column in columns) for i in range(n)]
    variance_total = statistics.variance(totals)
    if variance_total <= 0:
        return None
    return k / (k - 1) * (1 - sum(statistics.variance(column) for column in columns) / variance_total)


def quiz_item_statistics(*, quiz: Quiz) -> list[ItemStatistics]:
    """Per question: see ``quiz_statistics``."""
    return quiz_statistics(quiz=quiz).items


def quiz_statistics(*, quiz: Quiz) -> QuizStatistics:
    """Per question: facility index, discrimination index (Moodle's definitions) and how often each
    option was chosen, over the attempts the quiz's grading method counts; for the quiz, Cronbach's
    alpha where enough attempts share enough questions. Two queries.

    - facility index F = 100 * mean(points / max points) over the analysed attempts;
    - discrimination index D = 100 * correlation between the points on this question and the
      points on the rest of the quiz (attempt score minus this question's points).
    """
    analysed = _analysed_attempts(quiz)
    totals = {a[0]: a[3] for a in analysed}
    responses = (
        Response.objects.filter(attempt_id__in=list(totals))
        .select_related("question")
        .annotate(student=F("attempt__user__username"), attempt_number=F("attempt__number"))
        .order_by("question_id", "attempt_id")
        if totals
        else Response.objects.none()
    )
    grouped: dict[int, list[Response]] = {}
    for response in responses:
        grouped.setdefault(response.question_id, []).append(response)
    stats = []
    mean_position: dict[int, float] = {}
    for question_id, items in grouped.items():
        question = items[0].question
        counted = [r for r in items if r.points is not None and r.max_points]
        fractions = [float(r.points or 0) / float(r.max_points) for r in counted]
        rest = [totals[r.attempt_id] - float(r.points or 0) for r in counted]
        corr = _pearson([float(r.points or 0) for r in counted], rest)
        options = _option_catalogue(question)
        by_option = {o.option: o for o in options}
        answered = 0
        for response in items:
            chosen = _chosen_options(question.type, response.answer)
            answered += bool(chosen)
            full_marks = response.fraction is not None and float(response.fraction) >= 1.0
            for option in chosen:
                if option not in by_option:
                    text = _order_text(question, list(response.answer or [])) if question.type == QuestionType.ORDERING else option
                    # A typed or ordered answer is right when it earned full marks (the key may accept many forms).
                    by_option[option] = OptionCount(option, text, 0, full_marks if response.fraction is not None else None)
                    options.append(by_option[option])
                by_option[option].count += 1
        positions = [r.position for r in items]
        mean_position[question_id] = sum(positions) / len(positions)
        stats.append(
            ItemStatistics(
                question_id=question_id,
                stem=question.stem,
                type=question.type,
                attempts=len(items),
                answered=answered,
                facility=100.0 * sum(fractions) / len(fractions) if fractions else None,
                discrimination=None if corr is None else 100.0 * corr,
                options=options,
                position_varies=len(set(positions)) > 1,
                responses=sorted(
                    (
                        ItemResponse(
                            attempt_id=r.attempt_id,
                            attempt_number=r.attempt_number,  # type: ignore[attr-defined]
                            student=r.student,  # type: ignore[attr-defined]
                            position=r.position,
                            points=None if r.points is None else float(r.points),
                            max_points=float(r.max_points),
                        )
                        for r in items
                    ),
                    key=lambda r: (r.student, r.attempt_number),
                ),
            )
        )
    stats.sort(key=lambda item: (mean_position[item.question_id], item.question_id))
    for number, item in enumerate(stats, 1):
        item.number = number
    alpha, note = _quiz_alpha(grouped, attempts=len(totals))
    return QuizStatistics(items=stats, attempts=len(totals), alpha=alpha, alpha_note=note)


def _quiz_alpha(grouped: dict[int, list[Response]], *, attempts: int) -> tuple[float | None, str]:
    """Alpha over the questions that every analysed attempt had and that were all marked."""
    if attempts < ALPHA_MIN_ATTEMPTS:
        return None, f"needs at least {ALPHA_MIN_ATTEMPTS} graded attempts (there are {attempts})"
    common = {
        question_id: {r.attempt_id: float(r.points or 0) / float(r.max_points) for r in items if r.points is not None and r.max_points}
        for question_id, items in grouped.items()
    }
    common = {question_id: scores for question_id, scores in common.items() if len(scores) == attempts}
    if len(common) < 2:
        return None, "needs at least 2 questions that every analysed attempt had (drawn quizzes may share fewer)"
    order = sorted(next(iter(common.values())))
    alpha = _cronbach_alpha([[scores[a] for a in order] for scores in common.values()])
    if alpha is None:
        return None, "every attempt scored the same"
    return alpha, f"over the {len(common)} questions all {attempts} analysed attempts had"


def quiz_statistics_csv(*, quiz: Quiz) -> str:
    """The item statistics as CSV, one row per question in the students' numbering; every cell
    through ``_csv_safe`` (stems and typed answers come from users)."""
    result = quiz_statistics(quiz=quiz)
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["number", "question id", "type", "question", "attempts", "answered", "facility %", "discrimination %", "answers (✓ right)"]
    writer.writerow([_csv_safe(cell) for cell in header])
    for item in result.items:
        answers = "; ".join(f"{o.text}{' ✓' if o.is_correct else ''}: {o.count}" for o in item.options)
        cells = [
            str(item.number),
            str(item.question_id),
            item.type,
            item.stem,
            str(item.attempts),
            str(item.answered),
            "" if item.facility is None else f"{item.facility:.1f}",
            "" if item.discrimination is None else f"{item.discrimination:.1f}",
            answers,
        ]
        writer.writerow([_csv_safe(cell) for cell in cells])
    alpha = "" if result.alpha is None else f"{result.alpha:.3f}"
    writer.writerow([_csv_safe(cell) for cell in ["Cronbach's alpha", alpha, result.alpha_note]])
    return out.getvalue()


# --- per-student detail ------------------------------------------------------------------------------


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
        row.mastery += MASTERY_WEIGHT * (float(fraction or 0) - row.mastery)  # never None: filtered above
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
    """One student's attempts, quiz grades and mastery in a course (five queries); Http404 if the
    student is not enrolled in it."""
    now = now or timezone.now()
    student = User.objects.filter(pk=student_id, enrollments__course=course, enrollments__role=Enrollment.Role.STUDENT).first()
    if student is None:
        raise Http404(STUDENT_NOT_FOUND)
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
