"""The push channel (quizzes/attempt_events.py, GET /api/attempts/{id}/events/): the student's page
and API clients learn that an attempt is graded from one waiting request instead of polling.

On whichever stack the suite runs: Redis pub/sub when REDIS_URL is set, signal files otherwise.
The test client goes through WSGI, so each answer arrives whole once the wait is over (under ASGI
the same bytes are streamed; tests/quizzes/test_attempt_events_worker.py reads them so).
The same through a real Celery worker: tests/quizzes/test_attempt_events_worker.py.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from asgiref.sync import async_to_sync
from django.db import connection
from django.test import Client
from rest_framework.authtoken.models import Token

from courseware.models import Course, User
from quizzes import attempt_events
from quizzes.attempt_events import PREAMBLE, attempts_graded_publish, no_wait_retry_ms, preamble_no_wait
from quizzes.models import Attempt, Quiz
from quizzes.selectors.attempts import ATTEMPT_NOT_FOUND
from quizzes.services.attempts import attempt_start, attempt_submit
from quizzes.services.grading import attempt_grade
from tests.conftest import client_for
from tests.factories import EnrollmentFactory
from tests.quizzes.builders import RIGHT, answers_for, fixed_quiz, question_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    # Submitting enqueues grading after commit; these tests grade inline (attempt_grade) instead.
    monkeypatch.setattr("quizzes.services.grading.attempt_grading_enqueue", lambda *, attempt_id: True)


@pytest.fixture
def quiz(course: Course) -> Quiz:
    return fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:3]])


def submitted(quiz: Quiz, user: User) -> Attempt:
    attempt = attempt_start(quiz=quiz, user=user)
    return attempt_submit(attempt=attempt, user=user, answers=answers_for(attempt, RIGHT))


def token_client(user: User) -> Client:
    token, _ = Token.objects.get_or_create(user=user)
    return Client(headers={"Authorization": f"Token {token.key}"})


def events_url(attempt_id: int) -> str:
    return f"/api/attempts/{attempt_id}/events/"


def never_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    async def refuse(self: Any, timeout: float) -> bool:
        raise AssertionError("the endpoint waited for an attempt that is graded already")

    monkeypatch.setattr(attempt_events._RedisWatch, "woken", refuse)
    monkeypatch.setattr(attempt_events._FileWatch, "woken", refuse)


def wake_once_after_subscribing(monkeypatch: pytest.MonkeyPatch, attempt_id: int) -> None:
    """Publish one message for the attempt shortly after the endpoint has subscribed and read it,
    whatever the attempt's state: the wake-up is then certain to be heard, and heard once."""
    owned_state = attempt_events._owned_state

    def read_then_wake(**kwargs: Any) -> str:
        state = owned_state(**kwargs)
        threading.Timer(0.1, attempts_graded_publish, kwargs={"attempt_ids": [attempt_id]}).start()
        return state

    monkeypatch.setattr(attempt_events, "_owned_state", read_then_wake)


def test_a_graded_attempt_is_answered_at_once_without_waiting(quiz, student, monkeypatch) -> None:
    attempt = submitted(quiz, student)
    attempt_grade(attempt_id=attempt.pk)
    never_waits(monkeypatch)
    reply = token_client(student).get(events_url(attempt.pk))
    assert reply.status_code == 200
    assert reply["Content-Type"] == "text/event-stream"
    assert reply["Cache-Control"] == "no-store"
    assert reply.content == PREAMBLE + f'event: graded\ndata: {{"id": {attempt.pk}, "state": "graded"}}\n\n'.encode()


def test_the_students_page_waits_with_its_session(quiz, student, monkeypatch) -> None:
    attempt = submitted(quiz, student)
    attempt_grade(attempt_id=attempt.pk)
    never_waits(monkeypatch)
    reply = client_for(student).get(events_url(attempt.pk))
    assert reply.status_code == 200 and b"event: graded\n" in reply.content


