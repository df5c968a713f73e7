"""The attempt lifecycle: start, autosave, submit, deadlines and bad input."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.errors import NotFound
from quizzes.models import Attempt, QuestionType, Quiz, Response
from quizzes.services import attempt_rules as rules
from quizzes.services import attempts as svc
from quizzes.services.attempt_rules import (
    ATTEMPT_NOT_IN_PROGRESS,
    DEADLINE_PASSED,
    DEADLINE_PASSED_SUBMITTED,
    NO_ATTEMPTS_LEFT,
    QUIZ_CLOSED,
    QUIZ_NOT_AVAILABLE,
    QUIZ_NOT_OPEN_YET,
    UNKNOWN_QUESTION,
    AnswerRejected,
)
from quizzes.services.attempts import attempt_start, attempt_submit, attempts_autosubmit_expired, response_save, responses_save
from quizzes.services.draws import quiz_draw_questions
from tests.factories import EnrollmentFactory, ModuleFactory, QuestionFactory, UserFactory
from tests.quizzes.builders import RIGHT, answers_for, drawn_quiz, fixed_quiz, mixed_bank, question_of, run_together

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Attempt ids whose grading was enqueued (after commit), instead of talking to a broker."""
    sent: list[int] = []
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: sent.append(attempt_id) or True)
    return sent


@pytest.fixture
def quiz(course):  # type: ignore[no-untyped-def]
    return fixed_quiz(course=course, questions=[question_of(t) for t in RIGHT])


# --- start --------------------------------------------------------------------------------------------


def test_start_makes_one_response_row_per_question_and_sums_the_points(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    assert attempt.state == Attempt.State.IN_PROGRESS and attempt.number == 1
    assert attempt.responses.count() == 8
    assert attempt.max_score == 8
    assert sorted(attempt.responses.values_list("position", flat=True)) == list(range(1, 9))


def test_the_deadline_is_start_plus_time_limit(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=600)
    assert attempt_start(quiz=quiz, user=student).deadline == T0 + dt.timedelta(minutes=10)


def test_the_deadline_is_capped_by_the_close_time(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(
        course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=3600, closes_at=T0 + dt.timedelta(minutes=5)
    )
    assert attempt_start(quiz=quiz, user=student).deadline == T0 + dt.timedelta(minutes=5)


def test_an_untimed_quiz_without_close_time_has_no_deadline(quiz, student) -> None:
    assert attempt_start(quiz=quiz, user=student).deadline is None


def test_a_replayed_start_returns_the_attempt_in_progress(quiz, student) -> None:
    first = attempt_start(quiz=quiz, user=student)
    assert attempt_start(quiz=quiz, user=student).pk == first.pk
    assert Attempt.objects.filter(quiz=quiz, user=student).count() == 1


def test_start_beyond_the_attempts_allowed_is_refused(course, student, enqueued) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], attempts_allowed=1)
    attempt_submit(attempt=attempt_start(quiz=quiz, user=student), user=student)
    with pytest.raises(rules.NoAttemptsLeft) as err:
        attempt_start(quiz=quiz, user=student)
    assert err.value.message == NO_ATTEMPTS_LEFT.format(allowed=1)
    assert Attempt.objects.filter(quiz=quiz, user=student).count() == 1


def test_unlimited_attempts_are_numbered(course, student, enqueued) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)])
    for _ in range(3):
        attempt_submit(attempt=attempt_start(quiz=quiz, user=student), user=student)
    assert list(Attempt.objects.filter(quiz=quiz, user=student).order_by("number").values_list("number", flat=True)) == [1, 2, 3]


