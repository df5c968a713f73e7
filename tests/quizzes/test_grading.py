"""Grading: the claim, per-response points, the sweeper, the broker being down, and regrading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import Attempt, Question, QuestionType, RegradeLog, Response
from quizzes.questiontypes import GRADING_RULES
from quizzes.services import grading
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save
from quizzes.services.grading import (
    REGRADE_ANSWER_KEY_FIXED,
    REGRADE_QUESTION_RETIRED,
    WITHDRAWN_FEEDBACK,
    attempt_grade,
    attempt_grading_enqueue,
    question_regrade_request,
    question_regrade_run,
)
from quizzes.services.grading_sweeper import attempts_sweep_ungraded
from tests.factories import EnrollmentFactory, QuestionFactory, UserFactory
from tests.quizzes.builders import RIGHT, WRONG, answers_for, celery_conf, drawn_quiz, fixed_quiz, mixed_bank, question_of
from tests.quizzes.paused_worker import hold_after_claim

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sent: list[int] = []
    monkeypatch.setattr(grading, "attempt_grading_enqueue", lambda *, attempt_id: sent.append(attempt_id) or True)
    return sent


def submitted_attempt(quiz, user, answers=None, *, by_type=None):  # type: ignore[no-untyped-def]
    """Start, answer ({question_id: answer}, or one answer per question type) and submit."""
    attempt = attempt_start(quiz=quiz, user=user)
    answers = answers_for(attempt, by_type) if by_type else answers
    if answers:
        responses_save(attempt=attempt, user=user, answers=answers)
    return attempt_submit(attempt=attempt, user=user)


@pytest.fixture
def eager() -> Iterator[None]:
    """Run tasks in this process, as a worker would run them."""
    with celery_conf(task_always_eager=True):
        yield


@pytest.fixture
def unreachable_broker() -> Iterator[None]:
    # Nothing listens on port 1: a real refused connection, not a mock.
    with celery_conf(broker_url="redis://127.0.0.1:1/0"):
        yield


@pytest.fixture
def mixed_quiz(course):  # type: ignore[no-untyped-def]
    return fixed_quiz(course=course, questions=[question_of(t) for t in RIGHT])


# --- grading one attempt -----------------------------------------------------------------------------


def test_a_submitted_attempt_is_graded_response_by_response(mixed_quiz, student, enqueued) -> None:
    attempt = submitted_attempt(mixed_quiz, student, by_type=RIGHT)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None
    assert graded.state == Attempt.State.GRADED and graded.grade_count == 1 and graded.graded_at is not None
    assert graded.score == graded.max_score == 8
    assert set(Response.objects.filter(attempt=attempt).values_list("fraction", flat=True)) == {1.0}
    assert Response.objects.filter(attempt=attempt, feedback__contains="The passage names HIMARS.").count() == 8


def test_wrong_and_missing_answers_earn_nothing(mixed_quiz, student, enqueued) -> None:
    attempt = attempt_start(quiz=mixed_quiz, user=student)
    wrong = answers_for(attempt, WRONG)
    cloze = attempt.responses.get(question__type=QuestionType.CLOZE).question_id
    del wrong[cloze]
    responses_save(attempt=attempt, user=student, answers=wrong)
    attempt_submit(attempt=attempt, user=student)
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None and graded.score == 0
    assert Response.objects.get(attempt=attempt, question_id=cloze).feedback.startswith("Not answered.")


def test_partial_credit_is_scaled_by_the_questions_points(course, student, enqueued) -> None:
    multi = question_of(QuestionType.MULTIPLE_RESPONSE, points=Decimal(2))
    ordering = question_of(QuestionType.ORDERING, points=Decimal(3))
    quiz = fixed_quiz(course=course, questions=[multi, ordering])
    attempt = submitted_attempt(quiz, student, {multi.pk: ["c1"], ordering.pk: ["o2", "o3", "o1"]})
    graded = attempt_grade(attempt_id=attempt.pk)
    points = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "points"))
    assert points == {multi.pk: Decimal("1.000"), ordering.pk: Decimal("1.500")}
    assert graded is not None and graded.score == Decimal("2.5") and graded.max_score == 5


def test_grading_twice_grades_once(mixed_quiz, student, enqueued) -> None:
    attempt = submitted_attempt(mixed_quiz, student, by_type=RIGHT)
    assert attempt_grade(attempt_id=attempt.pk) is not None
    assert attempt_grade(attempt_id=attempt.pk) is None
    attempt.refresh_from_db()
    assert attempt.grade_count == 1


def test_an_attempt_in_progress_is_not_graded(mixed_quiz, student) -> None:
    attempt = attempt_start(quiz=mixed_quiz, user=student)
    assert attempt_grade(attempt_id=attempt.pk) is None
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_grading_costs_the_same_number_of_queries_for_5_or_20_questions(course, enqueued) -> None:
    counts = []
    for size in (5, 20):
        user = UserFactory()
        EnrollmentFactory(course=course, user=user)
        quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=3), count=size)
        attempt = submitted_attempt(quiz, user, by_type=RIGHT)
        with CaptureQueriesContext(connection) as ctx:
            attempt_grade(attempt_id=attempt.pk)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_a_grader_whose_claim_was_released_meanwhile_does_not_grade_a_second_time(mixed_quiz, student, enqueued, monkeypatch) -> None:
    attempt = submitted_attempt(mixed_quiz, student, by_type=RIGHT)
    calls = []

    def meanwhile(attempt_id: int) -> None:
        # While this grader is stalled, the sweeper gives the attempt back and another worker grades it.
        if not calls:
            calls.append(attempt_id)
            Attempt.objects.filter(pk=attempt_id).update(state=Attempt.State.SUBMITTED)
            assert attempt_grade(attempt_id=attempt_id) is not None

    monkeypatch.setattr(grading, "_grade_claimed", grading._grade_claimed)  # undone after the test
    hold_after_claim(meanwhile)
    assert attempt_grade(attempt_id=attempt.pk) is None
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.grade_count == 1


def test_a_failure_while_grading_hands_the_attempt_back_for_a_retry(mixed_quiz, student, enqueued, monkeypatch) -> None:
    attempt = submitted_attempt(mixed_quiz, student, by_type=RIGHT)

    def broken(**kwargs: object) -> None:
        raise ConnectionError("database went away")

    monkeypatch.setattr(grading, "grade_answer", broken)
    with pytest.raises(ConnectionError):
        attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    monkeypatch.undo()
    assert attempt_grade(attempt_id=attempt.pk) is not None


def test_the_task_grades_after_commit_when_run_eagerly(mixed_quiz, student, django_capture_on_commit_callbacks, eager) -> None:
    attempt = attempt_start(quiz=mixed_quiz, user=student)
    responses_save(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(attempt=attempt, user=student)
        assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 8


# --- broker down ----------------------------------------------------------------------------------------


def test_a_submission_is_kept_when_the_broker_is_unreachable(
    mixed_quiz, student, django_capture_on_commit_callbacks, unreachable_broker
) -> None:
    attempt = attempt_start(quiz=mixed_quiz, user=student)
    with django_capture_on_commit_callbacks(execute=True):
        attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    assert attempt_grading_enqueue(attempt_id=attempt.pk) is False
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    assert Response.objects.filter(attempt=attempt, answer__isnull=False).count() == 8


# --- the sweeper -------------------------------------------------------------------------------------------


def test_the_sweeper_enqueues_submitted_attempts_left_ungraded(course, student, enqueued, time_machine, settings) -> None:
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)])
    old = submitted_attempt(quiz, student, None)
    time_machine.move_to(T0 + dt.timedelta(seconds=20), tick=False)
    recent = submitted_attempt(quiz, student, None)
    enqueued.clear()
    time_machine.move_to(T0 + dt.timedelta(seconds=31), tick=False)
    result = attempts_sweep_ungraded()
    assert result.enqueued == [old.pk] and enqueued == [old.pk]
    assert recent.pk not in enqueued


def test_the_sweeper_releases_a_claim_older_than_the_hard_time_limit(course, student, enqueued, time_machine, settings) -> None:
    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    settings.CELERY_TASK_TIME_LIMIT = 120
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)])
    dead = submitted_attempt(quiz, student, None)
    # a worker claimed it and died
    Attempt.objects.filter(pk=dead.pk).update(state=Attempt.State.GRADING, grading_started_at=T0)
    time_machine.move_to(T0 + dt.timedelta(seconds=100), tick=False)
    assert attempts_sweep_ungraded().released == []
    time_machine.move_to(T0 + dt.timedelta(seconds=151), tick=False)
    result = attempts_sweep_ungraded()
    assert result.released == [dead.pk] and dead.pk in result.enqueued
    assert attempt_grade(attempt_id=dead.pk) is not None


# --- regrading ---------------------------------------------------------------------------------------------


def fix_key(question: Question, *, answer: dict) -> Question:
    """What the bank editor does on an answer-key fix: a new current version with the same choices."""
    Question.objects.filter(pk=question.pk).update(is_current=False)
    return Question.objects.create(
        bank=question.bank,
        root=question,
        version=question.version + 1,
        type=question.type,
        stem=question.stem,
        choices=question.choices,
        answer=answer,
        topic=question.topic,
        status=Question.Status.APPROVED,
    )


def test_fixing_an_answer_key_regrades_the_affected_attempts_and_logs_it(
    course, student, other_student, instructor, enqueued, django_capture_on_commit_callbacks, eager
) -> None:
    EnrollmentFactory(course=course, user=other_student)
    question = QuestionFactory()  # key c1
    other = question_of(QuestionType.TRUE_FALSE)
    quiz = fixed_quiz(course=course, questions=[question, other])
    picked_c2 = submitted_attempt(quiz, student, {question.pk: "c2", other.pk: True})
    picked_c1 = submitted_attempt(quiz, other_student, {question.pk: "c1", other.pk: True})
    for attempt in (picked_c2, picked_c1):
        attempt_grade(attempt_id=attempt.pk)

    with django_capture_on_commit_callbacks(execute=True):
        fixed = fix_key(question, answer={"correct": "c2"})
        log = question_regrade_request(
            question=fixed, changed_by=instructor, reason=REGRADE_ANSWER_KEY_FIXED, before={"answer": {"correct": "c1"}}
        )
    log.refresh_from_db()
    assert log.completed_at is not None and log.attempts_affected == 2
    assert log.after == {"answer": {"correct": "c2"}, "status": "approved"} and log.changed_by == instructor
    picked_c2.refresh_from_db()
    picked_c1.refresh_from_db()
    assert (picked_c2.score, picked_c2.grade_count) == (2, 2)
    assert (picked_c1.score, picked_c1.grade_count) == (1, 2)


def test_running_a_regrade_again_changes_nothing(course, student, enqueued) -> None:
    question = QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = submitted_attempt(quiz, student, {question.pk: "c2"})
    attempt_grade(attempt_id=attempt.pk)
    fixed = fix_key(question, answer={"correct": "c2"})
    log = RegradeLog.objects.create(question=fixed, reason=REGRADE_ANSWER_KEY_FIXED)
    assert question_regrade_run(regrade_log_id=log.pk).attempts_affected == 1
    assert question_regrade_run(regrade_log_id=log.pk).attempts_affected == 1
    attempt.refresh_from_db()
    assert attempt.grade_count == 2 and attempt.score == 1


def test_retiring_a_question_withdraws_it_from_every_attempt(course, student, enqueued) -> None:
    retired = QuestionFactory()
    kept = question_of(QuestionType.TRUE_FALSE)
    quiz = fixed_quiz(course=course, questions=[retired, kept])
    attempt = submitted_attempt(quiz, student, {retired.pk: "c2", kept.pk: True})
    attempt_grade(attempt_id=attempt.pk)
    attempt.refresh_from_db()
    assert attempt.percent == 50.0
    Question.objects.filter(pk=retired.pk).update(status=Question.Status.RETIRED)
    log = RegradeLog.objects.create(question=retired, reason=REGRADE_QUESTION_RETIRED)
    question_regrade_run(regrade_log_id=log.pk)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.percent) == (1, 1, 100.0)
    withdrawn = Response.objects.get(attempt=attempt, question=retired)
    assert (withdrawn.points, withdrawn.max_points, withdrawn.feedback) == (0, 0, WITHDRAWN_FEEDBACK)


def test_a_new_version_with_different_choices_does_not_change_old_grades(course, student, enqueued) -> None:
    question = QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = submitted_attempt(quiz, student, {question.pk: "c1"})
    attempt_grade(attempt_id=attempt.pk)
    Question.objects.filter(pk=question.pk).update(is_current=False)
    rewritten = Question.objects.create(
        bank=question.bank,
        root=question,
        version=2,
        type=question.type,
        stem="Rewritten",
        choices=[{"id": "x", "text": "A"}, {"id": "c1", "text": "B"}],
        answer={"correct": "x"},
        status=Question.Status.APPROVED,
    )
    log = RegradeLog.objects.create(question=rewritten, reason=REGRADE_ANSWER_KEY_FIXED)
    assert question_regrade_run(regrade_log_id=log.pk).attempts_affected == 0
    attempt.refresh_from_db()
    assert attempt.score == 1 and attempt.grade_count == 1


def test_an_attempt_graded_after_a_key_fix_uses_the_fixed_key(course, student, enqueued) -> None:
    question = QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = submitted_attempt(quiz, student, {question.pk: "c3"})
    fix_key(question, answer={"correct": "c3"})
    graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None and graded.score == 1


def test_the_review_workflow_regrades_when_a_fixed_key_is_approved_or_the_question_retired(
    course, student, instructor, enqueued, django_capture_on_commit_callbacks, eager
) -> None:
    from quizzes.services.review import question_approve, question_edit, question_retire

    question = QuestionFactory(bank__course=course)  # key c1; a bank of the course its instructor changes
    kept = question_of(QuestionType.TRUE_FALSE)
    quiz = fixed_quiz(course=course, questions=[question, kept])
    attempt = submitted_attempt(quiz, student, {question.pk: "c2", kept.pk: True})
    attempt_grade(attempt_id=attempt.pk)

    with django_capture_on_commit_callbacks(execute=True):
        draft = question_edit(question=question, user=instructor, answer={"correct": "c2"})
    attempt.refresh_from_db()
    assert attempt.score == 1 and not RegradeLog.objects.exists()  # a draft fix changes nothing yet

    with django_capture_on_commit_callbacks(execute=True):
        question_approve(question=draft, user=instructor)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.grade_count) == (2, 2)
    log = RegradeLog.objects.get(reason=REGRADE_ANSWER_KEY_FIXED)
    assert log.before["answer"] == {"correct": "c1"} and log.after["answer"] == {"correct": "c2"} and log.attempts_affected == 1

    with django_capture_on_commit_callbacks(execute=True):
        question_retire(question=Question.objects.get(pk=draft.pk), user=instructor)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.max_score, attempt.grade_count) == (1, 1, 3)
    assert RegradeLog.objects.get(reason=REGRADE_QUESTION_RETIRED).completed_at is not None


def test_the_task_retries_a_transient_database_error(mixed_quiz, student, enqueued, monkeypatch, eager) -> None:
    from django.db import OperationalError

    from quizzes.tasks import grading as tasks

    attempt = submitted_attempt(mixed_quiz, student, by_type=RIGHT)
    real = tasks.attempts_grade_queued
    calls: list[int] = []

    def flaky(*, attempt_id: int):  # type: ignore[no-untyped-def]
        calls.append(attempt_id)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(attempt_id=attempt_id)

    monkeypatch.setattr(tasks, "attempts_grade_queued", flaky)
    # throw=False: let apply() handle the Retry the way a worker would, re-running the task.
    tasks.grade_attempt_task.apply(args=(attempt.pk,), throw=False)
    attempt.refresh_from_db()
    assert len(calls) == 2 and attempt.state == Attempt.State.GRADED and attempt.grade_count == 1


def test_a_regrade_waits_for_an_attempt_being_graded_with_the_old_key(course, student, enqueued) -> None:
    from quizzes.services.grading import RegradeWaiting

    question = QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[question])
    attempt = submitted_attempt(quiz, student, {question.pk: "c2"})
    assert attempt_grade(attempt_id=attempt.pk) is not None
    # Another attempt's grading began (and read the old key) before the fix.
    other = submitted_attempt(quiz, EnrollmentFactory(course=course).user, {question.pk: "c2"})
    Attempt.objects.filter(pk=other.pk).update(state=Attempt.State.GRADING, grading_started_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    log = RegradeLog.objects.create(question=fix_key(question, answer={"correct": "c2"}), reason=REGRADE_ANSWER_KEY_FIXED)
    with pytest.raises(RegradeWaiting):
        question_regrade_run(regrade_log_id=log.pk)
    attempt.refresh_from_db()
    assert attempt.score == 0  # nothing half-done
    Attempt.objects.filter(pk=other.pk).update(state=Attempt.State.SUBMITTED)
    assert question_regrade_run(regrade_log_id=log.pk).attempts_affected == 1


def test_every_task_the_beat_schedule_and_routes_name_is_registered() -> None:
    from config.celery import app

    app.loader.import_default_modules()
    named = {entry["task"] for entry in app.conf.beat_schedule.values()} | set(app.conf.task_routes)
    assert named <= set(app.tasks), named - set(app.tasks)


def test_the_periodic_tasks_run_the_sweeper_and_the_auto_submitter(
    course, student, enqueued, time_machine, settings, django_capture_on_commit_callbacks
) -> None:
    from quizzes.tasks.grading import autosubmit_expired_attempts_task, sweep_ungraded_attempts_task

    settings.GRADING_SWEEP_AFTER_SECONDS = 30
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=60)
    attempt = attempt_start(quiz=quiz, user=student)
    time_machine.move_to(T0 + dt.timedelta(seconds=61), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert autosubmit_expired_attempts_task.apply().get() == 1
    time_machine.move_to(T0 + dt.timedelta(seconds=100), tick=False)
    assert sweep_ungraded_attempts_task.apply().get() == {"released": 0, "enqueued": 1, "regrades_resumed": 0}
    assert enqueued == [attempt.pk, attempt.pk]  # once on submit, once by the sweeper


# --- versions of the matching rules -----------------------------------------------------------------------


def test_grading_records_the_matching_rules_it_used(course, student, enqueued) -> None:
    cloze = question_of(QuestionType.CLOZE, answer={"accepted": ["Patriot"]})
    quiz = fixed_quiz(course=course, questions=[cloze])
    attempt = submitted_attempt(quiz, student, {cloze.pk: "the Patriots"})
    attempt_grade(attempt_id=attempt.pk)
    response = Response.objects.get(attempt=attempt)
    assert (response.grading_rules, response.fraction) == (GRADING_RULES, 1.0)


def test_a_regrade_applies_a_fixed_key_by_the_rules_the_answer_was_first_graded_by(course, student, other_student, enqueued) -> None:
    EnrollmentFactory(course=course, user=other_student)
    cloze = question_of(QuestionType.CLOZE, answer={"accepted": ["Patriot"]})
    quiz = fixed_quiz(course=course, questions=[cloze])
    before_the_rules = submitted_attempt(quiz, student, {cloze.pk: "the Patriots"})
    attempt_grade(attempt_id=before_the_rules.pk)
    # Graded before the rules forgave articles and plurals: exactly what migration 0005 marks.
    Response.objects.filter(attempt=before_the_rules).update(grading_rules=1, points=0, fraction=0.0)
    Attempt.objects.filter(pk=before_the_rules.pk).update(score=0)
    under_the_rules = submitted_attempt(quiz, other_student, {cloze.pk: "the Patriots"})
    attempt_grade(attempt_id=under_the_rules.pk)

    fixed = fix_key(cloze, answer={"accepted": ["Patriot", "Patriot system"]})
    question_regrade_run(regrade_log_id=RegradeLog.objects.create(question=fixed, reason=REGRADE_ANSWER_KEY_FIXED).pk)

    old = Response.objects.get(attempt=before_the_rules)
    new = Response.objects.get(attempt=under_the_rules)
    assert (old.grading_rules, old.fraction) == (1, 0.0), "a new rule never changes a grade already given"
    assert (new.grading_rules, new.fraction) == (GRADING_RULES, 1.0)