def test_a_wait_that_nothing_ends_answers_timeout_with_the_state_and_the_client_asks_again(quiz, student, settings) -> None:
    settings.ATTEMPT_EVENTS_TIMEOUT_SECONDS = 0.3
    attempt = submitted(quiz, student)
    reply = token_client(student).get(events_url(attempt.pk))
    assert reply.status_code == 200
    # "retry" tells an EventSource how soon to reconnect; the state is the public one.
    assert reply.content == PREAMBLE + f'event: timeout\ndata: {{"id": {attempt.pk}, "state": "submitted"}}\n\n'.encode()


def test_a_wake_up_the_database_does_not_confirm_keeps_waiting(quiz, student, settings, monkeypatch) -> None:
    """A stray message (another database's attempt with the same id, an old signal file) is
    checked against the attempt's state, and never told as "graded"."""
    settings.ATTEMPT_EVENTS_TIMEOUT_SECONDS = 1
    attempt = submitted(quiz, student)
    wake_once_after_subscribing(monkeypatch, attempt.pk)
    reply = token_client(student).get(events_url(attempt.pk))
    assert b"event: timeout\n" in reply.content and b"graded" not in reply.content


def test_another_student_an_instructor_and_an_unknown_id_get_404(quiz, student, other_student, instructor, course) -> None:
    attempt = submitted(quiz, student)
    attempt_grade(attempt_id=attempt.pk)
    EnrollmentFactory(course=course, user=other_student)  # a classmate: still not their attempt
    for user in (other_student, instructor):
        reply = token_client(user).get(events_url(attempt.pk))
        assert reply.status_code == 404, user
        assert reply.json() == {"detail": ATTEMPT_NOT_FOUND, "code": "not_found"}
    assert token_client(student).get(events_url(attempt.pk + 1000)).status_code == 404


def test_anonymous_callers_and_bad_tokens_get_401(quiz, student) -> None:
    attempt = submitted(quiz, student)
    anonymous = Client().get(events_url(attempt.pk))
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "not_authenticated"
    bad = Client(headers={"Authorization": "Token nope"}).get(events_url(attempt.pk))
    assert bad.status_code == 401 and bad.json()["code"] == "authentication_failed"


def test_only_get_is_allowed(quiz, student) -> None:
    attempt = submitted(quiz, student)
    reply = token_client(student).post(events_url(attempt.pk))
    assert reply.status_code == 405 and reply["Allow"] == "GET"


@pytest.mark.django_db(transaction=True)
def test_a_waiting_client_hears_graded_when_grading_commits_in_another_thread(course, student, settings) -> None:
    """In-process, through the grading service's on-commit publication: the wait is still going
    when grading commits (its timeout is far away), and it answers "graded", not "timeout"."""
    settings.ATTEMPT_EVENTS_TIMEOUT_SECONDS = 30
    quiz = fixed_quiz(course=course, questions=[question_of(t) for t in list(RIGHT)[:3]])
    attempt = submitted(quiz, student)
    client = token_client(student)

    def grade_elsewhere() -> None:  # what the worker does, from a connection of its own
        try:
            attempt_grade(attempt_id=attempt.pk)
        finally:
            connection.close()

    grader = threading.Timer(0.5, grade_elsewhere)
    grader.start()
    reply = client.get(events_url(attempt.pk))
    grader.join()
    assert reply.content.endswith(f'event: graded\ndata: {{"id": {attempt.pk}, "state": "graded"}}\n\n'.encode())


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param({"REDIS_URL": "redis://127.0.0.1:1/0"}, id="redis-down"),  # nothing listens there
        pytest.param({"REDIS_URL": None, "ATTEMPT_EVENTS_DIR": "/dev/null/events"}, id="files-unwritable"),
    ],
)
def test_a_failed_publication_does_not_fail_grading(quiz, student, settings, broken, django_capture_on_commit_callbacks, caplog) -> None:
    for name, value in broken.items():
        setattr(settings, name, value)
    attempt = submitted(quiz, student)
    with django_capture_on_commit_callbacks(execute=True):
        graded = attempt_grade(attempt_id=attempt.pk)
    assert graded is not None and graded.state == Attempt.State.GRADED
    assert "could not publish the grades" in caplog.text