def test_a_quiz_is_refused_before_it_opens_and_after_it_closes(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(
        course=course,
        questions=[question_of(QuestionType.TRUE_FALSE)],
        opens_at=T0 + dt.timedelta(hours=1),
        closes_at=T0 + dt.timedelta(hours=2),
    )
    with pytest.raises(rules.QuizNotAvailable, match=QUIZ_NOT_OPEN_YET):
        attempt_start(quiz=quiz, user=student)
    time_machine.move_to(T0 + dt.timedelta(hours=2), tick=False)
    with pytest.raises(rules.QuizNotAvailable, match=QUIZ_CLOSED):
        attempt_start(quiz=quiz, user=student)


def test_a_student_of_another_course_cannot_start(quiz, other_student, other_course) -> None:
    with pytest.raises(rules.QuizNotAvailable, match=QUIZ_NOT_AVAILABLE):
        attempt_start(quiz=quiz, user=other_student)


def test_a_student_cannot_start_an_unpublished_quiz_but_the_instructor_can_try_it(course, student, instructor) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], is_published=False)
    with pytest.raises(rules.QuizNotAvailable):
        attempt_start(quiz=quiz, user=student)
    assert attempt_start(quiz=quiz, user=instructor).state == Attempt.State.IN_PROGRESS


def test_a_quiz_without_approved_questions_cannot_be_started(course, student) -> None:
    quiz = Quiz.objects.create(module=ModuleFactory(course=course), title="Empty", is_published=True)
    with pytest.raises(rules.QuizNotAvailable) as err:
        attempt_start(quiz=quiz, user=student)
    assert err.value.code == "quiz_has_no_questions"


# --- drawing --------------------------------------------------------------------------------------------


def test_the_draw_is_reproducible_from_the_seed(course) -> None:
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=3), count=10)
    first = [(d.question.pk, d.option_order) for d in quiz_draw_questions(quiz=quiz, seed=42)]
    again = [(d.question.pk, d.option_order) for d in quiz_draw_questions(quiz=quiz, seed=42)]
    other = [(d.question.pk, d.option_order) for d in quiz_draw_questions(quiz=quiz, seed=43)]
    assert first == again
    assert first != other
    assert len(first) == 10 and len({q for q, _ in first}) == 10


def test_students_draw_their_own_questions_from_a_source(course, student) -> None:
    bank = mixed_bank(per_type=4)
    quiz = drawn_quiz(course=course, bank=bank, count=5)
    draws = {tuple(sorted(d.question.pk for d in quiz_draw_questions(quiz=quiz, seed=s))) for s in range(20)}
    assert len(draws) > 1  # 5 of 32: twenty seeds do not all draw the same set


def test_a_topic_source_only_draws_that_topic(course) -> None:
    bank = mixed_bank(per_type=2)
    for _ in range(3):
        QuestionFactory(bank=bank, topic="summits")
    quiz = drawn_quiz(course=course, bank=bank, count=3, topic="summits")
    assert {d.question.topic for d in quiz_draw_questions(quiz=quiz, seed=1)} == {"summits"}


def test_only_approved_current_questions_are_drawn(course) -> None:
    bank = mixed_bank()
    QuestionFactory(bank=bank, status="draft")
    QuestionFactory(bank=bank, is_current=False)
    quiz = drawn_quiz(course=course, bank=bank, count=8)
    drawn = quiz_draw_questions(quiz=quiz, seed=7)
    assert all(d.question.status == "approved" and d.question.is_current for d in drawn)


def test_options_are_shuffled_per_student_and_an_ordering_is_never_shown_solved(course) -> None:
    question = QuestionFactory(ordering=True)
    quiz = fixed_quiz(course=course, questions=[question])
    orders = [quiz_draw_questions(quiz=quiz, seed=s)[0].option_order for s in range(30)]
    assert all(sorted(o) == ["o1", "o2", "o3"] for o in orders)
    assert ["o1", "o2", "o3"] not in orders


def test_options_stay_in_authored_order_when_shuffling_is_off(course) -> None:
    question = QuestionFactory()
    quiz = fixed_quiz(course=course, questions=[question], shuffle_options=False)
    assert quiz_draw_questions(quiz=quiz, seed=3)[0].option_order == ["c1", "c2", "c3", "c4"]


