"""Query budgets on the hot paths of a classroom burst: starting an attempt, saving an answer,
submitting, polling for the result, waiting for it on the push endpoint, and the instructor's
gradebook, on the API and the pages.

Each runs a fixed number of queries whatever the number of questions in the attempt, of
students in the course, or of attempts already made: every test runs at a small and at a
larger size with the same pinned budget, so an N+1 shows up as a failure here long before it
shows up in `make bench`. Counts, never times.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from config.authentication import tokens_forget
from courseware.models import Course, Enrollment, User
from quizzes.cache_questions import prepared_questions_forget
from quizzes.models import Attempt, Question, QuestionType, Quiz, Response
from quizzes.selectors.gradebook import gradebook_for_course
from quizzes.services import draws
from quizzes.services.attempts import attempt_start, attempt_submit, responses_save, save_shapes_forget
from quizzes.services.grading import attempt_grade, attempts_grade_batch, attempts_grade_queued
from tests.conftest import client_for
from tests.factories import EnrollmentFactory, UserFactory
from tests.quizzes.builders import RIGHT, WRONG, answers_for, drawn_quiz, mixed_bank
from tests.quizzes.test_attempt_events import wake_once_after_subscribing

# (questions per attempt, classmates with graded attempts already in the course)
SIZES = [pytest.param(4, 1, id="4-questions-1-classmate"), pytest.param(20, 12, id="20-questions-12-classmates")]

# The budgets (inside a test transaction, so each atomic block adds a SAVEPOINT and its RELEASE).
# Raising one needs a reason in the commit message; a size-dependent count is a bug.
START_QUERIES = (
    14  # +2 (issue 17): the student's own accommodation and their groups', read once for the open/close check, attempt limit and deadline
)
# On PostgreSQL a process remembers the bank rows its draws have read, stamped with their row
# versions (quizzes.services.draws): a start that finds every row it walks remembered skips their read.
START_WARM_QUERIES = START_QUERIES - 1 if connection.vendor == "postgresql" else START_QUERIES
SAVE_QUERIES = 3  # token, the response+attempt+question read, the conditional write
# On PostgreSQL a process remembers the shape of the questions its saves have read, stamped with
# their row versions (quizzes.services.attempts): the next answer to one is the write alone.
SAVE_WARM_QUERIES = SAVE_QUERIES - 1 if connection.vendor == "postgresql" else SAVE_QUERIES
# Several answers at once (responses_save): SAVEPOINT, the attempt locked and its responses read
# in one SELECT ... FOR UPDATE OF, one UPDATE for them all, RELEASE (was 5: lock and read apart).
SAVE_MANY_QUERIES = 4
# One conditional UPDATE flips IN_PROGRESS -> SUBMITTED (was 5: SAVEPOINT, the locked read, the
# UPDATE, RELEASE); before it the token and the permission-checked attempt read.
SUBMIT_QUERIES = 3
# The pages: the session and the user first (django.contrib.auth), then as the API.
PAGE_START_QUERIES = START_QUERIES + 1  # session and user instead of the token
PAGE_TAKE_QUERIES = 4  # session, user, the attempt, its responses (questions come prepared; was 5)
PAGE_SAVE_QUERIES = 4  # session, user, the read, the conditional write (was 6: the page read both again first)
PAGE_SUBMIT_QUERIES = 4  # session, user, the attempt, the conditional UPDATE (was 7)
POLL_IN_PROGRESS_QUERIES = 3  # token (first request), the attempt, its responses (questions come prepared)
# Later polls find the token remembered (config/authentication.py):
POLL_SUBMITTED_QUERIES = 1  # the attempt: nothing else until the grade arrives
POLL_GRADED_QUERIES = 3  # the attempt, its responses with questions, the effective keys
GRADEBOOK_QUERIES = 3
# The push endpoint (GET /api/attempts/{id}/events/, issue 18): the token and the permission-checked
# attempt; then waiting costs nothing, and each wake-up one indexed read of the state before "graded"
# is told. The page's EventSource pays the session and the user instead of the token (+1).
PUSH_QUERIES = 2
PUSH_WOKEN_QUERIES = PUSH_QUERIES + 1
# A grading batch (quizzes.services.grading), whatever its size: the check for work, the claim
# (SAVEPOINT, the ids locked, the UPDATE, RELEASE), the responses, their questions with the
# versions their keys come from (one query; 17 -> 16 when the questions and the versions, read
# apart, stopped reading the same rows twice); then SAVEPOINT, the claims locked, one UPDATE of the responses, the
# quizzes, the topic mastery rows locked and one INSERT of the new ones (plus one UPDATE when a
# student has some already, and three more for facts, as for topics, when questions are about
# facts), one UPDATE of the attempts, the LMS links, RELEASE. Outside a test's transaction the two
# SAVEPOINT pairs are BEGIN and COMMIT, which are not queries: 12.
GRADE_BATCH_QUERIES = 16
# A grading message's run: its pending mark cleared (one DELETE), then the batch; a full batch
# also marks the next message pending (one INSERT) before grading.
GRADE_MESSAGE_QUERIES = GRADE_BATCH_QUERIES + 1
GRADE_MESSAGE_FULL_BATCH_QUERIES = GRADE_MESSAGE_QUERIES + 1


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    # Submitting enqueues grading after commit; these tests grade inline instead.
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


def classroom(course: Course, *, questions: int, classmates: int) -> Quiz:
    """A quiz drawing ``questions`` from a mixed bank, with ``classmates`` who each have a graded attempt."""
    quiz = drawn_quiz(course=course, bank=mixed_bank(per_type=3), count=questions)
    for index in range(classmates):
        classmate = UserFactory(username=f"classmate-{index}", role=User.Role.STUDENT)
        EnrollmentFactory(course=course, user=classmate, role=Enrollment.Role.STUDENT)
        attempt = attempt_start(quiz=quiz, user=classmate)
        attempt_submit(attempt=attempt, user=classmate, answers=answers_for(attempt, RIGHT if index % 2 else WRONG))
        attempt_grade(attempt_id=attempt.pk)
    return quiz


def draws_forget() -> None:
    """A cold start, as a process's first: the budgets count the bank rows' read (START_WARM_QUERIES: without it)."""
    draws._DRAWN.clear()


def api_for(user: User) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_starting_an_attempt_costs_the_same_queries_for_any_quiz_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    draws_forget()
    api = api_for(student)
    with django_assert_num_queries(START_QUERIES):
        reply = api.post(f"/api/quizzes/{quiz.pk}/attempts/")
    assert reply.status_code == 201, reply.content
    assert len(reply.json()["questions"]) == questions
    # The start replies from the rows it just wrote: exactly what reading them back shows.
    assert reply.json()["questions"] == api.get(f"/api/attempts/{reply.json()['id']}/").json()["questions"]


def test_a_start_whose_bank_rows_the_process_has_read_skips_reading_them_again(
    course: Course, student: User, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=20, classmates=0)
    drawable = Question.objects.filter(bank_id=quiz.sources.get().bank_id, is_current=True, status=Question.Status.APPROVED)
    bank_size = drawable.exclude(type=QuestionType.DESCRIPTION).count()
    assert bank_size <= 20 + 20 // 2 + 4  # a start of 20 walks the whole bank: every row is read by the first
    classmate = UserFactory(username="first-in", role=User.Role.STUDENT)
    EnrollmentFactory(course=course, user=classmate, role=Enrollment.Role.STUDENT)
    api_for(classmate).post(f"/api/quizzes/{quiz.pk}/attempts/")
    remembered = len(draws._DRAWN)
    api = api_for(student)

    with django_assert_num_queries(START_WARM_QUERIES):
        reply = api.post(f"/api/quizzes/{quiz.pk}/attempts/")

    assert reply.status_code == 201, reply.content
    assert len(reply.json()["questions"]) == 20
    assert reply.json()["questions"] == api.get(f"/api/attempts/{reply.json()['id']}/").json()["questions"]
    assert remembered == (bank_size if connection.vendor == "postgresql" else 0)


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_saving_an_answer_costs_the_same_queries_for_any_quiz_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    response = attempt.responses.select_related("question").order_by("-position").first()
    assert response is not None
    api = api_for(student)
    save_shapes_forget()
    with django_assert_num_queries(SAVE_QUERIES):
        reply = api.put(
            f"/api/attempts/{attempt.pk}/responses/{response.question_id}/", {"answer": RIGHT[response.question.type]}, format="json"
        )
    assert reply.status_code == 200, reply.content
    response.refresh_from_db()
    assert response.saved_at is not None
    first_answer = response.answer

    with django_assert_num_queries(SAVE_WARM_QUERIES):
        again = api.put(
            f"/api/attempts/{attempt.pk}/responses/{response.question_id}/", {"answer": WRONG[response.question.type]}, format="json"
        )
    assert again.status_code == 200, again.content
    response.refresh_from_db()
    assert response.answer is not None and response.answer != first_answer


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_polling_an_attempt_costs_the_same_queries_in_every_state_and_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    api = api_for(student)
    url = f"/api/attempts/{attempt.pk}/"

    with django_assert_num_queries(POLL_IN_PROGRESS_QUERIES):
        assert api.get(url).json()["state"] == "in_progress"

    attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    with django_assert_num_queries(POLL_SUBMITTED_QUERIES):
        waiting = api.get(url).json()
    assert waiting["state"] == "submitted"
    assert waiting["items"] == [] and waiting["score"] is None

    attempt_grade(attempt_id=attempt.pk)
    with django_assert_num_queries(POLL_GRADED_QUERIES):
        body = api.get(url).json()
    assert body["state"] == "graded"
    assert len(body["items"]) == questions
    assert body["score"] == float(Attempt.objects.get(pk=attempt.pk).max_score)


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_waiting_on_the_push_endpoint_costs_the_same_queries_in_every_state_and_size(
    course: Course,
    student: User,
    questions: int,
    classmates: int,
    django_assert_num_queries: Any,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.ATTEMPT_EVENTS_TIMEOUT_SECONDS = 1
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    attempt_submit(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    url = f"/api/attempts/{attempt.pk}/events/"
    api = api_for(student)

    # Woken once (a message the test sends while the attempt is still only submitted), then the timeout.
    tokens_forget(user_id=student.pk)
    with monkeypatch.context() as patch:
        wake_once_after_subscribing(patch, attempt.pk)
        with django_assert_num_queries(PUSH_WOKEN_QUERIES):
            waited = api.get(url)
    assert waited.content.endswith(b'"state": "submitted"}\n\n')

    attempt_grade(attempt_id=attempt.pk)
    tokens_forget(user_id=student.pk)
    with django_assert_num_queries(PUSH_QUERIES):
        graded = api.get(url)
    assert b"event: graded" in graded.content


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_the_gradebook_costs_the_same_queries_for_any_class_size(
    course: Course, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    classroom(course, questions=questions, classmates=classmates)
    with django_assert_num_queries(GRADEBOOK_QUERIES):
        book = gradebook_for_course(course=course)
    assert len(book.rows) == classmates + 1  # the cast's student has no attempt yet
    assert sum(cell.attempts for row in book.rows for cell in row.cells) == classmates


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_saving_several_answers_at_once_costs_the_same_queries_for_any_number_of_them(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    answers = answers_for(attempt, RIGHT)
    with django_assert_num_queries(SAVE_MANY_QUERIES):
        responses_save(attempt=attempt, user=student, answers=answers)
    saved = list(attempt.responses.all())
    assert len(saved) == len(answers) == questions
    assert all(r.answer is not None and r.saved_at is not None for r in saved)


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_submitting_costs_the_same_queries_for_any_quiz_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    attempt = attempt_start(quiz=quiz, user=student)
    responses_save(attempt=attempt, user=student, answers=answers_for(attempt, RIGHT))
    api = api_for(student)
    with django_assert_num_queries(SUBMIT_QUERIES):
        reply = api.post(f"/api/attempts/{attempt.pk}/submit/")
    assert reply.status_code == 202, reply.content
    assert reply.json()["state"] == "submitted"
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED and not attempt.auto_submitted
    # Repeating it is the same submission, through the path that says so.
    assert api.post(f"/api/attempts/{attempt.pk}/submit/").json()["submitted_at"] == reply.json()["submitted_at"]


def test_an_in_progress_poll_whose_questions_are_not_prepared_costs_one_query_more(
    course: Course, student: User, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=4, classmates=0)
    attempt = attempt_start(quiz=quiz, user=student)
    api = api_for(student)
    url = f"/api/attempts/{attempt.pk}/"
    warm = api.get(url).json()  # prepared by the start; the token is now remembered
    prepared_questions_forget(attempt.responses.values_list("question_id", flat=True))
    with django_assert_num_queries(POLL_IN_PROGRESS_QUERIES - 1 + 1):  # no token lookup; the questions read once
        assert api.get(url).json() == warm
    with django_assert_num_queries(POLL_IN_PROGRESS_QUERIES - 1):  # prepared again by that read
        assert api.get(url).json() == warm


# --- the pages ------------------------------------------------------------------------------------

# The right answer to each question type of the mixed bank, as the page's form posts it.
PAGE_FORM: dict[str, dict[str, Any]] = {
    QuestionType.SINGLE_CHOICE: {"answer": "c1"},
    QuestionType.MULTIPLE_RESPONSE: {"answer": ["c1", "c2"]},
    QuestionType.TRUE_FALSE: {"answer": "true"},
    QuestionType.CLOZE: {"answer": "HIMARS"},
    QuestionType.NUMERIC: {"answer": "281"},
    QuestionType.MATCHING: {"match-l1": "r1", "match-l2": "r2"},
    QuestionType.ORDERING: {"order": ["o1", "o2", "o3"]},
    QuestionType.SHORT_ANSWER: {"answer": "Jens Stoltenberg"},
}


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_the_pages_of_an_attempt_cost_the_same_queries_for_any_quiz_size(
    course: Course, student: User, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    draws_forget()
    save_shapes_forget()
    web = client_for(student)

    with django_assert_num_queries(PAGE_START_QUERIES):
        started = web.post(f"/quizzes/{quiz.pk}/")
    attempt = Attempt.objects.get(quiz=quiz, user=student)
    assert started.status_code == 302 and started["Location"] == f"/attempts/{attempt.pk}/"

    with django_assert_num_queries(PAGE_TAKE_QUERIES):
        page = web.get(f"/attempts/{attempt.pk}/")
    assert page.status_code == 200
    assert page.content.decode().count('name="question" value=') == questions

    first = Response.objects.select_related("question").get(attempt=attempt, position=1)
    with django_assert_num_queries(PAGE_SAVE_QUERIES):
        saved = web.post(f"/attempts/{attempt.pk}/answer/", {"question": first.question_id, **PAGE_FORM[first.question.type]})
    assert saved.status_code == 204 and saved["X-Answered"] == "1"
    first.refresh_from_db()
    assert first.answer is not None and first.saved_at is not None
    with django_assert_num_queries(PAGE_SAVE_QUERIES - (SAVE_QUERIES - SAVE_WARM_QUERIES)):  # the question's shape is remembered now
        cleared = web.post(f"/attempts/{attempt.pk}/answer/", {"question": first.question_id})
    assert cleared.status_code == 204 and cleared["X-Answered"] == "0"
    first.refresh_from_db()
    assert first.answer is None

    with django_assert_num_queries(PAGE_SUBMIT_QUERIES):
        submitted = web.post(f"/attempts/{attempt.pk}/submit/")
    assert submitted.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).state == Attempt.State.SUBMITTED


@pytest.mark.parametrize("others", [1, 12])
def test_a_page_with_an_essay_that_takes_a_file_costs_one_query_more_for_any_quiz_size(
    course: Course, student: User, others: int, django_assert_num_queries: Any
) -> None:
    # Only such a page reads what is attached (one query for the whole attempt); every other
    # page keeps PAGE_TAKE_QUERIES, as the test above pins.
    from tests.factories import QuestionFactory
    from tests.quizzes.builders import fixed_quiz, question_of

    essay = QuestionFactory(essay=True, choices={"attachments": "optional"}, answer={})
    quiz = fixed_quiz(course=course, questions=[essay, *(question_of("single_choice") for _ in range(others))])
    attempt = attempt_start(quiz=quiz, user=student)
    web = client_for(student)
    web.get(f"/attempts/{attempt.pk}/")  # the questions are prepared by the first read
    with django_assert_num_queries(PAGE_TAKE_QUERIES + 1):
        page = web.get(f"/attempts/{attempt.pk}/")
    assert page.status_code == 200 and "Attached file for question" in page.content.decode()


@pytest.mark.parametrize(("questions", "classmates"), SIZES)
def test_grading_a_batch_costs_the_same_queries_for_any_quiz_and_batch_size(
    course: Course, questions: int, classmates: int, django_assert_num_queries: Any
) -> None:
    quiz = classroom(course, questions=questions, classmates=classmates)
    submitted = []
    # At most 6 at once: on SQLite, Django splits an UPDATE of more than 142 responses (its 999
    # parameters) in two; PostgreSQL writes any number in one statement.
    for index in range(min(classmates, 6)):
        newcomer = UserFactory(username=f"newcomer-{index}", role=User.Role.STUDENT)
        EnrollmentFactory(course=course, user=newcomer, role=Enrollment.Role.STUDENT)
        attempt = attempt_start(quiz=quiz, user=newcomer)
        submitted.append(attempt_submit(attempt=attempt, user=newcomer, answers=answers_for(attempt, RIGHT if index % 2 else WRONG)).pk)
    with django_assert_num_queries(GRADE_BATCH_QUERIES):
        graded = attempts_grade_batch(attempt_id=submitted[-1])
    assert sorted(graded) == sorted(submitted)
    assert not Attempt.objects.filter(state=Attempt.State.SUBMITTED).exists()


@pytest.mark.parametrize(("batch_size", "budget"), [(50, GRADE_MESSAGE_QUERIES), (2, GRADE_MESSAGE_FULL_BATCH_QUERIES)])
def test_a_grading_message_adds_one_query_to_its_batch_and_one_more_when_the_batch_is_full(
    course: Course, settings: Any, django_assert_num_queries: Any, batch_size: int, budget: int
) -> None:
    settings.GRADING_BATCH_SIZE = batch_size
    quiz = classroom(course, questions=4, classmates=0)
    submitted = []
    for index in range(2):
        newcomer = UserFactory(username=f"newcomer-{index}", role=User.Role.STUDENT)
        EnrollmentFactory(course=course, user=newcomer, role=Enrollment.Role.STUDENT)
        attempt = attempt_start(quiz=quiz, user=newcomer)
        submitted.append(attempt_submit(attempt=attempt, user=newcomer, answers=answers_for(attempt, RIGHT)).pk)
    with django_assert_num_queries(budget):
        graded = attempts_grade_queued(attempt_id=submitted[0])
    assert sorted(graded) == sorted(submitted)