def test_on_a_sync_server_the_endpoint_answers_at_once_and_the_client_asks_again_as_late_as_it_has_waited(quiz, student, settings) -> None:
    # gunicorn's sync workers (the default production server) run with ATTEMPT_EVENTS_WAIT off: a wait
    # would hold the whole worker, so the state is told at once and the EventSource reconnects later:
    # a quarter of a second after a fresh submit, then each time about as late as it has waited so far.
    settings.ATTEMPT_EVENTS_WAIT = False
    settings.ATTEMPT_EVENTS_TIMEOUT_SECONDS = 25
    submit_time = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(submit_time, tick=False):
        attempt = submitted(quiz, student)
        reply = token_client(student).get(events_url(attempt.pk))
    assert reply.status_code == 200
    assert reply.content == preamble_no_wait(250) + f'event: timeout\ndata: {{"id": {attempt.pk}, "state": "submitted"}}\n\n'.encode()
    with time_machine.travel(submit_time + timedelta(seconds=1.5), tick=False):
        assert token_client(student).get(events_url(attempt.pk)).content.startswith(preamble_no_wait(1500))


def test_the_no_wait_reconnection_delay_doubles_from_a_quarter_second_to_three_seconds() -> None:
    submit = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    delays = []
    now = submit + timedelta(milliseconds=100)  # the result page's first ask
    while len(delays) < 6:
        delays.append(no_wait_retry_ms(submitted_at=submit, now=now))
        now += timedelta(milliseconds=delays[-1])
    assert delays == [250, 350, 700, 1400, 2800, 3000]
    assert no_wait_retry_ms(submitted_at=None, now=now) == 3000  # not submitted yet: nothing to expect soon


@pytest.mark.django_db(transaction=True)
def test_on_a_sync_server_an_ask_subscribes_to_nothing_and_keeps_the_workers_database_connection(
    quiz, student, settings, monkeypatch
) -> None:
    # A sync worker answers at once, so it has nothing to hear; and its persistent database
    # connection serves its next request: closing it after each ask made the worker start a new
    # PostgreSQL backend for every ask of a burst (500 students, each asking every few seconds).
    settings.ATTEMPT_EVENTS_WAIT = False
    attempt = submitted(quiz, student)

    def no_subscription(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a server that does not wait subscribed to the push channel")

    monkeypatch.setattr(attempt_events, "_RedisWatch", no_subscription)
    monkeypatch.setattr(attempt_events, "_FileWatch", no_subscription)
    client = token_client(student)
    connection.ensure_connection()
    kept = connection.connection

    reply = client.get(events_url(attempt.pk))

    assert reply.status_code == 200
    assert reply.content.endswith(f'event: timeout\ndata: {{"id": {attempt.pk}, "state": "submitted"}}\n\n'.encode())
    assert kept is not None and connection.connection is kept


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("release", [True, False])
def test_a_wait_closes_its_database_connection_after_reading_only_when_told_to(quiz, student, release) -> None:
    # Under ASGI the reads run in a thread of their own, whose connection would sit idle through
    # the whole wait (release=True, what the view asks for an ASGI request); under WSGI they run
    # on the worker's own connection, which stays (release=False).
    attempt = submitted(quiz, student)
    connection.ensure_connection()

    wait = async_to_sync(attempt_events.attempt_wait_open)(user=student, attempt_id=attempt.pk, timeout=0, release=release)

    assert wait.state == Attempt.State.SUBMITTED
    assert (connection.connection is None) is release