def test_starting_costs_the_same_number_of_queries_for_5_or_20_questions(course) -> None:
    counts = []
    for size in (5, 20):
        user = UserFactory()
        EnrollmentFactory(course=course, user=user)
        bank = mixed_bank(per_type=3)
        quiz = drawn_quiz(course=course, bank=bank, count=size)
        with CaptureQueriesContext(connection) as ctx:
            attempt = attempt_start(quiz=quiz, user=user)
        assert attempt.responses.count() == size
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


# --- saving answers -------------------------------------------------------------------------------------


def test_an_answer_is_saved_in_canonical_form_and_saving_it_again_is_harmless(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    multi = attempt.responses.get(question__type=QuestionType.MULTIPLE_RESPONSE)
    response_save(attempt_id=attempt.pk, user=student, question_id=multi.question_id, answer=["c2", "c1"])
    response_save(attempt_id=attempt.pk, user=student, question_id=multi.question_id, answer=["c2", "c1"])
    multi.refresh_from_db()
    assert multi.answer == ["c1", "c2"] and multi.saved_at is not None


def test_a_wrong_shape_is_refused_and_nothing_saved_changes(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    responses_save(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    before = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "answer"))
    numeric = attempt.responses.get(question__type=QuestionType.NUMERIC)
    tf = attempt.responses.get(question__type=QuestionType.TRUE_FALSE)
    with pytest.raises(AnswerRejected) as err:
        # one good change and one bad answer in the same save: neither is written
        responses_save(attempt=attempt, user=student, answers={tf.question_id: False, numeric.question_id: "lots"})
    assert err.value.code == "wrong_answer_shape" and str(numeric.question_id) in err.value.message
    assert dict(Response.objects.filter(attempt=attempt).values_list("question_id", "answer")) == before


def test_an_unknown_question_id_is_refused(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    outsider = QuestionFactory()
    # 2**70: no database integer column holds it, so it must be refused before any query.
    for bad in (outsider.pk, "not-a-number", None, 2**70):
        with pytest.raises(rules.UnknownQuestion) as err:
            response_save(attempt_id=attempt.pk, user=student, question_id=bad, answer="c1")  # type: ignore[arg-type]
        assert err.value.message == UNKNOWN_QUESTION.format(question_id=bad)


def test_another_students_attempt_is_not_found(quiz, student, other_student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    question_id = attempt.responses.first().question_id
    with pytest.raises(NotFound):
        response_save(attempt_id=attempt.pk, user=other_student, question_id=question_id, answer=True)
    with pytest.raises(NotFound):
        attempt_submit(attempt=attempt, user=other_student)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS


def test_an_attempt_id_no_column_holds_is_not_found(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    question_id = attempt.responses.first().question_id
    for bad in (2**70, 0, -attempt.pk):
        with pytest.raises(NotFound):
            response_save(attempt_id=bad, user=student, question_id=question_id, answer=True)


def test_answers_after_submitting_are_refused(quiz, student, enqueued) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    tf = attempt.responses.get(question__type=QuestionType.TRUE_FALSE)
    response_save(attempt_id=attempt.pk, user=student, question_id=tf.question_id, answer=True)
    attempt_submit(attempt=attempt, user=student)
    with pytest.raises(rules.AttemptNotInProgress, match=ATTEMPT_NOT_IN_PROGRESS):
        response_save(attempt_id=attempt.pk, user=student, question_id=tf.question_id, answer=False)
    tf.refresh_from_db()
    assert tf.answer is True


def test_answers_after_the_deadline_are_refused(course, student, time_machine) -> None:
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=60)
    attempt = attempt_start(quiz=quiz, user=student)
    question_id = attempt.responses.get().question_id
    time_machine.move_to(T0 + dt.timedelta(seconds=59), tick=False)
    response_save(attempt_id=attempt.pk, user=student, question_id=question_id, answer=True)
    time_machine.move_to(T0 + dt.timedelta(seconds=60), tick=False)
    with pytest.raises(rules.DeadlinePassed, match=DEADLINE_PASSED):
        response_save(attempt_id=attempt.pk, user=student, question_id=question_id, answer=False)
    assert Response.objects.get(attempt=attempt).answer is True


# --- saving once the question's shape is remembered (one statement on PostgreSQL) ----------------------
# A process that has saved an answer to a question remembers its shape (type, choices) with the
# row's version; later answers to it are checked against that shape and written by one statement.
# These pin that nothing about the rules moves with it: each starts with a save that teaches it.


def test_a_remembered_question_whose_choices_changed_in_place_is_checked_against_the_new_ones(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    single = attempt.responses.select_related("question").get(question__type=QuestionType.SINGLE_CHOICE)
    response_save(attempt_id=attempt.pk, user=student, question_id=single.question_id, answer="c1")
    renamed = [{**choice, "id": f"new-{choice['id']}"} for choice in single.question.choices]
    type(single.question).objects.filter(pk=single.question_id).update(choices=renamed)

    with pytest.raises(AnswerRejected) as err:
        response_save(attempt_id=attempt.pk, user=student, question_id=single.question_id, answer="c2")
    assert err.value.code == "wrong_answer_shape"
    single.refresh_from_db()
    assert single.answer == "c1"
    response_save(attempt_id=attempt.pk, user=student, question_id=single.question_id, answer="new-c2")
    single.refresh_from_db()
    assert single.answer == "new-c2"


def test_a_wrong_shape_for_a_remembered_question_is_refused_with_the_same_message(quiz, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    numeric = attempt.responses.get(question__type=QuestionType.NUMERIC)
    response_save(attempt_id=attempt.pk, user=student, question_id=numeric.question_id, answer=281)
    with pytest.raises(AnswerRejected) as err:
        response_save(attempt_id=attempt.pk, user=student, question_id=numeric.question_id, answer="lots")
    assert err.value.code == "wrong_answer_shape" and str(numeric.question_id) in err.value.message
    numeric.refresh_from_db()
    assert numeric.answer == "281"  # as typed (canonical form)


def test_a_remembered_question_is_no_way_into_another_students_attempt(quiz, course, student, other_student) -> None:
    EnrollmentFactory(course=course, user=other_student)
    theirs, mine = attempt_start(quiz=quiz, user=other_student), attempt_start(quiz=quiz, user=student)
    tf = mine.responses.get(question__type=QuestionType.TRUE_FALSE)
    response_save(attempt_id=mine.pk, user=student, question_id=tf.question_id, answer=True)
    with pytest.raises(NotFound):
        response_save(attempt_id=theirs.pk, user=student, question_id=tf.question_id, answer=True)
    assert Response.objects.get(attempt=theirs, question_id=tf.question_id).answer is None


def test_a_student_who_left_the_course_cannot_save_to_a_remembered_question(quiz, course, student) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    tf = attempt.responses.get(question__type=QuestionType.TRUE_FALSE)
    response_save(attempt_id=attempt.pk, user=student, question_id=tf.question_id, answer=True)
    course.enrollments.filter(user=student).delete()
    with pytest.raises(NotFound):
        response_save(attempt_id=attempt.pk, user=student, question_id=tf.question_id, answer=False)
    tf.refresh_from_db()
    assert tf.answer is True


def test_a_remembered_question_saves_to_another_attempt_that_drew_it(quiz, course, student, other_student) -> None:
    EnrollmentFactory(course=course, user=other_student)
    mine, theirs = attempt_start(quiz=quiz, user=student), attempt_start(quiz=quiz, user=other_student)
    tf = mine.responses.get(question__type=QuestionType.TRUE_FALSE)
    response_save(attempt_id=mine.pk, user=student, question_id=tf.question_id, answer=True)
    saved = response_save(attempt_id=theirs.pk, user=other_student, question_id=tf.question_id, answer=False)
    assert (saved.attempt_id, saved.question_id, saved.answer) == (theirs.pk, tf.question_id, False)
    assert Response.objects.get(attempt=theirs, question_id=tf.question_id).answer is False
    assert Response.objects.get(attempt=mine, question_id=tf.question_id).answer is True


# --- submitting -------------------------------------------------------------------------------------------


def test_submit_saves_final_answers_and_enqueues_grading_once_after_commit(
    quiz, student, enqueued, django_capture_on_commit_callbacks
) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
        assert enqueued == []  # not while the transaction is open
    assert submitted.state == Attempt.State.SUBMITTED and submitted.submitted_at is not None
    assert enqueued == [attempt.pk]
    assert Response.objects.filter(attempt=attempt, answer__isnull=True).count() == 0


def test_a_submit_with_a_malformed_final_answer_submits_nothing(quiz, student, enqueued, django_capture_on_commit_callbacks) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    numeric = attempt.responses.get(question__type=QuestionType.NUMERIC)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(AnswerRejected):
        attempt_submit(attempt=attempt, user=student, answers={numeric.question_id: "a lot"})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS and enqueued == []
    assert Response.objects.get(pk=numeric.pk).answer is None


def test_submitting_twice_is_one_submission(quiz, student, enqueued, django_capture_on_commit_callbacks) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    with django_capture_on_commit_callbacks(execute=True):
        first = attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student)
    with django_capture_on_commit_callbacks(execute=True):
        replayed = attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student)
    assert first.submitted_at is not None and replayed.submitted_at == first.submitted_at
    assert enqueued == [attempt.pk]


def test_a_rolled_back_submit_enqueues_nothing(quiz, student, enqueued, django_capture_on_commit_callbacks) -> None:
    from django.db import transaction

    attempt = attempt_start(quiz=quiz, user=student)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        attempt_submit(attempt=attempt, user=student)
        raise RuntimeError("the request failed after submitting")
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.IN_PROGRESS
    assert enqueued == []


def test_a_submit_after_the_deadline_is_refused_and_the_saved_answers_are_submitted(
    course, student, time_machine, enqueued, django_capture_on_commit_callbacks
) -> None:
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=60)
    attempt = attempt_start(quiz=quiz, user=student)
    question_id = attempt.responses.get().question_id
    response_save(attempt_id=attempt.pk, user=student, question_id=question_id, answer=True)
    time_machine.move_to(T0 + dt.timedelta(seconds=61), tick=False)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(rules.DeadlinePassed) as err:
        attempt_submit(attempt=attempt, user=student, answers={question_id: False})
    assert err.value.message == DEADLINE_PASSED_SUBMITTED
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and attempt.auto_submitted
    assert Response.objects.get(attempt=attempt).answer is True
    assert enqueued == [attempt.pk]


def test_the_periodic_task_submits_expired_attempts_only(course, student, other_student, time_machine, enqueued) -> None:
    time_machine.move_to(T0, tick=False)
    EnrollmentFactory(course=course, user=other_student)
    timed = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=60)
    untimed = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)])
    expiring = attempt_start(quiz=timed, user=student)
    open_ended = attempt_start(quiz=untimed, user=student)
    time_machine.move_to(T0 + dt.timedelta(seconds=30), tick=False)
    later = attempt_start(quiz=timed, user=other_student)
    time_machine.move_to(T0 + dt.timedelta(seconds=61), tick=False)
    assert attempts_autosubmit_expired() == [expiring.pk]
    assert attempts_autosubmit_expired() == []
    states = dict(Attempt.objects.values_list("id", "state"))
    assert states == {expiring.pk: "submitted", open_ended.pk: "in_progress", later.pk: "in_progress"}


