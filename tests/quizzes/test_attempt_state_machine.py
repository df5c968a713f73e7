"""The attempt lifecycle as a state machine, explored by hypothesis.

Steps: students start attempts, save answers (well-formed or not), submit (sometimes several
times), time passes, the auto-submitter runs, workers grade (sometimes the same attempt twice),
and an instructor fixes an answer key, which regrades. Whatever the order:

- every submitted attempt ends with exactly one grade: the first grading happens once, a
  second grader never grades it again, and the score is the sum of its responses' points;
- no answer is accepted at or after the deadline, and none after submission;
- a refused answer leaves every saved answer as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from quizzes.models import Attempt, Question, QuestionType, RegradeLog, Response
from quizzes.services.attempt_rules import AnswerRejected, AttemptNotInProgress, DeadlinePassed, NoAttemptsLeft
from quizzes.services.attempts import attempt_start, attempt_submit, attempts_autosubmit_expired, responses_save
from quizzes.services.grading import REGRADE_ANSWER_KEY_FIXED, attempt_grade, question_regrade_run
from quizzes.services.quizzes import quiz_create
from tests.factories import CourseFactory, EnrollmentFactory, ModuleFactory, UserFactory
from tests.quizzes.builders import question_of

T0 = dt.datetime(2026, 5, 4, 8, 0, tzinfo=dt.UTC)
TIME_LIMIT = 120
ATTEMPTS_ALLOWED = 3

# Answers per question type, well-formed and not.
ANSWERS = {
    QuestionType.TRUE_FALSE: st.sampled_from([True, False, "yes", None]),
    QuestionType.SINGLE_CHOICE: st.sampled_from(["c1", "c2", "c3", "zz", 7]),
    QuestionType.NUMERIC: st.sampled_from([280, 281.5, "2,80", "many", 1000]),
}


class AttemptMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.clock = time_machine.travel(T0, tick=False)
        self.traveller = self.clock.start()
        course = CourseFactory()
        self.students = [UserFactory() for _ in range(2)]
        for student in self.students:
            EnrollmentFactory(course=course, user=student)
        self.questions = [question_of(t) for t in ANSWERS]
        self.single = next(q for q in self.questions if q.type == QuestionType.SINGLE_CHOICE)
        self.quiz = quiz_create(
            module=ModuleFactory(course=course),
            title="Machine",
            fixed_questions=self.questions,
            time_limit_seconds=TIME_LIMIT,
            attempts_allowed=ATTEMPTS_ALLOWED,
            is_published=True,
        )
        self.first_gradings: dict[int, int] = {}  # attempt id -> times a grader completed the first grade
        self.regrades: dict[int, int] = {}  # attempt id -> regrades that changed it

    def teardown(self) -> None:
        try:
            # A last worker run: every submitted attempt must end graded exactly once.
            for attempt_id in Attempt.objects.filter(state=Attempt.State.SUBMITTED).values_list("id", flat=True):
                if attempt_grade(attempt_id=attempt_id) is not None:
                    self.first_gradings[attempt_id] = self.first_gradings.get(attempt_id, 0) + 1
            for attempt in Attempt.objects.exclude(state=Attempt.State.IN_PROGRESS):
                assert attempt.state == Attempt.State.GRADED
                assert self.first_gradings.get(attempt.pk) == 1
                assert attempt.grade_count == 1 + self.regrades.get(attempt.pk, 0)
        finally:
            self.clock.stop()
            transaction.savepoint_rollback(self.savepoint)

    def _current(self, index: int) -> Attempt | None:
        return Attempt.objects.filter(quiz=self.quiz, user=self.students[index]).order_by("-number").first()

    # --- steps ---------------------------------------------------------------------------------------

    @rule(student=st.integers(0, 1))
    def start(self, student: int) -> None:
        user = self.students[student]
        before = Attempt.objects.filter(quiz=self.quiz, user=user).count()
        try:
            attempt = attempt_start(quiz=self.quiz, user=user)
        except NoAttemptsLeft:
            assert before >= ATTEMPTS_ALLOWED
            return
        assert attempt.state == Attempt.State.IN_PROGRESS
        assert attempt.deadline == attempt.started_at + dt.timedelta(seconds=TIME_LIMIT)

    @rule(student=st.integers(0, 1), question=st.integers(0, 2), data=st.data())
    def save(self, student: int, question: int, data: Any) -> None:
        attempt = self._current(student)
        if attempt is None:
            return
        target = self.questions[question]
        value = data.draw(ANSWERS[target.type])
        before = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "answer"))
        now = dt.datetime.now(tz=dt.UTC)
        try:
            responses_save(attempt=attempt, user=self.students[student], answers={target.pk: value})
        except (DeadlinePassed, AttemptNotInProgress, AnswerRejected) as exc:
            if isinstance(exc, DeadlinePassed):
                assert attempt.deadline is not None and now >= attempt.deadline
            if isinstance(exc, AttemptNotInProgress):
                assert attempt.state != Attempt.State.IN_PROGRESS
            assert dict(Response.objects.filter(attempt=attempt).values_list("question_id", "answer")) == before
            return
        assert attempt.state == Attempt.State.IN_PROGRESS and now < attempt.deadline  # type: ignore[operator]

    @rule(student=st.integers(0, 1), times=st.integers(1, 3))
    def submit(self, student: int, times: int) -> None:
        attempt = self._current(student)
        if attempt is None:
            return
        for _ in range(times):
            try:
                attempt_submit(attempt=attempt, user=self.students[student])
            except DeadlinePassed:
                assert attempt.deadline is not None and dt.datetime.now(tz=dt.UTC) >= attempt.deadline
        attempt.refresh_from_db()
        assert attempt.state != Attempt.State.IN_PROGRESS

    @rule(seconds=st.sampled_from([1, 30, 59, 119, 120, 121, 600]))
    def time_passes(self, seconds: int) -> None:
        self.traveller.shift(dt.timedelta(seconds=seconds))

    @rule()
    def autosubmit(self) -> None:
        attempts_autosubmit_expired()

    @rule(student=st.integers(0, 1), workers=st.integers(1, 2))
    def grade(self, student: int, workers: int) -> None:
        attempt = self._current(student)
        if attempt is None:
            return
        for _ in range(workers):  # a duplicate message reaches a second worker
            if attempt_grade(attempt_id=attempt.pk) is not None:
                self.first_gradings[attempt.pk] = self.first_gradings.get(attempt.pk, 0) + 1

    @rule(correct=st.sampled_from(["c1", "c2", "c3"]))
    def fix_answer_key(self, correct: str) -> None:
        current = self.single
        Question.objects.filter(pk=current.pk).update(is_current=False)
        fixed = Question.objects.create(
            bank=current.bank,
            root_id=current.root_id_or_self,
            version=current.version + 1,
            type=current.type,
            stem=current.stem,
            choices=current.choices,
            answer={"correct": correct},
            status=Question.Status.APPROVED,
        )
        self.single = fixed
        before = dict(Attempt.objects.values_list("id", "grade_count"))
        log = RegradeLog.objects.create(question=fixed, reason=REGRADE_ANSWER_KEY_FIXED)
        question_regrade_run(regrade_log_id=log.pk)
        for attempt_id, count in Attempt.objects.values_list("id", "grade_count"):
            if count != before[attempt_id]:
                assert count == before[attempt_id] + 1
                self.regrades[attempt_id] = self.regrades.get(attempt_id, 0) + 1

    # --- invariants ------------------------------------------------------------------------------------

    @invariant()
    def one_grade_per_attempt_and_score_is_the_sum_of_points(self) -> None:
        for attempt in Attempt.objects.filter(quiz=self.quiz):
            graded = attempt.state == Attempt.State.GRADED
            assert self.first_gradings.get(attempt.pk, 0) == int(graded)
            assert (attempt.grade_count >= 1) == graded
            if graded:
                points = [r.points for r in Response.objects.filter(attempt=attempt)]
                assert attempt.score == sum(points) and 0 <= attempt.score <= attempt.max_score

    @invariant()
    def no_answer_saved_at_or_after_the_deadline_or_after_submission(self) -> None:
        for response in Response.objects.filter(attempt__quiz=self.quiz, saved_at__isnull=False).select_related("attempt"):
            assert response.saved_at < response.attempt.deadline  # type: ignore[operator]
            if response.attempt.submitted_at:
                assert response.saved_at <= response.attempt.submitted_at

    @invariant()
    def at_most_one_attempt_in_progress_per_student(self) -> None:
        for student in self.students:
            assert Attempt.objects.filter(quiz=self.quiz, user=student, state=Attempt.State.IN_PROGRESS).count() <= 1


@pytest.mark.django_db
def test_attempt_lifecycle_state_machine() -> None:
    run_state_machine_as_test(
        AttemptMachine,
        settings=settings(max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=list(HealthCheck)),
    )