def test_starting_again_after_an_expired_attempt_submits_it_first(course, student, time_machine, enqueued) -> None:
    time_machine.move_to(T0, tick=False)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE)], time_limit_seconds=60)
    first = attempt_start(quiz=quiz, user=student)
    time_machine.move_to(T0 + dt.timedelta(minutes=5), tick=False)
    second = attempt_start(quiz=quiz, user=student)
    first.refresh_from_db()
    assert first.state == Attempt.State.SUBMITTED and first.auto_submitted
    assert second.number == 2


@pytest.mark.django_db(transaction=True)
def test_parallel_starts_by_one_student_make_one_attempt(course, student) -> None:
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in RIGHT])
    results = run_together([lambda: attempt_start(quiz=quiz, user=student).pk] * 8)
    assert len(results) == 8 and len(set(results)) == 1, results
    assert Attempt.objects.filter(quiz=quiz, user=student).count() == 1
    assert Response.objects.filter(attempt__quiz=quiz).count() == 8


def test_saving_into_a_submitted_attempt_says_it_is_submitted_even_for_an_unknown_question(quiz, student, enqueued) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    attempt_submit(attempt=attempt, user=student)
    with pytest.raises(rules.AttemptNotInProgress):
        response_save(attempt_id=attempt.pk, user=student, question_id=999_999, answer=True)


def test_an_answer_is_not_written_when_the_attempt_is_submitted_between_the_check_and_the_write(
    quiz, student, enqueued, monkeypatch
) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    target = attempt.responses.get(question__type=QuestionType.TRUE_FALSE)
    checked = svc._checked_answer

    def submitted_meanwhile(response, raw_id, value):  # type: ignore[no-untyped-def]
        # Another tab submits while this save is between its read and its write.
        attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student)
        return checked(response, raw_id, value)

    monkeypatch.setattr(svc, "_checked_answer", submitted_meanwhile)
    with pytest.raises(rules.AttemptNotInProgress):
        response_save(attempt_id=attempt.pk, user=student, question_id=target.question_id, answer=True)
    target.refresh_from_db()
    assert target.answer is None and target.saved_at is None


def test_the_conditional_write_refuses_a_closed_attempt_and_one_past_its_deadline(quiz, student, enqueued) -> None:
    attempt = attempt_start(quiz=quiz, user=student)
    target = attempt.responses.first()
    now = dt.datetime.now(dt.UTC)
    assert svc._answer_write(attempt_id=attempt.pk, response_id=target.pk, value=True, now=now)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=now)
    assert not svc._answer_write(attempt_id=attempt.pk, response_id=target.pk, value=False, now=now)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=None, state=Attempt.State.SUBMITTED)
    assert not svc._answer_write(attempt_id=attempt.pk, response_id=target.pk, value=False, now=now)
    target.refresh_from_db()
    assert target.answer is True


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("remembered", [False, True], ids=["first-saves", "shapes-remembered"])
def test_saves_racing_a_submit_are_either_in_the_submission_or_refused(course, student, monkeypatch, remembered) -> None:
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)
    quiz = fixed_quiz(course=course, questions=[question_of(QuestionType.TRUE_FALSE) for _ in range(12)])
    attempt = attempt_start(quiz=quiz, user=student)
    question_ids = list(attempt.responses.values_list("question_id", flat=True))
    if remembered:  # each question saved once (False) first: on PostgreSQL the racing saves are one statement each
        for question_id in question_ids:
            response_save(attempt_id=attempt.pk, user=student, question_id=question_id, answer=False)
    saved: dict[int, bool] = {}
    submitted_at: list[object] = []

    def save(question_id: int) -> None:
        try:
            response_save(attempt_id=attempt.pk, user=student, question_id=question_id, answer=True)
            saved[question_id] = True
        except rules.AttemptNotInProgress:
            saved[question_id] = False

    def submit() -> None:
        submitted_at.append(attempt_submit(attempt=Attempt.objects.get(pk=attempt.pk), user=student).submitted_at)

    run_together([*(partial(save, q) for q in question_ids), submit])
    assert len(saved) == len(question_ids) and submitted_at
    stored = dict(Response.objects.filter(attempt=attempt).values_list("question_id", "answer"))
    # A save that said "saved" is in the submission; one that was refused left nothing behind.
    assert {q: stored[q] is True for q in question_ids} == saved
